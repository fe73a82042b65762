import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One timed run of a command: wall time, the child's CPU time (user, system) and peak resident memory.
struct Measurement {
    var seconds: Double
    var maxRSSKiB: Int
    var status: Int32
    var userSeconds: Double = 0
    var systemSeconds: Double = 0
}

enum Measure {
    /// Runs `arguments` with stdout and stderr sent to `log`, and measures it with wait4.
    static func run(_ arguments: [String], log: String) -> Measurement {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { return Measurement(seconds: 0, maxRSSKiB: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func time(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return Measurement(seconds: seconds, maxRSSKiB: Int(usage.ru_maxrss), status: exit,
                           userSeconds: time(usage.ru_utime), systemSeconds: time(usage.ru_stime))
    }

    static func countFiles(_ folder: String, suffix: String) -> Int {
        guard let e = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var n = 0
        while let p = e.nextObject() as? String { if p.hasSuffix(suffix) { n += 1 } }
        return n
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

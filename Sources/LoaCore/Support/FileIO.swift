#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File access through POSIX calls: measured 3–5× faster than Foundation's for many small files.
public enum FileIO {
    public static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        // Straight into an array of the file's size: a build reads tens of thousands of files,
        // and going through a zeroed 64 KiB buffer cost a memset and a copy for each.
        var capacity = Int(st.st_size) + 1
        var result = [UInt8]()
        while true {
            var failed = false
            let start = result.count
            result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                guard let base = buffer.baseAddress else { return }
                if start > 0 { (base).update(from: result, count: start) }
                count = start
                while count < capacity {
                    let n = Glibc.read(fd, base + count, capacity - count)
                    if n < 0 { if errno == EINTR { continue }; failed = true; return }
                    if n == 0 { return }
                    count += n
                }
            }
            if failed { return nil }
            // The file grew while being read: read on.
            if result.count < capacity { return result }
            capacity *= 2
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case system(String, String)
        public var description: String {
            switch self { case let .system(what, path): "\(what) \(path): \(String(cString: strerror(errno)))" }
        }
    }

    /// Writes the whole file, creating it with mode 0644.
    public static func write<C: Collection>(_ bytes: C, to path: String) throws where C.Element == UInt8 {
        _ = try write(bytes, to: path, stamped: false)
    }

    /// Writes a file and returns its modification time (ns), as `stat` will give it later: the
    /// time is taken from the open file, not by looking the path up again.
    static func writeStamped(_ bytes: [UInt8], to path: String) throws -> Int {
        try write(bytes, to: path, stamped: true)
    }

    private static func write<C: Collection>(_ bytes: C, to path: String, stamped: Bool) throws -> Int where C.Element == UInt8 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.system("cannot create", path) }
        defer { close(fd) }
        let ok: Bool = bytes.withContiguousStorageIfAvailable { buf in writeAll(fd, buf) } ?? Array(bytes).withUnsafeBufferPointer { writeAll(fd, $0) }
        if !ok { throw Failure.system("cannot write", path) }
        var st = stat()
        guard stamped, fstat(fd, &st) == 0 else { return 0 }
        return stamp(st).modified
    }

    /// Size and modification time (ns) of a file, or nil when it does not exist.
    static func stamp(_ path: String) -> (size: Int, modified: Int)? {
        var st = stat()
        return stat(path, &st) == 0 ? stamp(st) : nil
    }

    /// Size and modification time (ns): what the build manifest compares.
    static func stamp(_ st: stat) -> (size: Int, modified: Int) {
        (Int(st.st_size), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
    }

    private static func writeAll(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }

    /// Writes a file beside `path` and renames it there: a reader finds the old file or the new
    /// one, never half of one.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".tmp-\(getpid())"
        try write(bytes, to: temporary)
        try rename(temporary, path)
    }

    public static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write($0, to: path) }
    }

    /// mkdir -p.
    public static func makeDirectories(_ path: String) throws {
        // mkdir first: a build makes tens of thousands of folders whose parent exists, and
        // checking before each one doubled the system calls.
        if mkdir(path, 0o755) == 0 { return }
        switch errno {
        case EEXIST:
            if isDirectory(path) { return }
        case ENOENT:
            let parent = parentPath(path)
            if !parent.isEmpty && parent != path {
                try makeDirectories(parent)
                if mkdir(path, 0o755) == 0 || (errno == EEXIST && isDirectory(path)) { return }
            }
        default:
            break
        }
        throw Failure.system("cannot create folder", path)
    }

    public static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Names in a folder, sorted by bytes so every run walks in the same order.
    public static func list(_ path: String) -> [String] { entries(path).map(\.name) }

    /// Names in a folder with whether each is a folder (nil when the file system does not say),
    /// sorted by bytes.
    static func entries(_ path: String, sorted: Bool = true) -> [(name: String, isFolder: Bool?)] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var found: [(name: String, isFolder: Bool?)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name != "." && name != ".." else { continue }
            let type = entry.pointee.d_type
            found.append((name, type == UInt8(DT_DIR) ? true : type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) ? nil : false))
        }
        return sorted ? found.sorted { precedesInBytes($0.name, $1.name) } : found
    }

    /// UTF-8 byte order, by `memcmp`: comparing the UTF-8 views element by element was most of
    /// listing a folder of 20,000 files.
    static func precedesInBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, case let order = memcmp(x.baseAddress!, y.baseAddress!, common), order != 0 { return order < 0 }
                return x.count < y.count
            }
        }
    }

    /// A folder opened once, so that files below it are looked up from there rather than from
    /// `/` each time: looking up the path's folders was a quarter of checking 44,000 stamps.
    public final class Folder: Sendable {
        let path: String
        let descriptor: Int32

        public init(_ path: String) {
            self.path = path
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }

        deinit { if descriptor >= 0 { close(descriptor) } }

        /// Size and modification time (ns) of the file at `relative`, or nil when there is none.
        public func stamp(_ relative: String) -> (size: Int, modified: Int)? {
            guard descriptor >= 0 else { return FileIO.stamp(path + "/" + relative) }
            var st = stat()
            return fstatat(descriptor, relative, &st, 0) == 0 ? FileIO.stamp(st) : nil
        }
    }

    /// Every regular file below `root`, as paths relative to it, sorted unless `sorted` is false
    /// (then in the folders' own order); hidden entries skipped.
    public static func walk(_ root: String, sorted: Bool = true) -> [String] {
        var out: [String] = []
        func visit(_ relative: String) {
            let full = relative.isEmpty ? root : root + "/" + relative
            for entry in entries(full, sorted: sorted) where !entry.name.hasPrefix(".") {
                let rel = relative.isEmpty ? entry.name : relative + "/" + entry.name
                // The folder's own listing says what each entry is; stat only when it does not.
                if entry.isFolder ?? isDirectory(root + "/" + rel) { visit(rel) } else { out.append(rel) }
            }
        }
        visit("")
        return out
    }

    public static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            for name in list(path) { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    public static func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 { throw Failure.system("cannot rename \(from) to", to) }
    }
}

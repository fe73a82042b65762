#if canImport(Glibc)
import Glibc
#endif

/// Write stage helpers. A full build writes into a staging folder beside the output, which then
/// takes the output's place in two renames; an incremental build moves only the changed files
/// in. A build that fails before either leaves the output as it was.
public enum OutputWriter {
    /// Hashes of the files an earlier build left in `output`, to tell what a new build changes.
    public static func hashes(of output: String) -> [String: String] {
        var result: [String: String] = [:]
        for rel in FileIO.walk(output) {
            if let data = FileIO.read(output + "/" + rel) { result[rel] = SHA256.hex(data) }
        }
        return result
    }

    /// An incremental build's end: files written into `overlay` move into the output, and
    /// files of the previous build that this one did not produce are removed.
    static func apply(overlay: String, written: Set<String>, keep: Set<String>, previous: Set<String>, to output: String) throws {
        var made: Set<String> = []
        for path in written.sorted() {
            let target = output + "/" + path
            let folder = FileIO.parentPath(target)
            if !made.contains(folder) {
                try FileIO.makeDirectories(folder)
                made.insert(folder)
            }
            try FileIO.rename(overlay + "/" + path, target)
        }
        for path in previous.subtracting(written).subtracting(keep).sorted() {
            unlink(output + "/" + path)
            // Folders left empty go too, so a removed page leaves no trace.
            var folder = FileIO.parentPath(output + "/" + path)
            while folder.count > output.count && rmdir(folder) == 0 { folder = FileIO.parentPath(folder) }
        }
    }

    /// Puts the staging folder in the output's place. Where the file system can, both are
    /// exchanged in one step (`renameat2` with `RENAME_EXCHANGE`), so a build killed at any
    /// moment leaves the old output or the new one; elsewhere, two renames.
    static func swap(_ staging: String, into output: String) throws {
        guard FileIO.exists(output) else {
            try FileIO.rename(staging, output)
            return
        }
        if let exchange = Self.exchange, exchange(AT_FDCWD, output, AT_FDCWD, staging, 2 /* RENAME_EXCHANGE */) == 0 {
            // The old output now sits at the staging path; marked, so a leftover is recognised.
            if !OutputGuard.hasMarker(staging) { try? OutputGuard.writeMarker(into: staging) }
            OutputGuard.removeOwnTree(staging)
            return
        }
        let previous = output + ".loa-previous-\(getpid())"
        if !OutputGuard.hasMarker(output) { try? OutputGuard.writeMarker(into: output) }
        try FileIO.rename(output, previous)
        do {
            try FileIO.rename(staging, output)
        } catch {
            try? FileIO.rename(previous, output)
            throw error
        }
        OutputGuard.removeOwnTree(previous)
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's `renameat2` (2.28 and later), looked up at run time: Swift's Glibc module does not
    /// declare it.
    private static let exchange: Renameat2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2")
        .map { unsafeBitCast($0, to: Renameat2.self) }
}

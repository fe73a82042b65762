#if canImport(Glibc)
import Glibc
#endif

/// Write stage helpers. A full build writes into a staging folder beside the output, which then
/// takes the output's place; an incremental build brings the output's spare up to date and
/// exchanges the two (see `SpareOutput`). A build that fails before either leaves the output as
/// it was.
public enum OutputWriter {
    /// Hashes of the files an earlier build left in `output`, to tell what a new build changes.
    public static func hashes(of output: String) -> [String: String] {
        var result: [String: String] = [:]
        for rel in FileIO.walk(output) {
            if let data = FileIO.read(output + "/" + rel) { result[rel] = SHA256.hex(data) }
        }
        return result
    }

    /// Puts the staging folder in the output's place, and removes the old output.
    static func swap(_ staging: String, into output: String) throws {
        guard FileIO.exists(output) else {
            try FileIO.rename(staging, output)
            return
        }
        // Marked, so that the old output is known as Loa's wherever a killed build leaves it.
        if !OutputGuard.hasMarker(output) { try? OutputGuard.writeMarker(into: output) }
        try exchange(staging, output)
        OutputGuard.removeOwnTree(staging)
    }

    /// Exchanges two folders. Where the file system can, in one step (`renameat2` with
    /// `RENAME_EXCHANGE`), so a build killed at any moment leaves the old output or the new one;
    /// elsewhere in three renames, between which `b` is briefly absent (never a mix).
    static func exchange(_ a: String, _ b: String) throws {
        if let renameat2 = Self.renameat2, renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0 { return }
        let aside = b + ".loa-previous-\(getpid())"
        try FileIO.rename(b, aside)
        do {
            try FileIO.rename(a, b)
        } catch {
            try? FileIO.rename(aside, b)
            throw error
        }
        try FileIO.rename(aside, a)
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's `renameat2` (2.28 and later), looked up at run time: Swift's Glibc module does not
    /// declare it.
    private static let renameat2: Renameat2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2")
        .map { unsafeBitCast($0, to: Renameat2.self) }
}

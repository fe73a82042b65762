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

    static func swap(_ staging: String, into output: String) throws {
        guard FileIO.exists(output) else {
            try FileIO.rename(staging, output)
            return
        }
        let previous = output + ".loa-previous-\(getpid())"
        FileIO.removeTree(previous)
        try FileIO.rename(output, previous)
        do {
            try FileIO.rename(staging, output)
        } catch {
            try? FileIO.rename(previous, output)
            throw error
        }
        FileIO.removeTree(previous)
    }
}

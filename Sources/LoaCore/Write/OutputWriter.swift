#if canImport(Glibc)
import Glibc
#endif

/// Write stage: every file goes into a staging folder beside the output, which then takes the
/// output's place in two renames. A build that fails before the swap leaves the output as it was.
public enum OutputWriter {
    public struct Summary: Sendable {
        public var filesWritten: Int
        public var bytesWritten: Int
        /// Output path → SHA-256 of what was written (only when asked for).
        public var hashes: [String: String]
    }

    public static func write(_ files: [OutputFile], to output: String, hashing: Bool = false) throws -> Summary {
        let output = output.hasSuffix("/") && output.count > 1 ? String(output.dropLast()) : output
        let parent = FileIO.parentPath(output)
        if !parent.isEmpty { try FileIO.makeDirectories(parent) }
        let staging = output + ".loa-staging-\(getpid())"
        FileIO.removeTree(staging)
        try FileIO.makeDirectories(staging)
        var bytes = 0
        var hashes: [String: String] = [:]
        do {
            var made: Set<String> = [staging]
            for file in files.sorted(by: { $0.path < $1.path }) {
                let target = staging + "/" + file.path
                let folder = FileIO.parentPath(target)
                if !made.contains(folder) {
                    try FileIO.makeDirectories(folder)
                    made.insert(folder)
                }
                switch file {
                case .text(_, let content):
                    try FileIO.write(content, to: target)
                    bytes += content.utf8.count
                    if hashing { hashes[file.path] = SHA256.hex(content.utf8) }
                case .copy(_, let source):
                    guard let data = FileIO.read(source) else { throw FileIO.Failure.system("cannot read", source) }
                    try FileIO.write(data, to: target)
                    bytes += data.count
                    if hashing { hashes[file.path] = SHA256.hex(data) }
                }
            }
            // The repository keeps the empty output folder in git through this marker.
            if let keep = FileIO.read(output + "/.gitkeep") { try FileIO.write(keep, to: staging + "/.gitkeep") }
            try swap(staging, into: output)
        } catch {
            FileIO.removeTree(staging)
            throw error
        }
        return Summary(filesWritten: files.count, bytesWritten: bytes, hashes: hashes)
    }

    /// Hashes of the files an earlier build left in `output`, to tell what a new build changes.
    public static func hashes(of output: String) -> [String: String] {
        var result: [String: String] = [:]
        for rel in FileIO.walk(output) {
            if let data = FileIO.read(output + "/" + rel) { result[rel] = SHA256.hex(data) }
        }
        return result
    }

    private static func swap(_ staging: String, into output: String) throws {
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

import Foundation

/// What a build changed in the output, for deployment scripts that upload only differences.
public struct BuildReport: Sendable {
    public enum Status: String, Sendable { case added, changed, unchanged }

    public var output: String
    /// Every file written, with its SHA-256 and how it compares with the previous build.
    public var written: [(path: String, sha256: String, status: Status)]
    /// Files of the previous build that this one no longer has.
    public var removed: [String]

    public init(output: String, before: [String: String], after: [String: String]) {
        self.output = output
        written = after.keys.sorted().map { path in
            let hash = after[path]!
            let status: Status = before[path] == nil ? .added : (before[path] == hash ? .unchanged : .changed)
            return (path, hash, status)
        }
        removed = before.keys.filter { after[$0] == nil }.sorted()
    }

    public func count(_ status: Status) -> Int { written.filter { $0.status == status }.count }

    public func json() -> String {
        let object: [String: Any] = [
            "output": output,
            "written": written.map { ["path": $0.path, "sha256": $0.sha256, "status": $0.status.rawValue] },
            "removed": removed,
            "summary": ["written": written.count, "added": count(.added), "changed": count(.changed),
                        "unchanged": count(.unchanged), "removed": removed.count],
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

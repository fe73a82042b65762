import Foundation

/// What the last build wrote into an output folder, kept in `.loa-cache/` beside the site's
/// sources (never in the output, ignored by git). Deleting it only makes the next build a full one.
public struct BuildManifest: Sendable {
    public struct Entry: Sendable, Equatable {
        /// Hash of everything the file was made from: an unchanged fingerprint means an unchanged file.
        public var fingerprint: UInt64
        /// Hash of the bytes written.
        public var contentHash: UInt64
        /// The file as it was left, to notice when someone changed the output by hand.
        public var size: Int
        public var modified: Int
        /// For item pages: a hash of the item and the few site-wide facts its page shows, which
        /// lets an unchanged page be recognised without building its template data.
        public var quickKey: UInt64 = 0
    }

    public var entries: [String: Entry] = [:]
    /// Source path → (source hash, link destinations in its body): lets an unchanged item page
    /// be recognised without converting its Markdown.
    public var links: [String: (hash: UInt64, destinations: [String])] = [:]

    static let header = "loa-manifest 3"

    public static func location(siteRoot: String, output: String) -> String {
        siteRoot + "/.loa-cache/build-" + String(ContentHash.of(output), radix: 16) + ".manifest"
    }

    public init() {}

    public static func read(_ path: String) -> BuildManifest? {
        guard let bytes = FileIO.read(path) else { return nil }
        let text = bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == Substring(header) else { return nil }
        lines = lines.dropFirst()
        var manifest = BuildManifest()
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if f.first == "F", f.count == 7, let fp = UInt64(f[2], radix: 16), let ch = UInt64(f[3], radix: 16),
               let size = Int(f[4]), let modified = Int(f[5]), let quick = UInt64(f[6], radix: 16) {
                manifest.entries[String(f[1])] = Entry(fingerprint: fp, contentHash: ch, size: size, modified: modified, quickKey: quick)
            } else if f.first == "L", f.count >= 3, let hash = UInt64(f[2], radix: 16) {
                manifest.links[String(f[1])] = (hash, f.count > 3 ? f[3].split(separator: "\u{1F}").map(String.init) : [])
            } else {
                return nil
            }
        }
        return manifest
    }

    public func write(_ path: String) throws {
        var out = Self.header + "\n"
        for (path, e) in entries.sorted(by: { $0.key < $1.key }) {
            out += "F\t\(path)\t\(String(e.fingerprint, radix: 16))\t\(String(e.contentHash, radix: 16))\t\(e.size)\t\(e.modified)\t\(String(e.quickKey, radix: 16))\n"
        }
        for (source, l) in links.sorted(by: { $0.key < $1.key }) {
            out += "L\t\(source)\t\(String(l.hash, radix: 16))\t\(l.destinations.joined(separator: "\u{1F}"))\n"
        }
        try FileIO.makeDirectories(FileIO.parentPath(path))
        let temporary = path + ".tmp-\(getpid())"
        try FileIO.write(out, to: temporary)
        try FileIO.rename(temporary, path)
    }

    /// Size and modification time (ns) of a file, or nil when it does not exist.
    static func stamp(_ path: String) -> (size: Int, modified: Int)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (Int(st.st_size), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
    }
}

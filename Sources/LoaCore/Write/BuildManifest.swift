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

        /// True when the file at `path` is as the build left it (not changed by hand since).
        func isOnDisk(_ relative: String, in folder: FileIO.Folder) -> Bool {
            guard let stamp = folder.stamp(relative) else { return false }
            return stamp.size == size && stamp.modified == modified
        }
    }

    public var entries: [String: Entry] = [:]
    /// Source path → (source hash, link destinations in its body, hash of where they led): lets
    /// an unchanged item page be recognised without converting its Markdown.
    public var links: [String: (hash: UInt64, destinations: [String], targets: UInt64)] = [:]
    /// `LinkResolver.key` of the build: while it is the same, every link leads where it did.
    public var linkTable: UInt64 = 0
    /// The keys of `entries` and `links` in sorted order, as read: a build that changes only some
    /// values (a one-file rebuild) writes the manifest again without sorting 40,000 paths.
    private var sortedEntries: [String] = []
    private var sortedSources: [String] = []

    static let tag = "loa-manifest"
    /// Version 3 was text; any other version reads as nil, which means a full build.
    static let version = 5

    public static func location(siteRoot: String, output: String) -> String {
        siteRoot + "/.loa-cache/build-" + String(ContentHash.of(output), radix: 16) + ".manifest"
    }

    public init() {}

    public static func read(_ path: String) -> BuildManifest? {
        guard let bytes = FileIO.read(path) else { return nil }
        return decode(bytes)
    }

    static func decode(_ bytes: [UInt8]) -> BuildManifest? {
        BinaryReader.unseal(bytes, tag: tag, version: version) { r throws(BinaryReader.Corrupt) in
            var manifest = BuildManifest()
            (manifest.entries, manifest.sortedEntries) = try r.map { r throws(BinaryReader.Corrupt) in
                Entry(fingerprint: try r.fixed64(), contentHash: try r.fixed64(), size: try r.int(), modified: try r.int(),
                      quickKey: try r.fixed64())
            }
            (manifest.links, manifest.sortedSources) = try r.map { r throws(BinaryReader.Corrupt) in
                let hash = try r.fixed64()
                let targets = try r.fixed64()
                return (hash, try r.strings(), targets)
            }
            manifest.linkTable = try r.fixed64()
            return manifest
        }
    }

    /// Sorted, so the same build gives the same bytes. (Sorting the keys alone is 4× faster
    /// than sorting key–value pairs.)
    func encoded() -> [UInt8] {
        var w = BinaryWriter(capacity: entries.count * 96)
        w.map(entries, order: Self.order(entries, known: sortedEntries)) { w, e in
            w.fixed64(e.fingerprint)
            w.fixed64(e.contentHash)
            w.int(e.size)
            w.int(e.modified)
            w.fixed64(e.quickKey)
        }
        w.map(links, order: Self.order(links, known: sortedSources)) { w, l in
            w.fixed64(l.hash)
            w.fixed64(l.targets)
            w.strings(l.destinations)
        }
        w.fixed64(linkTable)
        return w.sealed(tag: Self.tag, version: Self.version)
    }

    /// The dictionary's keys in order: `known` when it holds exactly those keys, else nil (sorted) (as many, each
    /// one present: looking them up is much cheaper than sorting).
    private static func order<V>(_ map: [String: V], known: [String]) -> [String]? {
        known.count == map.count && known.allSatisfy { map[$0] != nil } ? known : nil
    }

    public func write(_ path: String) throws {
        try FileIO.makeDirectories(FileIO.parentPath(path))
        let temporary = path + ".tmp-\(getpid())"
        try FileIO.write(encoded(), to: temporary)
        try FileIO.rename(temporary, path)
    }

    /// True when every file recorded is in `output` as the build left it (not edited by hand).
    func outputIsIntact(_ output: String, workers: Int) -> Bool {
        let recorded = Array(entries)
        let folder = FileIO.Folder(output)
        return !Parallel.map(recorded.count, workers: workers, batch: 256) { recorded[$0].value.isOnDisk(recorded[$0].key, in: folder) }
            .contains(false)
    }
}

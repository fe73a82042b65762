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

    /// By output path. A change made here rather than through `overlay` or `restamp` makes the
    /// next `write` write the whole manifest (only their changes are recorded).
    public var entries: [String: Entry] = [:] { didSet { if !recording { base = 0 } } }
    /// Source path → (source hash, link destinations in its body, hash of where they led): lets
    /// an unchanged item page be recognised without converting its Markdown.
    public var links: [String: (hash: UInt64, destinations: [String], targets: UInt64)] = [:] { didSet { if !recording { base = 0 } } }
    /// `LinkResolver.key` of the build: while it is the same, every link leads where it did.
    public var linkTable: UInt64 = 0
    /// The keys of `entries` and `links` in sorted order, as read: a build that changes only some
    /// values writes the manifest again without sorting 40,000 paths.
    private var sortedEntries: [String] = []
    private var sortedSources: [String] = []
    /// The checksum of the whole manifest file this one was read from (0: made afresh), and the
    /// keys changed since: a build that changed a few files records only those, in a small file
    /// of changes beside it (see `write`).
    private var base: UInt64 = 0
    private var changedEntries: Set<String> = []
    private var changedSources: Set<String> = []
    private var recording = false

    static let tag = "loa-manifest"
    static let changesTag = "loa-manifest-changes"
    /// Version 3 was text; any other version reads as nil, which means a full build.
    static let version = 5

    public static func location(siteRoot: String, output: String) -> String {
        siteRoot + "/.loa-cache/build-" + String(ContentHash.of(output), radix: 16) + ".manifest"
    }

    /// The changes recorded since the manifest at `path` was last written whole.
    static func changesLocation(_ path: String) -> String { path + "-changes" }

    public init() {}

    /// The manifest at `path` with its recorded changes, if they were made to that very file.
    public static func read(_ path: String) -> BuildManifest? {
        guard let bytes = FileIO.read(path), var manifest = decode(bytes) else { return nil }
        if let changes = FileIO.read(changesLocation(path)) { manifest.apply(changes) }
        return manifest
    }

    /// Removes the manifest and its changes: the next build into that output is a full one.
    public static func remove(_ path: String) {
        unlink(changesLocation(path))
        unlink(path)
    }

    static func decode(_ bytes: [UInt8]) -> BuildManifest? {
        BinaryReader.unseal(bytes, tag: tag, version: version) { (r: inout BinaryReader, checksum: UInt64) throws(BinaryReader.Corrupt) in
            var manifest = BuildManifest()
            (manifest.entries, manifest.sortedEntries) = try r.orderedMap { r throws(BinaryReader.Corrupt) in try r.manifestEntry() }
            (manifest.links, manifest.sortedSources) = try r.orderedMap { r throws(BinaryReader.Corrupt) in try r.manifestLinks() }
            manifest.linkTable = try r.fixed64()
            manifest.base = checksum
            return manifest
        }
    }

    /// Applies a file of changes written by `write` over this manifest, unless it was written
    /// over another one (left by a build that stopped between its two writes) or is damaged.
    mutating func apply(_ bytes: [UInt8]) {
        let changes = BinaryReader.unseal(bytes, tag: Self.changesTag, version: Self.version) { r throws(BinaryReader.Corrupt) in
            guard try r.fixed64() == base else { return nil as BuildManifest? }
            var changes = BuildManifest()
            changes.entries = try r.map { r throws(BinaryReader.Corrupt) in try r.manifestEntry() }
            changes.links = try r.map { r throws(BinaryReader.Corrupt) in try r.manifestLinks() }
            changes.linkTable = try r.fixed64()
            return changes
        } ?? nil
        guard let changes else { return }
        overlay(changes)
        linkTable = changes.linkTable
    }

    /// Takes `other`'s entries and links over these (a build that rendered only some pages, over
    /// the last build's manifest, whose link table it shares), remembering which changed.
    mutating func overlay(_ other: BuildManifest) {
        recording = true
        defer { recording = false }
        for (path, entry) in other.entries where entries[path] != entry {
            entries[path] = entry
            changedEntries.insert(path)
        }
        for (source, l) in other.links {
            if let known = links[source], known.hash == l.hash, known.targets == l.targets, known.destinations == l.destinations { continue }
            links[source] = l
            changedSources.insert(source)
        }
    }

    /// The size and time a file was left with, found after it was written.
    mutating func restamp(_ path: String, size: Int, modified: Int) {
        guard entries[path] != nil else { return }
        recording = true
        defer { recording = false }
        entries[path]?.size = size
        entries[path]?.modified = modified
        changedEntries.insert(path)
    }

    /// Sorted, so the same build gives the same bytes. (Sorting the keys alone is 4× faster
    /// than sorting key–value pairs.)
    func encoded() -> [UInt8] {
        var w = BinaryWriter(capacity: entries.count * 96)
        w.map(entries, order: Self.order(entries, known: sortedEntries)) { $0.manifestEntry($1) }
        w.map(links, order: Self.order(links, known: sortedSources)) { $0.manifestLinks($1) }
        w.fixed64(linkTable)
        return w.sealed(tag: Self.tag, version: Self.version)
    }

    /// The changes since the whole manifest was written, for `apply`.
    func encodedChanges() -> [UInt8] {
        var w = BinaryWriter(capacity: changedEntries.count * 96 + changedSources.count * 64)
        w.fixed64(base)
        w.map(entries, order: changedEntries.sorted()) { $0.manifestEntry($1) }
        w.map(links, order: changedSources.sorted()) { $0.manifestLinks($1) }
        w.fixed64(linkTable)
        return w.sealed(tag: Self.changesTag, version: Self.version)
    }

    /// The dictionary's keys in order: `known` when it holds exactly those keys, else nil (sorted) (as many, each
    /// one present: looking them up is much cheaper than sorting).
    private static func order<V>(_ map: [String: V], known: [String]) -> [String]? {
        known.count == map.count && known.allSatisfy { map[$0] != nil } ? known : nil
    }

    /// Writes the manifest. When it was read from `path` and few entries changed since (a one-file
    /// rebuild), only the changes are written, beside it: encoding and replacing the whole file
    /// was a tenth of such a build on a large site. Either way, each file is replaced at once.
    public func write(_ path: String) throws {
        try FileIO.makeDirectories(FileIO.parentPath(path))
        let changes = Self.changesLocation(path)
        if base != 0 && (changedEntries.count + changedSources.count) * 8 <= entries.count + links.count {
            try FileIO.replace(changes, with: encodedChanges())
        } else {
            try FileIO.replace(path, with: encoded())
            // Changes left over belong to the manifest just replaced, and its checksum says so.
            unlink(changes)
        }
    }

    /// True when every file recorded is in `output` as the build left it (not edited by hand).
    func outputIsIntact(_ output: String, workers: Int) -> Bool {
        let recorded = Array(entries)
        let folder = FileIO.Folder(output)
        return !Parallel.map(recorded.count, workers: workers, batch: 256) { recorded[$0].value.isOnDisk(recorded[$0].key, in: folder) }
            .contains(false)
    }
}

extension BinaryWriter {
    mutating func manifestEntry(_ e: BuildManifest.Entry) {
        fixed64(e.fingerprint)
        fixed64(e.contentHash)
        int(e.size)
        int(e.modified)
        fixed64(e.quickKey)
    }

    mutating func manifestLinks(_ l: (hash: UInt64, destinations: [String], targets: UInt64)) {
        fixed64(l.hash)
        fixed64(l.targets)
        strings(l.destinations)
    }
}

extension BinaryReader {
    mutating func manifestEntry() throws(Corrupt) -> BuildManifest.Entry {
        BuildManifest.Entry(fingerprint: try fixed64(), contentHash: try fixed64(), size: try int(), modified: try int(), quickKey: try fixed64())
    }

    mutating func manifestLinks() throws(Corrupt) -> (hash: UInt64, destinations: [String], targets: UInt64) {
        let hash = try fixed64()
        let targets = try fixed64()
        return (hash, try strings(), targets)
    }
}

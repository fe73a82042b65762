import Foundation

/// Where rendered files go. Called from several threads at once.
public protocol PageSink: AnyObject, Sendable {
    /// False when the page is known to be unchanged since the last build and can be skipped.
    func needsRender(path: String, fingerprint: UInt64, quickKey: UInt64) -> Bool
    /// True when a previous build is known, so that most pages will be skipped.
    var isIncremental: Bool { get }
    /// True (and the file kept) when an item page's quick key matches the last build's.
    func unchanged(path: String, quickKey: UInt64) -> Bool
    /// A finished file, as UTF-8. `fingerprint` is the hash of its inputs.
    func accept(path: String, bytes: [UInt8], fingerprint: UInt64, quickKey: UInt64) throws
    /// A file copied as it is (theme assets, attachments).
    func copy(path: String, from source: String) throws
    /// Link destinations found in an item's body, for the next incremental build and for `check`,
    /// and `targets`, the hash of where they lead in the site whose link table is `linkTable`.
    func recordLinks(source: String, hash: UInt64, links: [LinkReference], linkTable: UInt64, targets: UInt64)
    /// For an unchanged source, the hash of where its body's links lead: the last build's when
    /// the link table is the same as then, else `compute` over the destinations it recorded.
    /// Nil when the source is not known.
    func cachedLinkTargets(source: String, hash: UInt64, linkTable: UInt64, compute: ([String]) -> UInt64) -> UInt64?
    /// Paths given twice so far (a file of Content/ where the portal writes its own): which one
    /// would stay depends on the order of writing, so the build reports them as errors.
    var clashes: [String] { get }
}

/// Keeps every file in memory (for tests and `plan`), or only where each would go (for `check`,
/// which on a large site would otherwise hold every page at once).
public final class CollectingSink: PageSink, @unchecked Sendable {
    private let lock = NSLock()
    private let keepsContents: Bool
    public private(set) var files: [OutputFile] = []
    /// Every path given, once.
    public private(set) var paths: Set<String> = []
    public private(set) var clashes: [String] = []
    /// Files written whose time the writer could not take (see `stampWritten`).
    private var unstamped: [String] = []
    public private(set) var links: [String: [LinkReference]] = [:]

    public init(keepsContents: Bool = true) {
        self.keepsContents = keepsContents
    }

    public func needsRender(path: String, fingerprint: UInt64, quickKey: UInt64) -> Bool { true }
    public var isIncremental: Bool { false }
    public func unchanged(path: String, quickKey: UInt64) -> Bool { false }
    public func accept(path: String, bytes: [UInt8], fingerprint: UInt64, quickKey: UInt64) throws {
        let content = keepsContents ? String(decoding: bytes, as: UTF8.self) : nil
        lock.lock(); defer { lock.unlock() }
        add(path)
        if let content { files.append(.text(path: path, content: content)) }
    }
    public func copy(path: String, from source: String) throws {
        lock.lock(); defer { lock.unlock() }
        add(path)
        if keepsContents { files.append(.copy(path: path, from: source)) }
    }
    /// Called with the lock held.
    private func add(_ path: String) {
        if !paths.insert(path).inserted { clashes.append(path) }
    }
    public func recordLinks(source: String, hash: UInt64, links: [LinkReference], linkTable: UInt64, targets: UInt64) {
        lock.lock(); defer { lock.unlock() }
        self.links[source] = links
    }
    public func cachedLinkTargets(source: String, hash: UInt64, linkTable: UInt64, compute: ([String]) -> UInt64) -> UInt64? { nil }

    /// Files sorted by path, so callers see the same order whatever the threads did.
    public var sortedFiles: [OutputFile] {
        lock.lock(); defer { lock.unlock() }
        return files.sorted { $0.path < $1.path }
    }

}

/// Writes files as they are rendered, into a new folder (a full build's staging folder) or
/// into an overlay beside an existing output (an incremental build), and records the manifest.
/// With a previous manifest, unchanged pages are skipped and files whose bytes did not change
/// are left untouched in the output, so deploy tools that compare times see nothing new.
public final class FileSink: PageSink, @unchecked Sendable {
    let folder: String
    let output: String
    /// `output`, opened once for checking stamps.
    let outputFolder: FileIO.Folder
    let previous: BuildManifest?
    let hashing: Bool
    private let lock = NSLock()
    private(set) var manifest = BuildManifest()
    /// Paths kept from the previous build without writing.
    private(set) var kept: Set<String> = []
    /// Files of the last build kept by `keepTheRest`, besides those in `kept`.
    private(set) var carriedOver = 0
    /// Paths written into `folder`.
    private(set) var written: Set<String> = []
    public private(set) var clashes: [String] = []
    /// Files written whose time the writer could not take (see `stampWritten`).
    private var unstamped: [String] = []
    private(set) var bytesWritten = 0
    /// SHA-256 of each file, when a report is asked for.
    private(set) var sha256: [String: String] = [:]

    /// Files go to disk on a thread of their own (see `BackgroundWriter`).
    private let writer = BackgroundWriter()

    /// `folder` receives new files; `output` is the existing output an incremental build updates.
    init(folder: String, output: String, previous: BuildManifest?, hashing: Bool) {
        self.folder = folder
        self.output = output
        outputFolder = FileIO.Folder(output)
        self.previous = previous
        self.hashing = hashing
    }

    private func unchangedOnDisk(_ path: String, _ entry: BuildManifest.Entry) -> Bool {
        entry.isOnDisk(path, in: outputFolder)
    }

    private func keep(_ path: String, _ entry: BuildManifest.Entry) {
        lock.lock(); defer { lock.unlock() }
        manifest.entries[path] = entry
        if written.contains(path) || !kept.insert(path).inserted { clashes.append(path) }
    }

    public var isIncremental: Bool { previous != nil }

    public func needsRender(path: String, fingerprint: UInt64, quickKey: UInt64) -> Bool {
        guard !hashing, var entry = previous?.entries[path], entry.fingerprint == fingerprint, unchangedOnDisk(path, entry) else { return true }
        entry.quickKey = quickKey
        keep(path, entry)
        return false
    }

    public func unchanged(path: String, quickKey: UInt64) -> Bool {
        guard !hashing, quickKey != 0, let entry = previous?.entries[path], entry.quickKey == quickKey, unchangedOnDisk(path, entry) else { return false }
        keep(path, entry)
        return true
    }

    public func accept(path: String, bytes: [UInt8], fingerprint: UInt64, quickKey: UInt64) throws {
        try store(path: path, bytes: bytes, fingerprint: fingerprint, quickKey: quickKey)
    }

    public func copy(path: String, from source: String) throws {
        guard let stamp = FileIO.stamp(source) else { throw FileIO.Failure.system("cannot read", source) }
        // A copied file's fingerprint is its source's size and time: unchanged sources are not read.
        var h = ContentHash()
        h.combine(UInt64(stamp.size))
        h.combine(UInt64(bitPattern: Int64(stamp.modified)))
        h.combine(source)
        if !needsRender(path: path, fingerprint: h.value, quickKey: 0) { return }
        guard let bytes = FileIO.read(source) else { throw FileIO.Failure.system("cannot read", source) }
        try store(path: path, bytes: bytes, fingerprint: h.value, quickKey: 0)
    }

    private func store(path: String, bytes: [UInt8], fingerprint: UInt64, quickKey: UInt64) throws {
        let hash = ContentHash.of(bytes)
        let sha = hashing ? bytes.withUnsafeBufferPointer { SHA256.hex($0) } : nil
        if let entry = previous?.entries[path], entry.contentHash == hash, unchangedOnDisk(path, entry) {
            var kept = entry
            kept.fingerprint = fingerprint
            kept.quickKey = quickKey
            keep(path, kept)
            if let sha { lock.lock(); sha256[path] = sha; lock.unlock() }
            return
        }
        lock.lock()
        if kept.contains(path) || !written.insert(path).inserted { clashes.append(path) }
        bytesWritten += bytes.count
        if let sha { sha256[path] = sha }
        manifest.entries[path] = BuildManifest.Entry(fingerprint: fingerprint, contentHash: hash, size: bytes.count, modified: 0, quickKey: quickKey)
        lock.unlock()
        // The time is the written file's own: moving it into place later keeps it.
        writer.write(bytes, to: path, in: folder)
    }

    public func recordLinks(source: String, hash: UInt64, links: [LinkReference], linkTable: UInt64, targets: UInt64) {
        lock.lock(); defer { lock.unlock() }
        manifest.linkTable = linkTable
        manifest.links[source] = (hash, links.map(\.destination), targets)
    }

    public func cachedLinkTargets(source: String, hash: UInt64, linkTable: UInt64, compute: ([String]) -> UInt64) -> UInt64? {
        guard let previous, let cached = previous.links[source], cached.hash == hash else { return nil }
        // Resolving every link of every body was the largest part of deciding a rebuild.
        let targets = previous.linkTable == linkTable ? cached.targets : compute(cached.destinations)
        lock.lock(); defer { lock.unlock() }
        manifest.linkTable = linkTable
        manifest.links[source] = (hash, cached.destinations, targets)
        return targets
    }

    /// Waits until every accepted file is on disk, and records each one's time; throws the
    /// first failure.
    func finishWriting() throws {
        let stamps = try writer.finish()
        lock.lock(); defer { lock.unlock() }
        for (path, modified) in stamps { manifest.entries[path]?.modified = modified }
        unstamped = stamps.filter { $0.modified == 0 }.map(\.path)
    }

    /// After a build that rendered only some pages: every other file of the last build stays
    /// as it was, in the output and in the manifest.
    func keepTheRest() {
        guard let previous else { return }
        lock.lock(); defer { lock.unlock() }
        // The few entries of this build go into the last manifest, not the other way round.
        var carried = previous
        carried.overlay(manifest)
        manifest = carried
        // Counted over this build's few files, not the last build's thousands.
        carriedOver = previous.entries.count - written.union(kept).count { previous.entries[$0] != nil }
    }

    /// Drops files the output no longer has from the manifest: the next build makes them again.
    func forget(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        lock.lock(); defer { lock.unlock() }
        for path in paths { manifest.entries[path] = nil }
    }

    /// Records the final size and time of written files whose time the writer could not take.
    func stampWritten(workers: Int) {
        let paths = unstamped
        let folder = FileIO.Folder(output)
        let stamps = Parallel.map(paths.count, workers: workers, batch: 256) { folder.stamp(paths[$0]) }
        for (path, stamp) in zip(paths, stamps) {
            if let stamp { manifest.restamp(path, size: stamp.size, modified: stamp.modified) }
        }
    }
}

/// Writes files one after another on a thread of its own, so that rendering threads never wait
/// for the file system: folders made in the same parent take the parent's lock in turn, and
/// with the writes on the rendering threads a fifth of the cores' time went idle. At most
/// `limit` files wait in memory.
final class BackgroundWriter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "loa.writer")
    private let room: DispatchSemaphore
    private let lock = NSLock()
    private var failure: Error?

    init(limit: Int = 256) {
        room = DispatchSemaphore(value: limit)
    }

    /// Folders made so far, and each file's path (as given) with its modification time (0 when
    /// it could not be taken); used on the writer's thread only, until `finish`.
    private var made: Set<String> = []
    private var stamps: [(path: String, modified: Int)] = []

    /// Writes the file at `path` in `folder` on the writer's thread, and keeps its time: taking
    /// the sink's lock for it from this thread made the one writer wait for the renderers.
    func write(_ bytes: [UInt8], to path: String, in folder: String) {
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            do {
                let full = folder + "/" + path
                let parent = FileIO.parentPath(full)
                if made.insert(parent).inserted { try FileIO.makeDirectories(parent) }
                stamps.append((path, try FileIO.writeStamped(bytes, to: full)))
            } catch {
                lock.lock()
                if failure == nil { failure = error }
                lock.unlock()
            }
        }
    }

    /// Waits for every file given; returns their times, or throws the first failure.
    func finish() throws -> [(path: String, modified: Int)] {
        let stamps = queue.sync { self.stamps }
        lock.lock(); defer { lock.unlock() }
        if let failure { throw failure }
        return stamps
    }
}

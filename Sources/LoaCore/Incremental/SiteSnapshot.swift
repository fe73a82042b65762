import Foundation

/// The last build's resolved site, kept in `.loa-cache/` beside its manifest, with the size,
/// time and front matter of every file it was made from.
///
/// Staff previewing a page mostly change its text. When a new build finds the same files, the
/// same configuration, theme, options and day, and every changed file changed only below its
/// front matter, then every item, address, link target, list and index is as it was: only the
/// changed bodies' pages can differ (lists, feeds, indexes and the sitemap show front matter
/// only). Such a build takes the site from here instead of loading and resolving every file
/// again, and renders only those pages. Anything else, or any doubt, means the usual build.
struct SiteSnapshot {
    /// A file of Content/ as the build that made the snapshot saw it.
    struct Source: Equatable {
        var size: Int
        var modified: Int
        /// `ContentItem.frontMatterHash` for Markdown files, 0 for files published as they are.
        var frontMatter: UInt64
    }

    /// What besides the files decides the site: see `key(...)`.
    var key: UInt64
    /// When the build that saved it started (ns since 1970), before it looked at any file: a
    /// file modified shortly before may have changed again within the clock's resolution, with
    /// the same stamp, so it is read again rather than trusted.
    var savedAt: Int
    /// By path relative to Content/.
    var sources: [String: Source]
    var site: ResolvedSite
    var excluded: [String: PublicationPolicy.Exclusion]
    /// Warnings of loading and resolving, reported again by builds that reuse the site.
    var warnings: [Diagnostic]

    static let tag = "loa-site"
    static let version = 5

    static func location(siteRoot: String, output: String) -> String {
        siteRoot + "/.loa-cache/build-" + String(ContentHash.of(output), radix: 16) + ".site"
    }

    /// Everything a site depends on besides its content files: Loa's version (in the theme's
    /// fingerprint), the configuration file, the theme and its files, the build's options and
    /// the day.
    static func key(configuration: SiteConfiguration, theme: Theme, options: SiteBuilder.Options, today: PartialDate) -> UInt64 {
        var h = ContentHash()
        h.combine(UInt64(version))
        h.combine(configuration.fileHash)
        h.combine(theme.fingerprint)
        // The theme's own files (style sheets, images) are not in its fingerprint: their stamps are.
        for asset in theme.assets {
            h.combine(asset.outputPath)
            h.combine(asset.sourcePath)
            let stamp = FileIO.stamp(asset.sourcePath)
            h.combine(UInt64(bitPattern: Int64(stamp?.size ?? -1)))
            h.combine(UInt64(bitPattern: Int64(stamp?.modified ?? -1)))
        }
        h.combine(options.baseURL ?? "\u{0}")
        h.combine(UInt64(options.includeDrafts ? 1 : 0) | UInt64(options.includeFuture ? 2 : 0) | UInt64(options.includeExpired ? 4 : 0))
        h.combine(today.description)
        h.combine(options.searchBinary != nil ? 1 : 0)
        return h.value
    }

    // MARK: - Edits kept beside it

    /// Items whose front matter the output shows as it is now, not as the snapshot has it:
    /// a build that takes the short way for front matter (see `FrontMatterEdits`) records them
    /// here instead of saving the whole snapshot again. Each is read again by every build that
    /// reuses the snapshot, by path relative to Content/ with the front-matter hash the output
    /// shows. Written before the output is replaced, so it may name more than it needs to (which
    /// costs only a file read), never less; gone whenever a snapshot is saved or removed.
    struct Edits {
        /// `savedAt` of the snapshot it goes with: beside any other, the usual build.
        var snapshotSavedAt: Int
        var frontMatter: [String: UInt64]

        static let tag = "loa-site-edits"
        static let version = 1

        static func location(snapshot: String) -> String { snapshot + "-edits" }

        func encoded() -> [UInt8] {
            var w = BinaryWriter(capacity: 64 + frontMatter.count * 80)
            w.int(snapshotSavedAt)
            w.map(frontMatter) { $0.fixed64($1) }
            return w.sealed(tag: Self.tag, version: Self.version)
        }

        /// Nil when there is no such file; a damaged one reads as belonging to no snapshot.
        static func read(_ path: String) -> Edits? {
            guard let bytes = FileIO.read(path) else { return nil }
            return BinaryReader.unseal(bytes, tag: tag, version: version) { r throws(BinaryReader.Corrupt) in
                Edits(snapshotSavedAt: try r.int(), frontMatter: try r.map { r throws(BinaryReader.Corrupt) in try r.fixed64() })
            } ?? Edits(snapshotSavedAt: -1, frontMatter: [:])
        }
    }

    // MARK: - Reuse

    /// What a build that reuses the snapshot renders: the site with the changed files' hashes,
    /// and the items whose bodies changed.
    struct Reuse {
        /// Its site `isPartial` when items other than the changed ones were read only in part
        /// (see `BinaryReader.itemOutline`): it can then render the changed items' pages, and
        /// is not saved.
        var snapshot: SiteSnapshot
        var changedItems: [Int]
        /// What else is rendered when items' front matter changed (see `FrontMatterEdits`);
        /// nil when only bodies did.
        var relisting: Relisting?
        /// The items put in from their files, by path relative to Content/, with the
        /// front-matter hash the output now shows (see `Edits`).
        var edits: [String: UInt64] = [:]
    }

    /// Up to this many changed bodies, a build that reuses the snapshot leaves it as it is on
    /// disk: its site is the new one but for those bodies, which the next build finds changed
    /// again and renders again (to the same bytes). Saving it is worth its time only beyond.
    static let changesKeptInPlace = 64

    /// Files changed since a snapshot was saved, when only their bodies did, or the front matter
    /// of a few Markdown files: the sources as they are now, each file whose body alone changed
    /// with its new hash by its path from the site folder, and the front matters that changed.
    struct BodyChanges {
        var sources: [String: Source]
        var sourceHashes: [String: UInt64]
        var frontMatter = FrontMatterEdits()
        /// Recorded edits (see `Edits`) whose front matter is still what the output shows: their
        /// items are decoded again, their pages rendered, nothing else.
        var recorded: [String: [UInt8]] = [:]
    }

    /// Compares Content/ with the sources a snapshot records; nil when anything but bodies changed,
    /// or more front matters than `FrontMatterEdits.limit`.
    static func bodyChanges(contentRoot: String, sources: [String: Source], savedAt: Int, edits: [String: UInt64],
                            workers: Int) -> BodyChanges? {
        // In the folders' own order: only which files there are matters here, not their order.
        let files = FileIO.walk(contentRoot, sorted: false).filter { $0 != "site.yaml" }
        guard files.count == sources.count else { return nil }
        enum Finding { case same, body(Source, sourceHash: UInt64), frontMatter(Source, bytes: [UInt8]), recorded(Source, bytes: [UInt8]), other }
        let folder = FileIO.Folder(contentRoot)
        let findings = Parallel.map(files.count, workers: workers, batch: 64) { i -> Finding in
            let relative = files[i]
            guard let known = sources[relative], let stamp = folder.stamp(relative) else { return .other }
            // Modified shortly before the last build started: the stamp alone cannot be trusted.
            let shown = edits[relative]
            if shown == nil && stamp.size == known.size && stamp.modified == known.modified && stamp.modified < savedAt - 2_000_000_000 {
                return .same
            }
            guard relative.hasSuffix(".md"), known.frontMatter != 0, let bytes = FileIO.read(contentRoot + "/" + relative),
                  case .success(let split) = SourceText.decode(.frontMatter, of: bytes, path: relative) else { return .other }
            let frontMatter = SourceText.frontMatterHash(split)
            // The snapshot's item is older than the output: compared with what the output shows.
            if let shown {
                let now = Source(size: stamp.size, modified: stamp.modified, frontMatter: frontMatter)
                return frontMatter == shown ? .recorded(now, bytes: bytes) : .frontMatter(now, bytes: bytes)
            }
            guard frontMatter == known.frontMatter else {
                return .frontMatter(Source(size: stamp.size, modified: stamp.modified, frontMatter: frontMatter), bytes: bytes)
            }
            return .body(Source(size: stamp.size, modified: stamp.modified, frontMatter: known.frontMatter), sourceHash: ContentHash.of(bytes))
        }
        var changes = BodyChanges(sources: sources, sourceHashes: [:])
        for (i, finding) in findings.enumerated() {
            switch finding {
            case .same: continue
            case .other: return nil
            case .body(let source, let sourceHash):
                changes.sources[files[i]] = source
                changes.sourceHashes[ContentLoader.contentFolder + "/" + files[i]] = sourceHash
            case .frontMatter(let source, let bytes):
                changes.sources[files[i]] = source
                changes.frontMatter.edited[files[i]] = bytes
                guard changes.frontMatter.edited.count <= FrontMatterEdits.limit else { return nil }
            case .recorded(let source, let bytes):
                changes.sources[files[i]] = source
                changes.recorded[files[i]] = bytes
            }
        }
        return changes
    }

    // MARK: - File

    func write(_ path: String) throws {
        try Self.write(encoded(), to: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try FileIO.makeDirectories(FileIO.parentPath(path))
        try FileIO.replace(path, with: bytes)
    }

    func encoded() -> [UInt8] {
        precondition(!site.isPartial, "a site read in part is never saved")
        var w = BinaryWriter(capacity: sources.count * 700)
        w.fixed64(key)
        w.int(savedAt)
        w.map(sources) { w, s in
            w.int(s.size)
            w.int(s.modified)
            w.fixed64(s.frontMatter)
        }
        // Each item in a block of its own, so that reading decodes them on every core.
        // The page's address first: a build that reuses the site reads only the start of most
        // items (see `BinaryReader.itemOutline`).
        w.array(site.items) { w, r in w.block { w in
            w.string(r.path)
            w.item(r.item)
            w.map(r.translations) { $0.string($1) }
            w.optional(r.sourcePath) { $0.string($1) }
            w.optional(r.sourceTitle) { $0.string($1) }
            w.array(r.attachments) { w, a in
                w.string(a.title)
                w.string(a.path)
                w.string(a.fileType)
                w.int(a.byteCount)
            }
        } }
        w.array(site.staticFiles) { w, f in
            w.string(f.sourcePath)
            w.string(f.outputPath)
        }
        for language in site.languages {
            for kind in ContentKind.allCases { w.array(site.byKind[language]?[kind] ?? []) { $0.int($1) } }
            w.map(site.byDistrict[language] ?? [:]) { w, positions in w.array(positions) { $0.int($1) } }
            w.map(site.byTopic[language] ?? [:]) { w, positions in w.array(positions) { $0.int($1) } }
            for facet in DocumentFacet.allCases {
                w.map(site.documentFilters[language]?[facet] ?? [:]) { w, positions in w.array(positions) { $0.int($1) } }
            }
        }
        // The link table follows from the items and files (see `LinkResolver.init(pages:…)`).
        w.map(excluded) { $0.rawValue($1) }
        let base = ""
        w.array(warnings) { $0.diagnostic($1, base: base) }
        return w.sealed(tag: Self.tag, version: Self.version)
    }

    /// The snapshot at `path`, updated to the files as they are now, when it was saved with this
    /// `key` and only bodies changed since; nil when missing, damaged, or anything else changed.
    /// The files are compared before the site is decoded, which is most of the reading.
    static func reuse(_ path: String, key: UInt64, configuration: SiteConfiguration, policy: PublicationPolicy, siteRoot: String,
                      edits: Edits?, workers: Int) -> Reuse? {
        guard let bytes = FileIO.read(path) else { return nil }
        let contentRoot = siteRoot + "/" + ContentLoader.contentFolder
        return BinaryReader.unseal(bytes, tag: tag, version: version) { r throws(BinaryReader.Corrupt) -> Reuse? in
            guard try r.fixed64() == key else { return nil }
            let savedAt = try r.int()
            let sources = try r.map { r throws(BinaryReader.Corrupt) in
                Source(size: try r.int(), modified: try r.int(), frontMatter: try r.fixed64())
            }
            // Edits recorded beside another snapshot: the usual build.
            if let edits, edits.snapshotSavedAt != savedAt { return nil }
            guard let changes = bodyChanges(contentRoot: contentRoot, sources: sources, savedAt: savedAt, edits: edits?.frontMatter ?? [:],
                                            workers: workers) else { return nil }
            // Recorded items are read whole and rendered, as changed bodies are.
            let decodedAgain = Set(changes.recorded.keys.map { ContentLoader.contentFolder + "/" + $0 })
            let blocks = try r.array { r throws(BinaryReader.Corrupt) in try r.block() }
            // A few changed bodies (staff previewing a page): only those items are read whole, the
            // others only as far as other pages need them, and the snapshot is not saved again.
            // Many: every item whole, for the snapshot this build saves.
            // Front matter changed: every item whole (an edited item may be cited, an organisation
            // shows others' fields).
            // An organisation's page shows others' fields, which outlines leave out: one whose
            // edit is recorded (and so rendered again) needs every item whole.
            let outlines = changes.sourceHashes.count <= Self.changesKeptInPlace && changes.frontMatter.isEmpty
                && !changes.recorded.keys.contains { $0.hasPrefix(ContentKind.organisation.folder + "/") }
            // Each item made in its place in the site's array, with its new hash if it changed:
            // copying 20,000 items out of another array was a tenth of a one-file rebuild.
            let damaged = Flag()
            let changed = Gathered<Void>()
            var items = Parallel.map(blocks.count, workers: workers, batch: 64) { i -> ResolvedItem in
                // An outline, unless the item changed (or its start cannot be read): then whole.
                let outline = outlines ? BinaryReader.read(bytes, in: blocks[i], toEnd: false) { r throws(BinaryReader.Corrupt) in
                    (path: try r.string(), item: try r.itemOutline())
                } : nil
                if let outline, changes.sourceHashes[outline.item.sourcePath] == nil, !decodedAgain.contains(outline.item.sourcePath) {
                    return ResolvedItem(item: outline.item, path: outline.path, translations: [:], sourcePath: nil, sourceTitle: nil, attachments: [])
                }
                guard var item = BinaryReader.read(bytes, in: blocks[i], { r throws(BinaryReader.Corrupt) in try r.resolvedItem() }) else {
                    damaged.set()
                    return ResolvedItem.placeholder
                }
                if let sourceHash = changes.sourceHashes[item.item.sourcePath] {
                    item.item.sourceHash = sourceHash
                    changed.append((), at: i)
                }
                return item
            }
            if damaged.isSet { throw .init() }
            var changedItems = changed.inOrder.map(\.index)
            // An organisation's page lists the fields of other items (its spokesperson, the
            // documents it issued), which outlines leave out: the usual build makes it.
            if outlines, changedItems.contains(where: { items[$0].item.kind == .organisation }) { return nil }

            let staticFiles = try r.array { r throws(BinaryReader.Corrupt) in
                StaticFile(sourcePath: try r.string(), outputPath: try r.string())
            }
            var byKind: [String: [ContentKind: [Int]]] = [:]
            var byDistrict: [String: [String: [Int]]] = [:]
            var byTopic: [String: [String: [Int]]] = [:]
            var documentFilters: [String: DocumentFilterIndex] = [:]
            for language in configuration.languages.map(\.code) {
                for kind in ContentKind.allCases { byKind[language, default: [:]][kind] = try r.positions(below: items.count) }
                byDistrict[language] = try r.index(below: items.count)
                byTopic[language] = try r.index(below: items.count)
                for facet in DocumentFacet.allCases {
                    documentFilters[language, default: [:]][facet] = try r.index(below: items.count)
                }
            }
            var excluded: [String: PublicationPolicy.Exclusion] = [:]
            for (source, reason) in try r.pairs() {
                guard let exclusion = PublicationPolicy.Exclusion(rawValue: reason) else { throw .init() }
                excluded[source] = exclusion
            }
            let warnings = try r.array { r throws(BinaryReader.Corrupt) in try r.diagnostic(base: "") }
            var replaced = FrontMatterEdits.Replaced()
            if !changes.frontMatter.isEmpty || !changes.recorded.isEmpty {
                var all = changes.frontMatter
                for (relative, bytes) in changes.recorded { all.edited[relative] = bytes }
                // Items read in outline have no source: those citing a recorded edit were
                // rendered when it was made.
                guard let edits = all.replace(in: &items, warnings: warnings, configuration: configuration, policy: policy),
                      !outlines || !edits.items.contains(where: { items[$0.index].item.kind == .organisation }) else { return nil }
                replaced = edits
            }
            let links = LinkResolver(pages: items.map { ($0.item.sourcePath, $0.path, $0.item.title) }, staticFiles: staticFiles,
                                     excluded: excluded, configuration: configuration, siteRoot: siteRoot)
            var site = ResolvedSite(configuration: configuration, items: items, staticFiles: staticFiles, links: links,
                                    byKind: byKind, byDistrict: byDistrict, byTopic: byTopic, documentFilters: documentFilters)
            site.isPartial = outlines
            var relisting: Relisting?
            var recordedEdits: [String: UInt64] = [:]
            for relative in changes.frontMatter.edited.keys { recordedEdits[relative] = changes.sources[relative]?.frontMatter }
            for relative in changes.recorded.keys { recordedEdits[relative] = changes.sources[relative]?.frontMatter }
            changedItems = Array(Set(changedItems).union(replaced.items.map(\.index)).union(replaced.citing)).sorted()
            // Front matter that changed since the output moves items in their lists. Recorded
            // edits alone need only their pages, unless the site was read whole (many changed
            // bodies), when it may be saved: its lists must then be in order too.
            if !changes.frontMatter.isEmpty || (!replaced.items.isEmpty && !outlines) {
                guard var found = FrontMatterEdits.reindex(&site, replaced: replaced.items) else { return nil }
                // An item edited since the snapshot may show another date than the snapshot's in
                // the sitemap: its entry is written again.
                let shown = Set((edits?.frontMatter.keys).map { $0.map { ContentLoader.contentFolder + "/" + $0 } } ?? [])
                for (i, _) in replaced.items where shown.contains(items[i].item.sourcePath) && !found.redated.contains(i) { found.redated.append(i) }
                relisting = found
                changedItems = Array(Set(changedItems).union(found.items)).sorted()
            }
            let snapshot = SiteSnapshot(key: key, savedAt: savedAt, sources: changes.sources, site: site, excluded: excluded, warnings: warnings)
            return Reuse(snapshot: snapshot, changedItems: changedItems, relisting: relisting, edits: recordedEdits)
        } ?? nil
    }
}

extension BinaryReader {
    mutating func resolvedItem() throws(Corrupt) -> ResolvedItem {
        let path = try string()
        let item = try item()
        let translations = try pairs()
        let sourcePath = try optional { r throws(Corrupt) in try r.string() }
        let sourceTitle = try optional { r throws(Corrupt) in try r.string() }
        let attachments = try array { r throws(Corrupt) -> ResolvedAttachment in
            ResolvedAttachment(title: try r.string(), path: try r.string(), fileType: try r.string(), byteCount: try r.int())
        }
        return ResolvedItem(item: item, path: path, translations: translations, sourcePath: sourcePath,
                            sourceTitle: sourceTitle, attachments: attachments)
    }

    mutating func pairs() throws(Corrupt) -> [String: String] {
        try map { r throws(Corrupt) in try r.string() }
    }

    /// Item positions, each checked to name an item: a damaged file must not index out of range.
    mutating func positions(below limit: Int) throws(Corrupt) -> [Int] {
        try array { r throws(Corrupt) -> Int in
            let i = try r.int()
            guard (0..<limit).contains(i) else { throw Corrupt() }
            return i
        }
    }

    mutating func index(below limit: Int) throws(Corrupt) -> [String: [Int]] {
        try map { r throws(Corrupt) in try r.positions(below: limit) }
    }
}

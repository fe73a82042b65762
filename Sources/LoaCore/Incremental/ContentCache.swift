import Foundation

/// Decoded content files from the last build, by file, so an unchanged file (same size and
/// modification time) is not parsed again. Kept in `.loa-cache/`; losing it costs only time.
final class ContentCache: @unchecked Sendable {
    struct Entry: Equatable {
        var size: Int
        var modified: Int
        var item: ContentItem?
        var problems: [Diagnostic]
    }

    /// The whole cache, as tests and `encode` see it.
    struct Stored: Equatable {
        var key: String
        /// When the cache was written (ns since 1970).
        var savedAt: Int
        var entries: [String: Entry]
    }

    /// An entry as found in the file: its item and problems are decoded only when looked up,
    /// on the loader's threads, and never for files that changed.
    struct Slot {
        var size: Int
        var modified: Int
        var body: Range<Int>
    }

    struct Index {
        var key: String
        var savedAt: Int
        var slots: [String: Slot]
    }

    static let fileName = "content.bin"
    /// The JSON cache of earlier versions, removed when the binary one is saved.
    static let oldFileName = "content.json"
    static let tag = "loa-content"
    /// Bump when the layout below changes (the key covers only Loa's released version).
    static let version = 5

    let path: String
    /// What decoding depends on besides the file: the site's languages and Loa's version.
    let key: String
    private let file: [UInt8]
    private let previous: [String: Slot]
    private let savedAt: Int
    /// What the next save writes for a file: its block in the last cache when it was taken from
    /// there (copied without encoding it again), else the entry decoded now.
    private enum Next {
        case kept(Slot)
        // Boxed: inline, an item would make every slot of the dictionary hundreds of bytes.
        indirect case decoded(Entry)
    }
    private var next: [String: Next] = [:]
    private var changed = false

    /// What decoding depends on besides the file: the site's languages and Loa's version.
    static func key(_ configuration: SiteConfiguration) -> String {
        ([Loa.version, configuration.defaultLanguage] + configuration.languages.map(\.code).sorted()).joined(separator: " ")
    }

    init(siteRoot: String, configuration: SiteConfiguration) {
        path = siteRoot + "/.loa-cache/" + Self.fileName
        key = Self.key(configuration)
        if let bytes = FileIO.read(path), let index = Self.index(bytes), index.key == key {
            file = bytes
            previous = index.slots
            savedAt = index.savedAt
        } else {
            file = []
            previous = [:]
            savedAt = 0
        }
        next.reserveCapacity(previous.count)
    }

    /// The entry of an unchanged file. Safe on any thread; the caller then says `keep`, on one.
    func lookup(_ relative: String, size: Int, modified: Int) -> Entry? {
        // A file changed within the clock's resolution of the last save could look unchanged
        // (same size and time): such recent files are always decoded again, as git does.
        guard let slot = previous[relative], slot.size == size, slot.modified == modified,
              modified < savedAt - 2_000_000_000 else { return nil }
        return Self.entry(file, slot)
    }

    /// The next save keeps this file's entry as it is (after a successful `lookup`). Not
    /// thread-safe, like `store`: the loader records what it found in one pass, without locks
    /// that its threads used to queue for.
    func keep(_ relative: String) {
        if let slot = previous[relative] { next[relative] = .kept(slot) }
    }

    private let now = Int(Date().timeIntervalSince1970 * 1_000_000_000)

    func store(_ relative: String, _ entry: Entry) {
        next[relative] = .decoded(entry)
        // A file edited just now would not be trusted next time anyway (see `lookup`), so it
        // alone is no reason to rewrite the whole cache.
        if entry.modified < now - 2_000_000_000 || previous[relative] == nil { changed = true }
    }

    /// Writes the cache when anything was decoded anew or a file went away.
    func save() {
        // Recently modified files were decoded again; saving lets them be trusted next time.
        guard changed || next.count != previous.count else { return }
        let now = Int(Date().timeIntervalSince1970 * 1_000_000_000)
        let bytes = Self.encode(key: key, savedAt: now, entries: next, file: file)
        try? FileIO.makeDirectories(FileIO.parentPath(path))
        let temporary = path + ".tmp-\(getpid())"
        if (try? FileIO.write(bytes, to: temporary)) != nil { try? FileIO.rename(temporary, path) }
        unlink(FileIO.parentPath(path) + "/" + Self.oldFileName)
    }

    /// Key, save time, then entries sorted by path (the same cache gives the same bytes), each
    /// with its item and problems in a block that lookups decode.
    static func encode(_ stored: Stored) -> [UInt8] {
        encode(key: stored.key, savedAt: stored.savedAt, entries: stored.entries.mapValues { .decoded($0) }, file: [])
    }

    private static func encode(key: String, savedAt: Int, entries: [String: Next], file: [UInt8]) -> [UInt8] {
        var w = BinaryWriter(capacity: max(file.count, entries.count * 600))
        w.string(key)
        w.int(savedAt)
        w.map(entries) { w, next in
            switch next {
            case .kept(let slot):
                w.int(slot.size)
                w.int(slot.modified)
                w.block(file[slot.body])
            case .decoded(let entry):
                w.int(entry.size)
                w.int(entry.modified)
                w.block { w in
                    w.optional(entry.item) { $0.item($1) }
                    let base = entry.item?.sourcePath ?? ""
                    w.array(entry.problems) { $0.diagnostic($1, base: base) }
                }
            }
        }
        return w.sealed(tag: tag, version: version)
    }

    /// Nil for a cache of another format or a damaged one (the checksum covers every byte, so
    /// blocks decoded later are intact too).
    static func index(_ bytes: [UInt8]) -> Index? {
        BinaryReader.unseal(bytes, tag: tag, version: version) { r throws(BinaryReader.Corrupt) in
            let key = try r.string()
            let savedAt = try r.int()
            let slots = try r.map { r throws(BinaryReader.Corrupt) in
                Slot(size: try r.int(), modified: try r.int(), body: try r.block())
            }
            return Index(key: key, savedAt: savedAt, slots: slots)
        }
    }

    static func entry(_ bytes: [UInt8], _ slot: Slot) -> Entry? {
        BinaryReader.read(bytes, in: slot.body) { r throws(BinaryReader.Corrupt) in
            let item = try r.optional { r throws(BinaryReader.Corrupt) in try r.item() }
            let base = item?.sourcePath ?? ""
            let problems = try r.array { r throws(BinaryReader.Corrupt) in try r.diagnostic(base: base) }
            return Entry(size: slot.size, modified: slot.modified, item: item, problems: problems)
        }
    }

    /// Every entry decoded; nil if any part is damaged.
    static func decode(_ bytes: [UInt8]) -> Stored? {
        guard let index = index(bytes) else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(index.slots.count)
        for (relative, slot) in index.slots {
            guard let entry = entry(bytes, slot) else { return nil }
            entries[relative] = entry
        }
        return Stored(key: index.key, savedAt: index.savedAt, entries: entries)
    }
}

// Every stored property of an item, in declaration order. Locations whose path is the item's own
// (nearly all) store a flag instead of the path: smaller, and the decoded strings share storage.

extension BinaryWriter {
    mutating func item(_ item: ContentItem) {
        rawValue(item.kind)
        string(item.name)
        string(item.language)
        string(item.sourcePath)
        string(item.title)
        optional(item.summary) { $0.string($1) }
        string(item.slug)
        optional(item.district) { $0.string($1) }
        strings(item.topics)
        optional(item.date) { $0.date($1) }
        optional(item.source) { $0.string($1) }
        optional(item.menu) { $0.int($1) }
        strings(item.aliases)
        bool(item.draft)
        optional(item.publishDate) { $0.date($1) }
        optional(item.expiryDate) { $0.date($1) }
        details(item.details, base: item.sourcePath)
        string(item.body)
        int(item.bodyFirstLine)
        fixed64(item.sourceHash)
        fixed64(item.frontMatterHash)
        optional(item.dateFromSource) { $0.rawValue($1) }
        uint(UInt64(item.fieldLocations.count))
        for (field, location) in item.fieldLocations.sorted(by: { $0.key < $1.key }) {
            string(field)
            self.location(location, base: item.sourcePath)
        }
    }

    mutating func date(_ date: PartialDate) {
        int(date.year)
        int(date.month)
        optional(date.day) { $0.int($1) }
    }

    mutating func location(_ location: SourceLocation, base: String) {
        if location.path == base {
            bool(true)
        } else {
            bool(false)
            string(location.path)
        }
        int(location.line)
        int(location.column)
    }

    mutating func diagnostic(_ diagnostic: Diagnostic, base: String) {
        location(diagnostic.location, base: base)
        rawValue(diagnostic.severity)
        string(diagnostic.message)
    }

    mutating func details(_ details: ContentDetails, base: String) {
        switch details {
        case .pressRelease:
            uint(0)
        case .document(let d):
            uint(1)
            rawValue(d.documentKind)
            optional(d.number) { $0.string($1) }
            optional(d.issueDate) { $0.date($1) }
            optional(d.place) { $0.string($1) }
            string(d.issuer)
            optional(d.period) { $0.string($1) }
            strings(d.references)
            strings(d.recipients)
            strings(d.signingLines)
            optional(d.signer) { $0.string($1) }
            array(d.attachments) { w, a in
                w.string(a.title)
                w.string(a.file)
                w.location(a.location, base: base)
            }
            optional(d.effectiveDate) { $0.date($1) }
            optional(d.abstract) { $0.string($1) }
            optional(d.field) { $0.string($1) }
            optional(d.recipientsNote) { $0.string($1) }
        case .spokesperson(let s):
            uint(2)
            optional(s.name) { $0.string($1) }
            string(s.position)
            string(s.agency)
            optional(s.phone) { $0.string($1) }
            optional(s.email) { $0.string($1) }
            optional(s.since) { $0.date($1) }
        case .place(let p):
            uint(3)
            rawValue(p.placeKind)
            optional(p.recognition) { $0.rawValue($1) }
            optional(p.commune) { $0.string($1) }
            optional(p.coordinates) { w, c in
                w.double(c.latitude)
                w.double(c.longitude)
            }
            optional(p.visiting) { $0.string($1) }
        case .page:
            uint(4)
        case .organisation(let o):
            uint(5)
            organisation(o, base: base)
        }
    }
}

extension BinaryReader {
    mutating func optionalString() throws(Corrupt) -> String? {
        try optional { r throws(Corrupt) in try r.string() }
    }

    mutating func item() throws(Corrupt) -> ContentItem {
        let kind: ContentKind = try rawValue()
        let name = try string()
        let language = try string()
        let sourcePath = try string()
        let title = try string()
        let summary = try optionalString()
        let slug = try string()
        let district = try optionalString()
        let topics = try strings()
        let date = try optional { r throws(Corrupt) in try r.date() }
        let source = try optionalString()
        let menu = try optional { r throws(Corrupt) in try r.int() }
        let aliases = try strings()
        let draft = try bool()
        let publishDate = try optional { r throws(Corrupt) in try r.date() }
        let expiryDate = try optional { r throws(Corrupt) in try r.date() }
        let details = try details(base: sourcePath)
        let body = try string()
        let bodyFirstLine = try int()
        let sourceHash = try fixed64()
        let frontMatterHash = try fixed64()
        let dateFromSource: DocumentKind? = try optional { r throws(Corrupt) in try r.rawValue() }
        let n = try count()
        var fieldLocations: [String: SourceLocation] = [:]
        fieldLocations.reserveCapacity(n)
        for _ in 0..<n {
            let field = try string()
            fieldLocations[field] = try location(base: sourcePath)
        }
        return ContentItem(kind: kind, name: name, language: language, sourcePath: sourcePath, title: title, summary: summary,
                           slug: slug, district: district, topics: topics, date: date, source: source, menu: menu,
                           aliases: aliases, draft: draft, publishDate: publishDate, expiryDate: expiryDate, details: details,
                           body: body, bodyFirstLine: bodyFirstLine, sourceHash: sourceHash, frontMatterHash: frontMatterHash,
                           dateFromSource: dateFromSource, fieldLocations: fieldLocations)
    }

    /// The first fields of an item as `item()` reads them, up to its menu position, the rest
    /// left unread and empty: what other items' pages need of an item whose page is not rendered
    /// (see `SiteSnapshot.reuse`). Reading every field of 20,000 items was a fifth of a one-file
    /// rebuild.
    mutating func itemOutline() throws(Corrupt) -> ContentItem {
        let kind: ContentKind = try rawValue()
        let name = try string()
        let language = try string()
        let sourcePath = try string()
        let title = try string()
        if try bool() { try skipString() }  // summary
        let slug = try string()
        if try bool() { try skipString() }  // district
        try skipStrings()  // topics
        let date = try optional { r throws(Corrupt) in try r.date() }
        if try bool() { try skipString() }  // source
        let menu = try optional { r throws(Corrupt) in try r.int() }
        return ContentItem(kind: kind, name: name, language: language, sourcePath: sourcePath, title: title, summary: nil,
                           slug: slug, district: nil, topics: [], date: date, source: nil, menu: menu, aliases: [], draft: false,
                           publishDate: nil, expiryDate: nil, details: .page, body: "", bodyFirstLine: 0, fieldLocations: [:])
    }

    mutating func date() throws(Corrupt) -> PartialDate {
        let year = try int()
        let month = try int()
        return PartialDate(year: year, month: month, day: try optional { r throws(Corrupt) in try r.int() })
    }

    mutating func location(base: String) throws(Corrupt) -> SourceLocation {
        let path = try bool() ? base : try string()
        let line = try int()
        return SourceLocation(path: path, line: line, column: try int())
    }

    mutating func diagnostic(base: String) throws(Corrupt) -> Diagnostic {
        let location = try location(base: base)
        let severity: Diagnostic.Severity = try rawValue()
        return Diagnostic(severity, at: location, try string())
    }

    mutating func details(base: String) throws(Corrupt) -> ContentDetails {
        switch try uint() {
        case 0:
            return .pressRelease
        case 1:
            let documentKind: DocumentKind = try rawValue()
            let number = try optionalString()
            let issueDate = try optional { r throws(Corrupt) in try r.date() }
            let place = try optionalString()
            let issuer = try string()
            let period = try optionalString()
            let references = try strings()
            let recipients = try strings()
            let signingLines = try strings()
            let signer = try optionalString()
            let attachments = try array { r throws(Corrupt) in
                let title = try r.string()
                let file = try r.string()
                return Attachment(title: title, file: file, location: try r.location(base: base))
            }
            let effectiveDate = try optional { r throws(Corrupt) in try r.date() }
            let abstract = try optionalString()
            let field = try optionalString()
            let recipientsNote = try optionalString()
            return .document(PublishedDocument(documentKind: documentKind, number: number, issueDate: issueDate,
                                               effectiveDate: effectiveDate, abstract: abstract, field: field, place: place,
                                               issuer: issuer, period: period, references: references, recipientsNote: recipientsNote,
                                               recipients: recipients, signingLines: signingLines, signer: signer, attachments: attachments))
        case 2:
            let name = try optionalString()
            let position = try string()
            let agency = try string()
            let phone = try optionalString()
            let email = try optionalString()
            let since = try optional { r throws(Corrupt) in try r.date() }
            return .spokesperson(Spokesperson(name: name, position: position, agency: agency, phone: phone, email: email, since: since))
        case 3:
            let placeKind: PlaceKind = try rawValue()
            let recognition = try optional { r throws(Corrupt) -> Recognition in try r.rawValue() }
            let commune = try optionalString()
            let coordinates = try optional { r throws(Corrupt) in
                let latitude = try r.double()
                return Coordinates(latitude: latitude, longitude: try r.double())
            }
            let visiting = try optionalString()
            return .place(Place(placeKind: placeKind, recognition: recognition, commune: commune, coordinates: coordinates, visiting: visiting))
        case 4:
            return .page
        case 5:
            return .organisation(try organisation(base: base))
        default:
            throw Corrupt()
        }
    }
}

import Foundation

/// Everything read from Content/: typed items and the other files to publish as they are.
public struct LoadedContent: Sendable {
    public var items: [ContentItem]
    public var staticFiles: [StaticFile]
    /// Size and modification time of every file read, by path relative to Content/.
    public var stamps: [String: FileStamp] = [:]
}

public struct FileStamp: Sendable, Equatable {
    public var size: Int
    public var modified: Int
}

/// Load stage: files → typed content with source positions. Reads nothing outside Content/.
public enum ContentLoader {
    public static let contentFolder = "Content"

    /// With `useCache`, files unchanged since the last load are taken from `.loa-cache/`. With
    /// `memory`, the whole load is kept for the next one of this process (see `ContentMemory`).
    public static func load(siteRoot: String, configuration: SiteConfiguration, useCache: Bool = false,
                            memory: ContentMemory? = nil) -> (LoadedContent, Diagnostics) {
        let key = ContentCache.key(configuration)
        if let memory, let kept = memory.unchanged(siteRoot: siteRoot, key: key) { return kept }
        let takenAt = Int(Date().timeIntervalSince1970 * 1_000_000_000)
        let (content, diagnostics, saveCache) = loadLeavingCache(siteRoot: siteRoot, configuration: configuration, useCache: useCache)
        saveCache()
        memory?.keep(content, diagnostics, key: key, takenAt: takenAt)
        return (content, diagnostics)
    }

    /// `load`, with the cache's writing left to the caller (`saveCache`), which a build does
    /// on another core while it resolves the site.
    static func loadLeavingCache(siteRoot: String, configuration: SiteConfiguration, useCache: Bool,
                                 workers: Int = Parallel.workers) -> (LoadedContent, Diagnostics, saveCache: () -> Void) {
        var diagnostics = Diagnostics()
        var items: [ContentItem] = []
        var staticFiles: [StaticFile] = []
        var stamps: [String: FileStamp] = [:]
        let contentRoot = siteRoot + "/" + contentFolder
        guard FileIO.isDirectory(contentRoot) else {
            diagnostics.error(SourceLocation(path: contentFolder), "there is no Content folder in \(siteRoot)")
            return (LoadedContent(items: [], staticFiles: []), diagnostics, {})
        }
        let languages = Set(configuration.languages.map(\.code))
        var markdown: [(relative: String, kind: ContentKind)] = []
        let folder = FileIO.Folder(contentRoot)
        for relative in FileIO.walk(contentRoot) {
            let path = contentFolder + "/" + relative
            if relative == "site.yaml" { continue }
            guard relative.hasSuffix(".md") else {
                staticFiles.append(StaticFile(sourcePath: path, outputPath: relative))
                if let stamp = folder.stamp(relative) { stamps[relative] = FileStamp(size: stamp.size, modified: stamp.modified) }
                continue
            }
            let components = relative.split(separator: "/")
            guard components.count >= 2, let kind = ContentKind(rawValue: String(components[0])) else {
                diagnostics.error(SourceLocation(path: path), "Markdown files belong in one of the content folders: \(ContentKind.allCases.map { "\(contentFolder)/\($0.folder)/" }.joined(separator: ", "))")
                continue
            }
            markdown.append((relative, kind))
        }
        // Files are decoded on every core; results keep the walk's sorted order.
        let cache = useCache ? ContentCache(siteRoot: siteRoot, configuration: configuration) : nil
        enum Cached { case none, kept, decoded(ContentCache.Entry) }
        let decoded = Parallel.map(markdown.count, workers: workers) { i -> (ContentItem?, [Diagnostic], Cached, FileStamp?) in
            let (relative, kind) = markdown[i]
            let path = contentFolder + "/" + relative
            let stamp = folder.stamp(relative)
            let fileStamp = stamp.map { FileStamp(size: $0.size, modified: $0.modified) }
            if let cache, let stamp, let entry = cache.lookup(relative, size: stamp.size, modified: stamp.modified) {
                return (entry.item, entry.problems, .kept, fileStamp)
            }
            guard let bytes = FileIO.read(contentRoot + "/" + relative) else {
                return (nil, [.error(at: SourceLocation(path: path), "cannot read the file")], .none, nil)
            }
            // The body is decoded when its page is rendered: memory does not grow with text.
            let (item, problems) = decodeFrontMatter(bytes: bytes, path: path, kind: kind, languages: languages,
                                                     defaultLanguage: configuration.defaultLanguage)
            guard cache != nil, let stamp else { return (item, problems, .none, fileStamp) }
            return (item, problems, .decoded(.init(size: stamp.size, modified: stamp.modified, item: item, problems: problems)), fileStamp)
        }
        items.reserveCapacity(decoded.count)
        for (i, (item, problems, cached, stamp)) in decoded.enumerated() {
            diagnostics.append(contentsOf: problems)
            if let item { items.append(item) }
            if let stamp { stamps[markdown[i].relative] = stamp }
            switch cached {
            case .none: break
            case .kept: cache?.keep(markdown[i].relative)
            case .decoded(let entry): cache?.store(markdown[i].relative, entry)
            }
        }
        // After the cache's entries are made: they keep each file's own fields only.
        SourceDates.fill(&items, diagnostics: &diagnostics)
        return (LoadedContent(items: items, staticFiles: staticFiles, stamps: stamps), diagnostics, { cache?.save() })
    }

    /// The Markdown body of a loaded item, read again from its file when its page is rendered,
    /// as UTF-8 for cmark: straight from the file when that part is valid UTF-8 and NFC as it
    /// stands (almost always), else decoded and normalised. Only here is it checked to be UTF-8:
    /// a bad byte in a body is reported from rendering.
    static func bodyUTF8(of item: ContentItem, siteRoot: String) -> Result<ArraySlice<UInt8>, Diagnostic> {
        if !item.body.isEmpty { return .success(ArraySlice(item.body.utf8)) }
        guard let bytes = FileIO.read(siteRoot + "/" + item.sourcePath) else { return .failure(unreadable(item)) }
        if let range = SourceText.plainBody(of: bytes, path: item.sourcePath) { return .success(bytes[range]) }
        return SourceText.decode(.body, of: bytes, path: item.sourcePath).map { ArraySlice($0.body.utf8) }
    }

    private static func unreadable(_ item: ContentItem) -> Diagnostic {
        .error(at: SourceLocation(path: item.sourcePath), "the file could not be read again while rendering")
    }

    /// Splits `name.lang.md` into name and language.
    static func nameAndLanguage(fileName: String, languages: Set<String>, defaultLanguage: String) -> (name: String, language: String, unknownLanguage: String?) {
        let stem = String(fileName.dropLast(3))
        if let dot = stem.lastIndex(of: ".") {
            let suffix = String(stem[stem.index(after: dot)...])
            let name = String(stem[..<dot])
            if languages.contains(suffix) { return (name, suffix, nil) }
            if suffix.range(of: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", options: .regularExpression) != nil {
                return (name, suffix, suffix)
            }
        }
        return (stem, defaultLanguage, nil)
    }

    /// A file as a load keeps it: its front matter decoded (the body is read when its page is
    /// rendered) and the hash of its bytes.
    static func decodeFrontMatter(bytes: [UInt8], path: String, kind: ContentKind, languages: Set<String>,
                                  defaultLanguage: String) -> (ContentItem?, [Diagnostic]) {
        var (item, problems) = decode(bytes: bytes, path: path, kind: kind, languages: languages, defaultLanguage: defaultLanguage, withBody: false)
        item?.sourceHash = ContentHash.of(bytes)
        return (item, problems)
    }

    /// Decodes one content file. Public so `check` and tests can decode a single file.
    /// Without `withBody`, only the front matter is decoded and the item's body is left empty.
    public static func decode(bytes: [UInt8], path: String, kind: ContentKind, languages: Set<String>, defaultLanguage: String,
                              withBody: Bool = true) -> (ContentItem?, [Diagnostic]) {
        let (item, problems, _) = decodeReadingKeys(bytes: bytes, path: path, kind: kind, languages: languages,
                                                    defaultLanguage: defaultLanguage, withBody: withBody)
        return (item, problems)
    }

    /// `decode`, and the front matter keys it read (`attachments.file` for a nested one), which
    /// tests hold to `ContentSchema`.
    static func decodeReadingKeys(bytes: [UInt8], path: String, kind: ContentKind, languages: Set<String>, defaultLanguage: String,
                                  withBody: Bool = true) -> (ContentItem?, [Diagnostic], readKeys: Set<String>) {
        var diagnostics = Diagnostics()
        let fileName = String(path.split(separator: "/").last ?? "")
        let (name, language, unknownLanguage) = nameAndLanguage(fileName: fileName, languages: languages, defaultLanguage: defaultLanguage)
        let origin = SourceLocation(path: path)
        if let unknownLanguage {
            diagnostics.error(origin, "the file name says language '\(unknownLanguage)', which is not in the site's languages (\(languages.sorted().joined(separator: ", "))); add it to Content/site.yaml or rename the file")
        }
        if !Folding.isSlug(name) {
            diagnostics.error(origin, "file name '\(name)' becomes the page's address: use lower-case letters without diacritics, digits and '-', e.g. '\(Folding.slug(name)).\(language).md'")
        }

        let decoded = withBody ? SourceText.decode(bytes, path: path).flatMap { SourceText.splitFrontMatter($0, path: path) }
            : SourceText.decode(.frontMatter, of: bytes, path: path)
        let split: SourceText.Split
        switch decoded {
        case .success(let s): split = s
        case .failure(let d): diagnostics.append(d); return (nil, diagnostics.all, [])
        }
        let node: YAMLNode?
        switch YAMLNode.parse(split.yaml, path: path, firstLine: split.yamlFirstLine) {
        case .success(let n): node = n
        case .failure(let d): diagnostics.append(d); return (nil, diagnostics.all, [])
        }
        let blockStart = SourceLocation(path: path, line: split.yamlFirstLine - 1, column: 1)
        var f = YAMLFields(node: node, path: path, lineOffset: split.yamlFirstLine - 1, origin: blockStart)
        if f.mapping == nil {
            diagnostics.error(blockStart, "the front matter must be fields written as 'name: value' lines")
            return (nil, diagnostics.all, [])
        }

        // Which fields are required is the schema's; the hints are the loader's own.
        let required = ContentSchema.requiredKeys(of: kind)
        func need(_ key: String, _ hint: String) -> String? { required.contains(key) ? hint : nil }
        let title = f.string("title", required: need("title", "the page's title")) ?? ""
        let summary = f.string("summary", required: need("summary", "one or two sentences for lists and feeds"))
        let slug = f.string("slug") ?? name
        if slug != name && !Folding.isSlug(slug) {
            f.diagnostics.error(f.locationOf("slug"), "'\(slug)' is not an address segment: use lower-case letters without diacritics, digits and '-', e.g. '\(Folding.slug(slug))'")
        }
        let district = f.string("district", required: need("district", "the slug of a district listed in Content/site.yaml"))
        let topics = f.stringList("topics")
        let source = f.string("source")
        let menu = kind == .page ? f.int("menu", range: 0...1000) : nil
        let aliases = f.stringList("aliases")
        for (i, alias) in aliases.enumerated() where !alias.hasPrefix("/") {
            f.diagnostics.error(f.listLocations("aliases")[i], "alias '\(alias)' must be an address on this site starting with '/', e.g. /tin-tuc/\(name)/")
        }
        let draft = f.bool("draft") ?? false
        let publishDate = f.date("publish_date")
        let expiryDate = f.date("expiry_date")
        var date: PartialDate?
        let details: ContentDetails
        switch kind {
        case .pressRelease:
            // Without a date of its own, a release restating a document takes that document's
            // issue date (see `SourceDates`); without either there is no date to show.
            date = f.date("date", required: source == nil ? "the release's date, YYYY-MM-DD (or leave it out and name in 'source' the document the release restates)" : nil)
            details = .pressRelease
        case .document:
            let documentKind = f.choice("document_kind", DocumentKind.self, required: required.contains("document_kind")) ?? .report
            let issueDate = f.date("issue_date")
            date = issueDate
            let effectiveDate = f.date("effective_date")
            if let effectiveDate, let issueDate, effectiveDate.isBefore(issueDate) {
                f.diagnostics.error(f.locationOf("effective_date"), "effective_date \(effectiveDate) is before the issue_date \(issueDate): a document takes effect on or after the day it is issued")
            }
            let field = f.string("field")
            if let field, Folding.slug(field).isEmpty {
                f.diagnostics.error(f.locationOf("field"), "field 'field' needs letters or digits: its address is made of them ('\(field)')")
            }
            var attachments: [Attachment] = []
            for var a in f.nestedList("attachments") {
                let file = a.string("file", required: need("attachments.file", "the attached file's path, relative to this file")) ?? ""
                let title = a.string("title") ?? String(file.split(separator: "/").last ?? "")
                a.warnUnknown(allowed: [])
                f.absorb(a, under: "attachments")
                if !file.isEmpty { attachments.append(Attachment(title: title, file: file, location: a.locationOf("file"))) }
            }
            details = .document(PublishedDocument(
                documentKind: documentKind,
                number: f.string("number"),
                issueDate: issueDate,
                effectiveDate: effectiveDate,
                abstract: f.string("abstract"),
                field: field,
                place: f.string("place"),
                issuer: f.string("issuer", required: need("issuer", "the issuing body, e.g. Ủy ban nhân dân huyện Triệu Sơn")) ?? "",
                period: f.string("period"),
                references: f.stringList("references"),
                recipientsNote: f.string("recipients_note"),
                recipients: f.stringList("recipients"),
                signingLines: f.stringList("signing_lines"),
                signer: f.string("signer"),
                attachments: attachments))
        case .spokesperson:
            let phone = f.phoneNumber("phone")
            let email = f.emailAddress("email")
            let since = f.date("since")
            details = .spokesperson(Spokesperson(
                name: f.string("name"),
                position: f.string("position", required: need("position", "the person's position, e.g. Chủ tịch UBND huyện")) ?? "",
                agency: f.string("agency", required: need("agency", "the body the person speaks for")) ?? "",
                phone: phone, email: email, since: since))
            date = since
        case .place:
            var coordinates: Coordinates?
            if var c = f.nested("coordinates") {
                let lat = c.double("latitude", range: -90...90)
                let lon = c.double("longitude", range: -180...180)
                if c.valueNode("latitude") == nil || c.valueNode("longitude") == nil {
                    c.diagnostics.error(c.origin, "coordinates need both 'latitude' and 'longitude'")
                }
                c.warnUnknown(allowed: [])
                f.absorb(c, under: "coordinates")
                if let lat, let lon { coordinates = Coordinates(latitude: lat, longitude: lon) }
            }
            details = .place(Place(
                placeKind: f.choice("place_kind", PlaceKind.self, required: required.contains("place_kind")) ?? .other,
                recognition: f.choice("recognition", Recognition.self, required: required.contains("recognition")),
                commune: f.string("commune"),
                coordinates: coordinates,
                visiting: f.string("visiting")))
        case .page:
            details = .page
        case .organisation:
            details = .organisation(f.organisation(required: required))
        }
        // The schema's fields, and those read by later issues' features, so sites can use them early.
        f.warnUnknown(allowed: ContentSchema.acceptedKeys(of: kind))

        var locations: [String: SourceLocation] = [:]
        for key in ["title", "district", "topics", "source", "slug", "date", "issue_date", "issuer", "field", "abstract", "attachments"] {
            locations[key] = f.locationOf(key)
        }
        for (i, loc) in f.listLocations("topics").enumerated() { locations["topics.\(i)"] = loc }
        for (i, loc) in f.listLocations("recipients").enumerated() { locations["recipients.\(i)"] = loc }
        for (i, loc) in f.listLocations("aliases").enumerated() { locations["aliases.\(i)"] = loc }
        locations["file"] = origin
        diagnostics.append(contentsOf: f.diagnostics.all)

        let item = ContentItem(kind: kind, name: name, language: language, sourcePath: path, title: title,
                               summary: summary, slug: slug, district: district, topics: topics, date: date,
                               source: source, menu: menu, aliases: aliases, draft: draft,
                               publishDate: publishDate, expiryDate: expiryDate, details: details, body: split.body,
                               bodyFirstLine: split.bodyFirstLine, frontMatterHash: SourceText.frontMatterHash(split),
                               fieldLocations: locations)
        return (item, diagnostics.all, f.used)
    }
}

import Yams

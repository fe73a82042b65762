import Foundation

/// `loa new`: a content file with every front matter field of its kind, so staff need not
/// remember them. Required fields are filled from the arguments or marked; it never overwrites.
public enum NewContent {
    public struct Request: Sendable {
        public var kind: ContentKind
        public var title: String
        public var district: String?
        public var topics: [String]
        public var language: String?
        /// The `<name>` of the file this one translates.
        public var translationOf: String?
        public var now: Date

        public init(kind: ContentKind, title: String, district: String? = nil, topics: [String] = [],
                    language: String? = nil, translationOf: String? = nil, now: Date = Date()) {
            self.kind = kind
            self.title = title
            self.district = district
            self.topics = topics
            self.language = language
            self.translationOf = translationOf
            self.now = now
        }
    }

    /// Kind names as staff type them on the command line.
    public static let kindNames: [String: ContentKind] = [
        "press-release": .pressRelease, "document": .document, "spokesperson": .spokesperson, "place": .place, "page": .page,
        "organisation": .organisation,
    ]

    /// Creates the file and returns its path relative to the site folder.
    public static func create(siteRoot: String, _ request: Request) throws(BuildFailure) -> String {
        let (relative, text) = try draft(siteRoot: siteRoot, request)
        let path = siteRoot + "/" + relative
        do {
            try FileIO.makeDirectories(FileIO.parentPath(path))
            try FileIO.write(text, to: path)
        } catch {
            throw BuildFailure([.error(at: SourceLocation(path: "loa new"), "could not write \(relative): \(error)")])
        }
        return relative
    }

    /// The path (relative to the site folder) and text of the file `create` would write, with the
    /// same checks, writing nothing: the editor's "new item". `memory` is the editor's last load
    /// of the content, which a translation's original is looked up in.
    public static func draft(siteRoot: String, _ request: Request, memory: ContentMemory? = nil) throws(BuildFailure) -> (relativePath: String, text: String) {
        let (configuration, problems) = ConfigurationLoader.load(siteRoot: siteRoot)
        guard let configuration, !problems.hasErrors else { throw BuildFailure(problems.errors) }
        let language = request.language ?? configuration.defaultLanguage
        let here = SourceLocation(path: "loa new")
        func fail(_ message: String) -> BuildFailure { BuildFailure([.error(at: here, message)]) }

        guard configuration.language(language) != nil else {
            throw fail("language '\(language)' is not in Content/site.yaml (\(configuration.languages.map(\.code).joined(separator: ", ")))")
        }
        let title = Folding.nfc(request.title).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw fail("give the item a title, e.g. loa new \(request.kind.key) \"Báo cáo tháng 6\"") }

        // A translation shares the original's name and its language-independent fields.
        var original: ContentItem?
        var name = Self.name(for: title)
        if let of = request.translationOf {
            let base = of.hasSuffix(".md") ? String(of.split(separator: "/").last!.split(separator: ".").first!) : of
            let (loaded, _) = ContentLoader.load(siteRoot: siteRoot, configuration: configuration, useCache: true, memory: memory)
            let candidates = loaded.items.filter { $0.kind == request.kind && $0.name == base }
            guard let first = candidates.first(where: { $0.language == configuration.defaultLanguage }) ?? candidates.first else {
                throw fail("there is no \(request.kind.key) named '\(base)' to translate in Content/\(request.kind.folder)/")
            }
            original = first
            name = base
        }
        guard !name.isEmpty else { throw fail("the title gives no usable file name; use letters or digits") }

        let district = request.district ?? original?.district
        if let district, configuration.district(district) == nil {
            let folded = Folding.slug(district)
            let hint = configuration.districts.first { $0.slug == folded }.map { "; did you mean '\($0.slug)'?" }
                ?? "; known districts: \(configuration.districts.map(\.slug).joined(separator: ", "))"
            throw fail("unknown district '\(district)'\(hint)")
        }
        let topics = request.topics.isEmpty ? (original?.topics ?? []) : request.topics
        for topic in topics where configuration.topic(topic) == nil {
            throw fail("unknown topic '\(topic)'; known topics: \(configuration.topics.map(\.slug).joined(separator: ", "))")
        }

        let relative = "Content/\(request.kind.folder)/\(name).\(language).md"
        let path = siteRoot + "/" + relative
        if FileIO.exists(path) { throw fail("\(relative) already exists; it is left as it is") }
        if let problem = OutputGuard.contentWriteProblem(folder: FileIO.parentPath(path), siteRoot: siteRoot) { throw fail(problem) }
        let today = PublicationPolicy.today(at: configuration.timeZone, now: request.now)
        return (relative, frontMatter(request.kind, title: title, district: district, topics: topics, today: today, original: original))
    }

    /// The folded title, cut at a word boundary so addresses stay readable.
    public static func name(for title: String) -> String {
        let slug = Folding.slug(title)
        guard slug.count > 80 else { return slug }
        var cut = String(slug.prefix(80))
        if let dash = cut.lastIndex(of: "-") { cut = String(cut[..<dash]) }
        return cut
    }

    static func quoted(_ text: String) -> String { YAMLText.quoted(text) }

    static func list(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ", ") + "]"
    }

    /// The file: every field of the kind's schema that `new` writes, in the schema's order, each
    /// with its note; required fields without a value are marked.
    static func frontMatter(_ kind: ContentKind, title: String, district: String?, topics: [String], today: PartialDate, original: ContentItem?) -> String {
        var lines = ["---"]
        for field in ContentSchema.fields(of: kind) where field.writtenByNew {
            var value: String?
            var note = field.note
            switch field.key {
            case "title": value = quoted(title)
            case "district": value = district
            case "topics": value = list(topics)
            case "draft": value = "true"
            case "date" where kind == .pressRelease:
                // An original dated by the document it restates gives its translation no date of its
                // own either: the translation's 'source' gives it that document's date.
                let date = original?.dateFromSource == nil ? (original?.date ?? today) : nil
                value = date?.description
                if date == nil { note = "none: the date of the document named in 'source'" }
            default:
                if field.sharedByTranslations, let original { value = sharedValue(field.key, of: original) }
                if value == nil {
                    switch field.shape {
                    case .textList, .records, .unitTree: value = "[]"
                    default: break
                    }
                }
                if value != nil, case .record = field.shape { note = nil }  // the value shows the form
            }
            var line = "\(field.key):" + (value.map { " " + $0 } ?? "")
            // The title is always given; other required fields without a value are marked.
            let notes = [field.required && value == nil ? "required" : nil, note].compactMap { $0 }
            if !notes.isEmpty { line += "  # " + notes.joined(separator: "; ") }
            lines.append(line)
        }
        lines.append("---")
        lines.append("")
        lines.append(kind == .document ? "## I. …\n" : "")
        return lines.joined(separator: "\n")
    }

    /// A language-independent field of the original, as a translation's file writes it.
    static func sharedValue(_ key: String, of original: ContentItem) -> String? {
        switch (original.details, key) {
        case (.document(let d), "document_kind"): d.documentKind.rawValue
        case (.document(let d), "number"): d.number.map(quoted)
        case (.document(let d), "issue_date"): d.issueDate?.description
        case (.document(let d), "effective_date"): d.effectiveDate?.description
        case (.document(let d), "signer"): d.signer.map(quoted)
        case (.spokesperson(let p), "name"): p.name.map(quoted)
        case (.spokesperson(let p), "phone"): p.phone.map(quoted)
        case (.spokesperson(let p), "email"): p.email.map(quoted)
        case (.spokesperson(let p), "since"): p.since?.description
        case (.place(let p), "place_kind"): p.placeKind.rawValue
        case (.place(let p), "recognition"): p.recognition?.rawValue
        case (.place(let p), "coordinates"): p.coordinates.map { "{latitude: \($0.latitude), longitude: \($0.longitude)}" }
        case (.organisation(let o), "organisation_kind"): o.organisationKind.rawValue
        case (.organisation(let o), "phone"): o.phone.map(quoted)
        case (.organisation(let o), "fax"): o.fax.map(quoted)
        case (.organisation(let o), "email"): o.email.map(quoted)
        case (_, "menu"): original.menu.map(String.init)
        default: nil
        }
    }
}

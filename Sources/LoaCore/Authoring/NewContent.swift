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
            let (loaded, _) = ContentLoader.load(siteRoot: siteRoot, configuration: configuration)
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
        let text = frontMatter(request.kind, title: title, district: district, topics: topics, today: today, original: original)
        do {
            try FileIO.makeDirectories(FileIO.parentPath(path))
            try FileIO.write(text, to: path)
        } catch {
            throw fail("could not write \(relative): \(error)")
        }
        return relative
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

    static func frontMatter(_ kind: ContentKind, title: String, district: String?, topics: [String], today: PartialDate, original: ContentItem?) -> String {
        var lines = ["---", "title: \(quoted(title))"]
        func field(_ key: String, _ value: String?, required: Bool = false, comment: String? = nil) {
            var line = "\(key):" + (value.map { " " + $0 } ?? "")
            let notes = [required && value == nil ? "required" : nil, comment].compactMap { $0 }
            if !notes.isEmpty { line += "  # " + notes.joined(separator: "; ") }
            lines.append(line)
        }
        let requiredDistrict = kind != .page
        field("summary", nil, required: kind == .pressRelease, comment: "one or two sentences for lists and feeds")
        field("district", district, required: requiredDistrict, comment: "a slug from Content/site.yaml")
        field("topics", list(topics))
        switch kind {
        case .pressRelease:
            // An original dated by the document it restates gives its translation no date of its
            // own either: the translation's 'source' gives it that document's date.
            let date = original?.dateFromSource == nil ? (original?.date ?? today) : nil
            field("date", date?.description, comment: date == nil ? "none: the date of the document named in 'source'" : "YYYY-MM-DD")
        case .document:
            let doc = original?.document
            field("document_kind", doc?.documentKind.rawValue, required: true, comment: "report, plan, decision, official-letter, notice, submission")
            field("number", doc?.number.map(quoted), comment: "as printed after 'Số:'; leave empty if not stated")
            field("issue_date", doc?.issueDate?.description, comment: "YYYY-MM-DD, or YYYY-MM when the day is blank")
            field("effective_date", doc?.effectiveDate?.description, comment: "only if the document states when it takes effect")
            field("abstract", nil, comment: "the 'trích yếu' as printed under the kind word; without it the title is shown")
            field("field", nil, comment: "lĩnh vực, e.g. \"Thông tin đối ngoại\"")
            field("place", nil, comment: "place of issue as printed")
            field("issuer", nil, required: true, comment: "the issuing body in full")
            field("period", nil)
            field("references", "[]")
            field("recipients_note", nil, comment: "a note above the list, as printed, e.g. \"Gửi bản điện tử:\"")
            field("recipients", "[]", comment: "one entry per line under 'Nơi nhận:'")
            field("signing_lines", "[]", comment: "e.g. [\"KT. CHỦ TỊCH\", \"PHÓ CHỦ TỊCH\"]")
            field("signer", doc?.signer.map(quoted))
            field("attachments", "[]", comment: "e.g. [{title: \"Bản scan\", file: files/x.pdf}]")
        case .spokesperson:
            let sp = original?.spokesperson
            field("name", sp?.name.map(quoted), comment: "only if published")
            field("position", nil, required: true)
            field("agency", nil, required: true)
            field("phone", sp?.phone.map(quoted), comment: "only if published")
            field("email", sp?.email.map(quoted), comment: "only if published")
            field("since", sp?.since?.description)
        case .place:
            let place = original?.place
            field("place_kind", place?.placeKind.rawValue, required: true, comment: "historical-relic, scenic-site, community-tourism, spiritual-site, craft-village, other")
            field("recognition", place?.recognition?.rawValue, comment: "special-national, national, provincial")
            field("commune", nil)
            if let c = place?.coordinates {
                field("coordinates", "{latitude: \(c.latitude), longitude: \(c.longitude)}")
            } else {
                field("coordinates", nil, comment: "{latitude: …, longitude: …}; only if known")
            }
            field("visiting", nil)
        case .page:
            field("menu", original?.menu.map(String.init), comment: "a number puts the page in the footer menu")
        case .organisation:
            let org = original?.organisation
            field("organisation_kind", org?.organisationKind.rawValue, required: true,
                  comment: OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))
            field("parent", nil, comment: "the body it belongs to, by name")
            field("address", nil, comment: "only what the sources state; leave empty otherwise")
            field("phone", org?.phone.map(quoted))
            field("fax", org?.fax.map(quoted))
            field("email", org?.email.map(quoted))
            field("working_hours", nil)
            field("officials", "[]", comment: "e.g. [{name: …, position: …, unit: …, phone: …, email: …}], each field only if published")
            field("chart", "[]", comment: "units, nested: [Văn phòng, {name: Phòng …, units: [Tổ …]}]")
            field("chart_image", nil, comment: "{file: images/so-do.png, alt: …}; a picture of the chart, if there is one")
        }
        field("source", nil, comment: "link to the content file the facts come from")
        lines.append("draft: true  # remove this line to publish")
        lines.append("---")
        lines.append("")
        lines.append(kind == .document ? "## I. …\n" : "")
        return lines.joined(separator: "\n")
    }
}

/// One front matter field of a content kind: what the loader reads, `loa new` writes and the
/// editor's form shows. Tests hold the loader to it (`SchemaTests`).
public struct FieldSchema: Sendable, Hashable {
    public indirect enum Shape: Sendable, Hashable {
        /// One line of text.
        case text
        /// Several lines of plain text.
        case paragraph
        /// `YYYY-MM-DD`, or `YYYY-MM` when only the month is known.
        case date
        /// One of these values.
        case choice([String])
        /// A district slug of Content/site.yaml.
        case district
        /// Topic slugs of Content/site.yaml.
        case topics
        /// One text per row.
        case textList
        /// Rows of small records.
        case records([FieldSchema])
        /// One small record.
        case record([FieldSchema])
        /// An organisation's chart: units nested under units.
        case unitTree
        case boolean
        case integer(ClosedRange<Int>)
        case decimal(ClosedRange<Double>)
        /// A path relative to the content file.
        case file
    }

    public var key: String
    public var shape: Shape
    public var required: Bool
    /// What `loa new` writes as the line's `# comment` (English, as today).
    public var note: String?
    /// Carried into a translation by `loa new --translation-of` (district, topics, dates, number…).
    public var sharedByTranslations: Bool
    /// Written, empty, by `loa new`. Fields for later changes of address and scheduling (slug,
    /// aliases, publish and expiry dates) are left out of a new file: few items need them.
    public var writtenByNew: Bool

    public init(_ key: String, _ shape: Shape, required: Bool = false, note: String? = nil,
                sharedByTranslations: Bool = false, writtenByNew: Bool = true) {
        self.key = key
        self.shape = shape
        self.required = required
        self.note = note
        self.sharedByTranslations = sharedByTranslations
        self.writtenByNew = writtenByNew
    }

    /// The fields of a `record` or `records` field.
    public var subfields: [FieldSchema] { Self.subfields(of: shape) }

    static func subfields(of shape: Shape?) -> [FieldSchema] {
        switch shape {
        case .record(let fields)?, .records(let fields)?: fields
        default: []
        }
    }
}

/// The one description of every kind's front matter.
public enum ContentSchema {
    /// Every front matter field of a kind, in the order `loa new` writes them: title, summary,
    /// district, topics, the kind's own fields, source, the address and scheduling fields, draft.
    public static func fields(of kind: ContentKind) -> [FieldSchema] { byKind[kind] ?? [] }

    /// A field of a kind by key.
    public static func field(_ key: String, of kind: ContentKind) -> FieldSchema? {
        fields(of: kind).first { $0.key == key }
    }

    /// Keys the loader accepts without a warning though it reads them for no feature yet.
    public static let acceptedUnread: Set<String> = ["weight"]

    /// The keys of a kind's required fields, nested ones as `attachments.file`: what the loader
    /// reports missing. (A press release's `date` is required only without a `source`: the loader
    /// decides that one itself.)
    static func requiredKeys(of kind: ContentKind) -> Set<String> { requiredByKind[kind] ?? [] }

    /// Every key of a kind, and `acceptedUnread`: the loader warns about any other.
    static func acceptedKeys(of kind: ContentKind) -> Set<String> { acceptedByKind[kind] ?? acceptedUnread }

    /// The shape of a key in any kind (the same key has the same shape in every kind), for
    /// reading a file without knowing its kind.
    static func shape(ofKey key: String) -> FieldSchema.Shape? { shapesByKey[key] }

    private static let byKind: [ContentKind: [FieldSchema]] = Dictionary(uniqueKeysWithValues: ContentKind.allCases.map { ($0, make($0)) })
    private static let acceptedByKind: [ContentKind: Set<String>] = byKind.mapValues { Set($0.map(\.key)).union(acceptedUnread) }
    private static let requiredByKind: [ContentKind: Set<String>] = byKind.mapValues { fields in
        var keys: Set<String> = []
        for field in fields {
            if field.required { keys.insert(field.key) }
            for sub in field.subfields where sub.required { keys.insert(field.key + "." + sub.key) }
        }
        return keys
    }
    private static let shapesByKey: [String: FieldSchema.Shape] = {
        var shapes: [String: FieldSchema.Shape] = [:]
        for kind in ContentKind.allCases { for field in fields(of: kind) { shapes[field.key] = field.shape } }
        return shapes
    }()

    private static func choices<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> FieldSchema.Shape where E.RawValue == String {
        .choice(E.allCases.map(\.rawValue))
    }

    private static func make(_ kind: ContentKind) -> [FieldSchema] {
        typealias F = FieldSchema
        var fields: [F] = [
            F("title", .text, required: true),
            F("summary", .paragraph, required: kind == .pressRelease, note: "one or two sentences for lists and feeds"),
            F("district", .district, required: kind != .page, note: "a slug from Content/site.yaml", sharedByTranslations: true),
            F("topics", .topics, sharedByTranslations: true),
        ]
        switch kind {
        case .pressRelease:
            // Required unless `source` names the document the release restates.
            fields.append(F("date", .date, note: "YYYY-MM-DD", sharedByTranslations: true))
        case .document:
            fields += [
                F("document_kind", choices(DocumentKind.self), required: true,
                  note: DocumentKind.allCases.map(\.rawValue).joined(separator: ", "), sharedByTranslations: true),
                F("number", .text, note: "as printed after 'Số:'; leave empty if not stated", sharedByTranslations: true),
                F("issue_date", .date, note: "YYYY-MM-DD, or YYYY-MM when the day is blank", sharedByTranslations: true),
                F("effective_date", .date, note: "only if the document states when it takes effect", sharedByTranslations: true),
                F("abstract", .paragraph, note: "the 'trích yếu' as printed under the kind word; without it the title is shown"),
                F("field", .text, note: "lĩnh vực, e.g. \"Thông tin đối ngoại\""),
                F("place", .text, note: "place of issue as printed"),
                F("issuer", .text, required: true, note: "the issuing body in full"),
                F("period", .text),
                F("references", .textList),
                F("recipients_note", .text, note: "a note above the list, as printed, e.g. \"Gửi bản điện tử:\""),
                F("recipients", .textList, note: "one entry per line under 'Nơi nhận:'"),
                F("signing_lines", .textList, note: "e.g. [\"KT. CHỦ TỊCH\", \"PHÓ CHỦ TỊCH\"]"),
                F("signer", .text, sharedByTranslations: true),
                F("attachments", .records([F("title", .text), F("file", .file, required: true)]),
                  note: "e.g. [{title: \"Bản scan\", file: files/x.pdf}]"),
            ]
        case .spokesperson:
            fields += [
                F("name", .text, note: "only if published", sharedByTranslations: true),
                F("position", .text, required: true),
                F("agency", .text, required: true),
                F("phone", .text, note: "only if published", sharedByTranslations: true),
                F("email", .text, note: "only if published", sharedByTranslations: true),
                F("since", .date, sharedByTranslations: true),
            ]
        case .place:
            fields += [
                F("place_kind", choices(PlaceKind.self), required: true,
                  note: PlaceKind.allCases.map(\.rawValue).joined(separator: ", "), sharedByTranslations: true),
                F("recognition", choices(Recognition.self), note: Recognition.allCases.map(\.rawValue).joined(separator: ", "),
                  sharedByTranslations: true),
                F("commune", .text),
                F("coordinates", .record([F("latitude", .decimal(-90...90), required: true), F("longitude", .decimal(-180...180), required: true)]),
                  note: "{latitude: …, longitude: …}; only if known", sharedByTranslations: true),
                F("visiting", .paragraph),
            ]
        case .page:
            fields.append(F("menu", .integer(0...1000), note: "a number puts the page in the footer menu", sharedByTranslations: true))
        case .organisation:
            let official = ["name", "position", "unit", "phone", "email"].map { F($0, .text) }
            fields += [
                F("organisation_kind", choices(OrganisationKind.self), required: true,
                  note: OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "), sharedByTranslations: true),
                F("parent", .text, note: "the body it belongs to, by name"),
                F("address", .text, note: "only what the sources state; leave empty otherwise"),
                F("phone", .text, sharedByTranslations: true),
                F("fax", .text, sharedByTranslations: true),
                F("email", .text, sharedByTranslations: true),
                F("working_hours", .text),
                F("officials", .records(official),
                  note: "e.g. [{name: …, position: …, unit: …, phone: …, email: …}], each field only if published"),
                F("chart", .unitTree, note: "units, nested: [Văn phòng, {name: Phòng …, units: [Tổ …]}]"),
                F("chart_image", .record([F("file", .file, required: true), F("alt", .text, required: true)]),
                  note: "{file: images/so-do.png, alt: …}; a picture of the chart, if there is one"),
            ]
        }
        fields += [
            F("source", .text, note: "link to the content file the facts come from"),
            F("slug", .text, writtenByNew: false),
            F("aliases", .textList, writtenByNew: false),
            F("publish_date", .date, writtenByNew: false),
            F("expiry_date", .date, writtenByNew: false),
            F("draft", .boolean, note: "remove this line to publish"),
        ]
        return fields
    }
}

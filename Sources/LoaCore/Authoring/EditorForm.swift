/// One input (or group of inputs) of the editor's form for a content kind, as plain values: the
/// editor turns them into HTML.
public struct FormField: Sendable {
    /// The field's key: "issue_date"; nested: "attachments.0.file".
    public var key: String
    /// The HTML input name. A date's inputs are `name.day`, `name.month`, `name.year` (see
    /// `EditorForm.dateParts`); a chart is one textarea (see `EditorForm.chartText`).
    public var name: String
    public var shape: FieldSchema.Shape
    public var required: Bool
    public var value: FieldValue?
    /// Choices; districts and topics from site.yaml in Vietnamese collation order, labelled in
    /// the form's language.
    public var options: [(value: String, label: String)]
    /// A list's rows (each one text field) or records' rows (each its fields), plus one empty
    /// row to add; a record's one row.
    public var rows: [[FormField]]
    /// What `loa new` writes beside the field (English).
    public var note: String?

    public init(key: String, name: String, shape: FieldSchema.Shape, required: Bool, value: FieldValue?,
                options: [(value: String, label: String)] = [], rows: [[FormField]] = [], note: String? = nil) {
        self.key = key
        self.name = name
        self.shape = shape
        self.required = required
        self.value = value
        self.options = options
        self.rows = rows
        self.note = note
    }
}

/// The editor's form for a kind, made from `ContentSchema`: a field added to a kind's schema
/// is in its form; and posted forms back to field values.
public enum EditorForm {
    public static func fields(kind: ContentKind, document: FrontMatterDocument?, configuration: SiteConfiguration,
                              language: String) -> [FormField] {
        ContentSchema.fields(of: kind).map { schema in
            formField(schema, key: schema.key, value: document?.value(of: schema.key), configuration: configuration, language: language)
        }
    }

    private static func formField(_ schema: FieldSchema, key: String, value: FieldValue?, configuration: SiteConfiguration,
                                  language: String) -> FormField {
        var field = FormField(key: key, name: key, shape: schema.shape, required: schema.required, value: value, note: schema.note)
        func label(_ text: LocalizedText) -> String { text.text(language, fallback: configuration.defaultLanguage) }
        func collated(_ options: [(value: String, label: String)]) -> [(value: String, label: String)] {
            options.map { ($0, Collation.vietnameseKey($0.label)) }.sorted { ($0.1, $0.0.value) < ($1.1, $1.0.value) }.map(\.0)
        }
        /// A value the file has that is not an option stays one, last, so saving does not drop
        /// it: the build's check names it.
        func withCurrent(_ options: [(value: String, label: String)]) -> [(value: String, label: String)] {
            var current: [String] = []
            switch value {
            case .text(let v)?: current = [v]
            case .list(let v)?: current = v
            default: break
            }
            return options + current.filter { v in !options.contains { $0.value == v } }.map { ($0, $0) }
        }
        switch schema.shape {
        case .choice(let values):
            field.options = withCurrent(values.map { ($0, $0) })
        case .district:
            field.options = withCurrent(collated(configuration.districts.map { ($0.slug, label($0.name)) }))
        case .topics:
            field.options = withCurrent(collated(configuration.topics.map { ($0.slug, label($0.name)) }))
        case .textList:
            var items: [String] = []
            if case .list(let list)? = value { items = list }
            field.rows = (items + [""]).enumerated().map { i, item in
                [FormField(key: "\(key).\(i)", name: "\(key).\(i)", shape: .text, required: false, value: item.isEmpty ? nil : .text(item))]
            }
        case .records(let subfields):
            var rows: [[String: FieldValue]] = []
            if case .records(let r)? = value { rows = r }
            field.rows = (rows + [[:]]).enumerated().map { i, row in
                subfields.map { formField($0, key: "\(key).\(i).\($0.key)", value: row[$0.key], configuration: configuration, language: language) }
            }
        case .record(let subfields):
            var record: [String: FieldValue] = [:]
            if case .record(let r)? = value { record = r }
            field.rows = [subfields.map { formField($0, key: "\(key).\($0.key)", value: record[$0.key], configuration: configuration, language: language) }]
        case .text, .paragraph, .date, .unitTree, .boolean, .integer, .decimal, .file:
            break
        }
        return field
    }

    /// Posted form fields (name, value), in order, → the value of each schema field of the kind
    /// (nil = empty, which removes the field from the file).
    public static func values(kind: ContentKind, posted: [(name: String, value: String)]) -> [String: FieldValue?] {
        var first: [String: String] = [:]
        var all: [String: [String]] = [:]
        for (name, value) in posted {
            if first[name] == nil { first[name] = value }
            all[name, default: []].append(value)
        }
        var out: [String: FieldValue?] = [:]
        for schema in ContentSchema.fields(of: kind) {
            out[schema.key] = value(schema, name: schema.key, first: first, all: all, posted: posted)
        }
        return out
    }

    private static func value(_ schema: FieldSchema, name: String, first: [String: String], all: [String: [String]],
                              posted: [(name: String, value: String)]) -> FieldValue? {
        func text(_ name: String) -> String? {
            guard let raw = first[name] else { return nil }
            let t = raw.replacingOccurrences(of: "\r\n", with: "\n").trimmedWhiteSpace
            return t.isEmpty ? nil : Folding.nfc(t)
        }
        /// The row numbers posted under `name.N…`, in numeric order.
        func rowNumbers() -> [Int] {
            let prefix = name + "."
            var numbers: [Int] = []
            for (posted, _) in posted where posted.hasPrefix(prefix) {
                let rest = posted.dropFirst(prefix.count)
                if let n = Int(rest.prefix { $0 != "." }), !numbers.contains(n) { numbers.append(n) }
            }
            return numbers.sorted()
        }
        switch schema.shape {
        case .text, .paragraph, .choice, .district, .integer, .decimal, .file:
            return text(name).map(FieldValue.text)
        case .boolean:
            return first[name] != nil ? .text("true") : nil
        case .date:
            return date(day: text(name + ".day"), month: text(name + ".month"), year: text(name + ".year")).map(FieldValue.text)
        case .topics:
            let topics = (all[name] ?? []).map(\.trimmedWhiteSpace).filter { !$0.isEmpty }
            return topics.isEmpty ? nil : .list(topics)
        case .textList:
            let items = rowNumbers().compactMap { text("\(name).\($0)") }
            return items.isEmpty ? nil : .list(items)
        case .records(let subfields):
            let rows = rowNumbers().compactMap { n -> [String: FieldValue]? in
                let row = record(subfields, name: "\(name).\(n)")
                return row.isEmpty ? nil : row
            }
            return rows.isEmpty ? nil : .records(rows)
        case .record(let subfields):
            let r = record(subfields, name: name)
            return r.isEmpty ? nil : .record(r)
        case .unitTree:
            let units = self.units(fromChart: first[name] ?? "")
            return units.isEmpty ? nil : .units(units)
        }
        func record(_ subfields: [FieldSchema], name: String) -> [String: FieldValue] {
            var r: [String: FieldValue] = [:]
            for sub in subfields {
                if let v = value(sub, name: "\(name).\(sub.key)", first: first, all: all, posted: posted) { r[sub.key] = v }
            }
            return r
        }
    }

    // MARK: Dates

    /// GOV.UK's date pattern: day, month and year inputs. No month and no year is no date; no day
    /// is `YYYY-MM`. A date that is not one is kept as typed (`2023-02-31`, `2023--05`) so the
    /// build's own check reports it at its line, never dropped.
    public static func date(day: String?, month: String?, year: String?) -> String? {
        let day = day?.trimmedWhiteSpace ?? "", month = month?.trimmedWhiteSpace ?? "", year = year?.trimmedWhiteSpace ?? ""
        if day.isEmpty && month.isEmpty && year.isEmpty { return nil }
        func pad(_ s: String) -> String { s.count == 1 && s.allSatisfy(\.isASCII) && Int(s) != nil ? "0" + s : s }
        if day.isEmpty && month.isEmpty { return year }
        let yearMonth = "\(year)-\(pad(month))"
        return day.isEmpty ? yearMonth : "\(yearMonth)-\(pad(day))"
    }

    /// A date field's value as the three inputs show it; a value that is not a date shows whole in
    /// `year`, so nothing typed is lost.
    public static func dateParts(_ value: FieldValue?) -> (day: String, month: String, year: String) {
        guard case .text(let text)? = value else { return ("", "", "") }
        guard let date = PartialDate(parsing: text) else {
            // What `date(day:month:year:)` made of parts that are not a date ("2024-03-40") goes
            // back to its boxes, so the person corrects the part they typed; any other text stays whole.
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard (2...3).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return ("", "", text) }
            func shown(_ part: String) -> String { Int(part).map(String.init) ?? part }
            return (parts.count == 3 ? shown(parts[2]) : "", shown(parts[1]), parts[0])
        }
        return (date.day.map(String.init) ?? "", String(date.month), String(date.year))
    }

    // MARK: Charts

    /// A chart as the textarea shows it: one unit per line, two spaces of indentation per level.
    public static func chartText(_ units: [OrganisationUnitValue]) -> String {
        var lines: [String] = []
        func add(_ units: [OrganisationUnitValue], level: Int) {
            for unit in units {
                lines.append(String(repeating: "  ", count: level) + unit.name)
                add(unit.units, level: level + 1)
            }
        }
        add(units, level: 0)
        return lines.joined(separator: "\n")
    }

    /// The textarea's text back to units. A line indented deeper than one level below the line
    /// above goes one level below it; a tab counts as one level; blank lines are skipped.
    public static func units(fromChart text: String) -> [OrganisationUnitValue] {
        var entries: [(level: Int, name: String)] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: true) {
            var spaces = 0
            for c in line {
                if c == " " { spaces += 1 } else if c == "\t" { spaces += 2 } else { break }
            }
            let name = Folding.nfc(String(line).trimmedWhiteSpace)
            guard !name.isEmpty else { continue }
            let previous = entries.last?.level ?? -1
            entries.append((min(spaces / 2, previous + 1), name))
        }
        var index = 0
        func tree(level: Int) -> [OrganisationUnitValue] {
            var out: [OrganisationUnitValue] = []
            while index < entries.count, entries[index].level == level {
                let name = entries[index].name
                index += 1
                out.append(OrganisationUnitValue(name: name, units: tree(level: level + 1)))
            }
            return out
        }
        var all: [OrganisationUnitValue] = []
        while index < entries.count { all += tree(level: entries[index].level) }
        return all
    }
}

import Foundation

/// A front matter field's value as the editor handles it.
public indirect enum FieldValue: Sendable, Hashable {
    /// text, paragraph, date, choice, district, boolean ("true"), integer, decimal, file: as written.
    case text(String)
    /// textList, topics.
    case list([String])
    case record([String: FieldValue])
    case records([[String: FieldValue]])
    /// unitTree.
    case units([OrganisationUnitValue])
}

/// A unit of an organisation's chart, as the editor handles it.
public struct OrganisationUnitValue: Sendable, Hashable {
    public var name: String
    public var units: [OrganisationUnitValue]

    public init(name: String, units: [OrganisationUnitValue] = []) {
        self.name = name
        self.units = units
    }
}

/// A content file's text, front matter and body, edited field by field without losing a byte of
/// what is not edited: comments, unknown fields, quoting style, blank lines, the body.
///
/// The front matter is kept as lines. A field is its key's line at the left margin and the
/// indented (or `- `) lines under it; blank lines and comments between fields belong to no
/// field and stay where they are. Setting a field rewrites only that field's lines, and only
/// when the new value differs from what the loader would read from the old ones.
public struct FrontMatterDocument: Sendable {
    struct Line: Sendable, Hashable {
        var content: String
        /// "\n", "\r\n", or "" for a last line without one.
        var ending: String
    }

    /// Everything up to and including the opening `---` line.
    private var head: String
    private var headLineCount: Int
    private var lines: [Line]
    /// The closing `---` (or `...`) line.
    private var closing: String
    /// Everything after the closing line, as it is.
    public var body: String
    /// The file's own line ending, for the lines written.
    private let newline: String
    /// The kind, when known: it decides which keys are unknown.
    public var kind: ContentKind?

    /// Reads a content file. A file without front matter, or whose front matter is not YAML
    /// fields, is an error at its line in `path`.
    public init(text: String, path: String = "content file", kind: ContentKind? = nil) throws(BuildFailure) {
        let all = Self.split(text)
        newline = all.first.map { $0.ending.isEmpty ? "\n" : $0.ending } ?? "\n"
        self.kind = kind
        func fail(_ line: Int, _ message: String) -> BuildFailure {
            BuildFailure([.error(at: SourceLocation(path: path, line: line, column: 1), message)])
        }
        func isMarker(_ line: Line, _ markers: Set<String>) -> Bool {
            var content = Substring(line.content)
            if content.unicodeScalars.first == "\u{FEFF}" { content = Substring(content.unicodeScalars.dropFirst()) }
            return markers.contains(String(content).trimmingCharacters(in: CharacterSet(charactersIn: " \t")))
        }
        // Blank lines may come before the front matter, as the loader allows.
        var open = 0
        while open < all.count, all[open].content.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{FEFF}")).isEmpty { open += 1 }
        guard open < all.count, isMarker(all[open], ["---"]) else {
            throw fail(min(open, max(all.count - 1, 0)) + 1, "the file must start with front matter: a line '---', fields such as 'title: …', and another '---' line")
        }
        guard let close = all[(open + 1)...].firstIndex(where: { isMarker($0, ["---", "..."]) }) else {
            throw fail(open + 1, "the front matter is not closed: add a line '---' after its last field")
        }
        head = all[...open].map { $0.content + $0.ending }.joined()
        headLineCount = open + 1
        lines = Array(all[(open + 1)..<close])
        closing = all[close].content + all[close].ending
        body = all[(close + 1)...].map { $0.content + $0.ending }.joined()

        let yaml = lines.map(\.content).joined(separator: "\n")
        switch SourceText.parseYAML(Folding.nfc(yaml), path: path, firstLine: open + 2) {
        case .failure(let problem): throw BuildFailure([problem])
        case .success(let node):
            if let node {
                guard case .mapping = node else { throw fail(open + 2, "the front matter must be fields written as 'name: value' lines") }
            }
        }
    }

    /// A new file of a kind with these fields, in the schema's order. `body` follows the
    /// closing line as given.
    public static func new(kind: ContentKind, fields: [String: FieldValue], body: String) -> FrontMatterDocument {
        var document = try! FrontMatterDocument(text: "---\n---\n", kind: kind)
        document.body = body
        for field in ContentSchema.fields(of: kind) {
            if let value = fields[field.key] { document.set(field.key, value, kind: kind) }
        }
        for key in fields.keys.sorted() where ContentSchema.field(key, of: kind) == nil {
            document.set(key, fields[key], kind: kind)
        }
        return document
    }

    /// The whole file: lines not edited are exactly as read.
    public var text: String {
        head + lines.map { $0.content + $0.ending }.joined() + closing + body
    }

    /// The value of a field, nil when absent or empty.
    public func value(of key: String) -> FieldValue? {
        segment(key).flatMap { value(in: $0) }
    }

    /// The value of the field whose lines `field` are, read as the loader reads front matter.
    private func value(in field: Segment) -> FieldValue? {
        let yaml = lines[field.range].map(\.content).joined(separator: "\n")
        guard case .success(let node?) = YAMLNode.parse(Folding.nfc(yaml), path: "", firstLine: 1),
              case .mapping(let mapping) = node.value, let value = mapping.first?.value else { return nil }
        return Self.fieldValue(value, shape: shape(of: field.key, kind: kind))
    }

    /// Sets a field: nil or empty removes its lines; a value the field already has leaves them
    /// as they are; a new key goes where the kind's schema order puts it.
    public mutating func set(_ key: String, _ value: FieldValue?, kind: ContentKind) {
        let shape = shape(of: key, kind: kind)
        let old = segment(key)
        let current = old.flatMap { self.value(in: $0) }
        var wanted = Self.normalised(value, shape: shape)
        // Topics are a set: a form posts them in its own order, the file keeps its own.
        if shape == .topics, case .list(let have)? = Self.normalised(current, shape: shape), case .list(let want)? = wanted {
            wanted = .list(have.filter(want.contains) + want.filter { !have.contains($0) })
        }
        if old != nil && Self.normalised(current, shape: shape) == wanted {
            // Unchanged in meaning: `number:`, `references: []` and `draft: false` stay as written too.
            return
        }
        if old == nil && wanted == nil { return }
        guard let wanted else {
            lines.removeSubrange(old!.range)
            return
        }
        var comment = ""
        var wasFlow = false
        var kept: [Line] = []
        if let old {
            let (valuePart, commentPart) = Self.splitComment(lines[old.range.lowerBound].content)
            comment = commentPart
            wasFlow = valuePart.trimmingCharacters(in: .whitespaces).hasPrefix("[")
            // Comment lines inside the field's block stay, after it.
            kept = lines[old.range].dropFirst().filter { $0.content.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        }
        let written = Self.render(key, wanted, shape: shape, comment: comment, wasFlow: wasFlow).map { Line(content: $0, ending: newline) } + kept
        if let old {
            lines.replaceSubrange(old.range, with: written)
        } else {
            lines.insert(contentsOf: written, at: insertionIndex(for: key, kind: kind))
        }
    }

    /// Keys of the front matter the schema does not know (of the document's kind when known,
    /// else of any kind), in file order: kept as they are.
    public var unknownKeys: [String] {
        segments().map(\.key).filter { key in
            if let kind { return ContentSchema.field(key, of: kind) == nil }
            return ContentSchema.shape(ofKey: key) == nil
        }
    }

    /// Every key of the front matter, in file order.
    public var keys: [String] { segments().map(\.key) }

    /// The 1-based file line of a field's key, to put an error next to its field.
    public func line(of key: String) -> Int? {
        segment(key).map { headLineCount + $0.range.lowerBound + 1 }
    }

    // MARK: Lines and fields

    struct Segment {
        var key: String
        var range: Range<Int>
    }

    /// The file's lines with their endings; "\r\n" stays one ending, never part of the content.
    static func split(_ text: String) -> [Line] {
        let bytes = Array(text.utf8)
        var out: [Line] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                let crlf = i > start && bytes[i - 1] == 0x0D
                out.append(Line(content: String(decoding: bytes[start..<(crlf ? i - 1 : i)], as: UTF8.self), ending: crlf ? "\r\n" : "\n"))
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { out.append(Line(content: String(decoding: bytes[start...], as: UTF8.self), ending: "")) }
        return out
    }

    /// The key of a line at the left margin (`key:` then a space or the end), else nil.
    static func key(of line: String) -> String? {
        guard let first = line.unicodeScalars.first, first != " ", first != "\t", first != "#", !line.hasPrefix("- "), line != "-" else { return nil }
        let scalars = Array(line.unicodeScalars)
        for (i, s) in scalars.enumerated() where s == ":" {
            if i + 1 == scalars.count || scalars[i + 1] == " " || scalars[i + 1] == "\t" {
                let key = String(String.UnicodeScalarView(scalars[..<i])).trimmingCharacters(in: .whitespaces)
                return key.isEmpty ? nil : key
            }
        }
        return nil
    }

    func segments() -> [Segment] {
        var out: [Segment] = []
        var current: Segment?
        for (i, line) in lines.enumerated() {
            let trimmed = line.content.trimmingCharacters(in: .whitespaces)
            let atMargin = !(line.content.hasPrefix(" ") || line.content.hasPrefix("\t"))
            if trimmed.isEmpty || (atMargin && trimmed.hasPrefix("#")) { continue }
            if atMargin, !trimmed.hasPrefix("- "), trimmed != "-", let key = Self.key(of: line.content) {
                if let current { out.append(current) }
                current = Segment(key: key, range: i..<(i + 1))
            } else if current != nil {
                current!.range = current!.range.lowerBound..<(i + 1)
            }
        }
        if let current { out.append(current) }
        return out
    }

    func segment(_ key: String) -> Segment? { segments().first { $0.key == key } }

    private func shape(of key: String, kind: ContentKind?) -> FieldSchema.Shape? {
        if let kind, let field = ContentSchema.field(key, of: kind) { return field.shape }
        return ContentSchema.shape(ofKey: key)
    }

    /// After the nearest field before it in the schema's order, else before the nearest after
    /// it, else at the end.
    private func insertionIndex(for key: String, kind: ContentKind) -> Int {
        let order = ContentSchema.fields(of: kind).map(\.key)
        let present = segments()
        guard let position = order.firstIndex(of: key) else { return lines.count }
        for earlier in order[..<position].reversed() {
            if let s = present.first(where: { $0.key == earlier }) { return s.range.upperBound }
        }
        for later in order[(position + 1)...] {
            if let s = present.first(where: { $0.key == later }) { return s.range.lowerBound }
        }
        return lines.count
    }

    /// A key line's value part and its trailing comment with the spaces before it ("  # …"),
    /// quotes and flow brackets respected.
    static func splitComment(_ line: String) -> (value: String, comment: String) {
        let scalars = Array(line.unicodeScalars)
        var i = 0
        var quote: Unicode.Scalar?
        while i < scalars.count {
            let s = scalars[i]
            if let q = quote {
                if q == "\"" && s == "\\" { i += 2; continue }
                if s == q {
                    if q == "'" && i + 1 < scalars.count && scalars[i + 1] == "'" { i += 2; continue }
                    quote = nil
                }
            } else if s == "\"" || s == "'" {
                // A quote opens a scalar only where one can start.
                let before = i == 0 ? " " : scalars[i - 1]
                if [" ", "[", "{", ",", ":"].contains(before) { quote = s }
            } else if s == "#" && i > 0 && (scalars[i - 1] == " " || scalars[i - 1] == "\t") {
                var start = i
                while start > 0 && (scalars[start - 1] == " " || scalars[start - 1] == "\t") { start -= 1 }
                return (String(String.UnicodeScalarView(scalars[..<start])), String(String.UnicodeScalarView(scalars[start...])))
            }
            i += 1
        }
        return (line, "")
    }

    // MARK: Values

    /// What the loader would read, as a `FieldValue`: text trimmed and NFC; nil when empty.
    static func fieldValue(_ node: YAMLNode, shape: FieldSchema.Shape?) -> FieldValue? {
        if case .scalar(let s, true) = node.value, ["", "~", "null", "Null", "NULL"].contains(s) { return nil }
        switch (shape, node.value) {
        case (.topics?, .scalar(let s, _)), (.textList?, .scalar(let s, _)):
            let t = clean(s)
            return t.isEmpty ? nil : .list([t])
        case (.record(let fields)?, .mapping):
            return record(node, fields: fields).map(FieldValue.record)
        case (.records(let fields)?, .sequence(let rows)):
            var out: [[String: FieldValue]] = []
            for row in rows {
                guard case .mapping = row.value else { return generic(node) }
                out.append(record(row, fields: fields) ?? [:])
            }
            return out.isEmpty ? nil : .records(out)
        case (.unitTree?, .sequence):
            guard let units = units(node) else { return generic(node) }
            return units.isEmpty ? nil : .units(units)
        default:
            return generic(node)
        }
    }

    private static func clean(_ s: String) -> String { Folding.nfc(s).trimmedWhiteSpace }

    private static func record(_ node: YAMLNode, fields: [FieldSchema]) -> [String: FieldValue]? {
        guard case .mapping(let pairs) = node.value else { return nil }
        var out: [String: FieldValue] = [:]
        for (k, v) in pairs {
            guard let key = k.string else { continue }
            if let value = fieldValue(v, shape: fields.first { $0.key == key }?.shape) { out[key] = value }
        }
        return out.isEmpty ? nil : out
    }

    private static func units(_ node: YAMLNode) -> [OrganisationUnitValue]? {
        guard case .sequence(let entries) = node.value else { return nil }
        var out: [OrganisationUnitValue] = []
        for entry in entries {
            switch entry.value {
            case .scalar(let s, _): out.append(OrganisationUnitValue(name: clean(s)))
            case .mapping(let pairs):
                guard let name = pairs.first(where: { $0.key.string == "name" })?.value.string else { return nil }
                let below = pairs.first(where: { $0.key.string == "units" }).map { units($0.value) } ?? []
                guard let below else { return nil }
                out.append(OrganisationUnitValue(name: clean(name), units: below))
            default: return nil
            }
        }
        return out
    }

    private static func generic(_ node: YAMLNode) -> FieldValue? {
        switch node.value {
        case .scalar(let s, _):
            let t = clean(s)
            return t.isEmpty ? nil : .text(t)
        case .sequence(let items):
            if items.allSatisfy({ $0.string != nil }) {
                return items.isEmpty ? nil : .list(items.map { clean($0.string!) })
            }
            if items.allSatisfy({ if case .mapping = $0.value { true } else { false } }) {
                return .records(items.map { record($0, fields: []) ?? [:] })
            }
            return units(node).map(FieldValue.units)
        case .mapping:
            return record(node, fields: []).map(FieldValue.record)
        case .alias:
            return nil
        }
    }

    /// A value as the loader reads it, for comparing: nil for empty, text trimmed and NFC,
    /// dates, numbers and booleans by what they mean.
    static func normalised(_ value: FieldValue?, shape: FieldSchema.Shape?) -> FieldValue? {
        guard let value else { return nil }
        switch value {
        case .text(let raw):
            let t = clean(raw)
            if t.isEmpty { return nil }
            switch shape {
            case .boolean?:
                switch t.lowercased() {
                case "true", "yes", "on": return .text("true")
                case "false", "no", "off": return nil  // as absent: not a draft
                default: return .text(t)
                }
            case .date?: return .text(PartialDate(parsing: t)?.description ?? t)
            case .integer?: return .text(Int(t).map(String.init) ?? t)
            case .decimal?: return .text(Double(t).map { "\($0)" } ?? t)
            case .topics?, .textList?: return .list([t])
            default: return .text(t)
            }
        case .list(let items):
            let kept = items.map(clean).filter { !$0.isEmpty }
            return kept.isEmpty ? nil : .list(kept)
        case .record(let fields):
            let subfields = { (key: String) in FieldSchema.subfields(of: shape).first { $0.key == key }?.shape }
            var out: [String: FieldValue] = [:]
            for (k, v) in fields { if let n = normalised(v, shape: subfields(k)) { out[k] = n } }
            return out.isEmpty ? nil : .record(out)
        case .records(let rows):
            let kept = rows.compactMap { row -> [String: FieldValue]? in
                if case .record(let r)? = normalised(.record(row), shape: shape.map { recordShape(of: $0) }) { return r }
                return nil
            }
            return kept.isEmpty ? nil : .records(kept)
        case .units(let units):
            func clean(_ u: [OrganisationUnitValue]) -> [OrganisationUnitValue] {
                u.compactMap { unit in
                    let name = Self.clean(unit.name)
                    return name.isEmpty ? nil : OrganisationUnitValue(name: name, units: clean(unit.units))
                }
            }
            let kept = clean(units)
            return kept.isEmpty ? nil : .units(kept)
        }
    }

    private static func recordShape(of shape: FieldSchema.Shape) -> FieldSchema.Shape {
        if case .records(let fields) = shape { return .record(fields) }
        return shape
    }

    // MARK: Writing

    /// A field's lines for a normalised value: YAML the loader reads back to the same value.
    static func render(_ key: String, _ value: FieldValue, shape: FieldSchema.Shape?, comment: String, wasFlow: Bool) -> [String] {
        switch value {
        case .text(let s):
            return ["\(key): \(scalar(s, shape: shape))\(comment)"]
        case .list(let items):
            let isTopics = shape == .topics
            let flow = "\(key): [" + items.map { isTopics ? scalar($0, shape: .district) : YAMLText.quoted($0) }.joined(separator: ", ") + "]\(comment)"
            if isTopics || (wasFlow && flow.count <= 100) { return [flow] }
            return ["\(key):\(comment)"] + items.map { "  - " + YAMLText.quoted($0) }
        case .record(let fields):
            let order = orderedKeys(fields, shape: shape)
            let sub = FieldSchema.subfields(of: shape)
            return ["\(key): {" + order.map { k in "\(k): \(inline(fields[k]!, shape: sub.first { $0.key == k }?.shape))" }.joined(separator: ", ") + "}\(comment)"]
        case .records(let rows):
            let sub = FieldSchema.subfields(of: shape)
            var out = ["\(key):\(comment)"]
            for row in rows {
                for (i, k) in orderedKeys(row, shape: shape).enumerated() {
                    out.append((i == 0 ? "  - " : "    ") + "\(k): \(inline(row[k]!, shape: sub.first { $0.key == k }?.shape))")
                }
            }
            return out
        case .units(let units):
            return ["\(key):\(comment)"] + unitLines(units, indent: 2)
        }
    }

    private static func unitLines(_ units: [OrganisationUnitValue], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var out: [String] = []
        for unit in units {
            if unit.units.isEmpty {
                out.append(pad + "- " + YAMLText.quoted(unit.name))
            } else {
                out.append(pad + "- name: " + YAMLText.quoted(unit.name))
                out.append(pad + "  units:")
                out += unitLines(unit.units, indent: indent + 4)
            }
        }
        return out
    }

    /// A record's keys: the schema's order, then any others by name.
    private static func orderedKeys(_ fields: [String: FieldValue], shape: FieldSchema.Shape?) -> [String] {
        let known = FieldSchema.subfields(of: shape).map(\.key)
        return known.filter { fields[$0] != nil } + fields.keys.filter { !known.contains($0) }.sorted()
    }

    /// A value inside a flow or block record: one line.
    private static func inline(_ value: FieldValue, shape: FieldSchema.Shape?) -> String {
        switch value {
        case .text(let s): scalar(s, shape: shape)
        case .list(let items): "[" + items.map(YAMLText.quoted).joined(separator: ", ") + "]"
        default: "\"\""  // not a shape of any record's field
        }
    }

    /// Text quoted as the project writes it; slugs, dates, numbers, paths and choices plain
    /// when YAML reads them back as the same text.
    static func scalar(_ s: String, shape: FieldSchema.Shape?) -> String {
        switch shape {
        case .text?, .paragraph?, .textList?, nil: return YAMLText.quoted(s)
        default: return isPlainSafe(s) ? s : YAMLText.quoted(s)
        }
    }

    private static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              first.properties.isAlphabetic || ("0"..."9").contains(first), last != " " else { return false }
        if ["null", "~"].contains(s.lowercased()) { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || " -._/+".unicodeScalars.contains($0) }
            && !s.contains("  ")
    }
}

import Foundation
import LoaCore

/// A kind's form as the editor's templates show it: `EditorForm`'s fields with their labels and
/// hints from the theme's strings (`editor.fields.<key>`, a record's field as
/// `<key>_<field>`), and the build's problems placed beside the field they are about.
struct EditorFormView {
    let setting: EditorSetting
    /// Problems by field key ("" for the file as a whole, "body" for the text).
    var errors: [String: [String]] = [:]
    /// Rows to add to lists, by key (the "Add a row" button).
    var extraRows: [String: Int] = [:]

    /// Where the choices of a `choice` field take their labels in the theme's strings.
    static let choiceLabels = ["document_kind": "document_kinds", "place_kind": "place_kinds", "recognition": "recognition",
                               "organisation_kind": "organisation_kinds"]

    static let flags = ["is_text", "is_paragraph", "is_select", "is_date", "is_topics", "is_boolean", "is_list", "is_records", "is_record",
                        "hint", "described_by", "inputmode", "checked", "options", "rows", "value", "day", "month", "year", "lines", "input_type"]

    static func id(_ key: String) -> String { "f-" + key.replacingOccurrences(of: ".", with: "-") }

    /// "attachments.0.file" → "attachments_file": the strings of a record's field.
    static func labelKey(_ key: String) -> String {
        key.split(separator: ".").filter { Int($0) == nil }.joined(separator: "_")
    }

    func label(_ key: String) -> String { setting.strings["editor.fields.\(Self.labelKey(key)).label"] }
    func hint(_ key: String) -> String? { setting.strings.text("editor.fields.\(Self.labelKey(key)).hint") }

    func fields(_ formFields: [FormField]) -> [TemplateValue] { formFields.map { field($0) } }

    func field(_ f: FormField) -> TemplateValue {
        let s = setting.strings
        let id = Self.id(f.key)
        var o: TemplateFields = ["key": .text(f.key), "id": .text(id), "name": .text(f.name), "label": .text(label(f.key)),
                                 "required": .bool(f.required)]
        // Every key a field's template reads, so that a record's field never finds its
        // record's (Mustache looks a missing key up in the sections around it).
        for flag in Self.flags { o[flag] = false }
        let hintText = hint(f.key)
        if let hintText { o["hint"] = .text(hintText) }
        let messages = errors[f.key] ?? []
        o["errors"] = .list(messages.enumerated().map { ["n": .int($0.offset + 1), "text": .text($0.element)] })
        o["has_error"] = .bool(!messages.isEmpty)
        var describedBy: [String] = []
        var hasHint = hintText != nil
        var text: String?
        if case .text(let t)? = f.value { text = t }
        switch f.shape {
        case .text, .file, .integer, .decimal:
            o["is_text"] = true
            o["value"] = .text(text ?? "")
            o["input_type"] = .text(["email"].contains(f.key.split(separator: ".").last.map(String.init) ?? "") ? "email" : "text")
            if case .integer = f.shape { o["inputmode"] = "numeric" }
            if case .decimal = f.shape { o["inputmode"] = "decimal" }
        case .paragraph:
            o["is_paragraph"] = true
            o["value"] = .text(text ?? "")
            o["lines"] = .int(3)
        case .unitTree:
            o["is_paragraph"] = true
            var units: [OrganisationUnitValue] = []
            if case .units(let u)? = f.value { units = u }
            o["value"] = .text(EditorForm.chartText(units))
            o["lines"] = .int(max(4, units.count + 2))
        case .date:
            o["is_date"] = true
            let parts = EditorForm.dateParts(f.value)
            o["day"] = .text(parts.day)
            o["month"] = .text(parts.month)
            o["year"] = .text(parts.year)
            hasHint = true
        case .choice, .district:
            o["is_select"] = true
            let prefix = Self.choiceLabels[f.key]
            o["options"] = .list(f.options.map { option in
                let label = prefix.flatMap { s.text("\($0).\(option.value)") }.map { "\($0) (\(option.value))" } ?? option.label
                return ["value": .text(option.value), "label": .text(label), "selected": .bool(option.value == text)]
            })
        case .topics:
            o["is_topics"] = true
            var chosen: [String] = []
            if case .list(let l)? = f.value { chosen = l }
            o["options"] = .list(f.options.map { ["value": .text($0.value), "label": .text($0.label), "selected": .bool(chosen.contains($0.value))] })
        case .boolean:
            o["is_boolean"] = true
            o["checked"] = .bool(text == "true")
        case .textList:
            o["is_list"] = true
            hasHint = true
            let rows = withExtraRows(f)
            o["rows"] = .list(rows.enumerated().map { n, row in
                let cell = row[0]
                var t = ""
                if case .text(let v)? = cell.value { t = v }
                return ["id": .text(Self.id(cell.key)), "name": .text(cell.name), "value": .text(t),
                        "label": .text(s.format("editor.row_of", ["field": label(f.key), "n": String(n + 1)])),
                        "has_error": .bool(!messages.isEmpty)]
            })
        case .records:
            o["is_records"] = true
            hasHint = true
            let rows = withExtraRows(f)
            o["rows"] = .list(rows.enumerated().map { n, row in
                ["legend": .text(s.format("editor.row_of", ["field": label(f.key), "n": String(n + 1)])), "fields": .list(row.map { field($0) })]
            })
        case .record:
            o["is_record"] = true
            o["rows"] = .list(f.rows.map { row in ["fields": .list(row.map { field($0) })] })
        }
        if hasHint { describedBy.append(id + "-hint") }
        describedBy += messages.indices.map { "\(id)-error-\($0 + 1)" }
        if !describedBy.isEmpty { o["described_by"] = .text(describedBy.joined(separator: " ")) }
        return .object(o)
    }

    /// The id of a field's first control: where an error's link leads, so that it takes the
    /// focus without JavaScript (GOV.UK's error summary: a group's link leads to its first box).
    func firstControl(_ f: FormField) -> String {
        switch f.shape {
        case .date: return Self.id(f.key) + "-day"
        case .topics: return f.options.first.map { Self.id(f.key) + "-" + $0.value } ?? Self.id(f.key)
        case .textList: return withExtraRows(f).first?.first.map { Self.id($0.key) } ?? Self.id(f.key)
        case .records: return withExtraRows(f).first?.first.map(firstControl) ?? Self.id(f.key)
        case .record: return f.rows.first?.first.map(firstControl) ?? Self.id(f.key)
        default: return Self.id(f.key)
        }
    }

    /// A list's rows with as many more empty rows as "Add a row" asked for, numbered on.
    func withExtraRows(_ f: FormField) -> [[FormField]] {
        var rows = f.rows
        guard let extra = extraRows[f.key], extra > 0, let template = rows.last else { return rows }
        let last = rows.count - 1
        for n in 0..<extra {
            let index = last + 1 + n
            rows.append(template.map { cell in
                var c = cell
                c.key = Self.renumber(cell.key, parent: f.key, from: last, to: index)
                c.name = Self.renumber(cell.name, parent: f.key, from: last, to: index)
                c.value = nil
                return c
            })
        }
        return rows
    }

    static func renumber(_ key: String, parent: String, from: Int, to: Int) -> String {
        let old = "\(parent).\(from)"
        guard key.hasPrefix(old) else { return key }
        return "\(parent).\(to)" + key.dropFirst(old.count)
    }

    /// The build's problems of a file, by the field they are about: a missing required field by
    /// its name; any other by the line it is at, within the field written on or above that line;
    /// a line in the text below the front matter is the body's.
    static func place(_ problems: [Diagnostic], document: FrontMatterDocument, bodyFirstLine: Int?, kind: ContentKind) -> [String: [Diagnostic]] {
        Dictionary(grouping: fieldKeys(problems, document: document, bodyFirstLine: bodyFirstLine, kind: kind), by: \.key).mapValues { $0.map(\.problem) }
    }

    /// Each problem with the key of its field ("" for the file as a whole), in the given order.
    static func fieldKeys(_ problems: [Diagnostic], document: FrontMatterDocument, bodyFirstLine: Int?, kind: ContentKind) -> [(key: String, problem: Diagnostic)] {
        let keyLines = document.keys.compactMap { key in document.line(of: key).map { (key, $0) } }.sorted { $0.1 < $1.1 }
        let known = Set(ContentSchema.fields(of: kind).map(\.key))
        return problems.map { problem in
            if let missing = quoted(after: "missing required field '", in: problem.message), known.contains(missing) { return (missing, problem) }
            let line = problem.location.line
            guard line > 0 else { return ("", problem) }
            if let first = bodyFirstLine, line >= first { return ("body", problem) }
            return (keyLines.last(where: { $0.1 <= line })?.0 ?? "", problem)
        }
    }

    static func quoted(after prefix: String, in message: String) -> String? {
        guard let start = message.range(of: prefix) else { return nil }
        let rest = message[start.upperBound...]
        return rest.firstIndex(of: "'").map { String(rest[..<$0]) }
    }
}

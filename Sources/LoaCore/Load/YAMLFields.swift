/// Reads typed fields from a YAML mapping, reporting each problem at the field's own line and
/// column in the file (Yams' decoder only knows a field's path, not its place).
struct YAMLFields {
    let mapping: [(key: YAMLNode, value: YAMLNode)]?
    /// The mapping's keys as text, read once: each field lookup used to construct every key again.
    let entries: [(key: String?, keyNode: YAMLNode, value: YAMLNode)]
    let path: String
    /// File line of the YAML text's first line, minus one.
    let lineOffset: Int
    let origin: SourceLocation
    var diagnostics = Diagnostics()
    var used: Set<String> = []

    init(node: YAMLNode?, path: String, lineOffset: Int, origin: SourceLocation) {
        self.path = path
        self.lineOffset = lineOffset
        self.origin = origin
        if let node, case .mapping(let m) = node.value {
            mapping = m
            entries = m.map { ($0.key.string, $0.key, $0.value) }
        } else {
            mapping = nil
            entries = []
        }
    }

    func location(of node: YAMLNode) -> SourceLocation {
        guard node.line > 0 else { return origin }
        return SourceLocation(path: path, line: node.line + lineOffset, column: node.column)
    }

    func keyLocation(_ key: String) -> SourceLocation? {
        for entry in entries where entry.key == key { return location(of: entry.keyNode) }
        return nil
    }

    func valueNode(_ key: String) -> YAMLNode? {
        for (k, _, v) in entries where k == key {
            if case .scalar(let s, plain: true) = v.value, s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL" {
                return nil
            }
            return v
        }
        return nil
    }

    /// Where the field's value is, or the key when the value is empty, or the start of the block.
    func locationOf(_ key: String) -> SourceLocation {
        if let v = valueNode(key) { return location(of: v) }
        return keyLocation(key) ?? origin
    }

    mutating func missing(_ key: String, _ hint: String) {
        diagnostics.error(origin, "missing required field '\(key)' (\(hint))")
    }

    mutating func string(_ key: String, required hint: String? = nil) -> String? {
        used.insert(key)
        guard let node = valueNode(key) else {
            if let hint { missing(key, hint) }
            return nil
        }
        guard case .scalar(let s, _) = node.value else {
            diagnostics.error(location(of: node), "field '\(key)' must be a single text value, not a \(describe(node))")
            return nil
        }
        let text = Folding.nfc(s).trimmedWhiteSpace
        if text.isEmpty {
            if let hint { missing(key, hint) }
            return nil
        }
        return text
    }

    mutating func stringList(_ key: String) -> [String] {
        used.insert(key)
        guard let node = valueNode(key) else { return [] }
        switch node.value {
        case .scalar(let s, _):
            // A single value where a list is expected: accept it, staff often write one topic.
            let text = Folding.nfc(s).trimmedWhiteSpace
            return text.isEmpty ? [] : [text]
        case .sequence(let seq):
            var out: [String] = []
            for element in seq {
                guard case .scalar(let s, _) = element.value else {
                    diagnostics.error(location(of: element), "each entry of '\(key)' must be a text value, not a \(describe(element))")
                    continue
                }
                out.append(Folding.nfc(s).trimmedWhiteSpace)
            }
            return out
        case .mapping, .alias:
            diagnostics.error(location(of: node), "field '\(key)' must be a list, e.g. [first, second]")
            return []
        }
    }

    /// Locations of each entry of a list field, in order (for per-entry errors later).
    func listLocations(_ key: String) -> [SourceLocation] {
        guard let node = valueNode(key) else { return [] }
        if case .sequence(let seq) = node.value { return seq.map { location(of: $0) } }
        return [location(of: node)]
    }

    mutating func date(_ key: String, required hint: String? = nil) -> PartialDate? {
        guard let text = string(key, required: hint) else { return nil }
        guard let date = PartialDate(parsing: text) else {
            diagnostics.error(locationOf(key), "field '\(key)' is not a date: '\(text)'; write YYYY-MM-DD, or YYYY-MM when the day is not known")
            return nil
        }
        return date
    }

    mutating func int(_ key: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = string(key) else { return nil }
        guard let n = Int(text), range.map({ $0.contains(n) }) ?? true else {
            let bounds = range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? ""
            diagnostics.error(locationOf(key), "field '\(key)' must be a whole number\(bounds), not '\(text)'")
            return nil
        }
        return n
    }

    mutating func double(_ key: String, range: ClosedRange<Double>) -> Double? {
        guard let text = string(key) else { return nil }
        guard let n = Double(text), range.contains(n) else {
            diagnostics.error(locationOf(key), "field '\(key)' must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            return nil
        }
        return n
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let text = string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.error(locationOf(key), "field '\(key)' must be true or false, not '\(text)'")
            return nil
        }
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool) -> E? where E.RawValue == String {
        let options = E.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text = string(key, required: required ? "one of: \(options)" : nil) else { return nil }
        guard let value = E(rawValue: text) else {
            diagnostics.error(locationOf(key), "field '\(key)' has an unknown value '\(text)'; use one of: \(options)")
            return nil
        }
        return value
    }

    /// A nested mapping field, read with the same rules.
    mutating func nested(_ key: String) -> YAMLFields? {
        used.insert(key)
        guard let node = valueNode(key) else { return nil }
        guard case .mapping = node.value else {
            diagnostics.error(location(of: node), "field '\(key)' must be a group of fields (key: value lines)")
            return nil
        }
        return YAMLFields(node: node, path: path, lineOffset: lineOffset, origin: location(of: node))
    }

    /// Each entry of a list of mappings.
    mutating func nestedList(_ key: String) -> [YAMLFields] {
        used.insert(key)
        guard let node = valueNode(key) else { return [] }
        guard case .sequence(let seq) = node.value else {
            diagnostics.error(location(of: node), "field '\(key)' must be a list")
            return []
        }
        var out: [YAMLFields] = []
        for element in seq {
            guard case .mapping = element.value else {
                diagnostics.error(location(of: element), "each entry of '\(key)' must be a group of fields (key: value lines)")
                continue
            }
            out.append(YAMLFields(node: element, path: path, lineOffset: lineOffset, origin: location(of: element)))
        }
        return out
    }

    /// Text per language: either one value for all languages, or `{vi: …, en: …}`.
    mutating func localized(_ key: String, required hint: String? = nil) -> LocalizedText? {
        used.insert(key)
        guard let node = valueNode(key) else {
            if let hint { missing(key, hint) }
            return nil
        }
        switch node.value {
        case .scalar(let s, _):
            return LocalizedText(["": Folding.nfc(s)])
        case .mapping(let m):
            var values: [String: String] = [:]
            for (k, v) in m {
                guard let lang = k.string, case .scalar(let s, _) = v.value else {
                    diagnostics.error(location(of: v), "'\(key)' must give one text per language code, e.g. {vi: …, en: …}")
                    continue
                }
                values[lang] = Folding.nfc(s)
            }
            return LocalizedText(values)
        default:
            diagnostics.error(location(of: node), "'\(key)' must be a text or one text per language, e.g. {vi: …, en: …}")
            return nil
        }
    }

    /// Takes a nested group's problems, and the keys it read as `key.field`, so the keys read
    /// anywhere in a file can be held to the content schema (tests).
    mutating func absorb(_ nested: YAMLFields, under key: String) {
        diagnostics.append(contentsOf: nested.diagnostics.all)
        for field in nested.used { used.insert(key + "." + field) }
    }

    /// Warns about fields nobody reads: usually a typo that would silently lose information.
    mutating func warnUnknown(allowed: Set<String>) {
        for (key, k, _) in entries {
            guard let key, !used.contains(key), !allowed.contains(key) else { continue }
            let known = used.union(allowed).filter { !$0.contains(".") }.sorted()
            let hint = known.min { editDistance($0, key) < editDistance($1, key) }.flatMap { editDistance($0, key) <= 2 ? " (did you mean '\($0)'?)" : nil } ?? ""
            diagnostics.warning(location(of: k), "unknown field '\(key)' is ignored\(hint)")
        }
    }

    private func describe(_ node: YAMLNode) -> String {
        switch node.value {
        case .scalar: "text"
        case .mapping: "group of fields"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}

extension String {
    /// Without white space at either end. Most values have none, and Foundation's
    /// trimmingCharacters was a fifth of reading every file's fields.
    var trimmedWhiteSpace: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}

import Yams

/// A parsed YAML value with where it starts, as `YAMLFields` reads it: the part of Yams's
/// node that Loa uses, in a plain value type.
struct YAMLNode: Sendable {
    enum Value: Sendable {
        /// `plain`: written without quotes (only then do `~` and `null` mean "no value").
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case alias
    }

    var value: Value
    /// Line and column (in Unicode scalars) within the YAML text, from 1; 0 when not known.
    var line: Int
    var column: Int

    var string: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    init(_ value: Value, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }

    init(_ node: Yams.Node) {
        switch node {
        case .scalar(let s): value = .scalar(s.string, plain: s.style == .plain)
        case .sequence(let seq): value = .sequence(seq.map(YAMLNode.init))
        case .mapping(let m): value = .mapping(m.map { (YAMLNode($0.key), YAMLNode($0.value)) })
        case .alias: value = .alias
        }
        line = node.mark?.line ?? 0
        column = node.mark?.column ?? 0
    }

    /// Parses YAML, reporting a syntax error at its place in the file. Front matter in the
    /// usual shape takes `FlatYAML`; anything else, and every error, takes Yams.
    static func parse(_ yaml: String, path: String, firstLine: Int) -> Result<YAMLNode?, Diagnostic> {
        if let node = FlatYAML.parse(yaml) { return .success(node) }
        return SourceText.parseYAML(yaml, path: path, firstLine: firstLine).map { $0.map(YAMLNode.init) }
    }
}

/// The YAML that front matter almost always is, parsed without Yams: `key: value` lines at
/// the left margin whose values are plain, single-quoted or double-quoted (without escapes)
/// text on one line, `[a, b]` lists of plain text, or `- item` lines under an empty value;
/// blank lines and comments. For this subset the result is exactly Yams's, marks included
/// (tested against Yams). Yams took a third of loading a file, mostly in building its event
/// objects and tags. Anything outside the subset (nested fields, block text, escapes, a
/// value continued on the next line, a repeated key, tabs, any error) returns nil, and
/// the caller asks Yams.
enum FlatYAML {
    static func parse(_ yaml: String) -> YAMLNode? {
        var yaml = yaml
        return yaml.withUTF8 { parse(bytes: $0) }
    }

    /// Characters that libyaml rejects (control characters, U+0080–U+009F, U+FFFE, U+FFFF)
    /// or reads as line breaks (NEL, U+2028, U+2029): Yams must say what it makes of them.
    private static func hasSpecialCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            switch b {
            case 0x0A: break
            case 0x00..<0x20, 0x7F: return true
            case 0xC2 where i + 1 < n && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F: return true
            case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9): return true
            case 0xEF where i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF): return true
            default: break
            }
            i += 1
        }
        return false
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> YAMLNode? {
        if hasSpecialCharacters(bytes) { return nil }
        let n = bytes.count
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var keys: Set<String> = []
        var i = 0
        var line = 1
        var pendingKey: YAMLNode?  // a key whose value is empty so far: `- item` lines may follow
        var items: [YAMLNode] = []
        var itemsMark = (line: 0, column: 0)

        func lineEnd(_ start: Int) -> Int {
            var j = start
            while j < n && bytes[j] != 0x0A { j += 1 }
            return j
        }
        /// Columns count Unicode scalars, as libyaml does.
        func column(_ lineStart: Int, _ at: Int) -> Int {
            var c = 1
            var j = lineStart
            while j < at {
                if bytes[j] & 0xC0 != 0x80 { c += 1 }
                j += 1
            }
            return c
        }
        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        /// End of a value's text before trailing spaces or a ` #` comment; nil if the line has
        /// something YAML would read otherwise.
        func plainEnd(_ start: Int, _ end: Int, inFlow: Bool) -> Int? {
            var j = start
            var last = start  // one past the last non-space byte
            while j < end {
                let b = bytes[j]
                switch b {
                case 0x09: return nil
                case 0x20: break
                case UInt8(ascii: "#") where j > start && bytes[j - 1] == 0x20:
                    return last
                case UInt8(ascii: ":") where j + 1 == end || bytes[j + 1] == 0x20 || (inFlow && bytes[j + 1] == UInt8(ascii: ",")):
                    return nil
                case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    if inFlow { return nil }
                    last = j + 1
                default: last = j + 1
                }
                j += 1
            }
            return last
        }
        func isRestBlankSpaces(_ start: Int, _ end: Int) -> Bool {
            bytes[start..<end].allSatisfy { $0 == 0x20 }
        }
        func startsPlain(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
                 UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                 UInt8(ascii: "`"), 0x20, 0x09:
                return false
            default:
                return true
            }
        }
        /// Only spaces, or spaces and a comment, from `start` to `end`.
        func isRestBlank(_ start: Int, _ end: Int) -> Bool {
            var j = start
            while j < end && bytes[j] == 0x20 { j += 1 }
            return j == end || (bytes[j] == UInt8(ascii: "#") && (j > start || (j > 0 && bytes[j - 1] == 0x20)))
        }
        /// A one-line scalar at `start` (quoted or plain): the node and where its text ends.
        func scalar(_ start: Int, _ end: Int, lineStart: Int) -> (node: YAMLNode, end: Int)? {
            let b = bytes[start]
            let mark = (line: line, column: column(lineStart, start))
            if b == UInt8(ascii: "\"") {
                var j = start + 1
                while j < end && bytes[j] != UInt8(ascii: "\"") {
                    if bytes[j] == UInt8(ascii: "\\") || bytes[j] == 0x09 { return nil }
                    j += 1
                }
                guard j < end else { return nil }
                return (YAMLNode(.scalar(text(start + 1, j), plain: false), line: mark.line, column: mark.column), j + 1)
            }
            if b == UInt8(ascii: "'") {
                var out: [UInt8] = []
                var j = start + 1
                while true {
                    guard j < end else { return nil }
                    if bytes[j] == 0x09 { return nil }
                    if bytes[j] == UInt8(ascii: "'") {
                        if j + 1 < end && bytes[j + 1] == UInt8(ascii: "'") { out.append(bytes[j]); j += 2; continue }
                        break
                    }
                    out.append(bytes[j])
                    j += 1
                }
                return (YAMLNode(.scalar(String(decoding: out, as: UTF8.self), plain: false), line: mark.line, column: mark.column), j + 1)
            }
            guard startsPlain(b), let stop = plainEnd(start, end, inFlow: false) else { return nil }
            return (YAMLNode(.scalar(text(start, stop), plain: true), line: mark.line, column: mark.column), end)
        }
        func finishPending() {
            guard let key = pendingKey else { return }
            pairs.append((key, YAMLNode(.sequence(items), line: itemsMark.line, column: itemsMark.column)))
            pendingKey = nil
            items = []
        }

        while i < n {
            let lineStart = i
            let end = lineEnd(i)
            defer {
                i = end + 1
                line += 1
            }
            var j = i
            while j < end && bytes[j] == 0x20 { j += 1 }
            if j == end || bytes[j] == UInt8(ascii: "#") { continue }  // blank or comment
            if bytes[j] == 0x09 { return nil }

            if bytes[j] == UInt8(ascii: "-") && j + 1 < end && bytes[j + 1] == 0x20 {
                // `- item` under a key with an empty value.
                guard pendingKey != nil else { return nil }
                if items.isEmpty {
                    itemsMark = (line, column(lineStart, j))
                } else if column(lineStart, j) != itemsMark.column {
                    return nil
                }
                var k = j + 2
                while k < end && bytes[k] == 0x20 { k += 1 }
                guard k < end, let (item, stop) = scalar(k, end, lineStart: lineStart), isRestBlank(stop, end) else { return nil }
                items.append(item)
                continue
            }
            guard j == lineStart else { return nil }  // indented: a continued value or nested fields
            if pendingKey != nil {
                guard !items.isEmpty else { return nil }  // an empty value: Yams places its mark
                finishPending()
            }

            // key: [A-Za-z_][A-Za-z0-9_-]* then ':'
            var k = j
            while k < end {
                let c = bytes[k]
                let isLetter = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == UInt8(ascii: "_")
                let isOther = (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-")
                if isLetter || (k > j && isOther) { k += 1 } else { break }
            }
            guard k > j, k < end, bytes[k] == UInt8(ascii: ":"), k + 1 == end || bytes[k + 1] == 0x20 else { return nil }
            let name = text(j, k)
            guard keys.insert(name).inserted else { return nil }
            let key = YAMLNode(.scalar(name, plain: true), line: line, column: 1)

            var v = k + 1
            while v < end && bytes[v] == 0x20 { v += 1 }
            if v == end || bytes[v] == UInt8(ascii: "#") {
                pendingKey = key
                continue
            }
            if bytes[v] == UInt8(ascii: "[") {
                // [a, b, c] of plain text on this line.
                let listMark = (line, column(lineStart, v))
                var list: [YAMLNode] = []
                var p = v + 1
                while p < end && bytes[p] == 0x20 { p += 1 }
                if p < end && bytes[p] == UInt8(ascii: "]") {
                    p += 1
                } else {
                    while true {
                        guard p < end, startsPlain(bytes[p]) else { return nil }
                        var q = p
                        while q < end && bytes[q] != UInt8(ascii: ",") && bytes[q] != UInt8(ascii: "]") { q += 1 }
                        guard q < end, let stop = plainEnd(p, q, inFlow: true), stop > p else { return nil }
                        // No comment inside a list: `plainEnd` stops at ` #`.
                        if stop < q, !isRestBlankSpaces(stop, q) { return nil }
                        list.append(YAMLNode(.scalar(text(p, stop), plain: true), line: line, column: column(lineStart, p)))
                        p = q + 1
                        if bytes[q] == UInt8(ascii: "]") { break }
                        while p < end && bytes[p] == 0x20 { p += 1 }
                    }
                }
                guard isRestBlank(p, end) else { return nil }
                pairs.append((key, YAMLNode(.sequence(list), line: listMark.0, column: listMark.1)))
                continue
            }
            guard let (value, stop) = scalar(v, end, lineStart: lineStart), isRestBlank(stop, end) else { return nil }
            pairs.append((key, value))
        }
        if pendingKey != nil {
            guard !items.isEmpty else { return nil }
            finishPending()
        }
        guard let first = pairs.first else { return nil }  // an empty document: Yams says what it is
        return YAMLNode(.mapping(pairs), line: first.key.line, column: first.key.column)
    }
}

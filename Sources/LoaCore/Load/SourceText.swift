import Foundation
import Yams

/// Turning file bytes into text the rest of the pipeline can trust.
enum SourceText {
    /// UTF-8 (a byte order mark is dropped), line ends normalised to LF, NFC.
    /// A file that is not UTF-8 gets an error at the first bad byte's line and column.
    static func decode(_ bytes: [UInt8], path: String) -> Result<String, Diagnostic> {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // The standard library validates fast; the slow scan below only finds where a bad file goes wrong.
        let valid = !has(0, bytes) ? bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } : nil
        if valid == nil, let offset = firstInvalidUTF8(bytes) {
            return .failure(notUTF8(bytes, at: offset, path: path))
        }
        // Decoding from a buffer takes Swift's fast path; an ArraySlice would go the slow way.
        var text = valid ?? bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        if has(0x0D, bytes) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(Folding.nfc(text))
    }

    /// Whether a byte occurs, with `memchr`: the generic `contains` looked at one byte at a
    /// time, and every file is scanned for two bytes each time a part of it is decoded.
    private static func has(_ byte: UInt8, _ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { b in b.isEmpty ? false : memchr(b.baseAddress!, Int32(byte), b.count) != nil }
    }

    /// Carriage returns, NUL bytes (UTF-16) and byte order marks take the whole-file way.
    private static func needsWholeFile(_ bytes: [UInt8]) -> Bool {
        has(0x0D, bytes[...]) || has(0, bytes[...]) || bytes.starts(with: [0xEF, 0xBB, 0xBF])
    }

    private static func looksLikeUTF16(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.prefix(64).filter { $0 == 0 }.count > 8
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { return i }
                i += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; value = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(b & 0x07); minimum = 0x10000
            default: return i
            }
            guard end - i >= length else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                value = (value << 6) | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
            i += length
        }
        return nil
    }

    /// Front matter between a first line `---` and the next `---` (or `...`) line.
    struct Split {
        var yaml: String
        /// File line of the YAML's first line.
        var yamlFirstLine: Int
        var body: String
        var bodyFirstLine: Int
    }

    static func splitFrontMatter(_ text: String, path: String) -> Result<Split, Diagnostic> {
        var text = text
        return text.withUTF8 { bytes in
            splitRanges(bytes, path: path).map { r in
                Split(yaml: String(decoding: UnsafeBufferPointer(rebasing: bytes[r.yaml]), as: UTF8.self), yamlFirstLine: r.yamlFirstLine,
                      body: String(decoding: UnsafeBufferPointer(rebasing: bytes[r.body]), as: UTF8.self), bodyFirstLine: r.bodyFirstLine)
            }
        }
    }

    /// One part of a file, decoded: the front matter when it is loaded, the body when its page
    /// is rendered. Only that part is validated and normalised (the file's other part is not
    /// decoded at all), so no text is decoded twice; a bad byte is reported at its place in the
    /// file whichever part holds it. The markers are ASCII, so they are found in the bytes.
    enum Part { case frontMatter, body }

    static func decode(_ part: Part, of bytes: [UInt8], path: String) -> Result<Split, Diagnostic> {
        if needsWholeFile(bytes) {
            return decode(bytes, path: path).flatMap { text in
                splitFrontMatter(text, path: path).map { split in
                    var split = split
                    if part == .frontMatter { split.body = "" } else { split.yaml = "" }
                    return split
                }
            }
        }
        return bytes.withUnsafeBufferPointer { all -> Result<Split, Diagnostic> in
            let ranges: Ranges
            switch splitRanges(all, path: path) {
            case .success(let r): ranges = r
            case .failure(let problem):
                // Not UTF-8 at all comes first, as when the whole file was decoded at once.
                if case .failure(let encoding) = decode(bytes, path: path) { return .failure(encoding) }
                return .failure(problem)
            }
            let range = part == .frontMatter ? ranges.yaml : ranges.body
            guard let text = String(validating: UnsafeBufferPointer(rebasing: all[range]), as: UTF8.self) else {
                return .failure(badByte(bytes, from: range.lowerBound, path: path))
            }
            let decoded = Folding.nfc(text)
            return .success(Split(yaml: part == .frontMatter ? decoded : "", yamlFirstLine: ranges.yamlFirstLine,
                                  body: part == .body ? decoded : "", bodyFirstLine: ranges.bodyFirstLine))
        }
    }

    /// Where the body is, when its bytes can be used as they are: no carriage return, NUL or
    /// byte order mark in the file, and valid UTF-8 that is NFC without change. Nil otherwise
    /// (then `decode(.body, …)` says what is wrong or normalises it).
    static func plainBody(of bytes: [UInt8], path: String) -> Range<Int>? {
        if needsWholeFile(bytes) { return nil }
        return bytes.withUnsafeBufferPointer { all -> Range<Int>? in
            guard case .success(let ranges) = splitRanges(all, path: path),
                  Folding.isPlainUTF8(UnsafeBufferPointer(rebasing: all[ranges.body])) else { return nil }
            return ranges.body
        }
    }

    /// `ContentItem.frontMatterHash` of a decoded front matter.
    static func frontMatterHash(_ split: Split) -> UInt64 {
        var h = ContentHash()
        h.combine(split.yaml)
        h.combine(UInt64(split.yamlFirstLine))
        h.combine(UInt64(split.bodyFirstLine))
        return h.value
    }

    /// The error for the first invalid byte at or after `start`, at its line and column.
    private static func badByte(_ bytes: [UInt8], from start: Int, path: String) -> Diagnostic {
        let offset = firstInvalidUTF8(bytes[start...]) ?? start
        return notUTF8(bytes[...], at: offset, path: path)
    }

    private static func notUTF8(_ bytes: ArraySlice<UInt8>, at offset: Int, path: String) -> Diagnostic {
        var line = 1, column = 1, i = bytes.startIndex
        while i < offset {
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        let hint = looksLikeUTF16(bytes) ? "it looks like UTF-16" : "it may be in a legacy encoding such as Windows-1258 or TCVN3"
        return .error(at: SourceLocation(path: path, line: line, column: column),
                      "the file is not valid UTF-8 text (\(hint)); save it as UTF-8")
    }

    /// Where the front matter and the body are, as byte ranges of the file.
    struct Ranges {
        var yaml: Range<Int>
        var yamlFirstLine: Int
        var body: Range<Int>
        var bodyFirstLine: Int
    }

    static func splitRanges(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Result<Ranges, Diagnostic> {
        // Looks only as far as the closing line: bodies can be long.
        do {
            var line = 1
            var i = 0
            let n = bytes.count
            func lineEnd(_ start: Int) -> Int {
                var j = start
                while j < n && bytes[j] != 0x0A { j += 1 }
                return j
            }
            func isMarker(_ start: Int, _ end: Int, _ markers: [[UInt8]]) -> Bool {
                var a = start, b = end
                while a < b && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
                while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09) { b -= 1 }
                return markers.contains { $0.count == b - a && zip($0, bytes[a..<b]).allSatisfy { $0 == $1 } }
            }
            func isBlank(_ start: Int, _ end: Int) -> Bool {
                bytes[start..<end].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            }
            let dashes: [UInt8] = Array("---".utf8), dots: [UInt8] = Array("...".utf8)
            // A file may start with blank lines before the front matter.
            var end = lineEnd(i)
            while i < n && isBlank(i, end) {
                i = end + 1
                line += 1
                end = lineEnd(i)
            }
            guard i < n, isMarker(i, end, [dashes]) else {
                return .failure(.error(at: SourceLocation(path: path, line: line, column: 1),
                                       "the file must start with front matter: a line '---', fields such as 'title: …', and another '---' line"))
            }
            let openLine = line
            let yamlStart = min(end + 1, n)
            var j = yamlStart
            line += 1
            while j < n {
                let e = lineEnd(j)
                if isMarker(j, e, [dashes, dots]) {
                    return .success(Ranges(yaml: yamlStart..<max(yamlStart, j - 1), yamlFirstLine: openLine + 1,
                                           body: min(e + 1, n)..<n, bodyFirstLine: line + 1))
                }
                j = e + 1
                line += 1
            }
            return .failure(.error(at: SourceLocation(path: path, line: openLine, column: 1),
                                   "the front matter that starts here is never closed: add a line '---' after the last field"))
        }
    }

    /// Parses YAML, reporting a syntax error at its place in the file.
    static func parseYAML(_ yaml: String, path: String, firstLine: Int) -> Result<Yams.Node?, Diagnostic> {
        do {
            // The encoding given: Yams's default reads the whole process environment on every call.
            // No implicit types: fields are read as text and typed by `YAMLFields`, and Yams's
            // type rules (regular expressions, run for every key it hashes to find duplicates)
            // were a third of the parse.
            return .success(try Yams.compose(yaml: yaml, .basic, .default, .utf8))
        } catch let error as YamlError {
            let (mark, message) = describe(error)
            let location = mark.map { SourceLocation(path: path, line: $0.line + firstLine - 1, column: $0.column) }
                ?? SourceLocation(path: path, line: firstLine, column: 1)
            return .failure(.error(at: location, "malformed YAML: \(message)"))
        } catch {
            return .failure(.error(at: SourceLocation(path: path, line: firstLine), "malformed YAML: \(error)"))
        }
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let ctx = context.map { " \($0.text)" } ?? ""
            return (mark, problem + ctx + hint(problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark, "the field \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) is written twice")
        case let .reader(problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }

    private static func hint(_ problem: String) -> String {
        if problem.contains("mapping values are not allowed") {
            return " (a value containing ': ' must be put in quotes)"
        }
        return ""
    }
}

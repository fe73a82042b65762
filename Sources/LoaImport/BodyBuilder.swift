import Foundation
import LoaCore

/// The body of a document → Markdown: paragraphs split by a page break joined again, numbered
/// and bold headings turned into headings at the depth their numbering gives them, lists kept as
/// lists, footnote markers turned into links to the notes.
struct BodyBuilder {
    let lines: [SourceLine]
    let path: String
    var warnings: [Diagnostic] = []
    /// Paragraphs before the first heading: where "Thực hiện Công văn số …" and "UBND huyện …
    /// báo cáo …" are.
    private(set) var intro: [(text: String, line: Int)] = []
    /// The last paragraphs: "Trên đây là báo cáo … của UBND huyện …".
    private(set) var closing: [(text: String, line: Int)] = []
    private(set) var allText: [(text: String, line: Int)] = []

    init(lines: [SourceLine], path: String) {
        self.lines = lines
        self.path = path
    }

    mutating func warn(_ line: Int, _ message: String) {
        warnings.append(.warning(at: SourceLocation(path: path, line: line), message))
    }

    // MARK: - Numbering

    /// Heading numbering styles, from the outermost: "Phần I", "I.", "1.", "1.1.", "1.1.1.", "a)";
    /// `plain` is a bold paragraph without a number.
    enum Style: Int { case part, roman, arabic, decimal2, decimal3, letter, plain }

    struct Numbering {
        var style: Style
        var value: Int?
        /// As printed: "II.", "4.1.", "a)".
        var label: String
        /// The text after the label.
        var rest: String
    }

    static func numbering(of text: String) -> Numbering? {
        if let m = text.firstMatch(of: /^((?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+|THỨ\s+\S+|thứ\s+\S+))[.:]?\s*(.*)$/) {
            return Numbering(style: .part, value: nil, label: String(m.1), rest: String(m.2))
        }
        if let m = text.firstMatch(of: /^([IVXLC]{1,6})\.\s+(\S.*)$/) {
            return Numbering(style: .roman, value: VText.romanValue(m.1), label: String(m.1) + ".", rest: String(m.2))
        }
        // Party documents: "I - TÌNH HÌNH CHUNG", "II– KẾT QUẢ".
        if let m = text.firstMatch(of: /^([IVXLC]{1,6})\s*[-–]\s+(\S.*)$/) {
            return Numbering(style: .roman, value: VText.romanValue(m.1), label: String(m.1) + " -", rest: String(m.2))
        }
        if let m = text.firstMatch(of: /^(\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(\S.*)$/) {
            return Numbering(style: .decimal3, value: Int(m.1.split(separator: ".").last!), label: String(m.1), rest: String(m.2))
        }
        if let m = text.firstMatch(of: /^(\d{1,2}\.\d{1,2})\.?\s+(\S.*)$/) {
            return Numbering(style: .decimal2, value: Int(m.1.split(separator: ".").last!), label: String(m.1), rest: String(m.2))
        }
        if let m = text.firstMatch(of: /^(\d{1,2})([.)])\s+(\S.*)$/) {
            return Numbering(style: .arabic, value: Int(m.1), label: String(m.1) + String(m.2), rest: String(m.3))
        }
        // Party documents: "1- Công tác tuyên truyền". Never a Markdown list: a heading or text.
        if let m = text.firstMatch(of: /^(\d{1,2})\s*-\s+(\S.*)$/) {
            return Numbering(style: .arabic, value: Int(m.1), label: String(m.1) + "-", rest: String(m.2))
        }
        if let m = text.firstMatch(of: /^([a-zđ])\)\s+(\S.*)$/) {
            return Numbering(style: .letter, value: Int(m.1.unicodeScalars.first!.value) - 96, label: String(m.1) + ")", rest: String(m.2))
        }
        return nil
    }

    /// "- ", "+ ", "• ", "– ", "* " at the start of a line.
    static func bullet(of text: String) -> Character? {
        guard let m = text.firstMatch(of: /^([-+•–*])\s+\S/) else { return nil }
        return m.1.first
    }

    // MARK: - Blocks

    struct Block {
        var lines: [SourceLine]
        var blankBefore: Bool
        var bullet: Character?
        var numbering: Numbering?
        var first: SourceLine { lines[0] }
        var bold: Bool { lines.allSatisfy(\.bold) }
        var headingMark: Bool { first.headingMark }
        var plain: String { VText.collapse(lines.map(\.plain).joined(separator: " ")) }
        var isPlainParagraph: Bool { bullet == nil && numbering == nil && !bold && !headingMark }
    }

    private func makeBlocks() -> [Block] {
        var blocks: [Block] = []
        var pendingBlank = false
        for line in lines {
            let plain = line.plain
            if line.isBlank || (Vocabulary.isSeparator(plain) && plain.count >= 3) { pendingBlank = true; continue }
            let bullet = Self.bullet(of: line.text)
            let numbering = Self.numbering(of: plain)
            // A line continues the one above only where that one stops mid-sentence and this one
            // goes on in lower case: plain-text exports from Word put one paragraph on each line
            // ("Căn cứ …;" / "Căn cứ …;"), hard-wrapped text breaks inside sentences.
            if let last = blocks.last, !pendingBlank, bullet == nil, numbering == nil, !line.headingMark,
               line.bold == last.lines.last!.bold, !last.headingMark,
               !VText.endsClause(last.lines.last!.text), VText.startsLowercase(plain) {
                blocks[blocks.count - 1].lines.append(line)
            } else {
                blocks.append(Block(lines: [line], blankBefore: pendingBlank, bullet: bullet, numbering: numbering))
            }
            pendingBlank = false
        }
        return blocks
    }

    /// Short enough and shaped like a title rather than a sentence.
    private func headingLike(_ b: Block) -> Bool {
        if b.bold || b.headingMark { return b.plain.count <= 200 }
        guard b.lines.count == 1 else { return false }
        let rest = b.numbering?.rest ?? b.plain
        guard rest.count <= 150, !rest.hasSuffix(";"), !rest.hasSuffix(",") else { return false }
        if rest.hasSuffix(".") && ![.decimal2, .decimal3].contains(b.numbering?.style) { return false }
        return rest.firstMatch(of: /[.;!?]\s+\p{Lu}/) == nil
    }

    /// Joins paragraphs a page break split: the first does not end a clause and the next starts
    /// in lower case ("… đúng cam kết … Các" / "dự án khi triển khai …").
    private mutating func mend(_ blocks: inout [Block]) {
        var k = 0
        while k + 1 < blocks.count {
            let a = blocks[k], b = blocks[k + 1]
            let canContinue = !a.bold && !a.headingMark && (a.numbering == nil || !headingLike(a))
            if canContinue && b.isPlainParagraph && VText.startsLowercase(b.first.plain) && !VText.endsClause(a.lines.last!.text) {
                blocks[k].lines[a.lines.count - 1].text += " " + b.lines[0].text
                blocks[k].lines += b.lines.dropFirst()
                blocks.remove(at: k + 1)
                continue
            }
            if canContinue && b.isPlainParagraph && a.plain.count >= 80, let last = a.plain.last, last.isLetter,
               let next = b.first.plain.first, next.isUppercase || next.isNumber {
                warn(b.first.number, "line \(a.lines.last!.number) ends mid-sentence and this line starts a new paragraph: if a page break split one paragraph, join them in the content file")
            }
            k += 1
        }
    }

    // MARK: - Footnotes

    /// A note as printed at the page foot: "¹ Công văn số …", "⁽²⁾ Theo số liệu …" → its marker and text.
    static func footnoteDefinition(_ text: String) -> (marker: String, text: String)? {
        guard let m = text.firstMatch(of: /^(⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(\S.*)$/) else { return nil }
        return (String(m.1), String(m.2))
    }

    /// Footnote definitions ("[^1]: …", "[1] …", "¹ …" where the marker is used) leave the body;
    /// markers become links to a "Chú thích" section that lists the notes in order. cmark has no
    /// footnote syntax, so this is the form it renders.
    private mutating func extractFootnotes(_ blocks: inout [Block]) -> [String] {
        // A note is keyed by its marker as printed ("[^1]", "[1]", "¹"), so a "²" in "m²" is
        // not taken for note "[2]".
        var definitions: [String: (index: Int, text: String, explicit: Bool)] = [:]
        for (i, b) in blocks.enumerated() {
            let t = b.lines.map(\.text).joined(separator: " ")
            if let m = t.firstMatch(of: /^\[\^(\d+)\]:\s*(.+)$/) {
                definitions["[^\(m.1)]"] = (i, String(m.2), true)
            } else if let m = t.firstMatch(of: /^(\[\d+\])\s*(.+)$/) {
                definitions[String(m.1)] = (i, String(m.2), false)
            } else if let d = Self.footnoteDefinition(t) {
                definitions[d.marker] = (i, d.text, false)
            }
        }
        let definitionIndexes = Set(definitions.values.map(\.index))
        let marker = /\[\^\d+\]|\[\d+\](?![(:])|⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾|[⁰¹²³⁴⁵⁶⁷⁸⁹]+/
        var order: [String] = []
        for (i, b) in blocks.enumerated() where !definitionIndexes.contains(i) {
            for line in b.lines {
                for m in line.text.matches(of: marker) {
                    let key = String(m.0)
                    if key.hasPrefix("[^") && definitions[key] == nil {
                        warn(line.number, "footnote marker \(key) has no footnote text")
                    }
                    if definitions[key] != nil && !order.contains(key) { order.append(key) }
                }
            }
        }
        for (key, d) in definitions.sorted(by: { $0.value.index < $1.value.index }) where d.explicit && !order.contains(key) {
            warn(blocks[d.index].first.number, "footnote \(key) is never referred to in the text; kept in the notes")
            order.append(key)
        }
        guard !order.isEmpty else { return [] }
        for i in blocks.indices where !definitionIndexes.contains(i) {
            for j in blocks[i].lines.indices {
                blocks[i].lines[j].text = blocks[i].lines[j].text.replacing(marker) { m in
                    guard let n = order.firstIndex(of: String(m.0)) else { return String(m.0) }
                    return "[\\[\(n + 1)\\]](#chu-thich)"
                }
            }
        }
        let notes = order.map { definitions[$0]!.text }
        let removed = Set(order.map { definitions[$0]!.index })
        blocks = blocks.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        return notes
    }

    // MARK: - Markdown

    mutating func build() -> String {
        var blocks = makeBlocks()
        let notes = extractFootnotes(&blocks)
        mend(&blocks)

        // Runs of "1." (or "a)") items with only bullets between them: headings when each is
        // short and followed by its own text, an ordered list when any reads as a sentence or
        // they follow each other directly ("1. Tiếp tục đẩy mạnh …;" "2. Hướng dẫn …").
        var listBlocks = Set<Int>()
        var k = 0
        while k < blocks.count {
            guard let n = blocks[k].numbering, n.style == .arabic || n.style == .letter, !n.label.hasSuffix("-") else { k += 1; continue }
            var members = [k], adjacent = false, j = k + 1
            while j < blocks.count {
                if blocks[j].bullet != nil { j += 1; continue }
                guard let m = blocks[j].numbering, m.style == n.style, !m.label.hasSuffix("-") else { break }
                if j == members.last! + 1 { adjacent = true }
                members.append(j)
                j += 1
            }
            if members.contains(where: { !headingLike(blocks[$0]) }) || (members.count > 1 && adjacent) {
                listBlocks.formUnion(members)
            }
            k = members.last! + 1
        }

        var out = ""
        var stack: [(style: Style, value: Int?, label: String, line: Int)] = []
        var nest: (indent: Int, parent: Character?)?
        var previousWasItem = false
        var sawHeading = false
        for (k, b) in blocks.enumerated() {
            var md: String
            var isItem = false
            if let level = headingLevel(b, isListItem: listBlocks.contains(k), stack: &stack) {
                md = String(repeating: "#", count: level) + " " + VText.collapse(b.lines.map { $0.text.replacingOccurrences(of: "**", with: "") }.joined(separator: " "))
                nest = nil
                sawHeading = true
            } else if let bullet = b.bullet {
                isItem = true
                let marker: Character = bullet == "+" ? "+" : "-"
                var indent = 0
                if let n = nest, n.parent != marker { indent = n.indent } else { nest = nil }
                let pad = String(repeating: " ", count: indent)
                let first = b.lines[0].text.replacing(/^[-+•–*]\s+/, with: "")
                md = pad + "\(marker) " + first
                for l in b.lines.dropFirst() { md += "\n" + pad + "  " + Self.escapeLineStart(l.text) }
                if indent == 0 && b.lines.last!.text.hasSuffix(":") { nest = (2, marker) }
            } else if listBlocks.contains(k), let n = b.numbering, n.style == .arabic {
                isItem = true
                let pad = String(repeating: " ", count: n.label.count + 1)
                md = b.lines[0].text
                for l in b.lines.dropFirst() { md += "\n" + pad + Self.escapeLineStart(l.text) }
                nest = b.lines.last!.text.hasSuffix(":") ? (n.label.count + 1, nil) : nil
            } else {
                nest = nil
                md = b.lines.map { Self.escapeLineStart($0.text) }.joined(separator: "\n")
                if b.bold { md = "**" + md + "**" }
                if let n = b.numbering, n.style == .arabic {
                    md = md.replacing(/^(\d+)([.)])/) { "\($0.1)\\\($0.2)" }  // numbered text that is not a list
                }
            }
            if !out.isEmpty { out += isItem && previousWasItem && !b.blankBefore ? "\n" : "\n\n" }
            out += md
            previousWasItem = isItem

            let entry = (b.plain, b.first.number)
            allText.append(entry)
            if !sawHeading && !isItem { intro.append(entry) }
        }
        if intro.isEmpty { intro = Array(allText.prefix(2)) }
        closing = Array(blocks.enumerated().filter { $0.element.isPlainParagraph }.suffix(2).map { ($0.element.plain, $0.element.first.number) })

        if !notes.isEmpty {
            out += "\n\n## Chú thích\n\n" + notes.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        }
        return out.isEmpty ? "" : out + "\n"
    }

    /// A wrapped line must not start what Markdown would read as a new block.
    static func escapeLineStart(_ s: String) -> String {
        if s.hasPrefix(">") || s.hasPrefix("#") { return "\\" + s }
        return s
    }

    /// The heading level a block gets from its numbering, or nil when it is not a heading.
    /// Levels come from nesting, not from how the export marked them: "I." is always `##`,
    /// a "1." under it `###`, "1.1." `####`, whatever `#` marks the source had.
    private mutating func headingLevel(_ b: Block, isListItem: Bool, stack: inout [(style: Style, value: Int?, label: String, line: Int)]) -> Int? {
        let style: Style
        if let n = b.numbering {
            switch n.style {
            case .part, .roman, .decimal2, .decimal3:
                guard b.plain.count <= 200, b.lines.count == 1 || b.bold else { return nil }
            case .arabic, .letter:
                guard !isListItem, headingLike(b) else { return nil }
            case .plain: break
            }
            style = n.style
        } else if (b.bold || b.headingMark) && b.bullet == nil && b.plain.count <= 150 {
            style = .plain
        } else {
            return nil
        }
        let label = b.numbering?.label ?? ""
        while let top = stack.last, top.style.rawValue > style.rawValue { stack.removeLast() }
        if let top = stack.last, top.style == style {
            if let v = b.numbering?.value, let tv = top.value, v != tv + 1 {
                warn(b.first.number, "heading '\(label)' follows '\(top.label)' (line \(top.line)): the numbering repeats or skips; check the original")
            }
            stack.removeLast()
        }
        stack.append((style, b.numbering?.value, label, b.first.number))
        return min(stack.count + 1, 6)
    }
}

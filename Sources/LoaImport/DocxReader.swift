import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LoaCore
import ZIPFoundation

/// Reads `word/document.xml` of a .docx (a zip of XML parts) into lines, in Swift: no converter
/// process. Each Word paragraph becomes a line (a line break inside it, a further line) followed
/// by a blank line; table cells are read row by row, left to right, which is how the two-column
/// header ("ỦY BAN NHÂN DÂN … | CỘNG HÒA …") and signature tables read on paper.
enum DocxReader {
    /// Parts larger than this are refused rather than inflated (a zip bomb, or not a document).
    static let maximumPartSize: UInt64 = 64 << 20

    static func lines(data: Data, path: String) throws(Diagnostic) -> [SourceLine] {
        let origin = SourceLocation(path: path)
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .error(at: origin, "this .docx file is not a zip archive, so not a Word document (an old .doc renamed, or a damaged file): save it again as .docx from Word or LibreOffice")
        }
        guard let documentXML = try part("word/document.xml", in: archive, path: path) else {
            throw .error(at: origin, "this .docx file has no word/document.xml: it is not a Word document")
        }
        let document = try XNode.parse(documentXML, path: path, part: "word/document.xml")
        let numbering = try optionalPart("word/numbering.xml", in: archive, path: path)
        let styles = try optionalPart("word/styles.xml", in: archive, path: path)
        let footnotes = try optionalPart("word/footnotes.xml", in: archive, path: path)

        var reader = Walker(numbering: Numbering(numbering), headingStyles: headingStyleIDs(styles))
        if let body = document.first("body") { reader.block(body) }
        // Footnotes go after the text in the form the parser reads for any input: "[^n]: text".
        if let footnotes {
            let used = Set(reader.footnoteIDs)
            for note in footnotes.all("footnote") {
                guard let id = note.attributes["id"], used.contains(id) else { continue }
                var inner = Walker(numbering: Numbering(nil), headingStyles: [])
                inner.block(note)
                let text = VText.collapse(inner.lines.map(\.text).joined(separator: " "))
                reader.paragraphNumber += 1
                reader.lines.append(SourceLine(text: "[^\(id)]: \(text)", number: reader.paragraphNumber))
                reader.lines.append(SourceLine(text: "", number: reader.paragraphNumber))
            }
        }
        return reader.lines
    }

    private static func optionalPart(_ name: String, in archive: Archive, path: String) throws(Diagnostic) -> XNode? {
        guard let data = try part(name, in: archive, path: path) else { return nil }
        return try XNode.parse(data, path: path, part: name)
    }

    private static func part(_ name: String, in archive: Archive, path: String) throws(Diagnostic) -> Data? {
        guard let entry = archive[name] else { return nil }
        guard entry.uncompressedSize <= maximumPartSize else {
            throw .error(at: SourceLocation(path: path), "\(name) in this .docx is larger than \(maximumPartSize >> 20) MB once unpacked: refusing to read it")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw .error(at: SourceLocation(path: path), "cannot unpack \(name) from this .docx (the archive is damaged): \(error)")
        }
        return data
    }

    /// Style ids whose name is "heading N" or "Title" (ids are localised, names are not).
    private static func headingStyleIDs(_ styles: XNode?) -> Set<String> {
        var ids: Set<String> = []
        for style in styles?.all("style") ?? [] {
            guard let id = style.attributes["styleId"] else { continue }
            let name = (style.first("name")?.attributes["val"] ?? "").lowercased()
            if name.hasPrefix("heading") || name == "title" || id.lowercased().hasPrefix("heading") { ids.insert(id) }
        }
        return ids
    }

    /// Word's automatic numbering: the number or bullet is not in the text, only in numbering.xml.
    struct Numbering {
        struct Level { var format: String; var text: String; var start: Int }
        var levels: [String: [Int: Level]] = [:]  // numId → ilvl → level
        var counters: [String: [Int: Int]] = [:]

        init(_ root: XNode?) {
            guard let root else { return }
            var abstract: [String: [Int: Level]] = [:]
            for a in root.all("abstractNum") {
                guard let id = a.attributes["abstractNumId"] else { continue }
                var lv: [Int: Level] = [:]
                for l in a.children where l.name == "lvl" {
                    guard let i = l.attributes["ilvl"].flatMap(Int.init) else { continue }
                    lv[i] = Level(format: l.first("numFmt")?.attributes["val"] ?? "decimal",
                                  text: l.first("lvlText")?.attributes["val"] ?? "%\(i + 1).",
                                  start: l.first("start")?.attributes["val"].flatMap(Int.init) ?? 1)
                }
                abstract[id] = lv
            }
            for n in root.children where n.name == "num" {
                if let id = n.attributes["numId"], let a = n.first("abstractNumId")?.attributes["val"] { levels[id] = abstract[a] }
            }
        }

        /// The marker Word would print before this paragraph: "- ", "+ ", "1. ", "a) ", "II. ".
        mutating func marker(numID: String, level: Int) -> String? {
            guard let defs = levels[numID], let def = defs[level] else { return nil }
            if def.format == "bullet" { return level == 0 ? "- " : "+ " }
            if def.format == "none" { return nil }
            var c = counters[numID] ?? [:]
            c[level] = (c[level] ?? def.start - 1) + 1
            for deeper in c.keys where deeper > level { c[deeper] = nil }
            counters[numID] = c
            var text = def.text
            for l in 0...level {
                let value = c[l] ?? defs[l]?.start ?? 1
                text = text.replacingOccurrences(of: "%\(l + 1)", with: Self.format(value, defs[l]?.format ?? "decimal"))
            }
            return text.isEmpty ? nil : text + " "
        }

        static func format(_ n: Int, _ format: String) -> String {
            switch format {
            case "upperRoman": return roman(n)
            case "lowerRoman": return roman(n).lowercased()
            case "lowerLetter": return String(UnicodeScalar(UInt8(96 + (n - 1) % 26 + 1)))
            case "upperLetter": return String(UnicodeScalar(UInt8(64 + (n - 1) % 26 + 1)))
            default: return String(n)
            }
        }

        static func roman(_ n: Int) -> String {
            let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
            var n = n, out = ""
            for (v, s) in table { while n >= v { out += s; n -= v } }
            return out
        }
    }

    /// Walks the body, turning paragraphs into lines.
    struct Walker {
        var numbering: Numbering
        var headingStyles: Set<String>
        var lines: [SourceLine] = []
        var paragraphNumber = 0
        var footnoteIDs: [String] = []
        private var previousWasListItem = false

        init(numbering: Numbering, headingStyles: Set<String>) {
            self.numbering = numbering
            self.headingStyles = headingStyles
        }

        mutating func block(_ node: XNode) {
            for child in node.children {
                switch child.name {
                case "p": paragraph(child)
                case "tbl":
                    for row in child.children where row.name == "tr" {
                        for cell in row.children where cell.name == "tc" { block(cell) }
                    }
                case "sectPr", "tblPr", "tblGrid", "trPr", "tcPr": continue
                default: block(child)  // sdt, sdtContent, customXml, footnote …
                }
            }
        }

        /// One run of text with its emphasis; `nil` text is a line break.
        struct Piece { var text: String?; var bold: Bool; var italic: Bool }

        mutating func paragraph(_ p: XNode) {
            paragraphNumber += 1
            let number = paragraphNumber
            let props = p.first("pPr")
            let style = props?.first("pStyle")?.attributes["val"] ?? ""
            var pieces: [Piece] = []
            collect(p, bold: false, italic: false, into: &pieces)
            var lineTexts: [[Piece]] = [[]]
            for piece in pieces {
                if piece.text == nil { lineTexts.append([]) } else { lineTexts[lineTexts.count - 1].append(piece) }
            }
            var marker: String?
            if let numPr = props?.first("numPr"), let id = numPr.first("numId")?.attributes["val"], id != "0" {
                marker = numbering.marker(numID: id, level: numPr.first("ilvl")?.attributes["val"].flatMap(Int.init) ?? 0)
            }
            var produced: [SourceLine] = []
            for (i, linePieces) in lineTexts.enumerated() {
                var line = Self.render(linePieces, number: number)
                if i == 0, let marker, !line.text.isEmpty { line.text = marker + line.text }
                line.headingMark = headingStyles.contains(style)
                if !line.text.isEmpty { produced.append(line) }
            }
            guard !produced.isEmpty else { previousWasListItem = false; return }
            // Paragraphs are blocks, separated by a blank line, except that consecutive list
            // paragraphs stay together, as a tight list.
            let isListItem = marker != nil || produced[0].text.firstMatch(of: /^[-+•–]\s/) != nil
            if !(isListItem && previousWasListItem), let last = lines.last, !last.isBlank {
                lines.append(SourceLine(text: "", number: number))
            }
            lines.append(contentsOf: produced)
            previousWasListItem = isListItem
        }

        private mutating func collect(_ node: XNode, bold: Bool, italic: Bool, into pieces: inout [Piece]) {
            for child in node.children {
                switch child.name {
                case "pPr", "del", "moveFrom", "Fallback", "instrText", "delText", "commentReference": continue
                case "r":
                    let rPr = child.first("rPr")
                    let b = rPr?.first("b").map(Self.isOn) ?? bold
                    let i = rPr?.first("i").map(Self.isOn) ?? italic
                    for item in child.children {
                        switch item.name {
                        case "t": pieces.append(Piece(text: VText.cleanSpaces(item.text), bold: b, italic: i))
                        case "tab": pieces.append(Piece(text: "\t", bold: b, italic: i))
                        case "noBreakHyphen": pieces.append(Piece(text: "-", bold: b, italic: i))
                        case "br", "cr":
                            // A page break inside a paragraph is layout; a line break separates lines.
                            if item.attributes["type"] != "page" { pieces.append(Piece(text: nil, bold: b, italic: i)) }
                        case "footnoteReference":
                            if let id = item.attributes["id"] {
                                footnoteIDs.append(id)
                                pieces.append(Piece(text: "[^\(id)]", bold: false, italic: false))
                            }
                        case "AlternateContent", "pict", "drawing":
                            collect(item, bold: b, italic: i, into: &pieces)
                        default: continue
                        }
                    }
                default:
                    // hyperlink, ins, smartTag, fldSimple, sdt, sdtContent, Choice, txbxContent …
                    collect(child, bold: bold, italic: italic, into: &pieces)
                }
            }
        }

        static func isOn(_ node: XNode) -> Bool {
            !["0", "false", "off", "none"].contains(node.attributes["val"] ?? "1")
        }

        /// Runs → one line. A fully bold line is marked `bold` (layout); bold or italic words
        /// inside a line keep their emphasis as Markdown, and text is escaped so that a `*` or
        /// `_` typed in Word stays a character.
        static func render(_ pieces: [Piece], number: Int) -> SourceLine {
            var merged: [Piece] = []
            for piece in pieces where !(piece.text ?? "").isEmpty {
                if let last = merged.last, last.bold == piece.bold, last.italic == piece.italic {
                    merged[merged.count - 1].text! += piece.text!
                } else {
                    merged.append(piece)
                }
            }
            let visible = merged.filter { !$0.text!.trimmingCharacters(in: .whitespaces).isEmpty }
            let allBold = !visible.isEmpty && visible.allSatisfy(\.bold)
            let allItalic = !visible.isEmpty && visible.allSatisfy(\.italic)
            var text = ""
            for piece in merged {
                let raw = piece.text!
                var escaped = ""
                for c in raw { if "\\*_`<".contains(c) { escaped.append("\\") }; escaped.append(c) }
                let core = escaped.trimmingCharacters(in: .whitespaces)
                guard !core.isEmpty else { text += escaped; continue }
                var wrapped = core
                if piece.italic && !allItalic { wrapped = "*\(wrapped)*" }
                if piece.bold && !allBold { wrapped = "**\(wrapped)**" }
                let lead = raw.prefix { $0 == " " || $0 == "\t" }
                let trail = raw.count > lead.count ? String(raw.reversed().prefix { $0 == " " || $0 == "\t" }) : ""
                text += lead + wrapped + trail
            }
            text = Folding.nfc(text.trimmingCharacters(in: .whitespaces))  // Word may store decomposed letters
            if allItalic && !text.isEmpty { text = "*\(text)*" }
            return SourceLine(text: text, number: number, bold: allBold)
        }
    }
}

/// A minimal XML element tree (local names, no namespaces): enough for WordprocessingML parts.
final class XNode {
    let name: String
    var attributes: [String: String]
    var children: [XNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func first(_ name: String) -> XNode? { children.first { $0.name == name } }

    /// Every descendant with this name, in document order.
    func all(_ name: String) -> [XNode] {
        var out: [XNode] = []
        func visit(_ n: XNode) { for c in n.children { if c.name == name { out.append(c) }; visit(c) } }
        visit(self)
        return out
    }

    static func localName(_ qualified: String) -> String {
        qualified.split(separator: ":").last.map(String.init) ?? qualified
    }

    static func parse(_ data: Data, path: String, part: String) throws(Diagnostic) -> XNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        // libxml2 on Linux may accept a document that simply stops: unclosed elements are checked too.
        if !parser.parse() || builder.root == nil || !builder.stack.isEmpty {
            let reason = parser.parserError.map { " (\($0.localizedDescription))" } ?? ""
            throw .error(at: SourceLocation(path: path, line: parser.lineNumber, column: parser.columnNumber),
                         "\(part) in this .docx is not well-formed XML\(reason): the file is damaged")
        }
        return builder.root!
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XNode?
        var stack: [XNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            var attributes: [String: String] = [:]
            for (k, v) in attributeDict { attributes[XNode.localName(k)] = v }
            let node = XNode(name: XNode.localName(elementName), attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

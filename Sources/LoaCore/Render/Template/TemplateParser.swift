/// A template that cannot be compiled, with the position of the offending tag's opening
/// (1-based, columns in characters) and an explanation for theme authors.
public struct TemplateSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// Compiles Mustache source into `TemplateNode`s.
///
/// Loa's themes were written for swift-mustache 2.1.1 and its pages must not change, so this
/// reads text exactly as that library's parser does (Template+Parser.swift), quirks included:
/// its structure is kept step for step, over `Character`s as there. Where it deviates from the
/// Mustache spec, the comments say so. Parsing runs once per template, so clarity wins over speed.
struct TemplateParser {
    private let chars: [Character]
    private var pos = 0
    /// Where the tag being read opens (its start delimiter), for error positions.
    private var tagStart = 0

    private init(_ source: String) { chars = Array(source) }

    static func compile(_ source: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(source)
        return nodes(try parser.parse(State()))
    }

    // MARK: - State

    private struct OpenSection {
        var name: String
        var transforms: [String]
        /// As written, for messages: `{{#items}}` and `{{/items}}`.
        var openTag: String
        var closeTag: String
        var kind: String
        var position: Int
    }

    private struct State {
        var section: OpenSection?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var start: [Character] = ["{", "{"]
        var end: [Character] = ["}", "}"]
        /// swift-mustache strips this many leading blanks from the lines of a block override.
        var partialDefinitionIndent: Int?

        func withSection(_ section: OpenSection, newLine: Bool) -> State {
            var state = self
            state.section = section
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ section: OpenSection) -> State {
            var state = self
            state.section = section
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }

        func tag(_ sigil: String, _ name: String) -> String { String(start) + sigil + name + String(end) }
    }

    private enum Token {
        case text([Character])
        case node(TemplateNode, position: Int)
        case blockDefinition(name: String, body: [TemplateNode])
    }

    // MARK: - Parsing

    private mutating func parse(_ initial: State) throws(TemplateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        while pos < chars.count {
            if state.newLine {
                let whiteSpace = read { $0 == " " || $0 == "\t" }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    // Inside a block override: the first line's indentation is dropped and
                    // becomes the amount removed from the following lines.
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilDelimiterOrNewline(state)
            // Also reached right after a start delimiter followed by a line break: swift-mustache
            // then drops the delimiter and keeps the line break as text.
            if pos < chars.count, chars[pos].isNewline {
                tokens.append(.text(whiteSpaceBefore + text + [chars[pos]]))
                state.newLine = true
                pos += 1
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            // A start delimiter at the very end is dropped (and so are blanks ending the file).
            if pos >= chars.count { break }

            let position = tagStart
            var setNewLine = false
            switch chars[pos] {
            case "#", "^":
                let inverted = chars[pos] == "^"
                pos += 1
                let (name, transforms, raw) = try parseName(state)
                let lookup = try lookup(name, transforms, tag: state.tag(inverted ? "^" : "#", raw), position: position,
                                        unknownTransformsAllowed: inverted)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let open = OpenSection(name: name, transforms: transforms, openTag: state.tag(inverted ? "^" : "#", raw),
                                       closeTag: state.tag("/", raw), kind: "section", position: position)
                let body = Self.nodes(try parse(state.withSection(open, newLine: setNewLine)))
                tokens.append(.node(inverted ? .inverted(lookup, body) : .section(lookup, body), position: position))

            case "/":
                pos += 1
                let (name, transforms, raw) = try parseName(state)
                guard let open = state.section, name == open.name, transforms == open.transforms else {
                    let closing = state.tag("/", raw)
                    throw error(position, state.section.map { "\(closing) closes a section, but the open section is \($0.openTag)" }
                                    ?? "\(closing) closes a section, but no section is open")
                }
                if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                }
                return tokens

            case "!":
                pos += 1
                try skipComment(state)
                setNewLine = isStandalone(state)

            case "{":
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                pos += 1
                let (name, transforms, raw) = try parseName(state)
                // The third brace comes after the end delimiter: `{{{name}}}`, or `<%{name%>}`.
                guard pos < chars.count, chars[pos] == "}" else {
                    throw error(position, "a tag \(state.tag("{", raw)) is not closed with \(String(state.end))}")
                }
                pos += 1
                let lookup = try lookup(name, transforms, tag: state.tag("{", raw) + "}", position: position)
                tokens.append(.node(.variable(lookup, escaped: false), position: position))

            case "&":
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                pos += 1
                let (name, transforms, raw) = try parseName(state)
                let lookup = try lookup(name, transforms, tag: state.tag("&", raw), position: position)
                tokens.append(.node(.variable(lookup, escaped: false), position: position))

            case ">":
                pos += 1
                skipWhitespace()
                var dynamic = false
                if pos < chars.count, chars[pos] == "*" {
                    pos += 1
                    dynamic = true
                }
                let name = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                }
                // Only a standalone partial indents its lines; the blanks before it are output too.
                var indentation: [UInt8] = []
                if isStandalone(state) {
                    setNewLine = true
                    indentation = Array(String(whiteSpaceBefore).utf8)
                }
                let node: TemplateNode = dynamic
                    ? .dynamicPartial(Self.lookup(name: name, transforms: []), indentation: indentation, overrides: nil)
                    : .partial(name: name, indentation: indentation, overrides: nil)
                tokens.append(.node(node, position: position))
                whiteSpaceBefore = []

            case "<":
                pos += 1
                skipWhitespace()
                let sectionName = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                }
                if isStandalone(state) {
                    setNewLine = true
                }
                let open = OpenSection(name: sectionName, transforms: [], openTag: state.tag("<", sectionName),
                                       closeTag: state.tag("/", sectionName), kind: "parent", position: position)
                var overrides: [String: [TemplateNode]] = [:]
                for token in try parse(state.withInheritancePartial(open)) {
                    switch token {
                    case .blockDefinition(let name, let body): overrides[name] = body
                    case .text: break  // any text between overrides is ignored, not only blanks
                    case .node(_, let at):
                        throw error(at, "inside \(open.openTag) … \(open.closeTag) only block overrides "
                                        + "\(state.tag("$", "name"))…\(state.tag("/", "name")) may appear")
                    }
                }
                let indentation = Array(String(whiteSpaceBefore).utf8)
                let node: TemplateNode = sectionName.first == "*"
                    ? .dynamicPartial(Self.lookup(name: String(sectionName.dropFirst()), transforms: []),
                                      indentation: indentation, overrides: overrides)
                    : .partial(name: sectionName, indentation: indentation, overrides: overrides)
                tokens.append(.node(node, position: position))
                whiteSpaceBefore = []

            case "$":
                pos += 1
                let (name, transforms, raw) = try parseName(state)
                guard transforms.isEmpty else {
                    throw error(position, "a block \(state.tag("$", raw)) cannot have a transform")
                }
                let open = OpenSection(name: name, transforms: [], openTag: state.tag("$", raw),
                                       closeTag: state.tag("/", raw), kind: "block", position: position)
                if state.isPartialDefinitionTopLevel {
                    setNewLine = isStandalone(state)
                    let body = Self.nodes(try parse(state.withSection(open, newLine: setNewLine)))
                    tokens.append(.blockDefinition(name: name, body: body))
                } else {
                    if !whiteSpaceBefore.isEmpty {
                        tokens.append(.text(whiteSpaceBefore))
                    }
                    setNewLine = isStandalone(state)
                    let body = Self.nodes(try parse(state.withSection(open, newLine: setNewLine)))
                    // swift-mustache indents the block's lines by the blanks before it even when
                    // the tag is not alone on its line.
                    tokens.append(.node(.block(name: name, body: body, indentation: Array(String(whiteSpaceBefore).utf8)),
                                        position: position))
                    whiteSpaceBefore = []
                }

            case "=":
                pos += 1
                state = try setDelimiters(state)
                setNewLine = isStandalone(state)

            case "%":
                pos += 1
                let escapes = try readPragma(state)
                tokens.append(.node(.contentType(escapes: escapes), position: position))
                setNewLine = isStandalone(state)

            default:
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let (name, transforms, raw) = try parseName(state)
                let lookup = try lookup(name, transforms, tag: state.tag("", raw), position: position)
                tokens.append(.node(.variable(lookup, escaped: true), position: position))
            }
            // After a section, this is whether its opening tag (not its closing one) stood alone.
            state.newLine = setNewLine
        }
        if let open = state.section {
            let what = open.kind == "section" ? "a section" : open.kind == "block" ? "a block" : "a parent"
            throw error(open.position, "\(what) \(open.openTag) is never closed with \(open.closeTag) (the file ends first)")
        }
        return tokens
    }

    /// Text up to a line break (not consumed) or a start delimiter (consumed). Only `\n` and
    /// `\r\n` end text; a lone `\r` is text.
    private mutating func readUntilDelimiterOrNewline(_ state: State) throws(TemplateSyntaxError) -> [Character] {
        let first = state.start[0]
        var text: [Character] = []
        while pos < chars.count {
            let c = chars[pos]
            if c == "\n" || c == "\r\n" { break }
            if c == first {
                // swift-mustache fails on a start delimiter cut short by the end of the file.
                guard chars.count - pos >= state.start.count else {
                    throw error(pos, "the file ends with a lone ‘\(String(c))’, which reads as the start of an unfinished tag "
                                    + "\(String(state.start)) (end the file with a line break)")
                }
                if chars[pos..<pos + state.start.count].elementsEqual(state.start) {
                    tagStart = pos
                    pos += state.start.count
                    break
                }
            }
            text.append(c)
            pos += 1
        }
        return text
    }

    /// A tag's name up to and including the end delimiter, split into the value's name and the
    /// transforms around it: `a(b(x))` → ("x", ["a", "b"]). `raw` is the name as written.
    private mutating func parseName(_ state: State) throws(TemplateSyntaxError) -> (name: String, transforms: [String], raw: String) {
        skipWhitespace()
        let nameStart = pos
        while pos < chars.count, Self.sectionNameChars.contains(chars[pos]) { pos += 1 }
        let text = Array(chars[nameStart..<pos])
        let raw = String(text)
        skipWhitespace()
        guard readEndDelimiter(state) else { throw malformedTag(state) }

        var i = 0
        func readName() -> String {
            let from = i
            while i < text.count, Self.nameCharsWithoutBrackets.contains(text[i]) { i += 1 }
            return String(text[from..<i])
        }
        let head = readName()
        if i == text.count { return (raw, [], raw) }
        var badTransform: TemplateSyntaxError {
            error(tagStart, "\(tagText(state) ?? raw) is not a valid tag: a transform is written "
                      + "\(state.tag("", "transform(name)")), for example \(state.tag("", "uppercased(title)"))")
        }
        guard text[i] == "(" else { throw badTransform }
        i += 1
        var transforms = [head]
        while true {
            let name = readName()
            guard i < text.count else { throw badTransform }
            if text[i] == ")" {
                i += 1
                var closing = 0
                while i < text.count, text[i] == ")" {
                    i += 1
                    closing += 1
                }
                // One `)` per transform, and nothing after them.
                guard closing + 1 == transforms.count, i == text.count else { throw badTransform }
                return (name, transforms, raw)
            } else if text[i] == "(" {
                i += 1
                transforms.append(name)
            } else {
                throw badTransform
            }
        }
    }

    private mutating func parsePartialName(_ state: State) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let nameStart = pos
        while pos < chars.count, Self.partialNameChars.contains(chars[pos]) { pos += 1 }
        let name = String(chars[nameStart..<pos])
        skipWhitespace()
        guard readEndDelimiter(state) else { throw malformedTag(state) }
        return name
    }

    /// Skips past the end delimiter. As in swift-mustache's `read(untilString:)`, a character that
    /// breaks a partial match is not itself retried as the delimiter's first character.
    private mutating func skipComment(_ state: State) throws(TemplateSyntaxError) {
        var matched = 0
        while pos < chars.count {
            if chars[pos] == state.end[matched] {
                matched += 1
                if matched == state.end.count {
                    pos += 1
                    return
                }
            } else {
                matched = 0
            }
            pos += 1
        }
        throw error(tagStart, "a comment \(String(state.start))! … is not closed with \(String(state.end))")
    }

    private mutating func setDelimiters(_ state: State) throws(TemplateSyntaxError) -> State {
        var malformed: TemplateSyntaxError { error(tagStart, "a delimiter change \(String(state.start))=… …=\(String(state.end)) is malformed") }
        skipWhitespace()
        let startFrom = pos
        while pos < chars.count, !chars[pos].isWhitespace { pos += 1 }
        guard pos < chars.count else { throw malformed }
        let start = Array(chars[startFrom..<pos])
        skipWhitespace()
        let endFrom = pos
        while pos < chars.count, chars[pos] != "=", !chars[pos].isWhitespace { pos += 1 }
        guard pos < chars.count else { throw malformed }
        let end = Array(chars[endFrom..<pos])
        skipWhitespace()
        guard pos < chars.count, chars[pos] == "=" else { throw malformed }
        pos += 1
        guard readEndDelimiter(state), !start.isEmpty, !end.isEmpty else { throw malformed }
        var next = state
        next.start = start
        next.end = end
        next.isPartialDefinitionTopLevel = false
        return next
    }

    /// `{{% CONTENT_TYPE: HTML }}`: whether values are escaped from here on. LOA_HTML is the name
    /// Loa registered with swift-mustache for its own (identical) HTML escaping.
    private mutating func readPragma(_ state: State) throws(TemplateSyntaxError) -> Bool {
        var malformed: TemplateSyntaxError {
            error(tagStart, "a pragma \(String(state.start))% … \(String(state.end)) is malformed or unknown "
                      + "(only \(state.tag("% ", "CONTENT_TYPE: HTML ")) and \(state.tag("% ", "CONTENT_TYPE: TEXT ")) exist)")
        }
        func word(_ parser: inout TemplateParser) -> String {
            let from = parser.pos
            while parser.pos < parser.chars.count, Self.nameCharsWithoutBrackets.contains(parser.chars[parser.pos]) { parser.pos += 1 }
            return String(parser.chars[from..<parser.pos])
        }
        skipWhitespace()
        let variable = word(&self)
        skipWhitespace()
        guard pos < chars.count, chars[pos] == ":" else { throw malformed }
        pos += 1
        skipWhitespace()
        let value = word(&self)
        skipWhitespace()
        guard readEndDelimiter(state), variable == "CONTENT_TYPE" else { throw malformed }
        switch value {
        case "HTML", "LOA_HTML": return true
        case "TEXT": return false
        default: throw malformed
        }
    }

    /// A tag alone on its line (with blanks only): the rest of the line, line break included, is consumed.
    /// At the very end of the file a tag counts as alone, but not if blanks follow it there.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if pos == chars.count { return true }
        var p = pos
        while p < chars.count, chars[p] == " " || chars[p] == "\t" { p += 1 }
        // Any Unicode line break counts here (\r, \u{85}, \u{2028}…), unlike in text.
        if p < chars.count, chars[p].isNewline {
            pos = p + 1
            return true
        }
        return false
    }

    // MARK: - Helpers

    private func lookup(_ name: String, _ transforms: [String], tag: String, position: Int,
                        unknownTransformsAllowed: Bool = false) throws(TemplateSyntaxError) -> TemplateLookup {
        if !unknownTransformsAllowed, let unknown = transforms.first(where: { TemplateTransform(rawValue: $0) == nil }) {
            // swift-mustache would render nothing: any value is missing after a transform it lacks.
            throw error(position, "unknown transform '\(unknown)' in \(tag)")
        }
        return Self.lookup(name: name, transforms: transforms)
    }

    /// As swift-mustache's `getChild` reads a name.
    private static func lookup(name: String, transforms: [String]) -> TemplateLookup {
        var known: [TemplateTransform] = []
        for transform in transforms.reversed() {
            guard let t = TemplateTransform(rawValue: transform) else {
                return TemplateLookup(root: .missing, names: [], transforms: [])
            }
            known.append(t)
        }
        if name == "." { return TemplateLookup(root: .top, names: [], transforms: known) }
        if name.isEmpty, !known.isEmpty { return TemplateLookup(root: .sequence, names: [], transforms: known) }
        let names = name.split(separator: ".").map(String.init)
        if names.isEmpty { return TemplateLookup(root: .top, names: [], transforms: known) }
        return TemplateLookup(root: name.first == "." ? .topOnly : .stack, names: names, transforms: known)
    }

    private static func nodes(_ tokens: [Token]) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        // Adjacent texts are merged; the renderer indents after each line break inside one, as
        // swift-mustache does between its per-line text tokens.
        var text: [UInt8] = []
        for token in tokens {
            switch token {
            case .text(let chars):
                text.append(contentsOf: String(chars).utf8)
            case .node(let node, _):
                if !text.isEmpty {
                    nodes.append(.text(text))
                    text = []
                }
                nodes.append(node)
            case .blockDefinition:
                break  // only inside {{<parent}}, which collects them
            }
        }
        if !text.isEmpty { nodes.append(.text(text)) }
        return nodes
    }

    private mutating func read(while predicate: (Character) -> Bool) -> [Character] {
        let from = pos
        while pos < chars.count, predicate(chars[pos]) { pos += 1 }
        return Array(chars[from..<pos])
    }

    private mutating func skipWhitespace() {
        while pos < chars.count, chars[pos].isWhitespace { pos += 1 }
    }

    private mutating func readEndDelimiter(_ state: State) -> Bool {
        guard chars.count - pos >= state.end.count, chars[pos..<pos + state.end.count].elementsEqual(state.end) else { return false }
        pos += state.end.count
        return true
    }

    /// The current tag as written, when its end delimiter follows on the same line.
    private func tagText(_ state: State) -> String? {
        var p = tagStart + state.start.count
        while p < chars.count, !chars[p].isNewline {
            if chars.count - p >= state.end.count, chars[p..<p + state.end.count].elementsEqual(state.end) {
                return String(chars[tagStart..<p + state.end.count])
            }
            p += 1
        }
        return nil
    }

    private func malformedTag(_ state: State) -> TemplateSyntaxError {
        guard let tag = tagText(state) else {
            return error(tagStart, "a tag is not closed with \(String(state.end))")
        }
        return error(tagStart, "\(tag) is not a valid tag: a name may contain only letters, digits and . _ - ? * (no spaces)")
    }

    private func error(_ index: Int, _ message: String) -> TemplateSyntaxError {
        var line = 1
        var column = 1
        for c in chars[..<min(index, chars.count)] {
            if c == "\n" || c == "\r\n" || c == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return TemplateSyntaxError(line: line, column: column, message: message)
    }

    private static let nameCharsWithoutBrackets = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let sectionNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
}

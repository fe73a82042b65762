import Foundation

/// What Pagefind 1.5 reads of one HTML page, read the way its `fossick/parser.rs` reads it: the
/// text of the `data-pagefind-body` element(s), with a space around and a full stop after each
/// block element, weights around headings, markers where elements with an `id` start, the
/// `data-pagefind-filter` and `data-pagefind-meta` values, and the title. The text is kept as
/// the page's raw HTML text, as Pagefind keeps it; entities are decoded in `normalize`.
///
/// Pagefind's parser streams the page through `lol_html` and keeps one node per open element,
/// handing each element's text to its parent when it closes; this does the same over the bytes
/// of a page Loa rendered, which are well-formed (every element closed, no implied ends).
struct PagefindReading {
    var language = "unknown"
    /// The page's text, normalized (UTF-8).
    var digest: [UInt8] = []
    var filters: [String: [String]] = [:]
    var meta: [String: String] = [:]
    var anchorContent: [String: String] = [:]
    var anchorTitles: [String: String] = [:]
    var hasCustomBody = false
    var hasHTMLElement = false
    /// A Pagefind feature this reader does not follow (sorting, indexed attributes), found on
    /// the page: the site is then indexed by the Pagefind binary instead.
    var unsupported: String?

    enum Status { case indexing, ignored, excluded, body, parentOfBody }

    /// What Pagefind's handlers ask of an element's name, looked up once per name.
    struct Tag {
        let name: String
        let isSentence: Bool, isInline: Bool, isRemoved: Bool, isVoid: Bool, isRawText: Bool
        let autoWeight: String?

        init(_ name: String) {
            self.name = name
            isSentence = PagefindReading.sentenceElements.contains(name)
            isInline = PagefindReading.inlineElements.contains(name)
            isRemoved = name != "html" && PagefindReading.removedElements.contains(name)
            isVoid = PagefindReading.voidElements.contains(name)
            isRawText = PagefindReading.rawTextElements.contains(name)
            autoWeight = ["h1": "7", "h2": "6", "h3": "5", "h4": "4", "h5": "3", "h6": "2"][name]
        }

        /// Names of up to eight bytes packed in a number, for the table of known names.
        static func key(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt64? {
            guard to - from <= 8 else { return nil }
            var k: UInt64 = 0
            for i in from..<to { let c = b[i]; k = k << 8 | UInt64(c >= 0x41 && c <= 0x5A ? c + 32 : c) }
            return k
        }

        static let known: [UInt64: Tag] = {
            let names = PagefindReading.sentenceElements.union(PagefindReading.inlineElements).union(PagefindReading.removedElements)
                .union(PagefindReading.voidElements).union(PagefindReading.rawTextElements)
                .union(["html", "body", "main", "header", "aside", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "figure",
                        "caption", "data", "pre", "blockquote", "details", "summary", "circle", "path", "rect", "g", "math", "u", "s", "mark", "hr"])
            var table: [UInt64: Tag] = [:]
            for name in names {
                let bytes = Array(name.utf8)
                if let k = bytes.withUnsafeBufferPointer({ key($0, 0, $0.count) }) { table[k] = Tag(name) }
            }
            return table
        }()
    }

    struct Node {
        var tag: Tag
        var value: [UInt8] = []
        var status: Status = .indexing
        var filter: [String]?
        var meta: [String]?
        var defaultMeta: [String]?
        var weight: String?
        var anchorIDs: [String]?
    }

    static let sentenceElements: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section"]
    static let inlineElements: Set<String> = [
        "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i", "img", "input", "kbd", "label", "map",
        "object", "output", "q", "samp", "script", "select", "small", "span", "strong", "sub", "sup", "textarea", "time", "tt", "var",
    ]
    static let removedElements: Set<String> = ["head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"]
    static let voidElements: Set<String> = [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    ]
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]

    private var stack: [Node] = [Node(tag: Tag(""))]
    private var anchorCounter = 0
    private var insideHTML = false
    private var foreignDepth = 0
    private var defaultMeta: [String: String] = [:]

    static func read(_ page: [UInt8]) -> PagefindReading {
        var reading = PagefindReading()
        page.withUnsafeBufferPointer { reading.parse($0) }
        reading.finish()
        return reading
    }

    // MARK: The tokenizer

    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = b.count
        var textStart = 0
        func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        while i < n {
            guard b[i] == UInt8(ascii: "<"), i + 1 < n else { i += 1; continue }
            let next = b[i + 1]
            if next == UInt8(ascii: "!") {
                flushText(b, textStart, i)
                if i + 3 < n && b[i + 2] == UInt8(ascii: "-") && b[i + 3] == UInt8(ascii: "-") {
                    var j = i + 4
                    while j + 2 < n && !(b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-") && b[j + 2] == UInt8(ascii: ">")) { j += 1 }
                    i = min(n, j + 3)
                } else {
                    var j = i + 2
                    while j < n && b[j] != UInt8(ascii: ">") { j += 1 }
                    i = min(n, j + 1)
                }
                textStart = i
            } else if next == UInt8(ascii: "/") && i + 2 < n && isNameStart(b[i + 2]) {
                flushText(b, textStart, i)
                var j = i + 2
                while j < n && b[j] != UInt8(ascii: ">") && !isSpace(b[j]) && b[j] != UInt8(ascii: "/") { j += 1 }
                let name = tagName(b, i + 2, j)
                while j < n && b[j] != UInt8(ascii: ">") { j += 1 }
                i = min(n, j + 1)
                textStart = i
                endTag(name.name)
            } else if isNameStart(next) {
                flushText(b, textStart, i)
                var j = i + 1
                while j < n && b[j] != UInt8(ascii: ">") && !isSpace(b[j]) && b[j] != UInt8(ascii: "/") { j += 1 }
                let name = tagName(b, i + 1, j)
                var attributes = Attributes(base: b)
                var selfClosing = false
                // Attributes: name, optionally = and a quoted or bare value (decoded when asked).
                while j < n && b[j] != UInt8(ascii: ">") {
                    if isSpace(b[j]) { j += 1; continue }
                    if b[j] == UInt8(ascii: "/") { selfClosing = j + 1 < n && b[j + 1] == UInt8(ascii: ">"); j += 1; continue }
                    let nameStart = j
                    while j < n && !isSpace(b[j]) && b[j] != UInt8(ascii: "=") && b[j] != UInt8(ascii: ">") && !(b[j] == UInt8(ascii: "/") && j + 1 < n && b[j + 1] == UInt8(ascii: ">")) { j += 1 }
                    let nameEnd = j
                    while j < n && isSpace(b[j]) { j += 1 }
                    var value = j..<j
                    if j < n && b[j] == UInt8(ascii: "=") {
                        j += 1
                        while j < n && isSpace(b[j]) { j += 1 }
                        if j < n && (b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'")) {
                            let quote = b[j]
                            let start = j + 1
                            j = start
                            while j < n && b[j] != quote { j += 1 }
                            value = start..<j
                            j = min(n, j + 1)
                        } else {
                            let start = j
                            while j < n && !isSpace(b[j]) && b[j] != UInt8(ascii: ">") { j += 1 }
                            value = start..<j
                        }
                    }
                    if nameEnd > nameStart { attributes.list.append((nameStart..<nameEnd, value)) }
                }
                i = min(n, j + 1)
                textStart = i
                let opened = startTag(name, attributes, selfClosing: selfClosing)
                if opened && name.isRawText && foreignDepth == 0 {
                    // Text up to the matching end tag, whatever it holds.
                    let close = Array("</\(name.name)".utf8)
                    var k = i
                    while k < n {
                        if b[k] == UInt8(ascii: "<") && k + close.count <= n {
                            var matches = true
                            for (o, c) in close.enumerated() where (b[k + o] | (o > 1 ? 0x20 : 0)) != c { matches = false; break }
                            if matches { break }
                        }
                        k += 1
                    }
                    flushText(b, i, k)
                    i = k
                    textStart = k
                }
            } else {
                i += 1
            }
        }
        flushText(b, textStart, n)
    }

    @inline(__always) private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }

    private func tagName(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Tag {
        if let k = Tag.key(b, from, to), let known = Tag.known[k] { return known }
        return Tag(String(decoding: b[from..<to].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self))
    }

    /// A start tag's attributes as places in the page; a value is decoded when asked for.
    struct Attributes {
        let base: UnsafeBufferPointer<UInt8>
        var list: [(name: Range<Int>, value: Range<Int>)] = []

        subscript(_ name: String) -> String? {
            let wanted = name.utf8
            for (n, v) in list where n.count == wanted.count {
                var same = true
                var k = n.lowerBound
                for c in wanted {
                    let b = base[k]
                    if (b >= 0x41 && b <= 0x5A ? b + 32 : b) != c { same = false; break }
                    k += 1
                }
                // The first of a repeated attribute counts.
                if same { return PagefindReading.decodeEntities(base, v.lowerBound, v.upperBound) }
            }
            return nil
        }
    }

    // MARK: Pagefind's handlers

    private mutating func flushText(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        guard to > from, insideHTML else { return }
        let last = stack.count - 1
        stack[last].value.append(contentsOf: b[from..<to])
        let node = stack[last]
        if node.status != .ignored && node.status != .excluded, let ids = node.anchorIDs {
            let text = String(decoding: b[from..<to], as: UTF8.self)
            for id in ids { anchorContent[id, default: ""] += text }
        }
    }

    /// True when the element stays open (has content).
    private mutating func startTag(_ info: Tag, _ attributes: Attributes, selfClosing: Bool) -> Bool {
        let tag = info.name
        if tag == "html" {
            hasHTMLElement = true
            insideHTML = true
            if let lang = attributes["lang"] { language = lang.lowercased() }
        }
        if tag == "svg" || tag == "math" { foreignDepth += 1 }
        if attributes["data-pagefind-sort"] != nil { unsupported = "data-pagefind-sort" }
        if attributes["data-pagefind-index-attrs"] != nil { unsupported = "data-pagefind-index-attrs" }
        let explicitIgnore: Status? = attributes["data-pagefind-ignore"].map {
            switch $0.lowercased() {
            case "", "index", "true": .ignored
            default: .excluded
            }
        }
        let status: Status = attributes["data-pagefind-body"] != nil ? .body : explicitIgnore ?? .indexing
        var anchorID: String?
        if status != .excluded && status != .ignored, let rawID = attributes["id"] {
            let id = String(String.UnicodeScalarView(rawID.unicodeScalars.filter { !$0.properties.isWhitespace }))
            let parent = stack.count - 1
            if !(stack[parent].status == .parentOfBody && status != .body && status != .parentOfBody) {
                stack[parent].value += Array(" ___PAGEFIND_ANCHOR___\(tag):\(anchorCounter):\(id) ".utf8)
                anchorID = "\(anchorCounter):\(id)"
                anchorCounter += 1
            }
        }
        if let anchorID, let title = attributes["data-pagefind-title"].map({ PagefindReading.normalize(Array($0.utf8)) }), !title.isEmpty {
            anchorTitles[anchorID] = title
        }
        if status != .excluded && tag == "br" { stack[stack.count - 1].value.append(0x20) }
        let parent = stack[stack.count - 1]
        var anchors = parent.anchorIDs != nil && info.isInline ? parent.anchorIDs : nil
        if let anchorID { anchors = (anchors ?? []) + [anchorID] }
        var node = Node(tag: info, status: parent.status == .excluded ? .excluded : status)
        node.filter = attributes["data-pagefind-filter"].map { PagefindReading.attributeList($0, attributes) }
        node.meta = attributes["data-pagefind-meta"].map { PagefindReading.attributeList($0, attributes) }
        node.defaultMeta = attributes["data-pagefind-default-meta"].map { PagefindReading.attributeList($0, attributes) }
        node.weight = attributes["data-pagefind-weight"]
        node.anchorIDs = anchors
        // Pagefind's exclusion selectors ("html nav", …) mark the element's node ignored.
        if info.isRemoved { node.status = .ignored }
        stack.append(node)
        let hasContent = !(info.isVoid || (selfClosing && foreignDepth > 0))
        if !hasContent {
            let closed = stack.removeLast()
            if tag == "svg" || tag == "math" { foreignDepth -= 1 }
            guard closed.status != .excluded else { return false }
            takeFiltersAndMeta(closed)
            if tag == "img" && meta["auto_image"] == nil && (meta["auto_title"] != nil || meta["title"] != nil), let src = attributes["src"] {
                meta["auto_image"] = src
                if let alt = attributes["alt"] { meta["auto_image_alt"] = alt }
            }
        }
        return hasContent
    }

    private mutating func endTag(_ tag: String) {
        // The innermost open element of that name; elements left open inside it close with it.
        guard let index = stack.indices.dropFirst().last(where: { stack[$0].tag.name == tag }) else { return }
        while stack.count > index { closeInnermost() }
        if tag == "html" { insideHTML = false }
    }

    private mutating func closeInnermost() {
        var node = stack.removeLast()
        if node.tag.name == "svg" || node.tag.name == "math" { foreignDepth -= 1 }
        guard node.status != .excluded else { return }
        takeFiltersAndMeta(node)
        if node.tag.name == "h1" && meta["auto_title"] == nil && !PagefindReading.trimmed(node.value).isEmpty {
            meta["auto_title"] = PagefindReading.normalize(node.value)
        }
        if node.tag.name == "title" && meta["auto_page_title"] == nil {
            meta["auto_page_title"] = PagefindReading.normalize(node.value)
        }
        guard node.status != .ignored else { return }
        // The text goes to the parent between a prefix and a suffix, rather than being copied
        // once more to put them around it.
        var prefix: [UInt8] = [], suffix: [UInt8] = []
        if node.tag.isSentence {
            prefix = [0x20]
            if let last = PagefindReading.lastScalar(node.value), PagefindReading.isSentenceCharacter(last) { suffix.append(UInt8(ascii: ".")) }
            suffix.append(0x20)
        }
        if let weight = node.weight {
            prefix = Array(" ___PAGEFIND_WEIGHT___\(weight) ".utf8) + prefix
            suffix += Array(" ___END_PAGEFIND_WEIGHT___ ".utf8)
        } else if let auto = node.tag.autoWeight {
            prefix = Array(" ___PAGEFIND_AUTO_WEIGHT___\(auto) ".utf8) + prefix
            suffix += Array(" ___END_PAGEFIND_WEIGHT___ ".utf8)
        }
        let p = stack.count - 1
        if stack[p].status == .parentOfBody && node.status != .body && node.status != .parentOfBody { return }
        switch node.status {
        case .ignored, .excluded: return
        case .indexing: break
        case .body, .parentOfBody:
            if stack[p].status != .parentOfBody { stack[p].value.removeAll(keepingCapacity: true) }
            stack[p].status = .parentOfBody
        }
        if stack[p].value.isEmpty && prefix.isEmpty && suffix.isEmpty {
            stack[p].value = node.value
        } else {
            stack[p].value += prefix
            stack[p].value += node.value
            stack[p].value += suffix
        }
    }

    private mutating func takeFiltersAndMeta(_ node: Node) {
        for filter in node.filter ?? [] {
            if let (name, value) = PagefindReading.pair(filter, node.value) { filters[name, default: []].append(value) }
        }
        for field in node.meta ?? [] {
            if let (name, value) = PagefindReading.pair(field, node.value) { meta[name] = value }
        }
        for field in node.defaultMeta ?? [] {
            if let (name, value) = PagefindReading.pair(field, node.value) { defaultMeta[name] = value }
        }
    }

    private mutating func finish() {
        // Elements left open fold into their parents, as Pagefind's `wrap` does.
        while stack.count > 1 {
            let node = stack.removeLast()
            let p = stack.count - 1
            if stack[p].status != .parentOfBody {
                switch node.status {
                case .ignored, .excluded: break
                case .indexing: stack[p].value += node.value
                case .body, .parentOfBody:
                    stack[p].value = node.value
                    stack[p].status = .parentOfBody
                }
            }
        }
        if let image = meta.removeValue(forKey: "auto_image") {
            let alt = meta.removeValue(forKey: "auto_image_alt") ?? ""
            if meta["image"] == nil { meta["image"] = image; meta["image_alt"] = alt }
        }
        if let title = meta.removeValue(forKey: "auto_title"), meta["title"] == nil { meta["title"] = title }
        if let title = meta.removeValue(forKey: "auto_page_title"), meta["title"] == nil { meta["title"] = title }
        defaultMeta.merge(meta) { _, new in new }
        meta = defaultMeta
        digest = PagefindReading.normalizedBytes(stack[0].value)
        hasCustomBody = stack[0].status == .parentOfBody
        // Pagefind's `tidy_meta_and_filters`: its own markers never reach a value.
        for (name, values) in filters { filters[name] = values.map(PagefindReading.withoutMarkers) }
        for (name, value) in meta { meta[name] = PagefindReading.withoutMarkers(value) }
    }

    // MARK: Pagefind's text helpers

    /// `parse_attr_string`: "kind[value], title" → ["kind:<the value attribute>", "title"]; a
    /// colon starts a literal value.
    static func attributeList(_ input: String, _ attributes: Attributes) -> [String] {
        if let colon = input.firstIndex(of: ":") {
            var list = attributeList(String(input[..<colon]), attributes)
            if !list.isEmpty { list[list.count - 1] += ":" + input[input.index(after: colon)...] }
            return list
        }
        return input.split(separator: ",", omittingEmptySubsequences: false).map { chunk in
            let item = trimmedString(String(chunk))
            if let open = item.firstIndex(of: "["), item.hasSuffix("]"), open > item.startIndex {
                let name = item[..<open]
                let inside = item[item.index(after: open)..<item.index(before: item.endIndex)]
                if !name.contains(where: { $0 == ":" || $0 == "[" || $0 == "]" }), !inside.isEmpty {
                    return name + ":" + (attributes[String(inside)] ?? "")
                }
            }
            return item
        }
    }

    /// `get_attribute_pair`: "name:value" → (name, value); "name" → (name, the element's text).
    static func pair(_ input: String, _ text: [UInt8]) -> (String, String)? {
        if let colon = input.firstIndex(of: ":") {
            return (String(input[..<colon]), normalize(Array(input[input.index(after: colon)...].utf8)))
        }
        return text.isEmpty ? nil : (input, normalize(text))
    }

    /// `normalize_content`: entities decoded, white space trimmed, runs of line breaks and of
    /// two or more spaces made one space.
    static func normalize(_ raw: [UInt8]) -> String { String(decoding: normalizedBytes(raw), as: UTF8.self) }

    static func normalizedBytes(_ raw: [UInt8]) -> [UInt8] {
        let decoded = raw.withUnsafeBufferPointer { decodeEntities($0, 0, $0.count) }
        let bytes = Array(decoded.utf8)
        func whiteWidth(_ k: Int) -> Int { PagefindReading.whiteWidth(bytes, at: k) }
        var start = 0
        while start < bytes.count { let w = whiteWidth(start); if w == 0 { break }; start += w }
        var end = bytes.count
        while end > start {
            var k = end - 1
            while k > start && bytes[k] & 0xC0 == 0x80 { k -= 1 }
            if whiteWidth(k) == 0 { break }
            end = k
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var k = start
        while k < end {
            let w = whiteWidth(k)
            if w == 0 { out.append(bytes[k]); k += 1; continue }
            // A run of white space: one space if it has a line break or two characters or more.
            var j = k, count = 0, hasBreak = false
            while j < end, case let ww = whiteWidth(j), ww > 0 {
                if bytes[j] == 0x0A { hasBreak = true }
                count += 1
                j += ww
            }
            if count >= 2 || hasBreak { out.append(0x20) } else { out += bytes[k..<j] }
            k = j
        }
        return out
    }

    @inline(__always) static func isASCIIWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The length in bytes of the white-space character (ASCII or Unicode White_Space) whose
    /// UTF-8 starts at `k`, or 0: what Pagefind's `\s` and `split_whitespace` take as space.
    @inline(__always) static func whiteWidth<C: Collection>(_ bytes: C, at k: C.Index) -> Int where C.Element == UInt8 {
        let b = bytes[k]
        if b < 0x80 { return isASCIIWhitespace(b) ? 1 : 0 }
        return isWhitespace(bytes, at: k) ? (b >= 0xE0 ? 3 : 2) : 0
    }

    /// Unicode White_Space beyond ASCII, for the character whose UTF-8 starts at `k`: U+0085,
    /// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    static func isWhitespace<C: Collection>(_ bytes: C, at k: C.Index) -> Bool where C.Element == UInt8 {
        let b0 = bytes[k]
        guard b0 == 0xC2 || b0 == 0xE1 || b0 == 0xE2 || b0 == 0xE3 else { return false }
        let k1 = bytes.index(after: k)
        guard k1 < bytes.endIndex else { return false }
        let b1 = bytes[k1]
        if b0 == 0xC2 { return b1 == 0x85 || b1 == 0xA0 }
        let k2 = bytes.index(after: k1)
        guard k2 < bytes.endIndex else { return false }
        let b2 = bytes[k2]
        switch b0 {
        case 0xE1: return b1 == 0x9A && b2 == 0x80
        case 0xE2: return (b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) || (b1 == 0x81 && b2 == 0x9F)
        default: return b1 == 0x80 && b2 == 0x80
        }
    }

    static func trimmed(_ raw: [UInt8]) -> String { trimmedString(String(decoding: raw, as: UTF8.self)) }

    static func trimmedString(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// `___PAGEFIND_[\S]+\s?` removed.
    static func withoutMarkers(_ value: String) -> String {
        guard value.contains("___PAGEFIND_") else { return value }
        let scalars = Array(value.unicodeScalars)
        let marker = Array("___PAGEFIND_".unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if i + marker.count < scalars.count, Array(scalars[i..<(i + marker.count)]) == marker, !scalars[i + marker.count].properties.isWhitespace {
                var j = i + marker.count
                while j < scalars.count && !scalars[j].properties.isWhitespace { j += 1 }
                if j < scalars.count { j += 1 }
                i = j
                continue
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    static func lastScalar(_ bytes: [UInt8]) -> Unicode.Scalar? {
        guard !bytes.isEmpty else { return nil }
        var start = bytes.count - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: bytes[start...], as: UTF8.self).unicodeScalars.last
    }

    /// `[\w'"\)\$\*]` with Unicode `\w`: letters, marks, digits, connector punctuation.
    static func isSentenceCharacter(_ s: Unicode.Scalar) -> Bool {
        if "'\")$*".unicodeScalars.contains(s) { return true }
        let p = s.properties
        if p.isAlphabetic || p.isJoinControl { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "–", "mdash": "—", "hellip": "…",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "copy": "©", "reg": "®", "trade": "™",
        "middot": "·", "bull": "•", "shy": "\u{AD}", "zwj": "\u{200D}", "zwnj": "\u{200C}", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
    ]

    /// HTML character references decoded (the ones an HTML writer uses; others stay as written).
    static func decodeEntities(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        var hasAmpersand = false
        for k in from..<to where b[k] == UInt8(ascii: "&") { hasAmpersand = true; break }
        if !hasAmpersand { return String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(to - from)
        var k = from
        while k < to {
            if b[k] == UInt8(ascii: "&") {
                var end = k + 1
                while end < to && end - k < 32 && b[end] != UInt8(ascii: ";") && b[end] != UInt8(ascii: "&") && !(b[end] == 0x20 || b[end] == 0x0A) { end += 1 }
                if end < to && b[end] == UInt8(ascii: ";") {
                    let name = String(decoding: UnsafeBufferPointer(rebasing: b[(k + 1)..<end]), as: UTF8.self)
                    var replacement: String?
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                    } else if name.hasPrefix("#") {
                        replacement = UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                    } else {
                        replacement = namedEntities[name]
                    }
                    if let replacement {
                        out += Array(replacement.utf8)
                        k = end + 1
                        continue
                    }
                }
            }
            out.append(b[k])
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

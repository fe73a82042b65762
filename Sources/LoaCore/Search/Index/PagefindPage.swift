/// One page as Pagefind 1.5 indexes it (its `fossick/mod.rs`): the words of its text with their
/// positions and weights, the words of its meta fields, its anchors, and the fragment that a
/// search result shows (address, text, filters, meta, anchors).
struct PagefindPage {
    struct Position {
        var position: UInt32
        var weight: UInt8
        var original: String?
    }

    struct MetaPosition {
        var field: Int  // index in `meta`, in its (sorted) order
        var position: UInt32
        var original: String?
    }

    struct Anchor {
        var element: String
        var id: String
        var text: String
        var location: Int
    }

    var url: String
    var language: String
    var content: String
    var wordCount: Int
    /// Sorted by name (Pagefind's `BTreeMap`), values in the page's order.
    var filters: [(name: String, values: [String])]
    var meta: [(name: String, value: String)]
    var anchors: [Anchor]
    /// In order of first appearance, so that the index is built the same way every time.
    var words: [(word: String, positions: [Position])]
    var metaWords: [(word: String, positions: [MetaPosition])]

    /// Pagefind's reading of the page at `url`; `words` remembers words across pages.
    init(url: String, reading: PagefindReading, words vocabulary: inout PagefindWords) {
        self.url = url
        language = reading.language
        filters = reading.filters.sorted { PagefindPage.precedes($0.key, $1.key) }.map { ($0.key, $0.value) }
        meta = reading.meta.sorted { PagefindPage.precedes($0.key, $1.key) }.map { ($0.key, $0.value) }

        var content: [UInt8] = []
        content.reserveCapacity(reading.digest.count)
        var anchors: [Anchor] = []
        var gathered: [(word: String, positions: [Position])] = []
        var total = 0
        var maxIndex = 0
        var weights: [UInt8] = [24]
        vocabulary.startGathering()
        let digest = reading.digest
        digest.withUnsafeBufferPointer { d in
            var i = 0
            while i < d.count {
                // The next word: up to white space (ASCII, or the Unicode White_Space beyond it).
                let width = PagefindReading.whiteWidth(d, at: i)
                if width > 0 { i += width; continue }
                let start = i
                while i < d.count && PagefindReading.whiteWidth(d, at: i) == 0 { i += 1 }
                let raw = UnsafeBufferPointer(rebasing: d[start..<i])
                if raw[0] == UInt8(ascii: "_"), raw.count > 3, raw[1] == UInt8(ascii: "_"), raw[2] == UInt8(ascii: "_") {
                    let text = String(decoding: raw, as: UTF8.self)
                    if let rest = text.dropPrefix("___PAGEFIND_ANCHOR___") {
                        if let colon = rest.firstIndex(of: ":") {
                            let element = String(rest[..<colon])
                            let anchorID = String(rest[rest.index(after: colon)...])
                            let text = PagefindReading.normalize(Array(PagefindReading.normalize(Array((reading.anchorContent[anchorID] ?? "").utf8)).utf8))
                            if let split = anchorID.firstIndex(of: ":") {
                                anchors.append(Anchor(element: element, id: String(anchorID[anchorID.index(after: split)...]), text: text, location: total))
                            }
                        }
                        continue
                    }
                    if let rest = text.dropPrefix("___PAGEFIND_WEIGHT___") {
                        let weight = Float(rest) ?? 1
                        weights.append(weight <= 0 ? 0 : max(1, UInt8(min(max(weight, 0), 10) * 24)))
                        continue
                    }
                    if let rest = text.dropPrefix("___PAGEFIND_AUTO_WEIGHT___") {
                        weights.append(weights.count == 1 ? UInt8(min(max(Float(rest) ?? 1, 0), 10) * 24) : weights.last ?? 0)
                        continue
                    }
                    if text.hasPrefix("___END_PAGEFIND_WEIGHT___") {
                        weights.removeLast()
                        continue
                    }
                }
                // Zero-width spaces never reach the index (UTF-8 E2 80 8B).
                var word = Array(raw)
                if raw.count >= 3, raw.contains(0x8B) {
                    var kept: [UInt8] = []
                    var k = 0
                    while k < raw.count {
                        if k + 2 < raw.count && raw[k] == 0xE2 && raw[k + 1] == 0x80 && raw[k + 2] == 0x8B { k += 3; continue }
                        kept.append(raw[k]); k += 1
                    }
                    word = kept
                    if word.isEmpty { continue }
                }
                content += word
                content.append(0x20)
                let weight = weights.last ?? 1
                let indexable = word.withUnsafeBufferPointer { vocabulary.words($0) }
                var parts = 0
                for entry in indexable where entry.isCompoundPart { parts += 1 }
                let partWeight: UInt8 = parts > 0 && weight > 0 ? max(1, weight / UInt8(min(parts, 255))) : 0
                for entry in indexable {
                    let position = Position(position: UInt32(total), weight: entry.isCompoundPart ? partWeight : weight, original: entry.original)
                    if let at = vocabulary.place(of: entry.id, next: gathered.count) { gathered[at].positions.append(position) } else {
                        gathered.append((entry.stemmed, [position]))
                    }
                }
                maxIndex = total
                total += 1
            }
        }
        if content.last == 0x20 { content.removeLast() }
        self.content = String(decoding: content, as: UTF8.self)
        self.anchors = anchors
        wordCount = maxIndex + 1
        words = gathered

        var metaGathered: [(word: String, positions: [MetaPosition])] = []
        vocabulary.startGathering()
        for (field, entry) in meta.enumerated() {
            for (index, raw) in PagefindPage.whitespaceSeparated(entry.value).enumerated() {
                for indexable in vocabulary.words(raw) {
                    let position = MetaPosition(field: field, position: UInt32(index), original: indexable.original)
                    if let at = vocabulary.place(of: indexable.id, next: metaGathered.count) { metaGathered[at].positions.append(position) } else {
                        metaGathered.append((indexable.stemmed, [position]))
                    }
                }
            }
        }
        metaWords = metaGathered
    }

    /// Rust's `split_whitespace`: split at every Unicode white-space character (a Swift
    /// `Character` can hold a space and a combining mark together).
    static func whitespaceSeparated(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = text.utf8
        var i = utf8.startIndex
        var start: String.Index?
        while i < utf8.endIndex {
            let b = utf8[i]
            let width = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            if PagefindReading.whiteWidth(utf8, at: i) > 0 {
                if let s = start { out.append(text[s..<i]); start = nil }
            } else if start == nil {
                start = i
            }
            i = utf8.index(i, offsetBy: width)
        }
        if let s = start { out.append(text[s..<utf8.endIndex]) }
        return out
    }

    /// Rust's order of strings: by UTF-8 bytes.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// The fragment as Pagefind's `serde_json` writes it (fields in this order, maps sorted,
    /// only `"`, `\` and control characters escaped).
    var fragmentJSON: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.utf8.count + 512)
        func text(_ s: String) { PagefindPage.appendJSONString(s, to: &out) }
        func raw(_ s: String) { out += Array(s.utf8) }
        raw("{\"url\":"); text(url)
        raw(",\"content\":"); text(content)
        raw(",\"word_count\":\(wordCount),\"filters\":{")
        for (i, filter) in filters.enumerated() {
            if i > 0 { raw(",") }
            text(filter.name); raw(":[")
            for (j, value) in filter.values.enumerated() { if j > 0 { raw(",") }; text(value) }
            raw("]")
        }
        raw("},\"meta\":{")
        for (i, field) in meta.enumerated() {
            if i > 0 { raw(",") }
            text(field.name); raw(":"); text(field.value)
        }
        raw("},\"anchors\":[")
        for (i, anchor) in anchors.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"element\":"); text(anchor.element)
            raw(",\"id\":"); text(anchor.id)
            raw(",\"text\":"); text(anchor.text)
            raw(",\"location\":\(anchor.location)}")
        }
        raw("]}")
        return out
    }

    static func appendJSONString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension String {
    /// The rest after `prefix`, or nil.
    func dropPrefix(_ prefix: String) -> Substring? { hasPrefix(prefix) ? dropFirst(prefix.count) : nil }
}

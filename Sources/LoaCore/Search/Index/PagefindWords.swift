import Foundation

/// The words Pagefind 1.5 puts in its index for one word of a page, as its `splitting.rs` makes
/// them: the word lower-cased and stripped to letters and digits, its accents folded (the
/// accented form kept beside it as a variant, which ranks exact matches first), stemmed for
/// languages Pagefind stems; and, for a word with punctuation or inner capitals ("46/KH-UBND",
/// "2021-2025"), each part of two bytes or more at a share of the word's weight.
///
/// Pagefind's query side (its WebAssembly) folds and stems a query the same way, so a word
/// indexed otherwise would not be found: `PagefindIndexTests` holds this to Pagefind's own index.
struct PagefindWords {
    struct Word: Equatable {
        var stemmed: String
        var isCompoundPart: Bool
        /// The word before its accents were folded, when folding changed it.
        var original: String?
        /// The same for the same `stemmed` in one `PagefindWords`: a page's words are
        /// gathered by it rather than by their text.
        var id = 0
    }

    /// Pagefind's `WORD_SYMBOLS`: characters kept inside words (the entry file lists them).
    static let includeCharacters: [Unicode.Scalar] = ["_", "\u{203F}", "\u{2040}", "\u{2054}", "\u{FE33}", "\u{FE34}", "\u{FE4D}", "\u{FE4E}", "\u{FE4F}", "\u{FF3F}"]

    let stem: ((String) -> String)?
    private var known = ByteTable()
    private var knownWords: [[Word]] = []
    private var ids: [UTF8Key<String>: Int] = [:]
    /// Each id's stemmed word.
    private(set) var stemmedWords: [String] = []

    /// Words of a page in `language` (Pagefind stems English only among Loa's languages; the
    /// others it supports are listed in `stemmer(for:)`).
    init(language: String) {
        stem = PagefindWords.stemmer(for: language)
    }

    static func stemmer(for language: String) -> ((String) -> String)? {
        switch language.split(separator: "-").first.map(String.init) ?? language {
        case "en": EnglishStemmer.stem
        default: nil
        }
    }

    /// Languages Pagefind 1.5 stems (its `get_stemmer`): a page in one of these but English
    /// cannot be indexed by Loa, which has only the English stemmer.
    static let stemmedLanguages: Set<String> = [
        "ar", "hy", "eu", "ca", "da", "nl", "en", "eo", "et", "fi", "fr", "de", "el", "hi", "hu", "id", "ga", "it", "lt",
        "nb", "ne", "nn", "no", "pt", "ro", "ru", "sr", "pl", "es", "sv", "ta", "tr", "yi",
    ]

    /// The indexable words of one whitespace-separated word, remembered: a site repeats a few
    /// tens of thousands of words millions of times.
    mutating func words(_ raw: Substring) -> [Word] {
        var bytes = Array(raw.utf8)
        return bytes.withUnsafeMutableBufferPointer { words(UnsafeBufferPointer($0)) }
    }

    /// The same for a word given as its UTF-8 bytes (the page's text is read as bytes).
    mutating func words(_ raw: UnsafeBufferPointer<UInt8>) -> [Word] {
        let (slot, found) = known.find(raw)
        if let found { return knownWords[found] }
        var made = PagefindWords.indexable(Substring(String(decoding: raw, as: UTF8.self)), stem: stem)
        for i in made.indices {
            if let id = ids[UTF8Key(made[i].stemmed)] { made[i].id = id } else {
                made[i].id = stemmedWords.count
                ids[UTF8Key(made[i].stemmed)] = stemmedWords.count
                stemmedWords.append(made[i].stemmed)
            }
        }
        known.insert(raw, at: slot, value: knownWords.count)
        knownWords.append(made)
        seen += Array(repeating: -1, count: stemmedWords.count - seen.count)
        slots += Array(repeating: 0, count: stemmedWords.count - slots.count)
        return made
    }

    /// For each word id, the last page (`mark`) that gathered it and where: a page's words are
    /// gathered without a dictionary.
    private var seen: [Int] = []
    private var slots: [Int] = []
    private var mark = 0

    /// Starts a new gathering (a page's text, or its meta fields).
    mutating func startGathering() { mark += 1 }

    /// Where the word `id` was put in this gathering, or nil; and records `next` as its place.
    mutating func place(of id: Int, next: Int) -> Int? {
        if seen[id] == mark { return slots[id] }
        seen[id] = mark
        slots[id] = next
        return nil
    }

    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s.value >= 0x30 && s.value <= 0x39) || (s.value | 0x20 >= 0x61 && s.value | 0x20 <= 0x7A) }
        let p = s.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    static func indexable(_ raw: Substring, stem: ((String) -> String)?) -> [Word] {
        var results: [Word] = []
        var normalized = String.UnicodeScalarView()
        for s in raw.unicodeScalars where isAlphanumeric(s) || includeCharacters.contains(s) {
            if s.isASCII {
                normalized.append(s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(s.value + 32)! : s)
            } else if s.properties.isUppercase {
                normalized.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
            } else {
                normalized.append(s)
            }
        }
        let normalizedWord = String(normalized)
        if !normalizedWord.isEmpty {
            let folded = foldDiacritics(normalizedWord)
            let base = folded ?? normalizedWord
            results.append(Word(stemmed: stem.map { $0(base) } ?? base, isCompoundPart: false, original: folded.map { _ in normalizedWord }))
        }
        var scalars = raw.unicodeScalars.makeIterator()
        var possiblyCompound = false
        var first = true
        while let s = scalars.next() {
            if !isAlphanumeric(s) || (!first && s.properties.isUppercase) { possiblyCompound = true; break }
            first = false
        }
        guard possiblyCompound else { return results }
        let (parts, extras) = discreteWords(raw)
        if !normalizedWord.isEmpty && (parts.contains(" ") || !normalizedWord.hasPrefix(parts)) {
            // Parts of one byte are left out (Rust's `len()` counts bytes: "đ" is two).
            for part in parts.split(separator: " ") where part.utf8.count > 1 {
                let text = String(part)
                let folded = foldDiacritics(text)
                let base = folded ?? text
                results.append(Word(stemmed: stem.map { $0(base) } ?? base, isCompoundPart: true, original: folded.map { _ in text }))
            }
        }
        for extra in extras { results.append(Word(stemmed: extra, isCompoundPart: false, original: nil)) }
        return results
    }

    /// The word without its combining marks after canonical decomposition, or nil when that
    /// changes nothing ("đ" has no decomposition: it stays).
    static func foldDiacritics(_ word: String) -> String? {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        var out = String.UnicodeScalarView()
        for s in word.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(s)
            }
        }
        let folded = String(out)
        return folded == word ? nil : folded
    }

    /// `convert_case`'s lower case of the word with ASCII punctuation and soft hyphens made
    /// spaces: its words split at spaces, hyphens, underscores, a lower-case letter followed by
    /// a capital, an acronym's end and letter–digit changes, lower-cased, joined by spaces. And
    /// the emoji in it, which Pagefind indexes on their own.
    static func discreteWords(_ raw: Substring) -> (String, [String]) {
        var replaced = ""
        replaced.unicodeScalars.append(contentsOf: raw.unicodeScalars.map { s in
            (s.isASCII && isASCIIPunctuation(UInt8(s.value))) || s == "\u{AD}" ? " " : s
        })
        let graphemes = replaced.map { String($0) }
        func isDigit(_ g: String) -> Bool { g.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        func isUpper(_ g: String) -> Bool { g.uppercased() != g.lowercased() && g == g.uppercased() }
        func isLower(_ g: String) -> Bool { g.uppercased() != g.lowercased() && g == g.lowercased() }
        var words: [String] = []
        var current = ""
        func cut() { if !current.isEmpty { words.append(current) }; current = "" }
        for (i, g) in graphemes.enumerated() {
            if g == " " || g == "-" || g == "_" { cut(); continue }
            current += g
            guard i + 1 < graphemes.count else { continue }
            let next = graphemes[i + 1]
            let after = i + 2 < graphemes.count ? graphemes[i + 2] : nil
            if (isLower(g) && isUpper(next))
                || (isUpper(g) && isUpper(next) && after.map(isLower) == true)
                || (isLower(g) && isDigit(next)) || (isUpper(g) && isDigit(next))
                || (isDigit(g) && isLower(next)) || (isDigit(g) && isUpper(next)) {
                cut()
            }
        }
        cut()
        let joined = words.map { $0.lowercased() }.joined(separator: " ")
        var emoji: [String] = []
        if raw.unicodeScalars.contains(where: { !$0.isASCII && $0.properties.isEmoji }) {
            emoji = raw.filter { c in c.unicodeScalars.first.map { !$0.isASCII && $0.properties.isEmojiPresentation } ?? false }.map(String.init)
        }
        return (joined, emoji)
    }

    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }
}

/// An open-addressing table from byte strings to numbers (FNV-1a hashed, compared with
/// `memcmp`): the vocabulary is looked up once per word of every page, and a Swift dictionary
/// would make a `String` of each word and hash it with SipHash.
struct ByteTable {
    private var slots = [Int32](repeating: -1, count: 1024)
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var values: [Int] = []
    private var arena: [UInt8] = []

    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in key { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// The value of `key`, or nil and the slot where it would go.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> (slot: Int, value: Int?) {
        let h = ByteTable.hash(key)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[i])
            if entry < 0 { return (i, nil) }
            if hashes[entry] == h && lengths[entry] == key.count {
                let same = arena.withUnsafeBufferPointer { a in key.count == 0 || memcmp(a.baseAddress! + starts[entry], key.baseAddress!, key.count) == 0 }
                if same { return (i, values[entry]) }
            }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, at slot: Int, value: Int) {
        let entry = hashes.count
        hashes.append(ByteTable.hash(key))
        starts.append(arena.count)
        lengths.append(key.count)
        values.append(value)
        arena.append(contentsOf: key)
        slots[slot] = Int32(entry)
        if hashes.count * 2 > slots.count {
            // Grow and place every entry again.
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (e, h) in hashes.enumerated() {
                var i = Int(truncatingIfNeeded: h) & mask
                while slots[i] >= 0 { i = (i + 1) & mask }
                slots[i] = Int32(e)
            }
        }
    }
}

/// A string as a dictionary key by its UTF-8 bytes: Swift hashes and compares strings by their
/// canonical form, which for Vietnamese means a normalization check on every lookup; the index's
/// words are compared byte for byte anyway (as Pagefind does).
struct UTF8Key<Text: StringProtocol>: Hashable {
    var text: Text

    init(_ text: Text) { self.text = text }

    func hash(into hasher: inout Hasher) {
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            hasher.combine(bytes: Array(text.utf8).withUnsafeBytes { $0 })
        }
    }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        let done = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
        return (done ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
    }
}

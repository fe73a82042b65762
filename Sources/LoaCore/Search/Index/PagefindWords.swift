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
    }

    /// Pagefind's `WORD_SYMBOLS`: characters kept inside words (the entry file lists them).
    static let includeCharacters: [Unicode.Scalar] = ["_", "\u{203F}", "\u{2040}", "\u{2054}", "\u{FE33}", "\u{FE34}", "\u{FE4D}", "\u{FE4E}", "\u{FE4F}", "\u{FF3F}"]

    let stem: ((String) -> String)?
    private var known: [Substring: [Word]] = [:]

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
        if let found = known[raw] { return found }
        let made = PagefindWords.indexable(raw, stem: stem)
        known[raw] = made
        return made
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

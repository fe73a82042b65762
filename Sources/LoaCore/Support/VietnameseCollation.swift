import Foundation

/// Sorting in Vietnamese alphabetical order: a ă â b c d đ e ê … o ô ơ … u ư …, letter by letter,
/// with tones compared only when the letters are equal (ngang, huyền, hỏi, ngã, sắc, nặng).
/// Foundation's locale-aware comparison is not available on every platform Loa runs on and
/// does not order Đ after D reliably, hence this small implementation.
public struct CollationKey: Sendable, Comparable, Hashable {
    let primary: [UInt16]
    let secondary: [UInt8]
    let tertiary: [UInt8]
    let original: String

    public static func < (a: CollationKey, b: CollationKey) -> Bool {
        if a.primary != b.primary { return a.primary.lexicographicallyPrecedes(b.primary) }
        if a.secondary != b.secondary { return a.secondary.lexicographicallyPrecedes(b.secondary) }
        if a.tertiary != b.tertiary { return a.tertiary.lexicographicallyPrecedes(b.tertiary) }
        return a.original < b.original
    }
}

public enum Collation {
    private static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
        "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]
    /// Rank by code point of the base letters (ư, U+01B0, is the last), 0 for none: an array, as
    /// a dictionary lookup per character was a visible share of sorting a large site.
    private static let letterRank: [UInt16] = {
        var ranks = [UInt16](repeating: 0, count: 0x1B1)
        for (i, letter) in alphabet.enumerated() { ranks[Int(letter.unicodeScalars.first!.value)] = UInt16(1000 + i) }
        return ranks
    }()

    public static func vietnameseKey(_ text: String) -> CollationKey {
        var primary: [UInt16] = []
        var secondary: [UInt8] = []
        var tertiary: [UInt8] = []
        for scalar in Folding.nfc(text).unicodeScalars {
            if let letter = Folding.letters[scalar.value], letter.vietnamese.value < 0x1B1,
               case let rank = letterRank[Int(letter.vietnamese.value)], rank != 0 {
                primary.append(rank)
                secondary.append(letter.tone)
                tertiary.append(letter.isUpper ? 1 : 0)
            } else if let tone = Folding.tones[scalar.value], !secondary.isEmpty {
                // A stray combining tone (text that did not compose) still counts as a tone.
                secondary[secondary.count - 1] = tone
            } else {
                // Spaces and punctuation sort before digits, digits before letters.
                primary.append(scalar.properties.isWhitespace ? 1 : UInt16(truncatingIfNeeded: min(scalar.value, 999)))
                secondary.append(0)
                tertiary.append(0)
            }
        }
        return CollationKey(primary: primary, secondary: secondary, tertiary: tertiary, original: text)
    }

    /// Order for a language: Vietnamese collation for "vi", folded code-point order otherwise.
    public static func key(_ text: String, language: String) -> CollationKey {
        if language == "vi" { return vietnameseKey(text) }
        // The search key's scalars (folded, runs of white space as one space, none at the ends),
        // without building the search key's string.
        var primary: [UInt16] = []
        primary.reserveCapacity(text.utf8.count)
        var space = false
        for scalar in Folding.foldedScalars(text) {
            if scalar.properties.isWhitespace { space = !primary.isEmpty; continue }
            if space { primary.append(0x20); space = false }
            primary.append(UInt16(truncatingIfNeeded: min(scalar.value, 0xFFFF)))
        }
        return CollationKey(primary: primary, secondary: [], tertiary: [], original: text)
    }
}

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
    private static let letterRank: [String: UInt16] = {
        var ranks: [String: UInt16] = [:]
        for (i, letter) in alphabet.enumerated() { ranks[letter] = UInt16(1000 + i) }
        return ranks
    }()
    private static let toneRank: [UInt32: UInt8] = [0x0300: 1, 0x0309: 2, 0x0303: 3, 0x0301: 4, 0x0323: 5]

    public static func vietnameseKey(_ text: String) -> CollationKey {
        var primary: [UInt16] = []
        var secondary: [UInt8] = []
        var tertiary: [UInt8] = []
        for character in Folding.nfc(text) {
            let lower = String(character).lowercased()
            tertiary.append(String(character) == lower ? 0 : 1)
            var base = String.UnicodeScalarView()
            var tone: UInt8 = 0
            for scalar in lower.decomposedStringWithCanonicalMapping.unicodeScalars {
                if let t = toneRank[scalar.value] { tone = t } else { base.append(scalar) }
            }
            let letter = String(base).precomposedStringWithCanonicalMapping
            if let rank = letterRank[letter] {
                primary.append(rank)
            } else if let scalar = letter.unicodeScalars.first, letter.unicodeScalars.count == 1 {
                // Spaces and punctuation sort before digits, digits before letters.
                primary.append(scalar.properties.isWhitespace ? 1 : UInt16(truncatingIfNeeded: min(scalar.value, 999)))
            } else {
                primary.append(999)
            }
            secondary.append(tone)
        }
        return CollationKey(primary: primary, secondary: secondary, tertiary: tertiary, original: text)
    }

    /// Order for a language: Vietnamese collation for "vi", folded code-point order otherwise.
    public static func key(_ text: String, language: String) -> CollationKey {
        if language == "vi" { return vietnameseKey(text) }
        let folded = Folding.searchKey(text)
        return CollationKey(primary: folded.unicodeScalars.map { UInt16(truncatingIfNeeded: min($0.value, 0xFFFF)) },
                            secondary: [], tertiary: [], original: text)
    }
}

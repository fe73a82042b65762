import Foundation
import LoaCore

/// Small text helpers for Vietnamese official documents.
enum VText {
    /// Folded key for matching: lower case, no diacritics, đ → d (Folding.searchKey).
    static func fold(_ s: some StringProtocol) -> String { Folding.searchKey(String(s)) }

    /// No-break and zero-width spaces, common in Word exports, become plain spaces or nothing.
    static func cleanSpaces(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value == 0xA0 || $0.value == 0x200B || $0.value == 0xFEFF || $0.value == 0x202F }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0xA0, 0x202F: out.append(" ")
            case 0x200B, 0xFEFF: continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Single spaces, trimmed.
    static func collapse(_ s: some StringProtocol) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Text as a reader sees it: no `**`/`*` emphasis markers, no backslash escapes.
    static func plain(_ s: String) -> String {
        if !s.contains(where: { $0 == "*" || $0 == "_" || $0 == "\\" }) { return collapse(s) }
        var t = s.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        t = t.replacing(/\*([^*\s][^*]*)\*/) { String($0.1) }
        t = t.replacing(/\\([\\`*_{}\[\]()#+\-.!<>])/) { String($0.1) }
        return collapse(t)
    }

    static func hasLetters(_ s: some StringProtocol) -> Bool { s.contains { $0.isLetter } }

    /// "ỦY BAN NHÂN DÂN": letters, none of them lower case.
    static func isAllCaps(_ s: some StringProtocol) -> Bool {
        hasLetters(s) && !s.contains { $0.isLowercase }
    }

    static func startsLowercase(_ s: some StringProtocol) -> Bool {
        s.first(where: { $0.isLetter || $0.isNumber }).map { $0.isLowercase } ?? false
    }

    /// Each word capitalised: "TRIỆU SƠN" → "Triệu Sơn" (how place and person names are written).
    static func titleCaseWords(_ s: some StringProtocol) -> String {
        collapse(s).split(separator: " ").map { word in
            word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    /// "CÔNG TÁC THÔNG TIN" → "Công tác thông tin".
    static func sentenceCase(_ s: some StringProtocol) -> String {
        let lower = s.lowercased()
        return lower.prefix(1).uppercased() + lower.dropFirst()
    }

    /// "Công tác …" → "công tác …", but an abbreviation ("UBND …") keeps its capitals.
    static func lowerFirstWord(_ s: String) -> String {
        guard let firstWord = s.split(separator: " ").first else { return s }
        if firstWord.count > 1 && isAllCaps(firstWord) { return s }
        return s.prefix(1).lowercased() + s.dropFirst()
    }

    /// Ends a sentence or a clause: what a line split by a page break does not end with.
    static func endsClause(_ s: String) -> Bool {
        guard let last = VText.plain(s).last else { return true }
        return ".!?:;…".contains(last)
    }

    static let superscriptDigits: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
    ]

    /// Roman numeral value, for checking that headings I, II, III… follow each other.
    static func romanValue(_ s: some StringProtocol) -> Int? {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
        var total = 0, previous = 0
        for c in s.reversed() {
            guard let v = values[c] else { return nil }
            if v < previous { total -= v } else { total += v; previous = v }
        }
        return total > 0 ? total : nil
    }
}

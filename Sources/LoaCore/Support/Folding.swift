import Foundation

/// Vietnamese-aware text folding for addresses, anchors and search keys.
public enum Folding {
    /// For every precomposed letter a Vietnamese text uses (Latin-1, Latin Extended-A/B and
    /// Latin Extended Additional): its lower-case base letter as Vietnamese counts letters
    /// (ă, â, đ, ê, ô, ơ, ư are letters of their own), its ASCII fold, and its tone.
    /// Computed once from Unicode decompositions, so the hot paths avoid Foundation's
    /// normalisation, which costs more than the rest of loading together.
    struct Letter: Sendable {
        var vietnamese: Unicode.Scalar
        var ascii: Unicode.Scalar
        var tone: UInt8
        var isUpper: Bool
    }

    static let tones: [UInt32: UInt8] = [0x0300: 1, 0x0309: 2, 0x0303: 3, 0x0301: 4, 0x0323: 5]

    /// Letters by code point, in flat arrays: a dictionary lookup per character was most of the
    /// time of collation keys, slugs and search keys.
    struct LetterTable: Sendable {
        private var low = [Letter?](repeating: nil, count: 0x250)
        private var high = [Letter?](repeating: nil, count: 0x100)

        subscript(_ value: UInt32) -> Letter? {
            get {
                if value < 0x250 { return low[Int(value)] }
                if value >= 0x1E00 && value <= 0x1EFF { return high[Int(value - 0x1E00)] }
                return nil
            }
            set {
                if value < 0x250 { low[Int(value)] = newValue } else if value >= 0x1E00 && value <= 0x1EFF { high[Int(value - 0x1E00)] = newValue }
            }
        }
    }

    static let letters: LetterTable = {
        var table = LetterTable()
        let ranges: [ClosedRange<UInt32>] = [0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let s = String(scalar)
                let lower = s.lowercased()
                var tone: UInt8 = 0
                var base = String.UnicodeScalarView()
                var ascii: Unicode.Scalar?
                for part in lower.decomposedStringWithCanonicalMapping.unicodeScalars {
                    if let t = tones[part.value] { tone = t; continue }
                    if (0x0300...0x036F).contains(part.value) {
                        // Breve, circumflex, horn make Vietnamese letters; other marks are dropped.
                        if [0x0306, 0x0302, 0x031B].contains(part.value) { base.append(part) }
                        continue
                    }
                    base.append(part)
                    if ascii == nil { ascii = part }
                }
                let composed = String(base).precomposedStringWithCanonicalMapping.unicodeScalars
                guard composed.count == 1, let v = composed.first else { continue }
                let asciiScalar: Unicode.Scalar = value == 0x110 || value == 0x111 ? "d" : (ascii ?? v)
                guard asciiScalar.isASCII else { continue }
                table[value] = Letter(vietnamese: v, ascii: asciiScalar, tone: tone, isUpper: s != lower)
            }
        }
        return table
    }()

    /// Lower-case ASCII letters and digits joined by single hyphens.
    /// "Đồn Phủ Thông" → "don-phu-thong". Đ/đ is a letter of its own in Vietnamese and has no
    /// Unicode decomposition, so it is mapped to "d" explicitly.
    public static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingHyphen = false
        for scalar in foldedScalars(text) {
            let v = scalar.value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return String(out)
    }

    /// Lower-cased text with diacritics removed and đ → d, spaces kept: a search and match key.
    /// "Triệu Sơn" and "Trieu Son" fold to the same key.
    public static func searchKey(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in foldedScalars(text) { out.append(s) }
        return String(out).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in nfc(text).unicodeScalars {
            if let letter = letters[scalar.value] {
                result.append(letter.ascii)
            } else if (0x0300...0x036F).contains(scalar.value) {
                continue
            } else if scalar.isASCII {
                // ASCII letters are in the table; digits, spaces and punctuation have no case
                // (asking Unicode for their lower case made a String for each).
                result.append(scalar)
            } else {
                // Letters outside the table (Greek, Cyrillic …): lower-case, marks dropped.
                for s in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
                where !(0x0300...0x036F).contains(s.value) {
                    result.append(s)
                }
            }
        }
        return result
    }

    /// Text as it must be compared and stored: NFC, since Word and macOS produce decomposed forms.
    /// Text made only of scalars that are already composed and never combine (ASCII, the
    /// Vietnamese letters, common punctuation) is NFC as it is, and is returned untouched.
    public static func nfc(_ text: String) -> String {
        var text = text
        // Over UTF-8 bytes: walking unicodeScalars was a visible share of loading every file.
        let plain = text.withUTF8 { isPlainUTF8($0) }
        return plain ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when `bytes` are valid UTF-8 made only of scalars that `nfc` leaves as they are
    /// (ASCII, two-byte scalars below U+0300, the Vietnamese letters of U+1E00–U+1EFF and
    /// common punctuation): such text needs neither a String's check nor normalising.
    static func isPlainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard n > 0 else { return true }
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        while i < n {
            // Eight ASCII bytes at a time: most of any file is markup, digits and spaces.
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            if b >= 0xC2 && b < 0xCC {  // U+0080–U+02FF
                guard i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            guard b == 0xE1 || b == 0xE2, i + 2 < n, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 else { return false }
            let v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard (0x1E00...0x1EFF).contains(v) || (0x2010...0x205F).contains(v) || (0x20A0...0x20BF).contains(v) else { return false }
            i += 3
        }
        return true
    }

    public static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && slug(text) == text
    }
}

import Foundation

/// Vietnamese-aware text folding for addresses, anchors and search keys.
public enum Folding {
    /// Lower-case ASCII letters and digits joined by single hyphens.
    /// "Đồn Phủ Thông" → "don-phu-thong". Đ/đ is a letter of its own in Vietnamese and has no
    /// Unicode decomposition, so it is mapped to "d" explicitly.
    public static func slug(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in foldedScalars(text) {
            let v = scalar.value
            let isAlnum = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
            if isAlnum {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// Lower-cased text with diacritics removed and đ → d, spaces kept: a search and match key.
    /// "Triệu Sơn" and "Trieu Son" fold to the same key.
    public static func searchKey(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in foldedScalars(text) { out.append(s) }
        return String(out).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue  // combining marks: tones, breve, circumflex, horn
            case 0x0111: result.append("d")  // đ
            default: result.append(scalar)
            }
        }
        return result
    }

    /// Text as it must be compared and stored: NFC, since Word and macOS produce decomposed forms.
    public static func nfc(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    public static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && slug(text) == text
    }
}

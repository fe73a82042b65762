import Foundation
import LoaCore

/// One line of an input document as the parser sees it: NFC text with whole-line emphasis and
/// Markdown heading marks taken off (they are layout, not content) and remembered as flags.
struct SourceLine: Sendable, Hashable {
    /// Trimmed text; inline Markdown (a bold word, an italic phrase) is kept.
    var text: String
    /// 1-based line of the input; for a .docx, the paragraph's number.
    var number: Int
    /// The whole line is bold (`**…**`, a bold Word paragraph).
    var bold = false
    /// Written as a heading (`## …`, a Word heading style): a hint, the depth is recomputed.
    var headingMark = false

    var isBlank: Bool { text.isEmpty }
    /// The text without emphasis markers or escapes, for reading metadata.
    var plain: String { VText.plain(text) }
}

/// Turns text (.txt or .md, which in practice are the same: exports carry `**bold**`) into lines.
enum TextLines {
    static func lines(_ text: String) -> [SourceLine] {
        var result: [SourceLine] = []
        var boldOpen = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var t = VText.cleanSpaces(String(raw))
            // A Markdown hard break ("  " or "\" at the end) is only layout.
            if t.hasSuffix("\\") { t.removeLast() }
            t = t.trimmingCharacters(in: .whitespaces)
            var line = SourceLine(text: "", number: index + 1)
            if t.isEmpty {
                boldOpen = false  // emphasis never spans a blank line in CommonMark
                result.append(line)
                continue
            }
            if let m = t.firstMatch(of: /^#{1,6}\s+/) {
                line.headingMark = true
                t = String(t[m.range.upperBound...])
            }
            let markers = t.ranges(of: "**").count
            if boldOpen {
                line.bold = true
                if t.hasSuffix("**") && markers % 2 == 1 { t.removeLast(2); boldOpen = false }
            } else if t.hasPrefix("**") && t.hasSuffix("**") && t.count >= 4 && markers == 2 {
                line.bold = true
                t = String(t.dropFirst(2).dropLast(2))
            } else if t.hasPrefix("**") && markers % 2 == 1 {
                // "**KT. CHỦ TỊCH" … "PHÓ CHỦ TỊCH**": one bold span over several lines.
                line.bold = true
                boldOpen = true
                t.removeFirst(2)
            }
            // Pandoc escapes a numbering it does not want read as a list: "1\. Mục đích".
            if let m = t.firstMatch(of: /^([0-9]+|[IVXLC]+)\\\./) {
                t = String(m.1) + "." + t[m.range.upperBound...]
            }
            line.text = t.trimmingCharacters(in: .whitespaces)
            result.append(line)
        }
        return result
    }
}

import Foundation
import LoaCore

/// What the text cites and the period it covers: "Thực hiện Công văn số …", "6 tháng đầu năm 2022".
extension DocumentParser {
    // MARK: - References

    /// "Thực hiện Công văn số 1143/STTTT-BCXB ngày 03/6/2022 của …; Kế hoạch số …" → each document.
    func references(in intro: [(text: String, line: Int)]) -> [String] {
        var found: [String] = []
        // "Căn cứ …; Căn cứ …;" may share a paragraph: each clause is read on its own.
        let clauses = intro.flatMap { VText.plain($0.text).replacing(/;\s+(Căn cứ|Thực hiện)\s/) { ";\u{1}\($0.1) " }.split(separator: "\u{1}") }
        for clause in clauses {
            let plain = String(clause)
            guard let m = plain.firstMatch(of: /^(?i)(Thực hiện|Căn cứ|Triển khai)\s+/) else { continue }
            var rest = String(plain[m.range.upperBound...])
            // The sentence ends at ". " before a capital ("… phát triển. UBND huyện ban hành …").
            if let end = rest.firstMatch(of: /\.\s+(?=\p{Lu})/) { rest = String(rest[..<end.range.lowerBound]) }
            for (index, segment) in rest.split(separator: ";").enumerated() {
                var s = VText.collapse(segment)
                if !Vocabulary.startsWithDocumentType(VText.fold(s)) {
                    // "Thực hiện chỉ đạo của UBND tỉnh tại Công văn số …": the document inside.
                    guard index == 0, let inner = s.firstMatch(of: /(?i)(Công văn|Văn bản|Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Thông báo|Hướng dẫn|Kết luận|Công điện)\s+số/) else { break }
                    s = String(s[inner.range.lowerBound...])
                }
                s = s.trimmingCharacters(in: CharacterSet(charactersIn: " .,;"))
                if !s.isEmpty && !found.contains(s) { found.append(s) }
            }
        }
        return found
    }

    // MARK: - Period

    /// The period named in the title: "6 tháng đầu năm 2022", "năm 2021", "quý II năm 2023".
    mutating func readPeriod(subject: String, line: Int, context: [(text: String, line: Int)]) {
        let pattern = /(?i)((?:\d+|sáu|chín|ba)\s+tháng(?:\s+(?:đầu|cuối))?\s+năm|quý\s+[IV]+(?:\s+năm)?|tháng\s+\d{1,2}\s+năm|giai\s+đoạn|năm)(?:\s+(\d{4}(?:\s*[-–]\s*\d{4})?))?/
        for m in subject.matches(of: pattern) {
            let phrase = VText.collapse(m.1)
            if let year = m.2 { doc.period = phrase + " " + VText.collapse(year); return }
            if VText.fold(phrase) == "nam" || VText.fold(phrase) == "giai doan" { continue }
            // "6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2023": the year the title
            // gives once belongs to both; else the same phrase with its year in the opening text.
            let years = Set(subject.matches(of: /\b(\d{4})\b/).map { String($0.1) })
            if years.count == 1 { doc.period = phrase + " " + years.first!; return }
            for (text, _) in context {
                let plain = VText.plain(text)
                if let r = plain.range(of: phrase, options: [.caseInsensitive]),
                   let y = plain[r.upperBound...].firstMatch(of: /^\s+(\d{4})\b/) {
                    doc.period = phrase + " " + y.1
                    return
                }
            }
            doc.period = phrase
            warn(line, "the title names the period '\(phrase)' without a year")
            return
        }
    }
}

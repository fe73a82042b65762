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
            // "Công văn số 1 …, Kế hoạch số 2 …" and "… và Kế hoạch số 2 …" cite two documents.
            let segments = rest.split(separator: ";").flatMap { $0.split(separator: Self.nextCitation).map(String.init) }
            for (index, segment) in segments.enumerated() {
                var s = Self.citedDocument(VText.collapse(segment))
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

    static var nextCitation: Regex<Substring> { /(?:,|\s+và)\s+(?=(?:Công văn|Văn bản|Kế hoạch|Quyết định|Nghị quyết|Nghị định|Chỉ thị|Thông tư|Thông báo|Thông tri|Hướng dẫn|Kết luận|Công điện|Chương trình|Đề án|Quy định)\s+số\s)/ }

    /// Reporting verbs of the sentence a citation opens ("…, Ban Thường vụ Huyện ủy báo cáo như sau").
    static let sentenceVerbs = ["bao cao", "ban hanh", "xay dung", "trien khai", "thong bao", "huong dan", "de nghi",
                                "to chuc", "chi dao", "yeu cau", "quyet dinh", "kinh trinh", "trinh"]

    /// "Công văn số 12-CV/BTGTU ngày 06/3/2023 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ Huyện ủy
    /// báo cáo như sau" → the cited document: the sentence goes on after a comma with its own subject.
    static func citedDocument(_ s: String) -> String {
        for m in s.matches(of: /,\s+(?=\p{Lu})/) {
            let after = VText.fold(s[m.range.upperBound...]).split(separator: " ").prefix(12).joined(separator: " ")
            if sentenceVerbs.contains(where: { after.contains(" " + $0 + " ") || after.hasSuffix(" " + $0) || after.contains(" " + $0 + ":") }) {
                return String(s[..<m.range.lowerBound])
            }
        }
        return s
    }

    // MARK: - Period

    /// The period as the document prints it: in the title ("6 tháng đầu năm 2022", "năm 2021",
    /// "quý II năm 2023"), else where the text prints the title's phrase with its year; never
    /// a phrase put together from the title's pieces.
    mutating func readPeriod(subject: String, line: Int, intro: [(text: String, line: Int)], text: [(text: String, line: Int)]) {
        let pattern = /(?i)((?:\d+|sáu|chín|ba)\s+tháng(?:\s+(?:đầu|cuối))?\s+năm|quý\s+[IV]+(?:\s+năm)?|tháng\s+\d{1,2}\s+năm|giai\s+đoạn|năm)(?:\s+(\d{4}(?:\s*[-–]\s*\d{4})?))?/
        for m in subject.matches(of: pattern) {
            let phrase = VText.collapse(m.1)
            if m.2 != nil { doc.period = VText.collapse(m.0); return }
            if VText.fold(phrase) == "nam" || VText.fold(phrase) == "giai doan" { continue }
            // "6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2023": the phrase with the
            // title's year where the text prints it ("… đối ngoại 6 tháng đầu năm 2023; UBND …").
            let titleYears = Set(subject.matches(of: /\b(\d{4})\b/).map { String($0.1) })
            let printed = Self.printings(of: phrase, in: intro + text)
            if let p = printed.first(where: { titleYears.contains($0.year) }) ?? (titleYears.isEmpty ? Self.printings(of: phrase, in: intro).first : nil) {
                doc.period = p.period
                return
            }
            doc.period = phrase
            warn(line, titleYears.isEmpty
                ? "the title names the period '\(phrase)' without a year"
                : "the title names the period '\(phrase)' without its year, and the text never prints it with one: the period is written '\(phrase)' as printed")
            return
        }
    }

    /// Where the text prints "<phrase> <year>": the words as printed, and the year.
    static func printings(of phrase: String, in paragraphs: [(text: String, line: Int)]) -> [(period: String, year: String)] {
        var found: [(String, String)] = []
        for (text, _) in paragraphs {
            let plain = VText.plain(text)
            var from = plain.startIndex
            while let r = plain.range(of: phrase, options: [.caseInsensitive], range: from..<plain.endIndex) {
                from = r.upperBound
                if let y = plain[r.upperBound...].firstMatch(of: /^\s+(\d{4})\b/) {
                    found.append((VText.collapse(plain[r.lowerBound..<y.range.upperBound]), String(y.1)))
                }
            }
        }
        return found
    }
}

/// Words Pagefind would miss, to give it beside a page's text. Pagefind folds combining marks
/// ("Phủ" finds "phu") but not Đ/đ, which has no decomposition: "don phu thong" misses "Đồn".
/// Document numbers ("46/KH-UBND") are split by its tokenizer, so they are given whole too.
public enum SearchTerms {
    /// The folded form of every word with Đ/đ, and every document number joined up and in its
    /// parts, each once, in order of first appearance, separated by spaces.
    public static func extra(_ text: String) -> String {
        var seen: Set<String> = []
        var out: [String] = []
        func add(_ term: String) {
            guard !term.isEmpty, seen.insert(term).inserted else { return }
            out.append(term)
        }
        for word in text.split(whereSeparator: { $0.isWhitespace || ",;:()[]\"“”‘’.".contains($0) }) {
            let w = String(word)
            if w.contains(where: { $0 == "đ" || $0 == "Đ" }) {
                // Same folding as slugs and district names; parts of a hyphenated word each.
                for part in Folding.searchKey(w).split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { add(String(part)) }
            }
            if isDocumentNumber(w) {
                add(Folding.searchKey(w).filter { $0.isLetter || $0.isNumber })
            }
        }
        return out.joined(separator: " ")
    }

    /// "46/KH-UBND", "1143/STTTT-BCXB", "16-KL/TW": digits, then letters, joined by / or -.
    static func isDocumentNumber(_ word: String) -> Bool {
        let hasSeparator = word.contains("/") || word.contains("-")
        guard hasSeparator, word.first?.isNumber == true else { return false }
        return word.contains(where: \.isLetter) && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "-" || $0 == "Đ" }
    }

    /// `extra` of a converted body's text: only bodies with Đ/đ (UTF-8 C4 90, C4 91) or a
    /// document number are looked at, tags and entities left out.
    public static func extra(bodyText html: [UInt8]) -> String {
        var hasD = false
        for i in html.indices.dropLast() where html[i] == 0xC4 && (html[i + 1] == 0x90 || html[i + 1] == 0x91) { hasD = true; break }
        var text: [UInt8] = []
        text.reserveCapacity(html.count)
        var inTag = false
        for b in html {
            if b == UInt8(ascii: "<") { inTag = true; text.append(0x20); continue }
            if b == UInt8(ascii: ">") { inTag = false; continue }
            if !inTag { text.append(b) }
        }
        let plain = String(decoding: text, as: UTF8.self)
        if !hasD && !plain.contains(where: { $0 == "/" }) { return "" }
        return extra(plain)
    }

    /// Two lists of terms as one, each term once.
    public static func merge(_ a: String, _ b: String) -> String {
        var seen: Set<Substring> = []
        return (a.split(separator: " ") + b.split(separator: " ")).filter { seen.insert($0).inserted }.joined(separator: " ")
    }
}

/// Words Pagefind would miss, to give it beside a page's text. Pagefind folds combining marks
/// ("Phủ" finds "phu") but not Đ/đ, which has no decomposition: "don phu thong" misses "Đồn".
/// Document numbers ("46/KH-UBND") are split by its tokenizer, so they are given whole too.
public enum SearchTerms {
    /// The folded form of every word with Đ/đ, and every document number joined up and in its
    /// parts, each once, in order of first appearance, separated by spaces.
    public static func extra(_ text: String) -> String {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { terms(in: UnsafeBufferPointer($0)) }
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
        var hasD = false, hasSlash = false
        for i in html.indices.dropLast() where html[i] == 0xC4 && (html[i + 1] == 0x90 || html[i + 1] == 0x91) { hasD = true; break }
        var text: [UInt8] = []
        text.reserveCapacity(html.count)
        var inTag = false
        for b in html {
            if b == UInt8(ascii: "<") { inTag = true; text.append(0x20); continue }
            if b == UInt8(ascii: ">") { inTag = false; continue }
            if !inTag { text.append(b); if b == UInt8(ascii: "/") { hasSlash = true } }
        }
        if !hasD && !hasSlash { return "" }
        return text.withUnsafeBufferPointer { terms(in: $0) }
    }

    /// Words are split at white space, ASCII `,;:()[]".` and curly quotes. Read as bytes: only
    /// words with Đ/đ or starting with a digit can give a term, and each distinct word is looked
    /// at once (a page repeats "được" and "để" many times, and this runs for every page).
    static func terms(in t: UnsafeBufferPointer<UInt8>) -> String {
        var seen: Set<String> = []
        var looked: Set<UTF8Key<String>> = []
        var out: [String] = []
        func add(_ term: String) {
            guard !term.isEmpty, seen.insert(term).inserted else { return }
            out.append(term)
        }
        do {
            var i = 0
            // The separators of `extra(_:)`: white space, ASCII ,;:()[]". and the curly quotes.
            func separator(_ k: Int) -> Int {
                let b = t[k]
                if b == 0x2C || b == 0x3B || b == 0x3A || b == 0x28 || b == 0x29 || b == 0x5B || b == 0x5D || b == 0x22 || b == 0x2E { return 1 }
                if b == 0xE2, k + 2 < t.count, t[k + 1] == 0x80, [0x9C, 0x9D, 0x98, 0x99].contains(t[k + 2]) { return 3 }
                return PagefindReading.whiteWidth(t, at: k)
            }
            while i < t.count {
                let width = separator(i)
                if width > 0 { i += width; continue }
                let start = i
                var withD = false
                while i < t.count && separator(i) == 0 {
                    if t[i] == 0xC4 && i + 1 < t.count && (t[i + 1] == 0x90 || t[i + 1] == 0x91) { withD = true }
                    i += 1
                }
                let digitFirst = t[start] >= 0x30 && t[start] <= 0x39
                guard withD || digitFirst else { continue }
                let w = String(decoding: UnsafeBufferPointer(rebasing: t[start..<i]), as: UTF8.self)
                guard looked.insert(UTF8Key(w)).inserted else { continue }
                if withD {
                    for part in Folding.searchKey(w).split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { add(String(part)) }
                }
                if isDocumentNumber(w) {
                    add(Folding.searchKey(w).filter { $0.isLetter || $0.isNumber })
                }
            }
        }
        return out.joined(separator: " ")
    }

    /// Two lists of terms as one, each term once.
    public static func merge(_ a: String, _ b: String) -> String {
        var seen: Set<Substring> = []
        return (a.split(separator: " ") + b.split(separator: " ")).filter { seen.insert($0).inserted }.joined(separator: " ")
    }
}

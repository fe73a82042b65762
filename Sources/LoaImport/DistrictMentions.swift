import Foundation
import LoaCore

/// A district the text names, as printed: "huyện Quan Hóa", "HUYỆN ỦY QUAN HÓA", "huyện Quan
/// Hóa, tỉnh Thanh Hóa", "nhân dân Quan Hóa". Read whether or not the site's registry has it.
struct DistrictMention: Sendable, Hashable {
    /// The name as printed; a name printed in capitals gets the capitals names take ("Quan Hóa").
    var name: String
    /// "tỉnh Thanh Hóa" printed with it, or nil.
    var province: String?
    var line: Int
    /// Printed in capitals ("HUYỆN ỦY QUAN HÓA"): the name's capitals are the importer's.
    var printedInCapitals = false
    /// Folded, for matching ("quan hoa").
    var key: String { VText.fold(name) }
}

enum DistrictMentions {
    /// Words that follow "huyện" in running text but are not a district's name ("Huyện Đoàn").
    static let notNames: Set<String> = ["doan", "hoi", "uy ban", "dang bo"]

    /// Tokens of a line, with the punctuation around each word kept apart.
    private struct Token {
        var word: String
        var folded: String
        /// The punctuation printed right after the word ("," in "Quan Hóa,"), if any.
        var trailing: Character?
        /// Printed after an opening bracket or quote ("(Thanh Hóa)"): not the name before it going on.
        var opens: Bool
        var endsPhrase: Bool { trailing != nil }
    }

    private static func tokens(_ text: String) -> [Token] {
        text.split(whereSeparator: { $0.isWhitespace }).map { printed in
            // A footnote marker on a word ("Quan Hóa¹", "Hóa⁽²⁾") is not part of it.
            let raw = printed.filter { !"⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾".contains($0) }
            let word = raw.trimmingCharacters(in: CharacterSet(charactersIn: "()[]“”\"'‘’*,.;:!?…/"))
            let trailing = raw.last.flatMap { ",.;:!?…)”\"/".contains($0) ? $0 : nil }
            let opens = raw.first.map { "([“\"‘'".contains($0) } ?? false
            return Token(word: word, folded: VText.fold(word), trailing: trailing, opens: opens)
        }
    }

    /// A word that can be part of a printed name: it starts with a capital letter.
    private static func isNameWord(_ t: Token) -> Bool {
        guard let first = t.word.first else { return false }
        return first.isLetter && first.isUppercase
    }

    /// The capitalised words starting at `start` (up to four, ending at punctuation); in a line
    /// printed in capitals, the rest of the line up to punctuation.
    private static func name(in tokens: [Token], from start: Int, capitals: Bool) -> (name: String, end: Int, trailing: Character?)? {
        var words: [String] = []
        var i = start
        var trailing: Character?
        // In running text a word in capitals is an abbreviation ("HĐND"), not a name.
        while i < tokens.count, words.count < 4, isNameWord(tokens[i]), words.isEmpty || !tokens[i].opens,
              capitals || tokens[i].word.count < 2 || !VText.isAllCaps(tokens[i].word) {
            words.append(tokens[i].word)
            trailing = tokens[i].trailing
            i += 1
            if trailing != nil { break }
        }
        guard !words.isEmpty, !notNames.contains(VText.fold(words.prefix(2).joined(separator: " "))),
              !notNames.contains(VText.fold(words[0])) else { return nil }
        let printed = words.joined(separator: " ")
        return (capitals ? VText.titleCaseWords(printed) : printed, i, trailing)
    }

    /// "huyện X", "Huyện ủy X", "huyện X, tỉnh Y" (and "HUYỆN X" in a header line in capitals).
    static func districts(in text: String, line: Int) -> [DistrictMention] {
        let capitals = VText.isAllCaps(text)
        let t = tokens(text)
        var found: [DistrictMention] = []
        var i = 0
        while i < t.count {
            defer { i += 1 }
            guard t[i].folded == "huyen", !t[i].endsPhrase else { continue }
            var start = i + 1
            if start < t.count, t[start].folded == "uy" {  // "Huyện ủy Quan Hóa", not "Huyện ủy, HĐND"
                if t[start].endsPhrase { continue }
                start += 1
            }
            guard let (name, end, trailing) = self.name(in: t, from: start, capitals: capitals) else { continue }
            var mention = DistrictMention(name: name, province: nil, line: line, printedInCapitals: capitals)
            // "huyện Quan Hóa, tỉnh Thanh Hóa", "huyện Quan Hóa - tỉnh Thanh Hóa": the province printed with it.
            var j = end
            if trailing == nil, j < t.count, t[j].word == "-" || t[j].word == "–" { j += 1 }
            if trailing == nil || trailing == ",", j < t.count, t[j].folded == "tinh", !t[j].endsPhrase,
               let province = self.name(in: t, from: j + 1, capitals: capitals) {
                mention.province = province.name
            }
            found.append(mention)
            i = end - 1
        }
        return found
    }

    /// "tỉnh Thanh Hóa", "TỈNH ỦY THANH HÓA", "ĐẢNG BỘ TỈNH THANH HÓA": the province a header line prints.
    static func province(in text: String) -> String? {
        let capitals = VText.isAllCaps(text)
        let t = tokens(text)
        for i in t.indices where t[i].folded == "tinh" && !t[i].endsPhrase {
            var start = i + 1
            if start < t.count, t[start].folded == "uy" { start += 1 }
            if let p = name(in: t, from: start, capitals: capitals) { return p.name }
        }
        return nil
    }

    /// "nhân dân Quan Hóa", "quê hương, con người Quan Hóa": a place named after its people. Weaker
    /// than "huyện X" (it may be a province or a country): counted only where it agrees with a
    /// district named otherwise or with the registry.
    static func people(in text: String, line: Int) -> [DistrictMention] {
        guard !VText.isAllCaps(text) else { return [] }
        let t = tokens(text)
        var found: [DistrictMention] = []
        for i in t.indices.dropLast() {
            let pair = t[i].folded + " " + t[i + 1].folded
            guard pair == "nhan dan" || pair == "con nguoi", !t[i + 1].endsPhrase,
                  let n = name(in: t, from: i + 2, capitals: false) else { continue }
            found.append(DistrictMention(name: n.name, province: nil, line: line))
        }
        return found
    }
}

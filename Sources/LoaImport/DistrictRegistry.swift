import Foundation
import LoaCore

/// The site's districts, matched by folded name, so "Trieu Son", "TRIỆU SƠN" and "Triệu Sơn"
/// all name `trieu-son`. Former names match too: a document keeps the name it was issued under.
public struct DistrictRegistry: Sendable {
    struct Entry: Sendable { var district: District; var key: String }
    let entries: [Entry]
    let language: String

    public init(_ districts: [District], language: String = "vi") {
        var entries: [Entry] = []
        for d in districts {
            var names = Array(d.name.values.values) + d.formerNames
            names.sort()
            for name in names where !VText.fold(name).isEmpty { entries.append(Entry(district: d, key: VText.fold(name))) }
        }
        // Longest names first, so "Thạch Thành" is not read as a shorter name it starts with.
        self.entries = entries.sorted { ($0.key.count, $0.key) > ($1.key.count, $1.key) }
        self.language = language
    }

    /// The district's name as the document's language writes it.
    public func name(of d: District) -> String { d.name.text(language, fallback: language) }

    /// `--district`: a slug or a name.
    public func lookup(_ input: String) -> District? {
        let slug = Folding.slug(input)
        if let d = entries.first(where: { $0.district.slug == slug })?.district { return d }
        return named(input)
    }

    /// The district whose name is exactly this text (folded).
    public func named(_ text: String) -> District? {
        let key = VText.fold(text)
        return entries.first { $0.key == key }?.district
    }

    /// The district whose name starts this folded text at a word boundary.
    func prefixMatch(_ folded: Substring) -> District? {
        for e in entries where folded.hasPrefix(e.key) {
            let rest = folded.dropFirst(e.key.count)
            if rest.first.map({ !$0.isLetter && !$0.isNumber }) ?? true { return e.district }
        }
        return nil
    }
}

import Foundation
import LoaCore

/// Writes an imported document as a content file: front matter with the fields README's
/// "Published documents" lists (only those the document states), then the Markdown body.
enum ContentFileWriter {
    /// File names are folded titles; very long titles are cut at a word so names stay usable.
    static let maximumNameLength = 120

    static func name(for title: String) -> (name: String, shortened: Bool) {
        let slug = Folding.slug(title)
        guard slug.count > maximumNameLength else { return (slug, false) }
        var cut = String(slug.prefix(maximumNameLength))
        if let dash = cut.lastIndex(of: "-") { cut = String(cut[..<dash]) }
        return (cut, true)
    }

    static func render(_ doc: ImportedDocument) -> String {
        var y = "---\n"
        func field(_ key: String, _ value: String?) { if let value { y += "\(key): \(quote(value))\n" } }
        func list(_ key: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            y += "\(key):\n" + values.map { "  - \(quote($0))\n" }.joined()
        }
        field("title", doc.title)
        if let kind = doc.kind { y += "document_kind: \(kind.rawValue)\n" }
        field("number", doc.number)
        if let date = doc.date { y += "issue_date: \(date)\n" }
        field("place", doc.place)
        field("issuer", doc.issuer)
        if let district = doc.district { y += "district: \(district)\n" }
        field("period", doc.period)
        list("references", doc.references)
        field("recipients_note", doc.recipientsNote)
        list("recipients", doc.recipients)
        list("signing_lines", doc.signingLines)
        field("signer", doc.signer)
        // A comment, not a field: tells the next editor these are absent from the original on purpose.
        let missing = doc.notStatedFrontMatter
        if !missing.isEmpty { y += "# not stated in the document: \(missing.joined(separator: ", "))\n" }
        y += "---\n"
        return doc.body.isEmpty ? y : y + "\n" + doc.body
    }

    static func quote(_ s: String) -> String { YAMLText.quoted(s) }
}

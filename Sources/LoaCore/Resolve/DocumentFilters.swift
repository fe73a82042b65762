/// What the document index is filtered by. Each value of each facet is a family of generated
/// list pages in every language that has it: `/documents/kind/report/`, `/documents/year/2023/`,
/// `/documents/issuer/uy-ban-nhan-dan-huyen-trieu-son/`, `/documents/field/thong-tin-doi-ngoai/`
/// (and `…/page/2/`), made without JavaScript.
public enum DocumentFacet: String, Sendable, CaseIterable, Hashable {
    case kind, issuer, year, field

    /// The address segment after `documents/`.
    public var segment: String { rawValue }

    /// The address segment of a document's value for this facet: the kind as in front matter,
    /// the year of issue, the issuer and field folded as addresses are; nil when it has none.
    public func value(of document: PublishedDocument) -> String? {
        switch self {
        case .kind: return document.documentKind.rawValue
        case .year: return document.issueDate.map { String($0.year) }
        case .issuer:
            let slug = BodyName.key(document.issuer)  // "UBND huyện X" lists with "Ủy ban nhân dân huyện X"
            return slug.isEmpty ? nil : slug
        case .field:
            guard let field = document.field else { return nil }
            let slug = Folding.slug(field)
            return slug.isEmpty ? nil : slug
        }
    }

    /// The path of a value's first page, without the language prefix.
    public func listPath(_ value: String) -> String { "documents/\(segment)/\(value)/" }
}

/// One language's documents by facet and value, each list in the order of the document list.
public typealias DocumentFilterIndex = [DocumentFacet: [String: [Int]]]

extension Indexer {
    /// Positions of `documents` (one language's document list, in list order) by facet and value.
    static func documentFilters(_ documents: [Int], site: ResolvedSite) -> DocumentFilterIndex {
        var index: DocumentFilterIndex = [:]
        for i in documents {
            guard let document = site.items[i].item.document else { continue }
            for facet in DocumentFacet.allCases {
                if let value = facet.value(of: document) { index[facet, default: [:]][value, default: []].append(i) }
            }
        }
        return index
    }
}

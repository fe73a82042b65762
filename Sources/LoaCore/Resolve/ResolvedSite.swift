/// An item with everything the render stage needs: its address, its body as HTML, its translations.
public struct ResolvedItem: Sendable {
    public var item: ContentItem
    /// Site-relative path of the page, e.g. `en/documents/ke-hoach-2021/`.
    public var path: String
    /// Language code → path of the translation, for the other languages that have one.
    public var translations: [String: String]
    /// Path of the page named in `source`, when there is one.
    public var sourcePath: String?
    public var sourceTitle: String?
    public var attachments: [ResolvedAttachment]

    /// Stands for an item that could not be decoded, in an array that is then thrown away.
    static let placeholder = ResolvedItem(
        item: ContentItem(kind: .page, name: "", language: "", sourcePath: "", title: "", summary: nil, slug: "", district: nil, topics: [],
                          date: nil, source: nil, menu: nil, aliases: [], draft: false, publishDate: nil, expiryDate: nil, details: .page,
                          body: "", bodyFirstLine: 0, fieldLocations: [:]),
        path: "", translations: [:], sourcePath: nil, sourceTitle: nil, attachments: [])
}

public struct ResolvedAttachment: Sendable, Hashable {
    public var title: String
    public var path: String
    /// Upper-case file type shown to readers, e.g. "PDF".
    public var fileType: String
    public var byteCount: Int
}

/// Resolve stage output: the whole site's structure, with indexes by kind, district and topic.
public struct ResolvedSite: Sendable {
    public var configuration: SiteConfiguration
    /// Sorted by kind, name and language order.
    public var items: [ResolvedItem]
    public var staticFiles: [StaticFile]
    /// Resolves links written in bodies when pages are rendered.
    public var links: LinkResolver
    /// [language][kind] → indexes into `items`, in list order.
    public var byKind: [String: [ContentKind: [Int]]]
    /// [language][district slug] → indexes in list order (kinds mixed; group with `item.kind`).
    public var byDistrict: [String: [String: [Int]]]
    public var byTopic: [String: [String: [Int]]]
    /// [language] → documents by filter facet and value (see `DocumentFacet`).
    public var documentFilters: [String: DocumentFilterIndex] = [:]
    /// True for a site taken from the last build's snapshot with most items read only in part:
    /// it can render only the pages of the items that were read whole (see `SiteSnapshot.reuse`).
    public internal(set) var isPartial = false

    public var languages: [String] { configuration.languages.map(\.code) }

    /// The address prefix of a language: empty for the default language, `en/` for others.
    public func prefix(_ language: String) -> String {
        language == configuration.defaultLanguage ? "" : language + "/"
    }

    /// Districts in the order a reader of `language` expects: Vietnamese collation on Vietnamese pages.
    public func sortedDistricts(_ language: String) -> [District] {
        configuration.districts.sorted {
            Collation.key($0.name.text(language, fallback: configuration.defaultLanguage), language: language)
                < Collation.key($1.name.text(language, fallback: configuration.defaultLanguage), language: language)
        }
    }

    public func sortedTopics(_ language: String) -> [Topic] {
        configuration.topics.sorted {
            Collation.key($0.name.text(language, fallback: configuration.defaultLanguage), language: language)
                < Collation.key($1.name.text(language, fallback: configuration.defaultLanguage), language: language)
        }
    }
}

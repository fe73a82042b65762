/// Text given per language; a plain value stands for every language.
public struct LocalizedText: Sendable, Hashable {
    public var values: [String: String]
    public init(_ values: [String: String]) { self.values = values }

    /// The text in `language`, else in `fallback` (the site's default language), else any.
    public func text(_ language: String, fallback: String) -> String {
        values[language] ?? values["*"] ?? values[fallback] ?? values.sorted { $0.key < $1.key }.first?.value ?? ""
    }
}

public struct Language: Sendable, Hashable {
    public var code: String
    public var name: String
    public var title: String
    public var description: String
    public var authority: String
}

public struct District: Sendable, Hashable {
    public var slug: String
    public var name: LocalizedText
    public var province: LocalizedText
    public var formerNames: [String]
    public var location: SourceLocation
}

public struct Topic: Sendable, Hashable {
    public var slug: String
    public var name: LocalizedText
    public var location: SourceLocation
}

/// A portal outside the site that serves what a static site cannot (online public services,
/// citizens' questions): linked in every page's footer and counted by `loa check --compliance`.
public struct ServicePortal: Sendable, Hashable {
    public enum Service: String, Sendable, CaseIterable {
        /// Administrative procedures and online public services (Decree 42/2022/NĐ-CP Art. 4.1.c).
        case onlinePublicServices = "online-public-services"
        /// Receiving and answering citizens' questions and feedback.
        case feedback
    }

    public var name: LocalizedText
    public var url: String
    public var provides: [Service]
    public var location: SourceLocation
}

public struct SiteConfiguration: Sendable {
    public var baseURL: String
    public var theme: String
    public var pageSize: Int
    public var feedSize: Int
    public var allowRawHTML: Bool
    /// Offset of the site's clock, for feed timestamps (Vietnam: +07:00).
    public var timeZone: String
    /// In order: the first is the default language, published at the root.
    public var languages: [Language]
    public var districts: [District]
    public var topics: [Topic]
    public var location: SourceLocation
    /// `search: false`: builds leave search out (as `--no-search` does). On by default: each
    /// build indexes the portal when Pagefind is found.
    public var search = true
    /// `pagefind: path`: the Pagefind binary, relative to the site's folder or absolute.
    public var pagefind: String?
    /// `service_portals`: where readers go for what needs a server, in the configured order.
    public var servicePortals: [ServicePortal] = []
    /// Hash of the configuration file's bytes: what a cache made for this configuration checks.
    public var fileHash: UInt64 = 0

    public var defaultLanguage: String { languages.first?.code ?? "vi" }
    public func language(_ code: String) -> Language? { languages.first { $0.code == code } }
    public func district(_ slug: String) -> District? { districts.first { $0.slug == slug } }
    public func topic(_ slug: String) -> Topic? { topics.first { $0.slug == slug } }
}

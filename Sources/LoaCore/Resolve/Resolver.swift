import Foundation

/// Resolve stage: addresses, translations, links between files, districts, topics and indexes.
public enum Resolver {
    /// First address segments the generator itself uses; a page may not take them.
    static let reservedSegments: Set<String> = Set(ContentKind.allCases.compactMap(\.section))
        .union(["districts", "topics", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "css", "js", "images", "assets", "page"])

    /// An item's address below the site's root, without the leading '/': `en/documents/x/`.
    public static func sitePath(of item: ContentItem, defaultLanguage: String) -> String {
        (item.language == defaultLanguage ? "" : item.language + "/") + (item.kind.section.map { $0 + "/" } ?? "") + item.slug + "/"
    }

    public static func resolve(_ content: LoadedContent, configuration: SiteConfiguration, siteRoot: String,
                               excluded: [String: PublicationPolicy.Exclusion] = [:],
                               workers: Int = Parallel.workers, indexing: Bool = true) -> (ResolvedSite, Diagnostics) {
        var diagnostics = Diagnostics()
        let languageOrder = Dictionary(uniqueKeysWithValues: configuration.languages.enumerated().map { ($1.code, $0) })
        // Positions are sorted, then each item is moved once: sorting the items themselves
        // copied every item at each step of the merge.
        let all = content.items
        let order = all.indices.sorted { a, b in
            (all[a].kind, all[a].name, languageOrder[all[a].language] ?? 99, all[a].sourcePath)
                < (all[b].kind, all[b].name, languageOrder[all[b].language] ?? 99, all[b].sourcePath)
        }
        let items = order.map { all[$0] }
        func prefix(_ language: String) -> String { language == configuration.defaultLanguage ? "" : language + "/" }
        func pathOf(_ item: ContentItem) -> String { sitePath(of: item, defaultLanguage: configuration.defaultLanguage) }

        // Addresses must be unique, and pages must not hide generated sections.
        // Source paths, not items: copying every item into a dictionary was a visible cost.
        var owners: [String: String] = [:]
        owners.reserveCapacity(items.count)
        for item in items {
            let path = pathOf(item)
            if let other = owners[path] {
                diagnostics.error(item.location(of: item.fieldLocations["slug"] != nil && item.slug != item.name ? "slug" : "file"),
                                  "two items have the same address /\(path): this file and \(other); rename one or give it another 'slug'")
            } else {
                owners[path] = item.sourcePath
            }
            if item.kind == .document, let facet = DocumentFacet(rawValue: item.slug) {
                diagnostics.error(item.location(of: item.fieldLocations["slug"] != nil && item.slug != item.name ? "slug" : "file"),
                                  "the address /\(path) would sit among the document filter pages (/\(prefix(item.language))documents/\(facet.segment)/…); choose another file name or 'slug'")
            }
            if item.kind == .page, reservedSegments.contains(item.slug) || configuration.languages.contains(where: { $0.code == item.slug }) {
                diagnostics.error(item.location(of: "file"), "the page address /\(path) is used by the portal itself; choose another file name or 'slug'")
            }
        }

        // Districts and topics must be registered.
        for item in items {
            if let d = item.district, configuration.district(d) == nil {
                diagnostics.error(item.location(of: "district"), "unknown district '\(d)'\(suggestion(d, among: configuration.districts.map { ($0.slug, $0.name.values.values.map { $0 }) }))")
            }
            for (i, t) in item.topics.enumerated() where configuration.topic(t) == nil {
                diagnostics.error(item.fieldLocations["topics.\(i)"] ?? item.location(of: "topics"),
                                  "unknown topic '\(t)'\(suggestion(t, among: configuration.topics.map { ($0.slug, $0.name.values.values.map { $0 }) }))")
            }
        }

        // Links between files become addresses through one resolver, kept for the render stage.
        let links = LinkResolver(pages: items.map { ($0.sourcePath, pathOf($0), $0.title) }, staticFiles: content.staticFiles,
                                 excluded: excluded, configuration: configuration, siteRoot: siteRoot)

        var groups: [String: [String: String]] = [:]
        for item in items { groups["\(item.kind.rawValue)/\(item.name)", default: [:]][item.language] = pathOf(item) }

        // On every core; the few items' problems are reported in the items' order, as before.
        let problems = Gathered<[Diagnostic]>()
        let resolved = Parallel.map(items.count, workers: workers, batch: 64) { i -> ResolvedItem in
            let item = items[i]
            var itemProblems = Diagnostics()
            var translations = groups["\(item.kind.rawValue)/\(item.name)"] ?? [:]
            translations[item.language] = nil

            var sourcePath: String?
            var sourceTitle: String?
            if let source = item.source {
                switch links.resolve(source, from: item.sourcePath, language: item.language, isImage: false) {
                case .error(let message), .warning(let message): itemProblems.error(item.location(of: "source"), message)
                case .replace(let url):
                    sourcePath = links.sitePath(url)
                    sourceTitle = links.title(of: source, from: item.sourcePath)
                case .keep: sourcePath = nil
                }
            }

            var attachments: [ResolvedAttachment] = []
            for a in item.document?.attachments ?? [] {
                switch links.resolve(a.file, from: item.sourcePath, language: item.language, isImage: false) {
                case .error(let message), .warning(let message): itemProblems.error(a.location, "attachment: " + message)
                case .replace(let url):
                    let (p, _) = URLPaths.splitSuffix(a.file)
                    let full = siteRoot + "/" + (URLPaths.join(FileIO.parentPath(item.sourcePath), p) ?? "")
                    let size = (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? 0
                    let ext = String(p.split(separator: ".").last ?? "").uppercased()
                    attachments.append(ResolvedAttachment(title: a.title, path: links.sitePath(url), fileType: ext, byteCount: size))
                case .keep:
                    itemProblems.error(a.location, "attachment '\(a.file)' must be a file under Content/, linked by its relative path")
                }
            }
            // An organisation's chart picture is kept as its one attachment.
            if let image = item.organisation?.chartImage {
                switch links.resolve(image.file, from: item.sourcePath, language: item.language, isImage: true) {
                case .error(let message), .warning(let message): itemProblems.error(image.location, "chart_image: " + message)
                case .replace(let url): attachments.append(ResolvedAttachment(title: image.alt, path: links.sitePath(url), fileType: "", byteCount: 0))
                case .keep: itemProblems.error(image.location, "chart_image '\(image.file)' must be a file under Content/, linked by its relative path")
                }
            }
            if !itemProblems.all.isEmpty { problems.append(itemProblems.all, at: i) }
            return ResolvedItem(item: item, path: pathOf(item), translations: translations,
                                sourcePath: sourcePath, sourceTitle: sourceTitle, attachments: attachments)
        }
        for found in problems.inOrder { diagnostics.append(contentsOf: found.value) }

        let site = ResolvedSite(configuration: configuration, items: resolved, staticFiles: content.staticFiles,
                                links: links, byKind: [:], byDistrict: [:], byTopic: [:])
        // Without `indexing` (a check of one file), the lists by kind, district and topic are left empty.
        return (indexing ? Indexer.index(site, workers: workers) : site, diagnostics)
    }

    private static func suggestion(_ value: String, among registry: [(slug: String, names: [String])]) -> String {
        let folded = Folding.slug(value)
        if let exact = registry.first(where: { $0.slug == folded || $0.names.contains { Folding.slug($0) == folded } }) {
            return "; did you mean '\(exact.slug)'?"
        }
        if let near = registry.min(by: { editDistance($0.slug, folded) < editDistance($1.slug, folded) }), editDistance(near.slug, folded) <= 3 {
            return "; did you mean '\(near.slug)'?"
        }
        return "; it must be one of the slugs listed in Content/site.yaml: \(registry.map(\.slug).sorted().joined(separator: ", "))"
    }
}

/// Builds the per-language indexes in list order.
enum Indexer {
    static func index(_ site: ResolvedSite, workers: Int = Parallel.workers) -> ResolvedSite {
        let languages = site.languages
        // The languages on every core too: sorting the lists was a serial part of resolving.
        let indexes = Parallel.map(languages.count, workers: workers, batch: 1) { n -> (byKind: [ContentKind: [Int]], byDistrict: [String: [Int]], byTopic: [String: [Int]],
                                                                                      documentFilters: DocumentFilterIndex) in
            let language = languages[n]
            let indices = site.items.indices.filter { site.items[$0].item.language == language }
            var byKind: [ContentKind: [Int]] = [:]
            for kind in ContentKind.allCases {
                byKind[kind] = sortForList(indices.filter { site.items[$0].item.kind == kind }, kind: kind, site: site, language: language,
                                            workers: workers)
            }
            let (byDistrict, byTopic) = terms(byKind, site: site)
            return (byKind, byDistrict, byTopic, documentFilters(byKind[.document] ?? [], site: site))
        }
        var site = site
        for (language, index) in zip(languages, indexes) {
            site.byKind[language] = index.byKind
            site.byDistrict[language] = index.byDistrict
            site.byTopic[language] = index.byTopic
            site.documentFilters[language] = index.documentFilters
        }
        return site
    }

    /// A language's district and topic lists, from its lists by kind (kinds in listed order,
    /// each in list order): no sorting of their own.
    static func terms(_ byKind: [ContentKind: [Int]], site: ResolvedSite) -> (byDistrict: [String: [Int]], byTopic: [String: [Int]]) {
        let config = site.configuration
        var byDistrict: [String: [Int]] = [:]
        var byTopic: [String: [Int]] = [:]
        for kind in ContentKind.listed {
            for i in byKind[kind] ?? [] {
                if let d = site.items[i].item.district, config.district(d) != nil { byDistrict[d, default: []].append(i) }
                let topics = site.items[i].item.topics
                for (n, t) in topics.enumerated() where config.topic(t) != nil && !topics[..<n].contains(t) {
                    byTopic[t, default: []].append(i)
                }
            }
        }
        return (byDistrict, byTopic)
    }

    /// What an item is ordered by in its kind's list, computed once per item, not once per
    /// comparison (nor is an item copied out of the site for each comparison).
    typealias ListKey = (index: Int, title: CollationKey, district: CollationKey?, date: PartialDate?, menu: Int, path: String)

    static func listKey(_ i: Int, kind: ContentKind, site: ResolvedSite, language: String) -> ListKey {
        let config = site.configuration
        let district = kind == .spokesperson || kind == .organisation
            ? Collation.key(site.items[i].item.district.flatMap { config.district($0)?.name.text(language, fallback: config.defaultLanguage) } ?? "", language: language)
            : nil
        return (i, Collation.key(site.items[i].item.title, language: language), district, site.items[i].item.date,
                site.items[i].item.menu ?? Int.max, site.items[i].path)
    }

    /// The order of a kind's list: newest first for dated kinds (undated last), alphabetical for
    /// people and places, menu order for pages. A total order (the address breaks ties), so an
    /// item moved by binary search with it lands where a full sort puts it.
    @inline(__always) static func precedes(_ a: ListKey, _ b: ListKey, kind: ContentKind) -> Bool {
        func byTitle(_ a: ListKey, _ b: ListKey) -> Bool {
            a.title != b.title ? a.title < b.title : a.path < b.path
        }
        switch kind {
        case .pressRelease, .document:
            if a.date != b.date {
                guard let da = a.date else { return false }
                guard let db = b.date else { return true }
                return da > db
            }
            return byTitle(a, b)
        case .spokesperson, .place, .organisation:
            if let x = a.district, let y = b.district, x != y { return x < y }
            return byTitle(a, b)
        case .page:
            return a.menu != b.menu ? a.menu < b.menu : byTitle(a, b)
        }
    }

    static func sortForList(_ indices: [Int], kind: ContentKind, site: ResolvedSite, language: String,
                            workers: Int = Parallel.workers) -> [Int] {
        // On every core: collation keys are most of the time of resolving a large site.
        let keyed = Parallel.map(indices.count, workers: workers, batch: 64) { n -> ListKey in
            listKey(indices[n], kind: kind, site: site, language: language)
        }
        return keyed.sorted { precedes($0, $1, kind: kind) }.map(\.index)
    }
}

import Foundation

/// Resolve stage: addresses, translations, links between files, districts, topics and indexes.
public enum Resolver {
    /// First address segments the generator itself uses; a page may not take them.
    static let reservedSegments: Set<String> = Set(ContentKind.allCases.compactMap(\.section))
        .union(["districts", "topics", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "css", "js", "images", "assets", "page"])

    public static func resolve(_ content: LoadedContent, configuration: SiteConfiguration, siteRoot: String,
                               excluded: [String: PublicationPolicy.Exclusion] = [:]) -> (ResolvedSite, Diagnostics) {
        var diagnostics = Diagnostics()
        let languageOrder = Dictionary(uniqueKeysWithValues: configuration.languages.enumerated().map { ($1.code, $0) })
        let items = content.items.sorted {
            ($0.kind, $0.name, languageOrder[$0.language] ?? 99, $0.sourcePath) < ($1.kind, $1.name, languageOrder[$1.language] ?? 99, $1.sourcePath)
        }
        func prefix(_ language: String) -> String { language == configuration.defaultLanguage ? "" : language + "/" }
        func pathOf(_ item: ContentItem) -> String {
            prefix(item.language) + (item.kind.section.map { $0 + "/" } ?? "") + item.slug + "/"
        }

        // Addresses must be unique, and pages must not hide generated sections.
        var owners: [String: ContentItem] = [:]
        for item in items {
            let path = pathOf(item)
            if let other = owners[path] {
                diagnostics.error(item.location(of: item.fieldLocations["slug"] != nil && item.slug != item.name ? "slug" : "file"),
                                  "two items have the same address /\(path): this file and \(other.sourcePath); rename one or give it another 'slug'")
            } else {
                owners[path] = item
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

        // Files by their path under Content/, to turn links between files into addresses.
        var itemBySource: [String: ContentItem] = [:]
        for item in items { itemBySource[item.sourcePath] = item }
        var staticBySource: [String: StaticFile] = [:]
        for file in content.staticFiles { staticBySource[file.sourcePath] = file }
        let basePath = URLPaths.basePath(of: configuration.baseURL)

        func target(of destination: String, from item: ContentItem, isImage: Bool) -> LinkResolution {
            let d = destination
            if d.isEmpty || d.hasPrefix("#") || d.hasPrefix("?") { return .keep }
            if let scheme = URLPaths.scheme(of: d) {
                if !configuration.allowRawHTML, ["javascript", "vbscript", "file"].contains(scheme) || (scheme == "data" && !isImage) {
                    return .warning("a '\(scheme):' link could run code in readers' browsers, so it is removed (sites can allow it with allow_raw_html: true)")
                }
                if isImage && (scheme == "http" || scheme == "https") {
                    return .error("image '\(d)' is on another site, so every reader's browser would contact that site; copy the image into Content/ and link it by its path")
                }
                return .keep
            }
            if d.hasPrefix("//") {
                return isImage ? .error("image '\(d)' is on another site; copy it into Content/") : .keep
            }
            if d.hasPrefix("/") { return .replace(basePath + String(d.dropFirst())) }
            let (pathPart, suffix) = URLPaths.splitSuffix(d)
            let decoded = pathPart.removingPercentEncoding ?? pathPart
            guard let resolved = URLPaths.join(FileIO.parentPath(item.sourcePath), decoded) else {
                return .error("link '\(d)' leads outside the Content folder")
            }
            if resolved.hasSuffix(".md") {
                if let reason = excluded[Folding.nfc(resolved)] {
                    let what = ["draft": "a draft", "scheduled": "scheduled for later", "expired": "expired"][reason.rawValue]!
                    return .error("link to '\(d)', which is \(what) and not published in this build; remove the link or publish that item")
                }
                guard let other = itemBySource[Folding.nfc(resolved)] else {
                    return .error("link to a file that does not exist: '\(d)' (looked for \(resolved))")
                }
                return .replace(basePath + pathOf(other) + suffix)
            }
            if let file = staticBySource[Folding.nfc(resolved)] {
                return .replace(basePath + URLPaths.encode(file.outputPath) + suffix)
            }
            if FileIO.isDirectory(siteRoot + "/" + resolved) || resolved.hasSuffix("/") || !decoded.contains(".") {
                return .error("link '\(d)' names a folder or a file without an extension; link the content file itself (…/name.\(item.language).md)")
            }
            return .error("link to a file that does not exist: '\(d)' (looked for \(resolved))")
        }

        let markdown = MarkdownRenderer(allowRawHTML: configuration.allowRawHTML)
        var resolved: [ResolvedItem] = []
        resolved.reserveCapacity(items.count)
        var groups: [String: [String: String]] = [:]
        for item in items { groups["\(item.kind.rawValue)/\(item.name)", default: [:]][item.language] = pathOf(item) }

        for item in items {
            let rendered = markdown.render(item.body, path: item.sourcePath, firstLine: item.bodyFirstLine) {
                target(of: $0.destination, from: item, isImage: $0.isImage)
            }
            diagnostics.append(contentsOf: rendered.diagnostics)
            var translations = groups["\(item.kind.rawValue)/\(item.name)"] ?? [:]
            translations[item.language] = nil

            var sourcePath: String?
            var sourceTitle: String?
            if let source = item.source {
                switch target(of: source, from: item, isImage: false) {
                case .error(let message), .warning(let message): diagnostics.error(item.location(of: "source"), message)
                case .replace(let url):
                    sourcePath = String(url.dropFirst(basePath.count))
                    if let (p, _) = Optional(URLPaths.splitSuffix(source)), let r = URLPaths.join(FileIO.parentPath(item.sourcePath), p) {
                        sourceTitle = itemBySource[r]?.title
                    }
                case .keep: sourcePath = nil
                }
            }

            var attachments: [ResolvedAttachment] = []
            for a in item.document?.attachments ?? [] {
                switch target(of: a.file, from: item, isImage: false) {
                case .error(let message), .warning(let message): diagnostics.error(a.location, "attachment: " + message)
                case .replace(let url):
                    let path = String(url.dropFirst(basePath.count))
                    let (p, _) = URLPaths.splitSuffix(a.file)
                    let full = siteRoot + "/" + (URLPaths.join(FileIO.parentPath(item.sourcePath), p) ?? "")
                    let size = (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? 0
                    let ext = String(p.split(separator: ".").last ?? "").uppercased()
                    attachments.append(ResolvedAttachment(title: a.title, path: path, fileType: ext, byteCount: size))
                case .keep:
                    diagnostics.error(a.location, "attachment '\(a.file)' must be a file under Content/, linked by its relative path")
                }
            }
            resolved.append(ResolvedItem(item: item, path: pathOf(item), bodyHTML: rendered.html, translations: translations,
                                         sourcePath: sourcePath, sourceTitle: sourceTitle, attachments: attachments,
                                         links: rendered.links))
        }

        let site = ResolvedSite(configuration: configuration, items: resolved, staticFiles: content.staticFiles,
                                byKind: [:], byDistrict: [:], byTopic: [:])
        return (Indexer.index(site), diagnostics)
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
    static func index(_ site: ResolvedSite) -> ResolvedSite {
        var site = site
        let config = site.configuration
        for language in site.languages {
            let indices = site.items.indices.filter { site.items[$0].item.language == language }
            var byKind: [ContentKind: [Int]] = [:]
            for kind in ContentKind.allCases {
                byKind[kind] = sortForList(indices.filter { site.items[$0].item.kind == kind }, kind: kind, site: site, language: language)
            }
            site.byKind[language] = byKind
            var byDistrict: [String: [Int]] = [:]
            var byTopic: [String: [Int]] = [:]
            for kind in ContentKind.listed {
                for i in byKind[kind] ?? [] {
                    let item = site.items[i].item
                    if let d = item.district, config.district(d) != nil { byDistrict[d, default: []].append(i) }
                    for t in Set(item.topics).sorted() where config.topic(t) != nil { byTopic[t, default: []].append(i) }
                }
            }
            site.byDistrict[language] = byDistrict
            site.byTopic[language] = byTopic
        }
        return site
    }

    /// Newest first for dated kinds (undated last), alphabetical for people and places, menu order for pages.
    static func sortForList(_ indices: [Int], kind: ContentKind, site: ResolvedSite, language: String) -> [Int] {
        let config = site.configuration
        // Keys are computed once per item, not once per comparison.
        let keyed = indices.map { i -> (index: Int, title: CollationKey, district: CollationKey?) in
            let item = site.items[i].item
            let district = kind == .spokesperson
                ? Collation.key(item.district.flatMap { config.district($0)?.name.text(language, fallback: config.defaultLanguage) } ?? "", language: language)
                : nil
            return (i, Collation.key(item.title, language: language), district)
        }
        func byTitle(_ a: (index: Int, title: CollationKey, district: CollationKey?), _ b: (index: Int, title: CollationKey, district: CollationKey?)) -> Bool {
            a.title != b.title ? a.title < b.title : site.items[a.index].path < site.items[b.index].path
        }
        switch kind {
        case .pressRelease, .document:
            return keyed.sorted { a, b in
                let da = site.items[a.index].item.date, db = site.items[b.index].item.date
                if da != db {
                    guard let da else { return false }
                    guard let db else { return true }
                    return da > db
                }
                return byTitle(a, b)
            }.map(\.index)
        case .spokesperson, .place:
            return keyed.sorted { a, b in
                if let x = a.district, let y = b.district, x != y { return x < y }
                return byTitle(a, b)
            }.map(\.index)
        case .page:
            return keyed.sorted { a, b in
                let ma = site.items[a.index].item.menu ?? Int.max, mb = site.items[b.index].item.menu ?? Int.max
                return ma != mb ? ma < mb : byTitle(a, b)
            }.map(\.index)
        }
    }
}

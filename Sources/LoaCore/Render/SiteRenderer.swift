import Foundation
import Mustache

/// Render stage: a resolved site and a theme in, the files of the portal out.
public struct SiteRenderer {
    let site: ResolvedSite
    let theme: Theme
    let config: SiteConfiguration
    let basePath: String
    let siteRoot: String
    let sink: PageSink
    let workers: Int
    /// Hash of the theme's files and of this version of Loa: a page made with other templates
    /// is a different page even when its data is the same.
    let themeSeed: UInt64
    let markdown: MarkdownRenderer
    /// Small generated files (feeds, sitemap, vCards, redirects), handed to the sink at the end.
    var files: [OutputFile] = []
    /// Pages waiting to be rendered; rendered in parallel batches so memory stays bounded.
    var jobs: [PageJob] = []
    /// Every page path, for checks that need to know what the site contains.
    var pagePaths: [String] = []
    var cards: [[String: Any]] = []
    /// See `siteWideKey()`.
    var siteWide: UInt64 = 0
    var sitemap: [SitemapEntry] = []
    var diagnostics = Diagnostics()
    /// The newest date of any published item: the footer's "last updated" (never the clock).
    var lastUpdated: PartialDate?

    struct SitemapEntry {
        var path: String
        var alternates: [String: String]
        var lastModified: PartialDate?
    }

    struct PageJob {
        var template: String
        var context: [String: Any]
        var path: String
        /// The item whose Markdown body goes into the page, read and converted only now.
        var item: Int?
        var quickKey: UInt64 = 0
    }

    /// Renders every page of the site into `sink`, on `workers` threads, and returns the problems.
    public static func render(_ site: ResolvedSite, theme: Theme, siteRoot: String, into sink: PageSink,
                              workers: Int = Parallel.workers) -> Diagnostics {
        var renderer = SiteRenderer(site: site, theme: theme, config: site.configuration,
                                    basePath: URLPaths.basePath(of: site.configuration.baseURL), siteRoot: siteRoot,
                                    sink: sink, workers: workers, themeSeed: theme.fingerprint,
                                    markdown: MarkdownRenderer(allowRawHTML: site.configuration.allowRawHTML))
        renderer.lastUpdated = site.items.compactMap(\.item.date).max()
        let maker = renderer
        renderer.cards = Parallel.map(site.items.count, workers: workers) { maker.makeCard($0) }
        renderer.siteWide = renderer.siteWideKey()
        renderer.renderAll()
        renderer.flush()
        for file in renderer.files {
            do {
                switch file {
                case .text(let path, let content):
                    let fingerprint = ContentHash.of(content) ^ theme.fingerprint
                    if sink.needsRender(path: path, fingerprint: fingerprint, quickKey: 0) {
                        try sink.accept(path: path, content: content, fingerprint: fingerprint, quickKey: 0)
                    }
                case .copy(let path, let source):
                    try sink.copy(path: path, from: source)
                }
            } catch {
                renderer.diagnostics.error(SourceLocation(path: file.path), "could not write: \(error)")
            }
        }
        return renderer.diagnostics
    }

    /// The problems in item bodies (links to missing files …) without rendering pages: a build
    /// that already failed still reports every problem at once.
    public static func checkBodies(_ site: ResolvedSite, siteRoot: String, workers: Int = Parallel.workers) -> [Diagnostic] {
        let markdown = MarkdownRenderer(allowRawHTML: site.configuration.allowRawHTML)
        return Parallel.map(site.items.count, workers: workers) { i -> [Diagnostic] in
            let item = site.items[i].item
            guard let body = ContentLoader.body(of: item, siteRoot: siteRoot) else { return [] }
            return markdown.render(body, path: item.sourcePath, firstLine: item.bodyFirstLine) {
                site.links.resolve($0.destination, from: item.sourcePath, language: item.language, isImage: $0.isImage)
            }.diagnostics
        }.flatMap { $0 }
    }

    /// Every file of the site in memory, sorted by path: for tests and tools that inspect output.
    public static func render(_ site: ResolvedSite, theme: Theme, siteRoot: String = ".") -> ([OutputFile], Diagnostics) {
        let sink = CollectingSink()
        let diagnostics = render(site, theme: theme, siteRoot: siteRoot, into: sink)
        return (sink.sortedFiles, diagnostics)
    }

    func strings(_ language: String) -> Strings { Strings(values: theme.strings[language] ?? [:]) }
    func url(_ path: String) -> String { basePath + path }
    func absolute(_ path: String) -> String { URLPaths.absolute(config.baseURL, path) }
    func prefix(_ language: String) -> String { site.prefix(language) }

    mutating func renderAll() {
        for language in site.languages {
            renderHome(language)
            for kind in ContentKind.listed { renderKindList(kind, language) }
            for index in site.items.indices where site.items[index].item.language == language { renderItem(index) }
            renderTerms(language, isDistrict: true)
            renderTerms(language, isDistrict: false)
            renderNotFound(language)
            files.append(.text(path: prefix(language) + "feed.xml",
                               content: atom(language: language, title: config.language(language)?.title ?? "",
                                             pagePath: prefix(language), feedPath: prefix(language) + "feed.xml",
                                             indices: feedEntries(site.items.indices.filter { site.items[$0].item.language == language }))))
        }
        for asset in theme.assets { files.append(.copy(path: asset.outputPath, from: asset.sourcePath)) }
        files.append(.text(path: "sitemap.xml", content: sitemapXML()))
        files.append(.text(path: "robots.txt", content: "User-agent: *\nAllow: /\n\nSitemap: \(absolute("sitemap.xml"))\n"))
        renderRedirects()  // last: old addresses must not take the place of any page or file
    }

    // MARK: - Shared frame

    /// The context every template gets: site, language, strings, navigation, switcher, alternates.
    func frame(_ language: String, path: String, title: String, description: String?,
               translations: [String: String], breadcrumbs: [(String, String?)], section: String?) -> [String: Any] {
        let s = strings(language)
        let lang = config.language(language)
        var switcher: [[String: Any]] = []
        var alternates: [[String: Any]] = []
        for other in config.languages {
            if other.code == language {
                switcher.append(["lang": other.code, "name": other.name, "current": true, "url": url(path)])
                alternates.append(["lang": other.code, "href": absolute(path)])
                continue
            }
            if let target = translations[other.code] {
                switcher.append(["lang": other.code, "name": other.name, "current": false, "translated": true, "url": url(target)])
                alternates.append(["lang": other.code, "href": absolute(target)])
            } else {
                // No translation: go to that language's home and say so, in that language.
                let note = strings(other.code).format("not_translated", ["language": other.name])
                switcher.append(["lang": other.code, "name": other.name, "current": false, "translated": false,
                                 "url": url(prefix(other.code)), "note": note])
            }
        }
        let defaultPath = language == config.defaultLanguage ? path : translations[config.defaultLanguage]
        if let defaultPath, alternates.count > 1 { alternates.append(["lang": "x-default", "href": absolute(defaultPath)]) }

        var nav: [[String: Any]] = ContentKind.listed.map { kind in
            ["label": s["kinds.\(kind.key).many"], "url": url(prefix(language) + kind.rawValue + "/"), "current": section == kind.rawValue]
        }
        nav.append(["label": s["districts"], "url": url(prefix(language) + "districts/"), "current": section == "districts"])
        nav.append(["label": s["topics"], "url": url(prefix(language) + "topics/"), "current": section == "topics"])
        let menu: [[String: Any]] = (site.byKind[language]?[.page] ?? []).compactMap { i in
            let r = site.items[i]
            guard r.item.menu != nil else { return nil }
            return ["title": r.item.title, "url": url(r.path), "current": r.path == path]
        }
        var crumbs: [[String: Any]] = []
        for (i, crumb) in breadcrumbs.enumerated() {
            var c: [String: Any] = ["label": crumb.0, "last": i == breadcrumbs.count - 1]
            if let p = crumb.1, i != breadcrumbs.count - 1 { c["url"] = url(p) }
            crumbs.append(c)
        }
        let pageTitle = path == prefix(language) ? (lang?.title ?? title) : "\(title) – \(lang?.title ?? "")"
        var siteContext: [String: Any] = [
            "title": lang?.title ?? "",
            "description": lang?.description ?? "",
            "authority": lang?.authority ?? "",
            "home_url": url(prefix(language)),
            "feed_url": url(prefix(language) + "feed.xml"),
            "css_url": url("css/loa.css"),
            "spokespersons_url": url(prefix(language) + ContentKind.spokesperson.rawValue + "/"),
        ]
        if let lastUpdated { siteContext["last_updated"] = ["text": s.date(lastUpdated), "iso": lastUpdated.description] }
        return [
            "lang": language,
            "t": theme.strings[language] ?? [:],
            "site": siteContext,
            "page": [
                "title": title,
                "head_title": pageTitle,
                "description": description ?? lang?.description ?? "",
                "url": url(path),
                "canonical": absolute(path),
            ] as [String: Any],
            "switcher": switcher,
            "alternates": alternates,
            "nav": nav,
            "menu": menu,
            "has_menu": !menu.isEmpty,
            "breadcrumbs": crumbs,
            "has_breadcrumbs": crumbs.count > 1,
            "og": openGraph(language, type: "website"),
            "structured_data": [breadcrumbList(breadcrumbs, pagePath: path)],
        ]
    }

    mutating func write(_ template: String, _ context: [String: Any], to path: String, sitemapAlternates: [String: String]?,
                        lastModified: PartialDate? = nil, item: Int? = nil, quickKey: UInt64 = 0) {
        let file = path.hasSuffix(".html") ? path : path + "index.html"
        jobs.append(PageJob(template: template, context: context, path: file, item: item, quickKey: quickKey))
        pagePaths.append(file)
        if let sitemapAlternates { sitemap.append(SitemapEntry(path: path, alternates: sitemapAlternates, lastModified: lastModified)) }
        if jobs.count >= 32 * workers { flush() }
    }

    /// Renders the waiting pages on every core.
    mutating func flush() {
        let batch = jobs
        jobs.removeAll(keepingCapacity: true)
        let problems = Parallel.map(batch.count, workers: workers, batch: 2) { execute(batch[$0]) }
        for p in problems { diagnostics.append(contentsOf: p) }
    }

    /// One page: skipped when the sink knows it unchanged, else its body converted (for an
    /// item), its template filled, and the result handed to the sink. Runs on any thread.
    func execute(_ job: PageJob) -> [Diagnostic] {
        var context = job.context
        var problems: [Diagnostic] = []
        var quickKey = job.quickKey
        var hash = ContentHash()
        hash.combine(themeSeed)
        hash.combine(job.template)
        hash.combine(context: context)
        if let index = job.item {
            let item = site.items[index].item
            func resolve(_ reference: LinkReference) -> LinkResolution {
                site.links.resolve(reference.destination, from: item.sourcePath, language: item.language, isImage: reference.isImage)
            }
            hash.combine(item.sourceHash)
            if let cached = sink.cachedLinks(source: item.sourcePath, hash: item.sourceHash) {
                var known = hash
                combineLinkTargets(cached, of: item, into: &known)
                if !sink.needsRender(path: job.path, fingerprint: known.value, quickKey: job.quickKey) { return [] }
            }
            guard let body = ContentLoader.body(of: item, siteRoot: siteRoot) else {
                return [.error(at: SourceLocation(path: item.sourcePath), "the file could not be read again while rendering")]
            }
            let rendered = markdown.render(body, path: item.sourcePath, firstLine: item.bodyFirstLine, resolve: resolve)
            problems += rendered.diagnostics
            sink.recordLinks(source: item.sourcePath, hash: item.sourceHash, links: rendered.links)
            combineLinkTargets(rendered.links.map(\.destination), of: item, into: &hash)
            // Known now even on a first build, so the next build can recognise this page at once.
            quickKey = self.quickKey(index, destinations: rendered.links.map(\.destination))
            var fields = context["item"] as? [String: Any] ?? [:]
            fields["body"] = rendered.html
            context["item"] = fields
        } else if !sink.needsRender(path: job.path, fingerprint: hash.value, quickKey: job.quickKey) {
            return []
        }
        context["json_ld"] = StructuredData.script(context["structured_data"] as? [[String: Any]] ?? [])
        guard let html = theme.library.render(context, withTemplate: job.template) else {
            return problems + [.error(at: SourceLocation(path: "Themes/\(theme.name)/templates/\(job.template).mustache"), "template '\(job.template)' is missing")]
        }
        do {
            try sink.accept(path: job.path, content: html, fingerprint: hash.value, quickKey: quickKey)
        } catch {
            problems.append(.error(at: SourceLocation(path: job.path), "could not write: \(error)"))
        }
        return problems
    }

    /// The same path in every language, for pages that exist in all of them (lists, districts).
    func allLanguages(_ rest: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: site.languages.map { ($0, prefix($0) + rest) })
    }

    // MARK: - Cards (an item in a list)

    func districtName(_ slug: String?, _ language: String) -> String? {
        slug.flatMap { config.district($0) }.map { $0.name.text(language, fallback: config.defaultLanguage) }
    }

    /// An item's card, computed once: an item appears in several lists.
    func card(_ index: Int) -> [String: Any] { cards[index] }

    func makeCard(_ index: Int) -> [String: Any] {
        let r = site.items[index]
        let item = r.item
        let s = strings(item.language)
        var c: [String: Any] = [
            "title": item.title,
            "url": url(r.path),
            "kind": item.kind.key,
            "kind_label": s["kinds.\(item.kind.key).one"],
        ]
        if let summary = item.summary { c["summary"] = summary }
        if item.draft { c["draft"] = true }
        if let date = item.date, item.kind != .spokesperson {
            c["date"] = s.date(date)
            c["date_iso"] = date.description
        }
        if let d = item.district, let name = districtName(d, item.language) {
            c["district"] = ["name": name, "url": url(prefix(item.language) + "districts/\(d)/")]
        }
        if let doc = item.document {
            c["document_kind"] = s["document_kinds.\(doc.documentKind.rawValue)"]
            if let number = doc.number { c["number"] = number }
        }
        if let sp = item.spokesperson {
            c["position"] = sp.position
            c["agency"] = sp.agency
        }
        if let place = item.place {
            c["place_kind"] = s["place_kinds.\(place.placeKind.rawValue)"]
        }
        return c
    }

    func topicLinks(_ item: ContentItem) -> [[String: Any]] {
        item.topics.compactMap { slug in
            config.topic(slug).map { ["name": $0.name.text(item.language, fallback: config.defaultLanguage),
                                      "url": url(prefix(item.language) + "topics/\(slug)/")] }
        }
    }

    // MARK: - Home

    mutating func renderHome(_ language: String) {
        let s = strings(language)
        var ctx = frame(language, path: prefix(language), title: s["home"], description: nil,
                        translations: allLanguages(""), breadcrumbs: [(s["home"], prefix(language))], section: nil)
        var sections: [[String: Any]] = []
        for kind in ContentKind.listed {
            let indices = site.byKind[language]?[kind] ?? []
            guard !indices.isEmpty else { continue }
            sections.append([
                "kind": kind.key,
                "heading": s["kinds.\(kind.key).many"],
                "items": indices.prefix(5).map(card),
                "more_url": url(prefix(language) + kind.rawValue + "/"),
                "more_label": s.format("see_all", ["count": String(indices.count)]),
            ])
        }
        ctx["sections"] = sections
        ctx["districts"] = termSummaries(language, isDistrict: true)
        ctx["topics"] = termSummaries(language, isDistrict: false)
        ctx["structured_data"] = [websiteEntity(language)] + (ctx["structured_data"] as? [[String: Any]] ?? [])
        write("home", ctx, to: prefix(language), sitemapAlternates: allLanguages(""))
    }

    // MARK: - Lists with pagination

    mutating func renderKindList(_ kind: ContentKind, _ language: String) {
        let s = strings(language)
        let title = s["kinds.\(kind.key).many"]
        renderPaginated(indices: site.byKind[language]?[kind] ?? [], language: language, listPath: kind.rawValue + "/",
                        title: title, description: nil,
                        breadcrumbs: [(s["home"], prefix(language))], section: kind.rawValue)
    }

    /// Writes `list/`, `list/page/2/`, … with `page_size` items each.
    mutating func renderPaginated(indices: [Int], language: String, listPath: String, title: String, description: String?,
                                  breadcrumbs: [(String, String?)], section: String) {
        let s = strings(language)
        let size = config.pageSize
        let pageCount = max(1, (indices.count + size - 1) / size)
        func pagePath(_ n: Int) -> String { prefix(language) + listPath + (n == 1 ? "" : "page/\(n)/") }
        for n in 1...pageCount {
            let slice = indices.dropFirst((n - 1) * size).prefix(size)
            let pageTitle = n == 1 ? title : "\(title) – \(s.format("page_n", ["n": String(n)]))"
            var crumbs = breadcrumbs
            crumbs.append((title, pagePath(1)))
            if n > 1 { crumbs.append((s.format("page_n", ["n": String(n)]), nil)) }
            // Other languages may have fewer pages: their page 1 is the translation of every page.
            let translations = allLanguages(listPath)
            var ctx = frame(language, path: pagePath(n), title: pageTitle, description: description,
                            translations: translations, breadcrumbs: crumbs, section: section)
            ctx["heading"] = title
            ctx["items"] = slice.map(card)
            ctx["is_empty"] = indices.isEmpty
            ctx["count_label"] = s.format("item_count", ["count": String(indices.count)])
            if pageCount > 1 {
                var p: [String: Any] = [
                    "label": s.format("page_of", ["n": String(n), "total": String(pageCount)]),
                    "pages": (1...pageCount).map { k in ["number": k, "url": url(pagePath(k)), "current": k == n] as [String: Any] },
                ]
                if n > 1 { p["prev_url"] = url(pagePath(n - 1)) }
                if n < pageCount { p["next_url"] = url(pagePath(n + 1)) }
                ctx["pagination"] = p
            }
            write("list", ctx, to: pagePath(n), sitemapAlternates: n == 1 ? allLanguages(listPath) : [language: pagePath(n)])
        }
    }

    // MARK: - Items

    /// Everything site-wide an item page shows besides its own item: configuration, theme,
    /// footer menu, "last updated". Computed once per build.
    func siteWideKey() -> UInt64 {
        var h = ContentHash()
        h.combine(themeSeed)
        h.combine(config.baseURL)
        h.combine(String(describing: config.languages))
        for d in config.districts { h.combine(d.slug); h.combine(d.name.values.sorted { $0.key < $1.key }.description); h.combine(d.province.values.sorted { $0.key < $1.key }.description) }
        for t in config.topics { h.combine(t.slug); h.combine(t.name.values.sorted { $0.key < $1.key }.description) }
        h.combine(config.allowRawHTML ? 1 : 0)
        h.combine(lastUpdated?.description ?? "")
        for language in site.languages {
            for i in site.byKind[language]?[.page] ?? [] where site.items[i].item.menu != nil {
                h.combine(site.items[i].item.title)
                h.combine(site.items[i].path)
            }
        }
        return h.value
    }

    /// An item page's quick key: the site-wide key, the item's file, its translations, the
    /// item it cites, its attachments and where its body's links lead. Zero when unknown.
    func quickKey(_ index: Int) -> UInt64 {
        let item = site.items[index].item
        guard let destinations = sink.cachedLinks(source: item.sourcePath, hash: item.sourceHash) else { return 0 }
        return quickKey(index, destinations: destinations)
    }

    /// The quick key with the body's link destinations known (from the cache or from rendering).
    func quickKey(_ index: Int, destinations: [String]) -> UInt64 {
        let r = site.items[index]
        let item = r.item
        guard item.kind != .spokesperson else { return 0 }  // also writes a vCard beside its page
        var h = ContentHash()
        h.combine(siteWide)
        h.combine(item.sourcePath)
        h.combine(item.sourceHash)
        h.combine(r.path)
        for (language, path) in r.translations.sorted(by: { $0.key < $1.key }) { h.combine(language); h.combine(path) }
        h.combine(r.sourcePath ?? "")
        h.combine(r.sourceTitle ?? "")
        for a in r.attachments { h.combine(a.path); h.combine(UInt64(a.byteCount)) }
        combineLinkTargets(destinations, of: item, into: &h)
        return h.value == 0 ? 1 : h.value
    }

    /// What an item's body links lead to is part of its page even when the body is unchanged
    /// (a linked item may have been renamed or removed).
    func combineLinkTargets(_ destinations: [String], of item: ContentItem, into hash: inout ContentHash) {
        for d in destinations {
            hash.combine(d)
            switch site.links.resolve(d, from: item.sourcePath, language: item.language, isImage: false) {
            case .keep: hash.combine(1)
            case .replace(let url): hash.combine(2); hash.combine(url)
            case .error(let m): hash.combine(3); hash.combine(m)
            case .warning(let m): hash.combine(4); hash.combine(m)
            }
        }
    }

    mutating func renderItem(_ index: Int) {
        let r = site.items[index]
        let item = r.item
        let language = item.language
        let quick = quickKey(index)
        if quick != 0, sink.unchanged(path: r.path + "index.html", quickKey: quick) {
            // Unchanged: only what the site-wide files need of the page.
            var translations = r.translations
            translations[language] = r.path
            pagePaths.append(r.path + "index.html")
            sitemap.append(SitemapEntry(path: r.path, alternates: translations, lastModified: item.date))
            return
        }
        let s = strings(language)
        var crumbs: [(String, String?)] = [(s["home"], prefix(language))]
        if item.kind != .page { crumbs.append((s["kinds.\(item.kind.key).many"], prefix(language) + item.kind.rawValue + "/")) }
        crumbs.append((item.title, nil))
        var translations = r.translations
        translations[language] = r.path
        var ctx = frame(language, path: r.path, title: item.title, description: item.summary,
                        translations: translations, breadcrumbs: crumbs, section: item.kind.section)
        var fields = card(index)
        fields["topics"] = topicLinks(item)
        fields["has_topics"] = !item.topics.isEmpty
        if let d = item.district, let district = config.district(d) {
            fields["province"] = district.province.text(language, fallback: config.defaultLanguage)
        }
        if let sourcePath = r.sourcePath {
            fields["source"] = ["url": url(sourcePath), "title": r.sourceTitle ?? s["source"]]
        }
        let notStated = s["not_stated"]
        switch item.details {
        case .document(let doc):
            fields["number"] = doc.number ?? notStated
            fields["number_stated"] = doc.number != nil
            fields["number_blank"] = doc.numberIsBlank
            fields["issue_date"] = doc.issueDate.map { s.date($0) } ?? notStated
            if let d = doc.issueDate { fields["issue_date_iso"] = d.description }
            fields["issue_date_stated"] = doc.issueDate != nil
            fields["place"] = doc.place ?? notStated
            fields["issuer"] = doc.issuer
            fields["period"] = doc.period ?? notStated
            fields["references"] = doc.references
            fields["has_references"] = !doc.references.isEmpty
            fields["recipients"] = doc.recipients.map { line in
                ["text": line, "is_group": line.hasSuffix(":")] as [String: Any]
            }
            fields["has_recipients"] = !doc.recipients.isEmpty
            fields["signing_lines"] = doc.signingLines
            fields["signer"] = doc.signer ?? notStated
            fields["has_signature"] = !doc.signingLines.isEmpty || doc.signer != nil
            fields["attachments"] = r.attachments.map {
                ["title": $0.title, "url": url($0.path), "type": $0.fileType, "size": Self.byteSize($0.byteCount, s)] as [String: Any]
            }
            fields["has_attachments"] = !r.attachments.isEmpty
        case .spokesperson(let sp):
            fields["name"] = sp.name ?? s["name_not_published"]
            fields["name_published"] = sp.name != nil
            if let phone = sp.phone {
                fields["phone"] = phone
                fields["phone_uri"] = "tel:" + phone.filter { $0.isNumber || $0 == "+" }
            }
            if let email = sp.email { fields["email"] = email; fields["email_uri"] = "mailto:" + email }
            fields["has_contact"] = sp.phone != nil || sp.email != nil
            if let since = sp.since { fields["since"] = s.date(since) }
            fields["vcard"] = writeVCard(index)
        case .place(let place):
            if let rec = place.recognition { fields["recognition"] = s["recognition.\(rec.rawValue)"] }
            if let commune = place.commune { fields["commune"] = commune }
            if let v = place.visiting { fields["visiting"] = v }
            if let c = place.coordinates {
                let lat = Self.coordinate(c.latitude), lon = Self.coordinate(c.longitude)
                fields["coordinates"] = ["latitude": lat, "longitude": lon, "map_url": Self.mapURL(latitude: lat, longitude: lon)]
            }
        case .pressRelease, .page:
            break
        }
        ctx["item"] = fields
        ctx["is_draft"] = item.draft
        ctx["structured_data"] = [structuredEntity(index)] + (ctx["structured_data"] as? [[String: Any]] ?? [])
        ctx["og"] = openGraph(language, type: "article", published: item.kind == .spokesperson ? nil : item.date)
        write(item.kind.key, ctx, to: r.path, sitemapAlternates: translations, lastModified: item.date, item: index, quickKey: quick)
    }

    static func coordinate(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func byteSize(_ bytes: Int, _ s: Strings) -> String {
        if bytes < 1024 { return s.format("size_bytes", ["n": String(bytes)]) }
        if bytes < 1024 * 1024 { return s.format("size_kb", ["n": String((bytes + 512) / 1024)]) }
        return s.format("size_mb", ["n": String(format: "%.1f", Double(bytes) / 1_048_576)])
    }

    // MARK: - Districts and topics

    func termSummaries(_ language: String, isDistrict: Bool) -> [[String: Any]] {
        let section = isDistrict ? "districts" : "topics"
        let terms: [(slug: String, name: String, province: String?)] = isDistrict
            ? site.sortedDistricts(language).map { ($0.slug, $0.name.text(language, fallback: config.defaultLanguage), $0.province.text(language, fallback: config.defaultLanguage)) }
            : site.sortedTopics(language).map { ($0.slug, $0.name.text(language, fallback: config.defaultLanguage), nil) }
        let index = (isDistrict ? site.byDistrict : site.byTopic)[language] ?? [:]
        let s = strings(language)
        return terms.map { term in
            var t: [String: Any] = ["slug": term.slug, "name": term.name, "url": url(prefix(language) + "\(section)/\(term.slug)/"),
                                    "count": index[term.slug]?.count ?? 0,
                                    "count_label": s.format("item_count", ["count": String(index[term.slug]?.count ?? 0)])]
            if let province = term.province, !province.isEmpty { t["province"] = province }
            return t
        }
    }

    mutating func renderTerms(_ language: String, isDistrict: Bool) {
        let s = strings(language)
        let section = isDistrict ? "districts" : "topics"
        let heading = s[section]
        var ctx = frame(language, path: prefix(language) + section + "/", title: heading, description: nil,
                        translations: allLanguages(section + "/"), breadcrumbs: [(s["home"], prefix(language)), (heading, nil)], section: section)
        ctx["heading"] = heading
        ctx["terms"] = termSummaries(language, isDistrict: isDistrict)
        ctx["is_districts"] = isDistrict
        write("terms", ctx, to: prefix(language) + section + "/", sitemapAlternates: allLanguages(section + "/"))

        let index = (isDistrict ? site.byDistrict : site.byTopic)[language] ?? [:]
        for term in termSummaries(language, isDistrict: isDistrict) {
            let slug = term["slug"] as! String
            let name = term["name"] as! String
            let base = "\(section)/\(slug)/"
            let indices = index[slug] ?? []
            let crumbs: [(String, String?)] = [(s["home"], prefix(language)), (heading, prefix(language) + section + "/"), (name, nil)]
            var ctx = frame(language, path: prefix(language) + base, title: name, description: nil,
                            translations: allLanguages(base), breadcrumbs: crumbs, section: section)
            var groups: [[String: Any]] = []
            for kind in ContentKind.listed {
                let ofKind = indices.filter { site.items[$0].item.kind == kind }
                guard !ofKind.isEmpty else { continue }
                var g: [String: Any] = ["kind": kind.key, "heading": s["kinds.\(kind.key).many"], "items": ofKind.prefix(config.pageSize).map(card),
                                        "count_label": s.format("item_count", ["count": String(ofKind.count)])]
                if ofKind.count > config.pageSize {
                    g["more_url"] = url(prefix(language) + base + kind.rawValue + "/")
                    g["more_label"] = s.format("see_all", ["count": String(ofKind.count)])
                    renderPaginated(indices: ofKind, language: language, listPath: base + kind.rawValue + "/",
                                    title: "\(s["kinds.\(kind.key).many"]) – \(name)", description: nil,
                                    breadcrumbs: Array(crumbs.dropLast()) + [(name, prefix(language) + base)], section: section)
                }
                groups.append(g)
            }
            ctx["heading"] = name
            ctx["term"] = term
            ctx["is_district"] = isDistrict
            ctx["groups"] = groups
            ctx["is_empty"] = groups.isEmpty
            ctx["feed_url"] = url(prefix(language) + base + "feed.xml")
            write("term", ctx, to: prefix(language) + base, sitemapAlternates: allLanguages(base))
            files.append(.text(path: prefix(language) + base + "feed.xml",
                               content: atom(language: language, title: "\(name) – \(config.language(language)?.title ?? "")",
                                             pagePath: prefix(language) + base, feedPath: prefix(language) + base + "feed.xml",
                                             indices: feedEntries(indices))))
        }
    }

    mutating func renderNotFound(_ language: String) {
        let s = strings(language)
        var ctx = frame(language, path: prefix(language) + "404.html", title: s["not_found_title"], description: nil,
                        translations: Dictionary(uniqueKeysWithValues: site.languages.map { ($0, prefix($0) + "404.html") }),
                        breadcrumbs: [(s["home"], prefix(language)), (s["not_found_title"], nil)], section: nil)
        ctx["heading"] = s["not_found_title"]
        ctx["homes"] = config.languages.map { l in
            ["lang": l.code, "url": url(prefix(l.code)), "label": strings(l.code)["home_in_language"]] as [String: Any]
        }
        write("404", ctx, to: prefix(language) + "404.html", sitemapAlternates: nil)
    }
}

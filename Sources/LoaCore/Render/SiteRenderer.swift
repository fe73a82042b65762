import Foundation

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
    /// Pages carry a search box and what Pagefind indexes (see `SearchPages.swift`).
    let search: Bool
    /// Small generated files (feeds, sitemap, vCards, redirects), handed to the sink at the end.
    var files: [OutputFile] = []
    /// Pages waiting to be rendered; rendered in parallel batches so memory stays bounded.
    var jobs: [PageJob] = []
    /// Fields the same on every page of a language, already in themeSeed and siteWide.
    static let sharedFields: Set<String> = ["t", "site"]
    /// The batch of pages rendering while the next one is prepared (see `flush`).
    var rendering: RenderingBatch?
    /// Every page path, for checks that need to know what the site contains.
    var pagePaths: [String] = []
    /// Each item's list card, made once (an item appears in several lists) and only when a
    /// page that shows it is rendered.
    var cards: [TemplateFields?] = []
    /// Each item page's quick key (see `quickKey(_:)`), computed before rendering starts.
    var quickKeys: [UInt64] = []
    /// Item pages the sink already has, as they would be rendered now.
    var unchangedItems: [Bool] = []
    /// Each language's interface strings as template data (`{{t.key}}`), made once.
    var interfaceStrings: [String: TemplateValue] = [:]
    /// Each language's interface strings, for the text Swift puts together (dates, labels).
    var stringTables: [String: Strings] = [:]
    /// The parts of `frame` that are the same on many pages of a language, made once.
    var frameParts: [String: FrameParts] = [:]

    struct FrameParts {
        var site: TemplateValue
        /// Main navigation by the page's section ("" for none).
        var nav: [String: TemplateValue]
        /// The footer menu when the page is not in it, and the paths that are.
        var menu: [TemplateValue]
        var menuPaths: Set<String>
        var openGraph: TemplateValue
    }
    /// See `siteWideKey()`.
    var siteWide: UInt64 = 0
    var sitemap: [SitemapEntry] = []
    var diagnostics = Diagnostics()
    /// The newest date of any published item: the footer's "last updated" (never the clock).
    var lastUpdated: PartialDate?
    /// What each organisation's page links to (see `OrganisationPages.swift`).
    var organisationLinks: [Int: OrganisationLinks] = [:]
    /// The organisation page a document or spokesperson page links back to (see `OrganisationPages.swift`).
    var issuingOrganisations: [Int: Int] = [:]

    struct SitemapEntry {
        var path: String
        var alternates: [String: String]
        var lastModified: PartialDate?
    }

    struct PageJob {
        var template: String
        var context: TemplateFields
        /// The page's JSON-LD, made only when the page is rendered (it follows from the context).
        var structuredData: StructuredDataSource
        var path: String
        /// The item whose Markdown body goes into the page, read and converted only now.
        var item: Int?
        var quickKey: UInt64 = 0
        /// For pages whose fingerprint comes from what they are made of (see `listPageKey`)
        /// rather than from hashing their finished template data.
        var fingerprint: UInt64?
    }

    /// Renders every page of the site into `sink`, on `workers` threads, and returns the problems.
    /// With `only`, renders just those items' pages (and vCards): for a build in which nothing
    /// else can have changed (see `SiteSnapshot`); with `relisting` too, the other pages that
    /// show items whose front matter changed (see `renderRelisted`).
    public static func render(_ site: ResolvedSite, theme: Theme, siteRoot: String, into sink: PageSink,
                              workers: Int = Parallel.workers, only: [Int]? = nil, relisting: Relisting? = nil,
                              search: Bool = false) -> Diagnostics {
        precondition(only != nil || !site.isPartial, "a site read in part renders only the pages of the items read whole")
        var renderer = SiteRenderer(site: site, theme: theme, config: site.configuration,
                                    basePath: URLPaths.basePath(of: site.configuration.baseURL), siteRoot: siteRoot,
                                    sink: sink, workers: workers, themeSeed: theme.fingerprint,
                                    markdown: MarkdownRenderer(allowRawHTML: site.configuration.allowRawHTML), search: search)
        renderer.lastUpdated = site.items.compactMap(\.item.date).max()
        renderer.organisationLinks = findOrganisationLinks(site)
        renderer.issuingOrganisations = findIssuingOrganisations(site)
        for language in site.languages {
            renderer.interfaceStrings[language] = TemplateValue(interfaceStrings: theme.strings[language] ?? [:])
            renderer.stringTables[language] = Strings(values: theme.strings[language] ?? [:])
        }
        let maker = renderer
        // A full build shows every card: make them on every core first. An incremental one
        // makes only those of the pages it renders.
        renderer.cards = sink.isIncremental ? Array(repeating: nil, count: site.items.count)
            : Parallel.map(site.items.count, workers: workers) { maker.makeCard($0) }
        for language in site.languages { renderer.frameParts[language] = renderer.makeFrameParts(language) }
        renderer.siteWide = renderer.siteWideKey()
        if let only {
            renderer.quickKeys = Array(repeating: 0, count: site.items.count)
            renderer.unchangedItems = Array(repeating: false, count: site.items.count)
            for index in only { renderer.renderItem(index) }
            if let relisting { renderer.renderRelisted(relisting) }
        } else {
            let keyer = renderer
            // On every core: resolving where each body's links lead is most of an unchanged page's cost.
            // Whether each item page is unchanged is settled there too (the sink checks the file on disk).
            let known = Parallel.map(site.items.count, workers: workers) { i -> (UInt64, Bool) in
                let key = keyer.quickKey(i)
                return (key, key != 0 && sink.unchanged(path: site.items[i].path + "index.html", quickKey: key))
            }
            renderer.quickKeys = known.map(\.0)
            renderer.unchangedItems = known.map(\.1)
            renderer.renderAll()
        }
        renderer.flush()
        renderer.finishRendering()
        for file in renderer.files {
            do {
                switch file {
                case .text(let path, let content):
                    let fingerprint = ContentHash.of(content) ^ theme.fingerprint
                    if sink.needsRender(path: path, fingerprint: fingerprint, quickKey: 0) {
                        try sink.accept(path: path, bytes: Array(content.utf8), fingerprint: fingerprint, quickKey: 0)
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
            checkBody(of: site.items[i].item, in: site, siteRoot: siteRoot, markdown: markdown)
        }.flatMap { $0 }
    }

    /// One item's body: what converting it and resolving its links finds.
    static func checkBody(of item: ContentItem, in site: ResolvedSite, siteRoot: String, markdown: MarkdownRenderer) -> [Diagnostic] {
        let body: ArraySlice<UInt8>
        switch ContentLoader.bodyUTF8(of: item, siteRoot: siteRoot) {
        case .success(let bytes): body = bytes
        case .failure(let problem): return [problem]
        }
        return body.withUnsafeBufferPointer {
            markdown.render(utf8: $0, path: item.sourcePath, firstLine: item.bodyFirstLine) {
                site.links.resolve($0.destination, from: item.sourcePath, language: item.language, isImage: $0.isImage)
            }
        }.diagnostics
    }

    /// Every file of the site in memory, sorted by path: for tests and tools that inspect output.
    public static func render(_ site: ResolvedSite, theme: Theme, siteRoot: String = ".") -> ([OutputFile], Diagnostics) {
        let sink = CollectingSink()
        let diagnostics = render(site, theme: theme, siteRoot: siteRoot, into: sink)
        return (sink.sortedFiles, diagnostics)
    }

    /// Made for every language of the site when rendering starts.
    func strings(_ language: String) -> Strings { stringTables[language] ?? Strings(values: [:]) }
    func url(_ path: String) -> String { basePath + path }
    func absolute(_ path: String) -> String { URLPaths.absolute(config.baseURL, path) }
    func prefix(_ language: String) -> String { site.prefix(language) }

    mutating func renderAll() {
        for language in site.languages {
            renderHome(language)
            for kind in ContentKind.listed where kind != .document { renderKindList(kind, language) }
            renderDocumentIndex(language)
            for index in site.items.indices where site.items[index].item.language == language { renderItem(index) }
            renderTerms(language, isDistrict: true)
            renderTerms(language, isDistrict: false)
            renderNotFound(language)
            if search { renderSearchPage(language) }
            appendFeed(language)
        }
        for asset in theme.assets { files.append(.copy(path: asset.outputPath, from: asset.sourcePath)) }
        files.append(.text(path: "sitemap.xml", content: sitemapXML()))
        files.append(.text(path: "robots.txt", content: "User-agent: *\nAllow: /\n\nSitemap: \(absolute("sitemap.xml"))\n"))
        renderRedirects()  // last: old addresses must not take the place of any page or file
    }

    mutating func appendFeed(_ language: String) {
        files.append(.text(path: prefix(language) + "feed.xml",
                           content: atom(language: language, title: config.language(language)?.title ?? "",
                                         pagePath: prefix(language), feedPath: prefix(language) + "feed.xml",
                                         indices: feedEntries(site.items.indices.filter { site.items[$0].item.language == language }))))
    }

    // MARK: - Shared frame

    /// The context every template gets: site, language, strings, navigation, switcher, alternates.
    func frame(_ language: String, path: String, title: String, description: String?,
               translations: [String: String], breadcrumbs: [(String, String?)], section: String?) -> TemplateFields {
        let lang = config.language(language)
        var switcher: [TemplateValue] = []
        var alternates: [TemplateValue] = []
        for other in config.languages {
            if other.code == language {
                switcher.append(["lang": .text(other.code), "name": .text(other.name), "current": true, "url": .text(url(path))])
                alternates.append(["lang": .text(other.code), "href": .text(absolute(path))])
                continue
            }
            if let target = translations[other.code] {
                switcher.append(["lang": .text(other.code), "name": .text(other.name), "current": false, "translated": true,
                                 "url": .text(url(target))])
                alternates.append(["lang": .text(other.code), "href": .text(absolute(target))])
            } else {
                // No translation: go to that language's home and say so, in that language.
                let note = strings(other.code).format("not_translated", ["language": other.name])
                switcher.append(["lang": .text(other.code), "name": .text(other.name), "current": false, "translated": false,
                                 "url": .text(url(prefix(other.code))), "note": .text(note)])
            }
        }
        let defaultPath = language == config.defaultLanguage ? path : translations[config.defaultLanguage]
        if let defaultPath, alternates.count > 1 { alternates.append(["lang": "x-default", "href": .text(absolute(defaultPath))]) }

        let parts = frameParts[language]!
        let menu: [TemplateValue] = parts.menuPaths.contains(path) ? makeMenu(language, path: path) : parts.menu
        var crumbs: [TemplateValue] = []
        for (i, crumb) in breadcrumbs.enumerated() {
            var c: TemplateFields = ["label": .text(crumb.0), "last": .bool(i == breadcrumbs.count - 1)]
            if let p = crumb.1, i != breadcrumbs.count - 1 { c["url"] = .text(url(p)) }
            crumbs.append(.object(c))
        }
        let pageTitle = path == prefix(language) ? (lang?.title ?? title) : "\(title) – \(lang?.title ?? "")"
        return [
            "lang": .text(language),
            "t": interfaceStrings[language] ?? [:],
            "site": parts.site,
            "page": [
                "title": .text(title),
                "head_title": .text(pageTitle),
                "description": .text(description ?? lang?.description ?? ""),
                "url": .text(url(path)),
                "canonical": .text(absolute(path)),
            ],
            "switcher": .list(switcher),
            "alternates": .list(alternates),
            "nav": parts.nav[section ?? ""] ?? .list([]),
            "menu": .list(menu),
            "has_menu": .bool(!menu.isEmpty),
            "breadcrumbs": .list(crumbs),
            "has_breadcrumbs": .bool(crumbs.count > 1),
            "og": parts.openGraph,
        ]
    }

    func makeFrameParts(_ language: String) -> FrameParts {
        let s = strings(language)
        let lang = config.language(language)
        var nav: [String: TemplateValue] = [:]
        for section in [""] + ContentKind.listed.map(\.rawValue) + ["districts", "topics"] {
            var entries: [TemplateValue] = ContentKind.listed.map { kind in
                ["label": .text(s["kinds.\(kind.key).many"]), "url": .text(url(prefix(language) + kind.rawValue + "/")),
                 "current": .bool(section == kind.rawValue)]
            }
            entries.append(["label": .text(s["districts"]), "url": .text(url(prefix(language) + "districts/")), "current": .bool(section == "districts")])
            entries.append(["label": .text(s["topics"]), "url": .text(url(prefix(language) + "topics/")), "current": .bool(section == "topics")])
            nav[section] = .list(entries)
        }
        var siteContext: TemplateFields = [
            "title": .text(lang?.title ?? ""),
            "description": .text(lang?.description ?? ""),
            "authority": .text(lang?.authority ?? ""),
            "home_url": .text(url(prefix(language))),
            "feed_url": .text(url(prefix(language) + "feed.xml")),
            "css_url": .text(url("css/loa.css")),
            "spokespersons_url": .text(url(prefix(language) + ContentKind.spokesperson.rawValue + "/")),
        ]
        if !config.servicePortals.isEmpty {
            siteContext["service_portals"] = .list(config.servicePortals.map {
                ["name": .text($0.name.text(language, fallback: config.defaultLanguage)), "url": .text($0.url)]
            })
            siteContext["has_service_portals"] = .bool(true)
        }
        if search { siteContext["search_url"] = .text(url(searchPath(language))) }
        if let lastUpdated { siteContext["last_updated"] = ["text": .text(s.date(lastUpdated)), "iso": .text(lastUpdated.description)] }
        let menuPaths = Set((site.byKind[language]?[.page] ?? []).filter { site.items[$0].item.menu != nil }.map { site.items[$0].path })
        return FrameParts(site: .object(siteContext), nav: nav, menu: makeMenu(language, path: nil), menuPaths: menuPaths,
                          openGraph: openGraph(language, type: "website"))
    }

    /// The footer menu, with the page at `path` marked as the current one.
    func makeMenu(_ language: String, path: String?) -> [TemplateValue] {
        (site.byKind[language]?[.page] ?? []).compactMap { i in
            let r = site.items[i]
            guard r.item.menu != nil else { return nil }
            return ["title": .text(r.item.title), "url": .text(url(r.path)), "current": .bool(r.path == path)]
        }
    }

    mutating func write(_ template: String, _ context: TemplateFields, structuredData: StructuredDataSource, to path: String,
                        sitemapAlternates: [String: String]?, lastModified: PartialDate? = nil, item: Int? = nil, quickKey: UInt64 = 0,
                        fingerprint: UInt64? = nil) {
        let file = path.hasSuffix(".html") ? path : path + "index.html"
        jobs.append(PageJob(template: template, context: context, structuredData: structuredData, path: file, item: item, quickKey: quickKey,
                            fingerprint: fingerprint))
        pagePaths.append(file)
        if let sitemapAlternates { sitemap.append(SitemapEntry(path: path, alternates: sitemapAlternates, lastModified: lastModified)) }
        if jobs.count >= 32 * workers { flush() }
    }

    /// Renders the waiting pages on every core.
    /// Starts rendering the waiting pages on every core and returns at once, so the next pages'
    /// data is made while these render (making it on one thread left the other cores idle);
    /// at most one batch renders at a time.
    mutating func flush() {
        let batch = jobs
        jobs = []
        finishRendering()
        guard !batch.isEmpty else { return }
        // A copy without the growing lists: sharing them would make every later append copy them.
        var renderer = self
        renderer.pagePaths = []
        renderer.sitemap = []
        renderer.files = []
        renderer.cards = []
        renderer.quickKeys = []
        renderer.unchangedItems = []
        renderer.diagnostics = Diagnostics()
        nonisolated(unsafe) let snapshot = renderer
        let pages = batch
        let run = RenderingBatch()
        let workers = self.workers
        DispatchQueue.global().async(group: run.done) {
            run.problems = Parallel.map(pages.count, workers: workers, batch: 2) { snapshot.execute(pages[$0]) }
        }
        rendering = run
    }

    /// Waits for the batch being rendered and keeps its problems, in page order.
    mutating func finishRendering() {
        guard let run = rendering else { return }
        run.done.wait()
        for p in run.problems { diagnostics.append(contentsOf: p) }
        rendering = nil
    }

    final class RenderingBatch: @unchecked Sendable {
        let done = DispatchGroup()
        /// Written by the batch's task before `done` is left, read only after waiting on it.
        var problems: [[Diagnostic]] = []
    }

    /// One page: skipped when the sink knows it unchanged, else its body converted (for an
    /// item), its template filled, and the result handed to the sink. Runs on any thread.
    func execute(_ job: PageJob) -> [Diagnostic] {
        var context = job.context
        var problems: [Diagnostic] = []
        var quickKey = job.quickKey
        if let fingerprint = job.fingerprint {
            context["json_ld"] = .markup(StructuredData.scriptBytes(structuredGraph(job.structuredData)))
            return finish(job, context: context, fingerprint: fingerprint, quickKey: quickKey)
        }
        var hash = ContentHash()
        hash.combine(themeSeed)
        hash.combine(siteWide)
        hash.combine(job.template)
        // The interface strings and the site's own fields are the same on every page of a
        // language and already in themeSeed and siteWide: hashing them again per page was a
        // share of every page's time.
        hash.combine(fields: context, except: Self.sharedFields)
        job.structuredData.combine(into: &hash, site: site)
        if let index = job.item {
            let item = site.items[index].item
            // Each link's resolution is kept for `linkTargets`, which resolved every link a second time.
            var resolved: [(String, LinkResolution)] = []
            func resolve(_ reference: LinkReference) -> LinkResolution {
                let resolution = site.links.resolve(reference.destination, from: item.sourcePath, language: item.language, isImage: reference.isImage)
                resolved.append((reference.destination, reference.isImage ? linkTarget(reference.destination, of: item) : resolution))
                return resolution
            }
            hash.combine(item.sourceHash)
            if let targets = cachedLinkTargets(item) {
                var known = hash
                known.combine(targets)
                if !sink.needsRender(path: job.path, fingerprint: known.value, quickKey: job.quickKey) { return [] }
            }
            let body: ArraySlice<UInt8>
            switch ContentLoader.bodyUTF8(of: item, siteRoot: siteRoot) {
            case .success(let bytes): body = bytes
            case .failure(let problem): return [problem]
            }
            let rendered = body.withUnsafeBufferPointer {
                markdown.render(utf8: $0, path: item.sourcePath, firstLine: item.bodyFirstLine, resolve: resolve)
            }
            problems += rendered.diagnostics
            let targets = Self.linkTargets(resolved)
            sink.recordLinks(source: item.sourcePath, hash: item.sourceHash, links: rendered.links, linkTable: site.links.key, targets: targets)
            hash.combine(targets)
            // Known now even on a first build, so the next build can recognise this page at once.
            quickKey = self.quickKey(index, linkTargets: targets)
            if case .object(var fields) = context["item"] {
                fields["body"] = .markup(rendered.htmlBytes)
                context["item"] = .object(fields)
            }
            // The body's words with đ, folded, beside those of the front matter.
            if search, case .object(var fields) = context["search"], case .text(let folded)? = fields["folded"] {
                let more = SearchTerms.extra(bodyText: rendered.htmlBytes)
                if !more.isEmpty {
                    fields["folded"] = .text(SearchTerms.merge(folded, more))
                    context["search"] = .object(fields)
                }
            }
        } else if !sink.needsRender(path: job.path, fingerprint: hash.value, quickKey: job.quickKey) {
            return []
        }
        context["json_ld"] = .markup(StructuredData.scriptBytes(structuredGraph(job.structuredData)))
        return problems + finish(job, context: context, fingerprint: hash.value, quickKey: quickKey)
    }

    /// Fills the page's template and hands the page to the sink.
    func finish(_ job: PageJob, context: TemplateFields, fingerprint: UInt64, quickKey: UInt64) -> [Diagnostic] {
        var html: [UInt8] = []
        html.reserveCapacity(16_384)
        guard theme.render(job.template, .object(context), into: &html) else {
            return [.error(at: SourceLocation(path: "Themes/\(theme.name)/templates/\(job.template).mustache"), "template '\(job.template)' is missing")]
        }
        do {
            try sink.accept(path: job.path, bytes: html, fingerprint: fingerprint, quickKey: quickKey)
        } catch {
            return [.error(at: SourceLocation(path: job.path), "could not write: \(error)")]
        }
        return []
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
    mutating func cardList(_ indices: ArraySlice<Int>) -> TemplateValue {
        var list: [TemplateValue] = []
        list.reserveCapacity(indices.count)
        for i in indices { list.append(.object(cardFields(i))) }
        return .list(list)
    }

    mutating func cardFields(_ index: Int) -> TemplateFields {
        if let made = cards[index] { return made }
        let made = makeCard(index)
        cards[index] = made
        return made
    }

    func makeCard(_ index: Int) -> TemplateFields {
        let r = site.items[index]
        let item = r.item
        let s = strings(item.language)
        var c: TemplateFields = [
            "title": .text(item.title),
            "url": .text(url(r.path)),
            "kind": .text(item.kind.key),
            "kind_label": .text(s["kinds.\(item.kind.key).one"]),
        ]
        if let summary = item.summary { c["summary"] = .text(summary) }
        if item.draft { c["draft"] = true }
        if let date = item.date, item.kind != .spokesperson {
            c["date"] = .text(s.date(date))
            c["date_iso"] = .text(date.description)
            // A release's date taken from the document it restates is called that document's.
            if let kind = item.dateFromSource { c["date_label"] = .text(s["date_of_source.\(kind.rawValue)"]) }
        }
        if let d = item.district, let name = districtName(d, item.language) {
            c["district"] = ["name": .text(name), "url": .text(url(prefix(item.language) + "districts/\(d)/"))]
        }
        if let doc = item.document {
            c["document_kind"] = .text(s["document_kinds.\(doc.documentKind.rawValue)"])
            if let number = doc.number { c["number"] = .text(number) }
        }
        if let sp = item.spokesperson {
            c["position"] = .text(sp.position)
            c["agency"] = .text(sp.agency)
        }
        if let place = item.place {
            c["place_kind"] = .text(s["place_kinds.\(place.placeKind.rawValue)"])
        }
        if let org = item.organisation {
            c["organisation_kind"] = .text(s["organisation_kinds.\(org.organisationKind.rawValue)"])
        }
        return c
    }

    func topicLinks(_ item: ContentItem) -> [TemplateValue] {
        item.topics.compactMap { slug in
            config.topic(slug).map { ["name": .text($0.name.text(item.language, fallback: config.defaultLanguage)),
                                      "url": .text(url(prefix(item.language) + "topics/\(slug)/"))] }
        }
    }

    // MARK: - Home

    mutating func renderHome(_ language: String) {
        let s = strings(language)
        let crumbs: [(String, String?)] = [(s["home"], prefix(language))]
        var ctx = frame(language, path: prefix(language), title: s["home"], description: nil,
                        translations: allLanguages(""), breadcrumbs: crumbs, section: nil)
        var sections: [TemplateValue] = []
        for kind in ContentKind.listed {
            let indices = site.byKind[language]?[kind] ?? []
            guard !indices.isEmpty else { continue }
            sections.append([
                "kind": .text(kind.key),
                "heading": .text(s["kinds.\(kind.key).many"]),
                "items": cardList(indices.prefix(5)),
                "more_url": .text(url(prefix(language) + kind.rawValue + "/")),
                "more_label": .text(s.format("see_all", ["count": String(indices.count)])),
            ])
        }
        ctx["sections"] = .list(sections)
        ctx["districts"] = .list(termSummaries(language, isDistrict: true).map(TemplateValue.object))
        ctx["topics"] = .list(termSummaries(language, isDistrict: false).map(TemplateValue.object))
        write("home", ctx, structuredData: StructuredDataSource(entity: .website(language), breadcrumbs: crumbs, pagePath: prefix(language)),
              to: prefix(language), sitemapAlternates: allLanguages(""))
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
        h.combine(search ? 1 : 0)
        // Every setting, even those no page shows today: a list page's key trusts this one.
        h.combine(config.theme)
        h.combine(UInt64(config.pageSize))
        h.combine(UInt64(config.feedSize))
        h.combine(config.timeZone)
        for d in config.districts { h.combine(d.formerNames.joined(separator: "\u{0}")) }
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
        guard let targets = cachedLinkTargets(item) else { return 0 }
        return quickKey(index, linkTargets: targets)
    }

    /// Where an unchanged item's body links lead, from the last build when known.
    func cachedLinkTargets(_ item: ContentItem) -> UInt64? {
        sink.cachedLinkTargets(source: item.sourcePath, hash: item.sourceHash, linkTable: site.links.key) { linkTargets($0, of: item) }
    }

    /// The quick key with where the body's links lead known (from the cache or from rendering).
    func quickKey(_ index: Int, linkTargets: UInt64) -> UInt64 {
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
        // A date taken from the source document is in the document's file, not the item's.
        if let kind = item.dateFromSource, let date = item.date { h.combine(kind.rawValue); h.combine(date.description) }
        for a in r.attachments { h.combine(a.path); h.combine(UInt64(a.byteCount)) }
        combineOrganisationLinks(index, into: &h)
        if let o = issuingOrganisations[index] { h.combine(site.items[o].path); h.combine(site.items[o].item.title) }
        h.combine(linkTargets)
        return h.value == 0 ? 1 : h.value
    }

    /// What an item's body links lead to is part of its page even when the body is unchanged
    /// (a linked item may have been renamed or removed).
    func linkTargets(_ destinations: [String], of item: ContentItem) -> UInt64 {
        Self.linkTargets(destinations.map { ($0, linkTarget($0, of: item)) })
    }

    /// Where one destination leads, as `linkTargets` counts it (images alike).
    func linkTarget(_ destination: String, of item: ContentItem) -> LinkResolution {
        site.links.resolve(destination, from: item.sourcePath, language: item.language, isImage: false)
    }

    static func linkTargets(_ resolved: [(String, LinkResolution)]) -> UInt64 {
        var hash = ContentHash()
        for (d, resolution) in resolved {
            hash.combine(d)
            switch resolution {
            case .keep: hash.combine(1)
            case .replace(let url): hash.combine(2); hash.combine(url)
            case .error(let m): hash.combine(3); hash.combine(m)
            case .warning(let m): hash.combine(4); hash.combine(m)
            }
        }
        return hash.value
    }

    mutating func renderItem(_ index: Int) {
        let r = site.items[index]
        let item = r.item
        let language = item.language
        let quick = quickKeys[index]
        if unchangedItems[index] {
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
        var fields = cardFields(index)
        fields["topics"] = .list(topicLinks(item))
        fields["has_topics"] = .bool(!item.topics.isEmpty)
        // Only a province that is given: an empty text is true in Mustache and showed "()".
        if let d = item.district, let district = config.district(d), case let province = district.province.text(language, fallback: config.defaultLanguage),
           !province.isEmpty {
            fields["province"] = .text(province)
        }
        if let sourcePath = r.sourcePath {
            fields["source"] = ["url": .text(url(sourcePath)), "title": .text(r.sourceTitle ?? s["source"])]
        }
        switch item.details {
        case .document(let doc):
            documentFields(r, doc, into: &fields)
            if let o = issuingOrganisation(index) { fields["issuing_organisation"] = o }
        case .spokesperson(let sp):
            if let o = issuingOrganisation(index) { fields["issuing_organisation"] = o }
            fields["name"] = .text(sp.name ?? s["name_not_published"])
            fields["name_published"] = .bool(sp.name != nil)
            if let phone = sp.phone {
                fields["phone"] = .text(phone)
                fields["phone_uri"] = .text("tel:" + phone.filter { $0.isNumber || $0 == "+" })
            }
            if let email = sp.email { fields["email"] = .text(email); fields["email_uri"] = .text("mailto:" + email) }
            fields["has_contact"] = .bool(sp.phone != nil || sp.email != nil)
            if let since = sp.since { fields["since"] = .text(s.date(since)) }
            if let vcard = writeVCard(index) { fields["vcard"] = vcard }
        case .place(let place):
            if let rec = place.recognition { fields["recognition"] = .text(s["recognition.\(rec.rawValue)"]) }
            if let commune = place.commune { fields["commune"] = .text(commune) }
            if let v = place.visiting { fields["visiting"] = .text(v) }
            if let c = place.coordinates {
                let lat = Self.coordinate(c.latitude), lon = Self.coordinate(c.longitude)
                fields["coordinates"] = ["latitude": .text(lat), "longitude": .text(lon), "map_url": .text(Self.mapURL(latitude: lat, longitude: lon))]
            }
        case .organisation(let org):
            ctx["organisation"] = organisationFields(index, org, into: &fields)
        case .pressRelease, .page:
            break
        }
        ctx["item"] = .object(fields)
        if search { ctx["search"] = searchFields(index) }
        ctx["is_draft"] = .bool(item.draft)
        ctx["og"] = openGraph(language, type: "article", published: item.kind == .spokesperson || item.dateFromSource != nil ? nil : item.date)
        write(item.kind.key, ctx, structuredData: StructuredDataSource(entity: .item(index), breadcrumbs: crumbs, pagePath: r.path),
              to: r.path, sitemapAlternates: translations, lastModified: item.date, item: index, quickKey: quick)
    }

    static func coordinate(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    mutating func renderNotFound(_ language: String) {
        let s = strings(language)
        let crumbs: [(String, String?)] = [(s["home"], prefix(language)), (s["not_found_title"], nil)]
        var ctx = frame(language, path: prefix(language) + "404.html", title: s["not_found_title"], description: nil,
                        translations: Dictionary(uniqueKeysWithValues: site.languages.map { ($0, prefix($0) + "404.html") }),
                        breadcrumbs: crumbs, section: nil)
        ctx["heading"] = .text(s["not_found_title"])
        ctx["homes"] = .list(config.languages.map { l in
            ["lang": .text(l.code), "url": .text(url(prefix(l.code))), "label": .text(strings(l.code)["home_in_language"])]
        })
        write("404", ctx, structuredData: StructuredDataSource(entity: .none, breadcrumbs: crumbs, pagePath: prefix(language) + "404.html"),
              to: prefix(language) + "404.html", sitemapAlternates: nil)
    }
}

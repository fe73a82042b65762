import Foundation

/// The list page family: each kind's list (`/press-releases/`, `/press-releases/page/2/`, …)
/// and the paginated lists other families build on (districts, topics, document filters),
/// with the key that tells an unchanged list page without building its data.
extension SiteRenderer {
    mutating func renderKindList(_ kind: ContentKind, _ language: String) {
        let s = strings(language)
        let title = s["kinds.\(kind.key).many"]
        renderPaginated(indices: site.byKind[language]?[kind] ?? [], language: language, listPath: kind.rawValue + "/",
                        title: title, description: nil,
                        breadcrumbs: [(s["home"], prefix(language))], section: kind.rawValue)
    }

    /// Writes `list/`, `list/page/2/`, … with `page_size` items each. A list that does not exist
    /// in every language gives its `translations` (language → first page's path); `extra` adds
    /// fields to each page's data, made only for pages rendered, and `extraKey` is what they
    /// are made of (see `listPageKey`).
    mutating func renderPaginated(indices: [Int], language: String, listPath: String, title: String, description: String?,
                                  breadcrumbs: [(String, String?)], section: String, translations: [String: String]? = nil,
                                  extraKey: UInt64 = 0, extra: (SiteRenderer, Int) -> TemplateFields = { _, _ in [:] }) {
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
            let translations = translations ?? allLanguages(listPath)
            let sitemapAlternates = n == 1 ? translations : [language: pagePath(n)]
            var extras = ContentHash()
            extras.combine(extraKey)
            if translations.count != site.languages.count {
                for (l, p) in translations.sorted(by: { $0.key < $1.key }) { extras.combine(l); extras.combine(p) }
            }
            let fingerprint = listPageKey(language: language, path: pagePath(n), title: title, description: description, crumbs: crumbs,
                                          section: section, page: n, of: pageCount, total: indices.count, items: slice, extra: extras.value)
            if !sink.needsRender(path: pagePath(n) + "index.html", fingerprint: fingerprint, quickKey: 0) {
                // Unchanged: known without building its template data.
                pagePaths.append(pagePath(n) + "index.html")
                sitemap.append(SitemapEntry(path: pagePath(n), alternates: sitemapAlternates, lastModified: nil))
                continue
            }
            var ctx = frame(language, path: pagePath(n), title: pageTitle, description: description,
                            translations: translations, breadcrumbs: crumbs, section: section)
            for (key, value) in extra(self, n) { ctx[key] = value }
            ctx["heading"] = .text(title)
            ctx["items"] = cardList(slice)
            ctx["is_empty"] = .bool(indices.isEmpty)
            ctx["count_label"] = .text(s.format("item_count", ["count": String(indices.count)]))
            if pageCount > 1 {
                var p: TemplateFields = [
                    "label": .text(s.format("page_of", ["n": String(n), "total": String(pageCount)])),
                    "pages": .list(Self.pageWindow(n, of: pageCount).map { k in
                        k == 0 ? ["gap": true] : ["number": .int(k), "url": .text(url(pagePath(k))), "current": .bool(k == n)]
                    }),
                ]
                if n > 1 { p["prev_url"] = .text(url(pagePath(n - 1))) }
                if n < pageCount { p["next_url"] = .text(url(pagePath(n + 1))) }
                ctx["pagination"] = .object(p)
            }
            write("list", ctx, structuredData: StructuredDataSource(entity: .none, breadcrumbs: crumbs, pagePath: pagePath(n)),
                  to: pagePath(n), sitemapAlternates: sitemapAlternates, fingerprint: fingerprint)
        }
    }

    /// A list page's fingerprint from what it is made of, not from its finished template data:
    /// most list pages of a large site are unchanged by an edit, and building their data only to
    /// hash it was most of a one-file rebuild. Everything else on the page follows from the
    /// site-wide key (configuration, theme, menu, last update) and these arguments; each item's
    /// card follows from its front matter (its hash), its address and a date taken from its source.
    func listPageKey(language: String, path: String, title: String, description: String?, crumbs: [(String, String?)],
                     section: String, page: Int, of pageCount: Int, total: Int, items: ArraySlice<Int>, extra: UInt64 = 0) -> UInt64 {
        var h = ContentHash()
        h.combine(themeSeed)
        h.combine(siteWide)
        h.combine("list")
        h.combine(language)
        h.combine(path)
        h.combine(title)
        h.combine(description ?? "\u{0}")
        for crumb in crumbs { h.combine(crumb.0); h.combine(crumb.1 ?? "\u{0}") }
        h.combine(section)
        h.combine(UInt64(page))
        h.combine(UInt64(pageCount))
        h.combine(UInt64(total))
        h.combine(extra)
        for i in items {
            // Through the array, not a copy of the item (which retains each of its fields).
            // The front matter, not the whole file: a card shows fields only, never the body.
            h.combine(site.items[i].item.frontMatterHash)
            h.combine(site.items[i].path)
            // A date taken from the source document is in the document's file (see `SourceDates`).
            if let kind = site.items[i].item.dateFromSource, let date = site.items[i].item.date {
                h.combine(kind.rawValue)
                h.combine(date.description)
            }
        }
        return h.value
    }

    /// The page numbers a list page links to: the first and last, and two on each side of the
    /// current one; 0 marks a gap. A list of 500 pages does not put 500 links on every page.
    static func pageWindow(_ current: Int, of count: Int) -> [Int] {
        var numbers: [Int] = []
        for k in 1...count where k == 1 || k == count || abs(k - current) <= 2 {
            if let last = numbers.last, k > last + 1 { numbers.append(k == last + 2 ? last + 1 : 0) }
            numbers.append(k)
        }
        return numbers
    }
}

import Foundation

/// Search: the search page of each language, and what each item page tells Pagefind (its
/// body, filters, result fields and the đ-folded words Pagefind cannot fold itself).
extension SiteRenderer {
    /// The search page's path in a language, from the theme's strings (`search.path`).
    func searchPath(_ language: String) -> String {
        let segment = Folding.slug(strings(language)["search.path"])
        return prefix(language) + (segment.isEmpty ? "search" : segment) + "/"
    }

    mutating func renderSearchPage(_ language: String) {
        let s = strings(language)
        let path = searchPath(language)
        let crumbs: [(String, String?)] = [(s["home"], prefix(language)), (s["search.title"], nil)]
        var translations: [String: String] = [:]
        for other in site.languages { translations[other] = searchPath(other) }
        var ctx = frame(language, path: path, title: s["search.title"], description: nil,
                        translations: translations, breadcrumbs: crumbs, section: nil)
        ctx["search_page"] = [
            "index_url": .text(url(Pagefind.folder + "/")),
            "script_url": .text(url("js/search.js")),
            "districts_url": .text(url(prefix(language) + "districts/")),
            "topics_url": .text(url(prefix(language) + "topics/")),
        ]
        write("search", ctx, structuredData: StructuredDataSource(entity: .none, breadcrumbs: crumbs, pagePath: path),
              to: path, sitemapAlternates: nil)
    }

    /// What an item page carries for Pagefind: filters and result fields in the page's language.
    func searchFields(_ index: Int) -> TemplateValue {
        let item = site.items[index].item
        let s = strings(item.language)
        var filters: [TemplateValue] = []
        var meta: [TemplateValue] = []
        func add(_ list: inout [TemplateValue], _ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            list.append(["name": .text(name), "value": .text(value)])
        }
        let kind = s["kinds.\(item.kind.key).one"]
        add(&filters, "kind", kind)
        add(&meta, "kind", kind)
        let district = districtName(item.district, item.language)
        add(&filters, "district", district)
        add(&meta, "district", district)
        for topic in item.topics {
            add(&filters, "topic", config.topic(topic)?.name.text(item.language, fallback: config.defaultLanguage))
        }
        if let date = item.date {
            add(&filters, "year", String(date.year))
            // A release dated by the document it restates: the result says whose date it is.
            let text = s.date(date)
            add(&meta, "date", item.dateFromSource.map { s["date_of_source.\($0.rawValue)"] + ": " + text } ?? text)
        }
        var words = [item.title, item.summary ?? "", district ?? ""]
        if case .document(let doc) = item.details {
            add(&meta, "number", doc.number)
            add(&meta, "issuer", doc.issuer)
            words += [doc.issuer, doc.number ?? "", doc.period ?? ""] + doc.references
        }
        return [
            "filters": .list(filters),
            "meta": .list(meta),
            // The title's own folded words apart, so the search page can weigh them as the title
            // (`Themes/default/static/js/search-index.js`): "don phu thong" then ranks the
            // place called Đồn Phủ Thông above a report that only mentions it.
            "folded_title": .text(SearchTerms.extra(item.title)),
            "folded": .text(SearchTerms.extra(words.joined(separator: " "))),
        ]
    }
}

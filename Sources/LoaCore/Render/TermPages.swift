import Foundation

/// The district and topic page family: `/districts/`, `/topics/`, each term's page with every
/// kind's first items, its lists by kind when a kind has more (`/districts/x/press-releases/`)
/// and its feed.
extension SiteRenderer {
    func termSummaries(_ language: String, isDistrict: Bool) -> [TemplateFields] {
        let section = isDistrict ? "districts" : "topics"
        let terms: [(slug: String, name: String, province: String?)] = isDistrict
            ? site.sortedDistricts(language).map { ($0.slug, $0.name.text(language, fallback: config.defaultLanguage), $0.province.text(language, fallback: config.defaultLanguage)) }
            : site.sortedTopics(language).map { ($0.slug, $0.name.text(language, fallback: config.defaultLanguage), nil) }
        let index = (isDistrict ? site.byDistrict : site.byTopic)[language] ?? [:]
        let s = strings(language)
        return terms.map { term in
            var t: TemplateFields = ["slug": .text(term.slug), "name": .text(term.name),
                                     "url": .text(url(prefix(language) + "\(section)/\(term.slug)/")),
                                     "count": .int(index[term.slug]?.count ?? 0),
                                     "count_label": .text(s.format("item_count", ["count": String(index[term.slug]?.count ?? 0)]))]
            if let province = term.province, !province.isEmpty { t["province"] = .text(province) }
            return t
        }
    }

    mutating func renderTerms(_ language: String, isDistrict: Bool) {
        let s = strings(language)
        let section = isDistrict ? "districts" : "topics"
        let heading = s[section]
        let termsCrumbs: [(String, String?)] = [(s["home"], prefix(language)), (heading, nil)]
        var ctx = frame(language, path: prefix(language) + section + "/", title: heading, description: nil,
                        translations: allLanguages(section + "/"), breadcrumbs: termsCrumbs, section: section)
        let summaries = termSummaries(language, isDistrict: isDistrict)
        ctx["heading"] = .text(heading)
        ctx["terms"] = .list(summaries.map(TemplateValue.object))
        ctx["is_districts"] = .bool(isDistrict)
        write("terms", ctx, structuredData: StructuredDataSource(entity: .none, breadcrumbs: termsCrumbs, pagePath: prefix(language) + section + "/"),
              to: prefix(language) + section + "/", sitemapAlternates: allLanguages(section + "/"))

        let index = (isDistrict ? site.byDistrict : site.byTopic)[language] ?? [:]
        for term in summaries {
            guard case .text(let slug)? = term["slug"], case .text(let name)? = term["name"] else { continue }
            let base = "\(section)/\(slug)/"
            let indices = index[slug] ?? []
            let crumbs: [(String, String?)] = [(s["home"], prefix(language)), (heading, prefix(language) + section + "/"), (name, nil)]
            let byKind = ContentKind.listed.map { kind in (kind, indices.filter { site.items[$0].item.kind == kind }) }.filter { !$0.1.isEmpty }
            for (kind, ofKind) in byKind where ofKind.count > config.pageSize {
                // Only languages whose group is long enough to have this list too.
                let (all, items, size) = (isDistrict ? site.byDistrict : site.byTopic, site.items, config.pageSize)
                let theirs = site.languages.filter { other in
                    other == language || (all[other]?[slug] ?? []).lazy.filter { items[$0].item.kind == kind }.count > size
                }
                renderPaginated(indices: ofKind, language: language, listPath: base + kind.rawValue + "/",
                                title: "\(s["kinds.\(kind.key).many"]) – \(name)", description: nil,
                                breadcrumbs: Array(crumbs.dropLast()) + [(name, prefix(language) + base)], section: section,
                                translations: Dictionary(uniqueKeysWithValues: theirs.map { ($0, prefix($0) + base + kind.rawValue + "/") }))
            }
            files.append(.text(path: prefix(language) + base + "feed.xml",
                               content: atom(language: language, title: "\(name) – \(config.language(language)?.title ?? "")",
                                             pagePath: prefix(language) + base, feedPath: prefix(language) + base + "feed.xml",
                                             indices: feedEntries(indices))))
            // Known unchanged from what it is made of, as list pages are (see `listPageKey`).
            var key = ContentHash()
            key.combine(themeSeed)
            key.combine(siteWide)
            key.combine("term")
            key.combine(language)
            key.combine(base)
            key.combine(name)
            key.combine(term["province"].map { "\($0)" } ?? "\u{0}")
            key.combine(UInt64(indices.count))
            for (kind, ofKind) in byKind {
                key.combine(kind.rawValue)
                key.combine(UInt64(ofKind.count))
                for i in ofKind.prefix(config.pageSize) { key.combine(site.items[i].item.frontMatterHash); key.combine(site.items[i].path) }
            }
            if !sink.needsRender(path: prefix(language) + base + "index.html", fingerprint: key.value, quickKey: 0) {
                pagePaths.append(prefix(language) + base + "index.html")
                sitemap.append(SitemapEntry(path: prefix(language) + base, alternates: allLanguages(base), lastModified: nil))
                continue
            }
            var ctx = frame(language, path: prefix(language) + base, title: name, description: nil,
                            translations: allLanguages(base), breadcrumbs: crumbs, section: section)
            var groups: [TemplateValue] = []
            for (kind, ofKind) in byKind {
                var g: TemplateFields = ["kind": .text(kind.key), "heading": .text(s["kinds.\(kind.key).many"]),
                                         "items": cardList(ofKind.prefix(config.pageSize)),
                                         "count_label": .text(s.format("item_count", ["count": String(ofKind.count)]))]
                if ofKind.count > config.pageSize {
                    g["more_url"] = .text(url(prefix(language) + base + kind.rawValue + "/"))
                    g["more_label"] = .text(s.format("see_all", ["count": String(ofKind.count)]))
                }
                groups.append(.object(g))
            }
            ctx["heading"] = .text(name)
            ctx["term"] = .object(term)
            ctx["is_district"] = .bool(isDistrict)
            ctx["groups"] = .list(groups)
            ctx["is_empty"] = .bool(groups.isEmpty)
            ctx["feed_url"] = .text(url(prefix(language) + base + "feed.xml"))
            write("term", ctx, structuredData: StructuredDataSource(entity: .none, breadcrumbs: crumbs, pagePath: prefix(language) + base),
                  to: prefix(language) + base, sitemapAlternates: allLanguages(base), fingerprint: key.value)
        }
    }
}

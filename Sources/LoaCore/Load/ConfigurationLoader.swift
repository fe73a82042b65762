import Foundation

/// Reads `Content/site.yaml` into a checked `SiteConfiguration`.
public enum ConfigurationLoader {
    public static let relativePath = "Content/site.yaml"

    public static func load(siteRoot: String, baseURLOverride: String? = nil) -> (SiteConfiguration?, Diagnostics) {
        var diagnostics = Diagnostics()
        let path = relativePath
        let origin = SourceLocation(path: path)
        guard let bytes = FileIO.read(siteRoot + "/" + path) else {
            diagnostics.error(origin, "no site configuration: create \(path) (see README.md, 'Configuration'), or run loa from the site's folder")
            return (nil, diagnostics)
        }
        let text: String
        switch SourceText.decode(bytes, path: path) {
        case .success(let t): text = t
        case .failure(let d): diagnostics.append(d); return (nil, diagnostics)
        }
        let node: YAMLNode?
        switch YAMLNode.parse(text, path: path, firstLine: 1) {
        case .success(let n): node = n
        case .failure(let d): diagnostics.append(d); return (nil, diagnostics)
        }
        var f = YAMLFields(node: node, path: path, lineOffset: 0, origin: origin)
        if f.mapping == nil {
            diagnostics.error(origin, "the site configuration must be a group of fields such as 'base_url: …'")
            return (nil, diagnostics)
        }

        var baseURL = baseURLOverride ?? f.string("base_url", required: "the address the portal is published at, e.g. https://example.gov.vn/") ?? "/"
        if baseURLOverride != nil { _ = f.string("base_url") }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        if !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") || baseURL.hasPrefix("/")) {
            let location = baseURLOverride == nil ? f.locationOf("base_url") : SourceLocation(path: "--base-url")
            diagnostics.error(location, "base URL '\(baseURL)' must start with https://, http:// or /")
        }
        let theme = f.string("theme") ?? "default"
        let pageSize = f.int("page_size", range: 1...1000) ?? 20
        let feedSize = f.int("feed_size", range: 1...1000) ?? 20
        let allowRawHTML = f.bool("allow_raw_html") ?? false
        let search = f.bool("search") ?? true
        let pagefind = f.string("pagefind")
        let timeZone = f.string("time_zone") ?? "+07:00"
        if timeZone.range(of: "^[+-][0-9]{2}:[0-9]{2}$", options: .regularExpression) == nil {
            f.diagnostics.error(f.locationOf("time_zone"), "time_zone must be an offset such as +07:00, not '\(timeZone)'")
        }

        var languages: [Language] = []
        for var l in f.nestedList("languages") {
            guard let code = l.string("code", required: "a language code such as vi or en") else { diagnostics.append(contentsOf: l.diagnostics.all); continue }
            if code.range(of: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", options: .regularExpression) == nil {
                l.diagnostics.error(l.locationOf("code"), "language code '\(code)' must be a code such as vi, en or zh-Hans")
            }
            if languages.contains(where: { $0.code == code }) {
                l.diagnostics.error(l.locationOf("code"), "language '\(code)' is listed twice")
            }
            let name = l.string("name") ?? code
            let title = l.string("title", required: "the site's title in this language") ?? ""
            let description = l.string("description") ?? ""
            let authority = l.string("authority") ?? title
            l.warnUnknown(allowed: [])
            diagnostics.append(contentsOf: l.diagnostics.all)
            languages.append(Language(code: code, name: name, title: title, description: description, authority: authority))
        }
        if languages.isEmpty {
            diagnostics.error(f.keyLocation("languages") ?? origin, "list at least one language under 'languages' (the first is the default)")
        }
        let defaultLanguage = languages.first?.code ?? "vi"

        var districts: [District] = []
        for var d in f.nestedList("districts") {
            let slug = d.string("slug", required: "the district's address segment, e.g. trieu-son") ?? ""
            let name = d.localized("name", required: "the district's name") ?? LocalizedText([:])
            let province = d.localized("province") ?? LocalizedText([:])
            let former = d.stringList("former_names")
            checkSlug(slug, field: "slug", in: &d)
            if districts.contains(where: { $0.slug == slug }) {
                d.diagnostics.error(d.locationOf("slug"), "district '\(slug)' is listed twice")
            }
            d.warnUnknown(allowed: [])
            diagnostics.append(contentsOf: d.diagnostics.all)
            districts.append(District(slug: slug, name: resolveDefault(name, defaultLanguage), province: resolveDefault(province, defaultLanguage), formerNames: former, location: d.origin))
        }
        var topics: [Topic] = []
        for var t in f.nestedList("topics") {
            let slug = t.string("slug", required: "the topic's address segment, e.g. du-lich") ?? ""
            let name = t.localized("name", required: "the topic's name") ?? LocalizedText([:])
            checkSlug(slug, field: "slug", in: &t)
            if topics.contains(where: { $0.slug == slug }) {
                t.diagnostics.error(t.locationOf("slug"), "topic '\(slug)' is listed twice")
            }
            t.warnUnknown(allowed: [])
            diagnostics.append(contentsOf: t.diagnostics.all)
            topics.append(Topic(slug: slug, name: resolveDefault(name, defaultLanguage), location: t.origin))
        }
        var servicePortals: [ServicePortal] = []
        for var p in f.nestedList("service_portals") {
            let name = p.localized("name", required: "the portal's name, e.g. {vi: Cổng Dịch vụ công quốc gia, en: National Public Service Portal}")
            let url = p.string("url", required: "the portal's address, e.g. https://dichvucong.gov.vn/")
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                p.diagnostics.error(p.locationOf("url"), "a service portal's url must start with https:// or http://, not '\(url)'")
            }
            var provides: [ServicePortal.Service] = []
            let known = ServicePortal.Service.allCases.map(\.rawValue).joined(separator: ", ")
            let written = p.keyLocation("provides") == nil ? [ServicePortal.Service.onlinePublicServices.rawValue] : p.stringList("provides")
            let places = p.listLocations("provides")
            for (i, value) in written.enumerated() {
                if let service = ServicePortal.Service(rawValue: value) { provides.append(service) }
                else { p.diagnostics.error(i < places.count ? places[i] : p.locationOf("provides"), "'\(value)' is not a service a portal provides here: use one of \(known)") }
            }
            p.warnUnknown(allowed: [])
            diagnostics.append(contentsOf: p.diagnostics.all)
            if let name, let url {
                servicePortals.append(ServicePortal(name: resolveDefault(name, defaultLanguage), url: url, provides: provides, location: p.origin))
            }
        }
        f.warnUnknown(allowed: [])
        diagnostics.append(contentsOf: f.diagnostics.all)
        var config = SiteConfiguration(baseURL: baseURL, theme: theme, pageSize: pageSize, feedSize: feedSize,
                                       allowRawHTML: allowRawHTML, timeZone: timeZone, languages: languages, districts: districts,
                                       topics: topics, location: origin, fileHash: ContentHash.of(bytes))
        config.search = search
        config.pagefind = pagefind
        config.servicePortals = servicePortals
        return (config, diagnostics)
    }

    /// A plain value (stored under "") stands for the default language.
    private static func resolveDefault(_ text: LocalizedText, _ defaultLanguage: String) -> LocalizedText {
        var values = text.values
        if let plain = values.removeValue(forKey: "") { values["*"] = plain }
        return LocalizedText(values)
    }

    private static func checkSlug(_ slug: String, field: String, in f: inout YAMLFields) {
        if !slug.isEmpty && !Folding.isSlug(slug) {
            f.diagnostics.error(f.locationOf(field), "'\(slug)' is not an address segment: use lower-case letters without diacritics, digits and '-', e.g. '\(Folding.slug(slug))'")
        }
    }
}

import Yams

import Foundation
import LoaCore

/// The editor's first page: all content by kind, with its status, filtered by kind, district
/// and language, with links to edit, view and translate each item.
extension Editor {
    /// Rows per page of the list: a large portal has tens of thousands of items.
    static let listPageSize = 50

    /// The statuses the list can be filtered by, in the order the filter offers them.
    static let listStatuses = ["published", "draft", "scheduled", "expired", "missing-translation", "errors"]

    func list(_ setting: EditorSetting, query: [String: String]) -> String {
        let configuration = setting.configuration
        let s = setting.strings
        let language = setting.language
        let (loaded, problems) = ContentLoader.load(siteRoot: siteRoot, configuration: configuration, useCache: true, memory: contentMemory)
        let withErrors = Set(problems.all.filter { $0.severity == .error }.map(\.location.path))
        let today = PublicationPolicy.today(at: configuration.timeZone)
        let policy = PublicationPolicy(today: today)
        let languages = configuration.languages.map(\.code)
        var present: [String: Set<String>] = [:]
        for item in loaded.items { present["\(item.kind.rawValue)/\(item.name)", default: []].insert(item.language) }
        func missing(_ item: ContentItem) -> [String] {
            languages.filter { !(present["\(item.kind.rawValue)/\(item.name)"] ?? []).contains($0) }
        }

        let kindFilter = query["kind"].flatMap { NewContent.kindNames[$0] }
        let districtFilter = query["district"].flatMap { $0.isEmpty ? nil : $0 }
        let languageFilter = query["lang"].flatMap { $0.isEmpty ? nil : $0 }
        let statusFilter = query["status"].flatMap { Self.listStatuses.contains($0) ? $0 : nil }
        // A browser sends the box's spaces as "+" (HTML's form encoding), which the server keeps.
        let text = query["q"]?.replacingOccurrences(of: "+", with: " ").trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        // Typed with or without accents, as the portal's search: every word in the title or the file's name.
        let words = Folding.searchKey(text).split(separator: " ").map(String.init)
        func hasStatus(_ item: ContentItem, _ status: String) -> Bool {
            switch status {
            case "published": policy.exclusion(of: item) == nil
            case "draft": policy.exclusion(of: item) == .draft
            case "scheduled": policy.exclusion(of: item) == .scheduled
            case "expired": policy.exclusion(of: item) == .expired
            case "missing-translation": !missing(item).isEmpty
            default: withErrors.contains(item.sourcePath)
            }
        }
        let chosen = loaded.items.filter { item in
            guard (kindFilter == nil || item.kind == kindFilter) && (districtFilter == nil || item.district == districtFilter)
                && (languageFilter == nil || item.language == languageFilter) else { return false }
            if let statusFilter, !hasStatus(item, statusFilter) { return false }
            guard !words.isEmpty else { return true }
            let key = listKeys.keys(for: item).folded
            return words.allSatisfy { key.contains($0) }
        }
        // Sort keys made once: collation keys are costly, and a sort would make each many times.
        // Sorted as indices: moving whole items about would copy each many times.
        struct Keyed { var index: Int; var kind: ContentKind; var title: CollationKey; var language: Int }
        let keyed: [Keyed] = chosen.indices.map { i in
            Keyed(index: i, kind: chosen[i].kind, title: listKeys.keys(for: chosen[i]).collation,
                  language: languages.firstIndex(of: chosen[i].language) ?? 99)
        }
        let order: [Int] = keyed.sorted { a, b in
            if a.kind != b.kind { return a.kind < b.kind }
            if a.title != b.title { return a.title < b.title }
            if a.language != b.language { return a.language < b.language }
            return chosen[a.index].sourcePath < chosen[b.index].sourcePath
        }.map(\.index)

        let size = Self.listPageSize
        let pageCount = max(1, (order.count + size - 1) / size)
        let page = min(max(1, query["page"].flatMap { Int($0) } ?? 1), pageCount)
        let shown = order.dropFirst((page - 1) * size).prefix(size).map { chosen[$0] }

        func languageName(_ code: String) -> String { configuration.language(code)?.name ?? code }
        let rows: [TemplateValue] = shown.map { item in
            var statuses: [TemplateValue] = []
            let exclusion = policy.exclusion(of: item)
            switch exclusion {
            case .draft?: statuses.append(["key": "draft", "text": .text(s["editor.status_draft"])])
            case .scheduled?:
                let date = (item.publishDate ?? item.date).map { s.date($0) } ?? ""
                statuses.append(["key": "scheduled", "text": .text(s.format("editor.status_scheduled", ["date": date]))])
            case .expired?: statuses.append(["key": "expired", "text": .text(s["editor.status_expired"])])
            case nil: statuses.append(["key": "published", "text": .text(s["editor.status_published"])])
            }
            let missing = missing(item)
            if !missing.isEmpty {
                statuses.append(["key": "missing-translation",
                                 "text": .text(s.format("editor.status_missing_translation", ["languages": missing.map(languageName).joined(separator: ", ")]))])
            }
            if withErrors.contains(item.sourcePath) { statuses.append(["key": "errors", "text": .text(s["editor.status_errors"])]) }
            var row: TemplateFields = [
                "title": .text(item.title.isEmpty ? item.name : item.title),
                "file": .text(item.sourcePath),
                "edit_url": .text(Self.editURL(item.sourcePath)),
                "kind": .text(s["kinds.\(item.kind.key).one"]),
                "language": .text(languageName(item.language)),
                "district": .text(item.district.flatMap { configuration.district($0)?.name.text(language, fallback: configuration.defaultLanguage) } ?? ""),
                "statuses": .list(statuses),
                "translations": Self.translationLinks(item, missing: missing, setting),
            ]
            if let url = Self.previewURL(of: item, exclusion: exclusion, configuration) {
                row["view_url"] = .text(url)
                row["view_label"] = .text(s.format("editor.view_named", ["title": item.title]))
            }
            return .object(row)
        }

        let kinds: [TemplateValue] = ContentKind.allCases.map { kind in
            ["key": .text(kind.key), "label": .text(s["kinds.\(kind.key).one"]),
             "new_label": .text(s.format("editor.new_of_kind", ["kind": s["kinds.\(kind.key).one"]])),
             "selected": .bool(kindFilter == kind)]
        }
        let districts: [TemplateValue] = configuration.districts
            .map { ($0.slug, $0.name.text(language, fallback: configuration.defaultLanguage)) }
            .sorted { Collation.key($0.1, language: language) < Collation.key($1.1, language: language) }
            .map { ["value": .text($0.0), "label": .text($0.1), "selected": .bool($0.0 == districtFilter)] }
        let languageOptions: [TemplateValue] = configuration.languages.map {
            ["value": .text($0.code), "label": .text($0.name), "selected": .bool($0.code == languageFilter)]
        }
        let statusOptions: [TemplateValue] = Self.listStatuses.map {
            ["value": .text($0), "label": .text(s["editor.filter_status_\($0.replacingOccurrences(of: "-", with: "_"))"]), "selected": .bool($0 == statusFilter)]
        }
        // The same filters on every page's link.
        var kept: [(String, String)] = []
        if let kindFilter { kept.append(("kind", kindFilter.key)) }
        if let districtFilter { kept.append(("district", districtFilter)) }
        if let languageFilter { kept.append(("lang", languageFilter)) }
        if let statusFilter { kept.append(("status", statusFilter)) }
        if !text.isEmpty { kept.append(("q", text)) }
        func pageURL(_ n: Int) -> String {
            let pairs = kept + (n > 1 ? [("page", String(n))] : [])
            return "/_loa/" + (pairs.isEmpty ? "" : "?" + pairs.map { "\($0.0)=\(Self.queryEscaped($0.1))" }.joined(separator: "&"))
        }
        var values: TemplateFields = [
            "page_title": .text(s["editor.list_title"]),
            "nav_list": true,
            "kinds": .list(kinds),
            "districts": .list(districts),
            "languages": .list(languageOptions),
            "statuses": .list(statusOptions),
            "text": .text(text),
            "count": .text(pageCount == 1 ? s.format("editor.count", ["count": String(order.count)])
                           : s.format("editor.count_page", ["from": String((page - 1) * size + 1), "to": String((page - 1) * size + shown.count),
                                                            "count": String(order.count)])),
            "rows": .list(rows),
            "has_rows": .bool(!rows.isEmpty),
        ]
        if pageCount > 1 {
            var pagination: TemplateFields = ["label": .text(s.format("page_of", ["n": String(page), "total": String(pageCount)]))]
            if page > 1 { pagination["prev_url"] = .text(pageURL(page - 1)) }
            if page < pageCount { pagination["next_url"] = .text(pageURL(page + 1)) }
            values["pagination"] = .object(pagination)
        }
        return setting.render("list", values)
    }

    /// Each item's title as the list sorts it (Vietnamese collation) and finds it (folded with
    /// its file's name), kept between visits: on a portal of 20,000 items, making them took
    /// most of the list's half second.
    final class ListKeys: @unchecked Sendable {
        struct Keys { var title: String; var collation: CollationKey; var folded: String }
        private let lock = NSLock()
        private var byFile: [String: Keys] = [:]

        func keys(for item: ContentItem) -> Keys {
            lock.lock()
            let known = byFile[item.sourcePath]
            lock.unlock()
            if let known, known.title == item.title { return known }
            let keys = Keys(title: item.title, collation: Collation.key(item.title, language: item.language),
                            folded: Folding.searchKey(item.title + " " + item.sourcePath.replacingOccurrences(of: "-", with: " ")))
            lock.lock()
            byFile[item.sourcePath] = keys
            lock.unlock()
            return keys
        }
    }

    /// The item's page in the preview, which shows drafts but not items scheduled or expired.
    static func previewURL(of item: ContentItem, exclusion: PublicationPolicy.Exclusion?, _ configuration: SiteConfiguration) -> String? {
        guard exclusion == nil || exclusion == .draft else { return nil }
        return "/" + Resolver.sitePath(of: item, defaultLanguage: configuration.defaultLanguage)
    }

    /// "Add the English version" links, one per language the item lacks.
    static func translationLinks(_ item: ContentItem, missing: [String], _ setting: EditorSetting) -> TemplateValue {
        .list(missing.map { code in
            let name = setting.configuration.language(code)?.name ?? code
            return ["url": .text(translateURL(item, language: code)), "label": .text(setting.strings.format("editor.add_translation", ["language": name]))]
        })
    }

    static func editURL(_ file: String) -> String { "/_loa/edit?file=" + queryEscaped(file) }

    static func translateURL(_ item: ContentItem, language: String) -> String {
        "/_loa/new?kind=\(item.kind.key)&lang=\(queryEscaped(language))&of=\(queryEscaped(item.name))"
    }

    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

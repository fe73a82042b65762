import Foundation
import LoaCore

/// The editor's first page: all content by kind, with its status, filtered by kind, district
/// and language, with links to edit, view and translate each item.
extension Editor {
    func list(_ setting: EditorSetting, query: [String: String]) -> String {
        let configuration = setting.configuration
        let s = setting.strings
        let language = setting.language
        let (loaded, problems) = ContentLoader.load(siteRoot: siteRoot, configuration: configuration, useCache: true)
        let withErrors = Set(problems.all.filter { $0.severity == .error }.map(\.location.path))
        let today = PublicationPolicy.today(at: configuration.timeZone)
        let policy = PublicationPolicy(today: today)
        let languages = configuration.languages.map(\.code)
        var present: [String: Set<String>] = [:]
        for item in loaded.items { present["\(item.kind.rawValue)/\(item.name)", default: []].insert(item.language) }

        let kindFilter = query["kind"].flatMap { NewContent.kindNames[$0] }
        let districtFilter = query["district"].flatMap { $0.isEmpty ? nil : $0 }
        let languageFilter = query["lang"].flatMap { $0.isEmpty ? nil : $0 }
        let items = loaded.items.filter { item in
            (kindFilter == nil || item.kind == kindFilter) && (districtFilter == nil || item.district == districtFilter)
                && (languageFilter == nil || item.language == languageFilter)
        }.sorted { a, b in
            (a.kind, Collation.key(a.title, language: a.language), languages.firstIndex(of: a.language) ?? 99, a.sourcePath)
                < (b.kind, Collation.key(b.title, language: b.language), languages.firstIndex(of: b.language) ?? 99, b.sourcePath)
        }

        func languageName(_ code: String) -> String { configuration.language(code)?.name ?? code }
        let rows: [TemplateValue] = items.map { item in
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
            let missing = languages.filter { !(present["\(item.kind.rawValue)/\(item.name)"] ?? []).contains($0) }
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
        return setting.render("list", [
            "page_title": .text(s["editor.list_title"]),
            "nav_list": true,
            "kinds": .list(kinds),
            "districts": .list(districts),
            "languages": .list(languageOptions),
            "count": .text(s.format("editor.count", ["count": String(items.count)])),
            "rows": .list(rows),
            "has_rows": .bool(!rows.isEmpty),
        ])
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

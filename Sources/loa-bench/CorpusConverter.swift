import Foundation
import LoaCore

/// Turns the Hugo content folder made by ../shared/bench/gen_corpus.py into a Loa site with the
/// same Markdown bodies: front matter mapped field by field, registries filled from the terms
/// found, and links between items (`/press/x/`) written as links to the content files, which is
/// how Loa sites link and what Loa resolves.
enum CorpusConverter {
    static let sections: [String: (folder: String, extra: @Sendable (String, String) -> [String])] = [
        "press": ("press-releases", { _, _ in [] }),
        "documents": ("documents", { district, lang in
            ["document_kind: report", "issuer: " + quoted(lang == "vi" ? "Ủy ban nhân dân huyện \(district)" : "\(district) District People's Committee")] }),
        "places": ("places", { _, _ in ["place_kind: other"] }),
        "people": ("spokespersons", { district, lang in
            ["position: " + quoted(lang == "vi" ? "Chủ tịch UBND huyện" : "Chairman of the District People's Committee"),
             "agency: " + quoted(lang == "vi" ? "Ủy ban nhân dân huyện \(district)" : "\(district) District People's Committee")] }),
    ]

    static func quoted(_ s: String) -> String { YAMLText.quoted(s) }

    /// A plain page outside the menu, in each language: the corpus has none of its own, and
    /// `SaveRebuild` edits its title.
    static let page = "pages/gioi-thieu.vi.md"

    struct Item {
        var section: String, slug: String, lang: String
        var title: String, date: String, district: String, topics: [String], summary: String, body: String
    }

    /// Reads `title`, `date`, `districts`, `topics`, `summary` from the generator's simple YAML.
    static func parse(_ text: String, section: String, slug: String, lang: String) -> Item? {
        let parts = text.components(separatedBy: "---\n")
        guard parts.count >= 3 else { return nil }
        var fields: [String: String] = [:]
        for line in parts[1].split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        func unquote(_ s: String) -> String {
            guard s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 else { return s }
            return String(s.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        func list(_ s: String?) -> [String] {
            guard let s, s.hasPrefix("["), s.hasSuffix("]") else { return [] }
            return s.dropFirst().dropLast().components(separatedBy: "\", \"").map {
                unquote(($0.hasPrefix("\"") ? "" : "\"") + $0 + ($0.hasSuffix("\"") ? "" : "\""))
            }
        }
        return Item(section: section, slug: slug, lang: lang, title: unquote(fields["title"] ?? ""), date: fields["date"] ?? "",
                    district: list(fields["districts"]).first ?? "", topics: list(fields["topics"]),
                    summary: unquote(fields["summary"] ?? ""), body: parts[2...].joined(separator: "---\n"))
    }

    static let linkPattern = try! NSRegularExpression(pattern: #"\]\((/en)?/(press|documents|places|people)/([a-z0-9-]+)/\)"#)

    /// `[text](/press/press-000012/)` in a file of `folder` → `[text](../press-releases/press-000012.vi.md)`.
    static func rewriteLinks(_ body: String, lang: String) -> String {
        let ns = body as NSString
        var out = ""
        var last = 0
        for m in linkPattern.matches(in: body, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let section = ns.substring(with: m.range(at: 2)), slug = ns.substring(with: m.range(at: 3))
            out += "](../\(sections[section]!.folder)/\(slug).\(lang).md)"
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    /// The site's `Themes` is a link to the repository's, which may have moved since the corpus
    /// was made (another checkout, a removed worktree).
    static func linkThemes(site: String, themes: String) throws {
        let fm = FileManager.default
        if (try? fm.destinationOfSymbolicLink(atPath: site + "/Themes")) != themes {
            try? fm.removeItem(atPath: site + "/Themes")
            try fm.createSymbolicLink(atPath: site + "/Themes", withDestinationPath: themes)
        }
    }

    /// Writes the Loa site and returns the number of content files.
    static func convert(hugoSite: String, to site: String, themes: String) throws -> Int {
        let fm = FileManager.default
        try fm.createDirectory(atPath: site + "/Content", withIntermediateDirectories: true)
        try linkThemes(site: site, themes: themes)
        // Files are rewritten only when they differ, and only stale ones removed: deleting and
        // recreating 20,000 files would slow the timed builds that follow (see `setAside`).
        var wanted: Set<String> = ["site.yaml"]
        func write(_ text: String, _ rel: String) throws {
            wanted.insert(rel)
            let path = site + "/Content/" + rel
            if let old = FileIO.read(path), old.elementsEqual(text.utf8) { return }
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        var items: [Item] = []
        for section in sections.keys.sorted() {
            let folder = hugoSite + "/content/" + section
            for name in (try fm.contentsOfDirectory(atPath: folder)).sorted() where !name.hasPrefix("_index") && name.hasSuffix(".md") {
                let parts = name.split(separator: ".")
                guard parts.count == 3, let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8),
                      let item = parse(text, section: section, slug: String(parts[0]), lang: String(parts[1])) else { continue }
                items.append(item)
            }
        }
        // Registries from the terms found; English topic names pair with Vietnamese ones item by item.
        var districts = Set<String>()
        var topicNames: [String: String] = [:]  // vi → en
        let byKey = Dictionary(grouping: items, by: { "\($0.section)/\($0.slug)" })
        for (_, pair) in byKey {
            guard let vi = pair.first(where: { $0.lang == "vi" }) else { continue }
            districts.insert(vi.district)
            let en = pair.first { $0.lang == "en" }
            for (i, t) in vi.topics.enumerated() { topicNames[t] = en.flatMap { i < $0.topics.count ? $0.topics[i] : nil } ?? t }
        }
        let enToVi = Dictionary(topicNames.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        var config = """
        base_url: https://example.org/
        page_size: 20
        languages:
          - code: vi
            name: Tiếng Việt
            title: Cổng thông tin điện tử
          - code: en
            name: English
            title: Electronic information portal
        districts:

        """
        for d in districts.sorted() { config += "  - slug: \(Folding.slug(d))\n    name: \(quoted(d))\n" }
        config += "topics:\n"
        for (vi, en) in topicNames.sorted(by: { $0.key < $1.key }) {
            config += "  - slug: \(Folding.slug(vi))\n    name: {vi: \(quoted(vi)), en: \(quoted(en))}\n"
        }
        try write(config, "site.yaml")

        for item in items {
            let section = sections[item.section]!
            let topics = item.topics.map { Folding.slug(item.lang == "vi" ? $0 : (enToVi[$0] ?? $0)) }
            // Spokespersons have no publication date; the corpus date becomes the date they speak from.
            let day = String(item.date.prefix(10))
            let dateField = ["people": "since: " + day, "documents": "issue_date: " + day, "places": ""][item.section] ?? "date: " + item.date
            var lines = ["---", "title: " + quoted(item.title)] + (dateField.isEmpty ? [] : [dateField]) + [
                         "district: " + Folding.slug(item.district),
                         "topics: [" + topics.joined(separator: ", ") + "]", "summary: " + quoted(item.summary)]
            lines += section.extra(item.district, item.lang)
            lines += ["---", ""]
            let folder = site + "/Content/" + section.folder
            try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let text = lines.joined(separator: "\n") + rewriteLinks(item.body, lang: item.lang)
            try write(text, "\(section.folder)/\(item.slug).\(item.lang).md")
        }
        try? fm.createDirectory(atPath: site + "/Content/pages", withIntermediateDirectories: true)
        try write("---\ntitle: \"Giới thiệu\"\nsummary: \"Giới thiệu cổng thông tin.\"\n---\n\nCổng thông tin điện tử của tỉnh.\n", page)
        try write("---\ntitle: \"About\"\nsummary: \"About the portal.\"\n---\n\nThe province's electronic information portal.\n",
                  "pages/gioi-thieu.en.md")
        for rel in FileIO.walk(site + "/Content") where !wanted.contains(rel) {
            try? fm.removeItem(atPath: site + "/Content/" + rel)
        }
        return items.count + 2
    }
}

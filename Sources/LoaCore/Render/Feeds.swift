/// Atom feeds and the sitemap: formats for machines, written directly rather than through theme templates.
extension SiteRenderer {
    /// Dated press releases and documents, newest first, at most `feed_size`.
    func feedEntries(_ indices: [Int]) -> [Int] {
        // Fields read through the array: a local copy of each item retained every field.
        let dated = indices.filter {
            (site.items[$0].item.kind == .pressRelease || site.items[$0].item.kind == .document) && site.items[$0].item.date != nil
        }
        return Array(dated.sorted { a, b in
            let da = site.items[a].item.date!, db = site.items[b].item.date!
            return da != db ? da > db : site.items[a].path < site.items[b].path
        }.prefix(config.feedSize))
    }

    /// An RFC 3339 timestamp for a date; a month-only date stands at its first day.
    func timestamp(_ date: PartialDate) -> String {
        let m = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        let d = (date.day ?? 1) < 10 ? "0\(date.day ?? 1)" : "\(date.day ?? 1)"
        return "\(date.year)-\(m)-\(d)T00:00:00\(config.timeZone)"
    }

    func atom(language: String, title: String, pagePath: String, feedPath: String, indices: [Int]) -> String {
        // The feed's date is its newest entry's, never the build time, so rebuilding changes nothing.
        let newest = indices.first.flatMap { site.items[$0].item.date }
            ?? site.items.compactMap(\.item.date).max() ?? PartialDate(year: 2000, month: 1, day: 1)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Escape.xml(language))">
          <title>\(Escape.xml(title))</title>
          <link rel="self" type="application/atom+xml" href="\(Escape.xml(absolute(feedPath)))"/>
          <link rel="alternate" type="text/html" href="\(Escape.xml(absolute(pagePath)))"/>
          <id>\(Escape.xml(absolute(feedPath)))</id>
          <updated>\(timestamp(newest))</updated>
          <author><name>\(Escape.xml(config.language(language)?.authority ?? title))</name></author>

        """
        let s = strings(language)
        for i in indices {
            let r = site.items[i]
            let item = r.item
            xml += """
              <entry>
                <title>\(Escape.xml(item.title))</title>
                <link rel="alternate" type="text/html" href="\(Escape.xml(absolute(r.path)))"/>
                <id>\(Escape.xml(absolute(r.path)))</id>
                <updated>\(timestamp(item.date!))</updated>
                <category term="\(item.kind.key)" label="\(Escape.xml(s["kinds.\(item.kind.key).one"]))"/>

            """
            if let summary = item.summary { xml += "    <summary>\(Escape.xml(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    func sitemapXML() -> String {
        // Into one byte buffer: a large site has tens of thousands of entries, and string
        // interpolation made a one-file rebuild spend a twentieth of its time here.
        var xml: [UInt8] = []
        xml.reserveCapacity(sitemap.count * 256)
        func add(_ text: StaticString) {
            text.withUTF8Buffer { xml.append(contentsOf: $0) }
        }
        func add(url path: String) {
            Escape.appendHTML(absolute(path), to: &xml)
        }
        add("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")
        let order = Dictionary(uniqueKeysWithValues: site.languages.enumerated().map { ($1, $0) })
        for entry in sitemap.sorted(by: { $0.path < $1.path }) {
            add("  <url>\n    <loc>")
            add(url: entry.path)
            add("</loc>\n")
            if let date = entry.lastModified, date.day != nil {
                add("    <lastmod>")
                xml.append(contentsOf: date.description.utf8)
                add("</lastmod>\n")
            }
            if entry.alternates.count > 1 {
                for (lang, path) in entry.alternates.sorted(by: { (order[$0.key] ?? 99) < (order[$1.key] ?? 99) }) {
                    add("    <xhtml:link rel=\"alternate\" hreflang=\"")
                    xml.append(contentsOf: lang.utf8)
                    add("\" href=\"")
                    add(url: path)
                    add("\"/>\n")
                }
            }
            add("  </url>\n")
        }
        add("</urlset>\n")
        return String(decoding: xml, as: UTF8.self)
    }

    /// The last build's sitemap with the dates of the items at `redated` as they are now: a
    /// build after front-matter edits (see `FrontMatterEdits`) renders too few pages to list
    /// them all, and only item pages have dates. Nil when an entry is not as `sitemapXML` writes it.
    static func sitemap(_ xml: [UInt8], redating redated: [Int], in site: ResolvedSite) -> String? {
        var xml = xml
        for i in redated {
            var entry = Array("  <url>\n    <loc>".utf8)
            Escape.appendHTML(URLPaths.absolute(site.configuration.baseURL, site.items[i].path), to: &entry)
            entry += Array("</loc>\n".utf8)
            guard let found = ByteSearch.firstRange(of: entry, in: xml) else { return nil }
            var end = found.upperBound
            let open = Array("    <lastmod>".utf8), close = Array("</lastmod>\n".utf8)
            if xml[end...].starts(with: open), let stop = ByteSearch.firstRange(of: close, in: xml, from: end) { end = stop.upperBound }
            var line: [UInt8] = []
            if let date = site.items[i].item.date, date.day != nil { line = open + Array(date.description.utf8) + close }
            xml.replaceSubrange(found.upperBound..<end, with: line)
        }
        return String(decoding: xml, as: UTF8.self)
    }
}

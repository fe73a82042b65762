import Foundation

/// Old addresses that keep working: redirect pages and a redirect map for nginx.
///
/// - An item's `aliases` (`/tin-tuc/cu/`, relative to the site's base address like every address
///   written in content) each get a page that sends readers to the item.
/// - A district's `former_names` (site.yaml) each give `/districts/<slug of the former name>/`
///   in every language, sent to `/districts/<slug>/` in the same language (and the old district
///   feed to the new one in the map), so links made before a rename or a reorganisation still work.
///
/// A redirect page is a small HTML page with `<meta http-equiv="refresh" content="0; url=…">`, a
/// canonical link to the new address and a plain link for readers. Redirect pages are not in the
/// sitemap. `redirects.nginx` at the root of the portal holds one sorted line per old address,
/// `location = /old/ { return 301 /new/; }`, to include in the site's nginx `server` block for
/// real 301 answers. An old address that is also the address of a page or file of the portal is
/// an error, at the line of the alias (or of the district in site.yaml).
public struct Redirect: Sendable, Hashable {
    /// Site-relative path of the old address, as readers requested it (`tin-tuc/cu/`).
    public var from: String
    /// Site-relative path of the new address.
    public var to: String
    public var language: String
    public var location: SourceLocation
    /// False for entries that only go in the nginx map (a feed cannot be a redirect page).
    public var writesPage: Bool = true
}

extension SiteRenderer {
    /// Every old address of the site, in content order.
    mutating func redirects() -> [Redirect] {
        var result: [Redirect] = []
        for r in site.items {
            for (i, alias) in r.item.aliases.enumerated() {
                let location = r.item.fieldLocations["aliases.\(i)"] ?? r.item.location(of: "file")
                guard let from = normalizedAlias(alias, at: location) else { continue }
                result.append(Redirect(from: from, to: r.path, language: r.item.language, location: location))
            }
        }
        for district in config.districts {
            var seen: Set<String> = [district.slug]
            for former in district.formerNames {
                let slug = Folding.slug(former)
                // "Triệu Sơn" and "Trieu Son" share an address: nothing to redirect.
                guard !slug.isEmpty, seen.insert(slug).inserted else { continue }
                for language in site.languages {
                    let old = prefix(language) + "districts/\(slug)/", new = prefix(language) + "districts/\(district.slug)/"
                    result.append(Redirect(from: old, to: new, language: language, location: district.location))
                    result.append(Redirect(from: old + "feed.xml", to: new + "feed.xml", language: language,
                                           location: district.location, writesPage: false))
                }
            }
        }
        return result
    }

    /// `/tin-tuc/cu/` → `tin-tuc/cu/`; nil (with an error) for what no static page can answer.
    mutating func normalizedAlias(_ alias: String, at location: SourceLocation) -> String? {
        let decoded = Folding.nfc(alias.removingPercentEncoding ?? alias)
        var problem: String?
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if decoded.contains("?") || decoded.contains("#") {
            problem = "has a query or fragment ('?', '#'); a static page answers only a path such as /tin-tuc/cu/"
        } else if decoded.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || "\"'{};\\<>".unicodeScalars.contains($0) }) {
            problem = "may not contain spaces, quotes or any of { } ; \\ < >"
        } else if segments.dropLast().contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) || segments.last == "." || segments.last == ".." {
            problem = "must be a plain path without empty, '.' or '..' parts"
        } else if decoded.count <= 1 {
            problem = "is the home page, which cannot be redirected"
        }
        if let problem {
            diagnostics.error(location, "alias '\(alias)' \(problem)")
            return nil
        }
        return String(decoded.dropFirst())
    }

    /// The file a redirect page is written to: `old/index.html` for `old/` and `old`.
    static func redirectFile(_ from: String) -> String {
        if from.hasSuffix(".html") || from.hasSuffix(".htm") { return from }
        return from.hasSuffix("/") ? from + "index.html" : from + "/index.html"
    }

    mutating func renderRedirects() {
        let all = redirects()
        guard !all.isEmpty else {
            // Most sites have none: skip indexing every path of the portal.
            files.append(.text(path: "redirects.nginx", content: nginxMap([])))
            return
        }
        // Paths already taken by pages, feeds, assets and content files, and their folders.
        let taken = Set(files.map(\.path)).union(pagePaths).union(site.staticFiles.map(\.outputPath))
        var folders: Set<String> = []
        for path in taken {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty { folders.insert(parts.joined(separator: "/")); parts.removeLast() }
        }
        var claimed: [String: Redirect] = [:]
        var kept: [Redirect] = []
        for redirect in all {
            let file = redirect.writesPage ? Self.redirectFile(redirect.from) : redirect.from
            // The file itself, the old address as a file, or a folder on the way that is a file.
            let parts = file.split(separator: "/").map(String.init)
            let ancestors = parts.indices.dropLast().map { parts[...$0].joined(separator: "/") }
            if let owner = ([file, redirect.from] + ancestors).first(where: taken.contains) {
                diagnostics.error(redirect.location, "the old address /\(redirect.from) is taken by /\(owner), a page or file of the portal; "
                    + "remove it from 'aliases' or 'former_names', or rename what uses it")
                continue
            }
            if redirect.writesPage, !file.hasSuffix("index.html"), folders.contains(file) {
                diagnostics.error(redirect.location, "the old address /\(redirect.from) is a folder of the portal; remove it")
                continue
            }
            if let other = claimed[file] {
                if other.to != redirect.to {
                    diagnostics.error(redirect.location, "the old address /\(redirect.from) already leads to /\(other.to) (\(other.location.path):\(other.location.line)); "
                        + "an old address can lead to one page only")
                }
                continue
            }
            claimed[file] = redirect
            kept.append(redirect)
        }
        for redirect in kept where redirect.writesPage {
            files.append(.text(path: Self.redirectFile(redirect.from), content: redirectPage(redirect)))
        }
        files.append(.text(path: "redirects.nginx", content: nginxMap(kept)))
    }

    func redirectPage(_ redirect: Redirect) -> String {
        let s = strings(redirect.language)
        let target = url(redirect.to)
        let context: TemplateValue = [
            "lang": .text(redirect.language),
            "t": interfaceStrings[redirect.language] ?? [:],
            "site": ["title": .text(config.language(redirect.language)?.title ?? ""), "css_url": .text(url("css/loa.css"))],
            "redirect": ["url": .text(target), "canonical": .text(absolute(redirect.to)), "old": .text(url(redirect.from))],
        ]
        var html: [UInt8] = []
        if theme.templateNames.contains("redirect"), theme.render("redirect", context, into: &html) {
            return String(decoding: html, as: UTF8.self)
        }
        let e = Escape.html
        return """
        <!DOCTYPE html>
        <html lang="\(e(redirect.language))">
        <head>
        <meta charset="utf-8">
        <title>\(e(s["redirect.title"]))</title>
        <link rel="canonical" href="\(e(absolute(redirect.to)))">
        <meta http-equiv="refresh" content="0; url=\(e(target))">
        </head>
        <body>
        <p>\(e(s["redirect.text"])) <a href="\(e(target))">\(e(absolute(redirect.to)))</a></p>
        </body>
        </html>

        """
    }

    /// nginx `location` lines, sorted, with the base path of the site.
    func nginxMap(_ redirects: [Redirect]) -> String {
        var lines: Set<String> = []
        for r in redirects {
            let target = URLPaths.encode(url(r.to))
            lines.insert("location = \(url(r.from)) { return 301 \(target); }")
            // `/old` (no slash) answers too when the alias was written as a folder or without one.
            if r.writesPage, !r.from.hasSuffix(".html"), !r.from.hasSuffix(".htm") {
                let twin = r.from.hasSuffix("/") ? String(r.from.dropLast()) : r.from + "/"
                lines.insert("location = \(url(twin)) { return 301 \(target); }")
            }
        }
        let header = """
        # Old addresses of this portal and where they moved, written by `loa build`.
        # Include this file inside the site's nginx `server { … }` block, e.g.
        #     include /var/www/portal/redirects.nginx;
        # so that old links get a permanent (301) redirect; the redirect pages do the same without it.

        """
        return header + lines.sorted().map { $0 + "\n" }.joined()
    }
}

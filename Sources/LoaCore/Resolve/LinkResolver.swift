import Foundation

/// Turns a link or image destination written in a content file into the address it names.
/// A plain value made by the resolve stage, used again by the render stage for body links,
/// which are only read when a page is rendered (bodies are streamed, never kept).
public struct LinkResolver: Sendable {
    let basePath: String
    let allowRawHTML: Bool
    let siteRoot: String
    /// Source path → page path of every published item.
    let pages: [String: String]
    let titles: [String: String]
    /// Source path → output path of every file copied as it is.
    let files: [String: String]
    let excluded: [String: PublicationPolicy.Exclusion]
    /// A hash of everything `resolve` depends on: two builds with the same key resolve every
    /// link alike, so an incremental build need not resolve unchanged bodies' links again.
    let key: UInt64

    public func resolve(_ destination: String, from sourcePath: String, language: String, isImage: Bool) -> LinkResolution {
        let d = destination
        if d.isEmpty || d.hasPrefix("#") || d.hasPrefix("?") { return .keep }
        if let scheme = URLPaths.scheme(of: d) {
            if !allowRawHTML, ["javascript", "vbscript", "file"].contains(scheme) || (scheme == "data" && !isImage) {
                return .warning("a '\(scheme):' link could run code in readers' browsers, so it is removed (sites can allow it with allow_raw_html: true)")
            }
            if isImage && (scheme == "http" || scheme == "https") {
                return .error("image '\(d)' is on another site, so every reader's browser would contact that site; copy the image into Content/ and link it by its path")
            }
            return .keep
        }
        if d.hasPrefix("//") {
            return isImage ? .error("image '\(d)' is on another site; copy it into Content/") : .keep
        }
        if d.hasPrefix("/") { return .replace(basePath + String(d.dropFirst())) }
        let (pathPart, suffix) = URLPaths.splitSuffix(d)
        // utf8.contains: String.contains(String) is Foundation's slow substring search.
        let encoded = pathPart.utf8.contains(UInt8(ascii: "%"))
        let decoded = encoded ? (pathPart.removingPercentEncoding ?? pathPart) : pathPart
        // No NFC pass: sources are normalised when read, and a percent-decoded path is normalised here.
        guard let resolved = URLPaths.join(FileIO.parentPath(sourcePath), encoded ? Folding.nfc(decoded) : decoded) else {
            return .error("link '\(d)' leads outside the Content folder")
        }
        if resolved.hasSuffix(".md") {
            if let reason = excluded[resolved] {
                let what = ["draft": "a draft", "scheduled": "scheduled for later", "expired": "expired"][reason.rawValue]!
                return .error("link to '\(d)', which is \(what) and not published in this build; remove the link or publish that item")
            }
            guard let page = pages[resolved] else {
                return .error("link to a file that does not exist: '\(d)' (looked for \(resolved))")
            }
            return .replace(basePath + page + suffix)
        }
        if let file = files[resolved] {
            return .replace(basePath + URLPaths.encode(file) + suffix)
        }
        if resolved.hasSuffix("/") || !decoded.utf8.contains(UInt8(ascii: ".")) || FileIO.isDirectory(siteRoot + "/" + resolved) {
            return .error("link '\(d)' names a folder or a file without an extension; link the content file itself (…/name.\(language).md)")
        }
        return .error("link to a file that does not exist: '\(d)' (looked for \(resolved))")
    }

    /// The title of the item a relative link names, if it names one.
    func title(of destination: String, from sourcePath: String) -> String? {
        URLPaths.join(FileIO.parentPath(sourcePath), URLPaths.splitSuffix(destination).0).flatMap { titles[Folding.nfc($0)] }
    }

    /// A site-relative path from a resolved address.
    func sitePath(_ url: String) -> String { url.hasPrefix(basePath) ? String(url.dropFirst(basePath.count)) : url }
}

extension LinkResolver {
    /// The link table of published items, given in the site's order as (source path, address,
    /// title), and of files published as they are, with its `key`. The resolve stage makes it,
    /// and a build that reuses the last site (see `SiteSnapshot`) makes it again from that site.
    init(pages list: [(source: String, path: String, title: String)], staticFiles: [StaticFile],
         excluded: [String: PublicationPolicy.Exclusion], configuration: SiteConfiguration, siteRoot: String) {
        let basePath = URLPaths.basePath(of: configuration.baseURL)
        var key = ContentHash()
        key.combine(basePath)
        key.combine(configuration.allowRawHTML ? 1 : 0)
        var pages: [String: String] = [:], titles: [String: String] = [:], files: [String: String] = [:]
        pages.reserveCapacity(list.count)
        titles.reserveCapacity(list.count)
        for page in list {
            pages[page.source] = page.path
            titles[page.source] = page.title
            key.combine(page.source)
            key.combine(page.path)
        }
        for file in staticFiles {
            files[file.sourcePath] = file.outputPath
            key.combine(file.sourcePath)
            key.combine(file.outputPath)
        }
        for (source, reason) in excluded.sorted(by: { $0.key < $1.key }) { key.combine(source); key.combine(reason.rawValue) }
        self.init(basePath: basePath, allowRawHTML: configuration.allowRawHTML, siteRoot: siteRoot,
                  pages: pages, titles: titles, files: files, excluded: excluded, key: key.value)
    }
}

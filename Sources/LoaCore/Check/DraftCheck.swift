import Foundation

/// What the build and `loa check` would say of one content file if it held a given text, before
/// anything is written: the editor of `loa serve` checks a file this way before it saves it.
///
/// It runs the build's own stages, not a second validator: the file is decoded by
/// `ContentLoader.decode`, put in the place of its old version among the site's other items (read
/// through the content cache, so unchanged files cost a stamp each), resolved with them by
/// `Resolver` (districts, topics, `source`, attachments, addresses), its body converted with its
/// links resolved, and `SiteChecker`'s findings added. Only this file's problems are returned.
public enum DraftCheck {
    public struct Result: Sendable {
        /// Errors, warnings and notes at this file's lines, sorted, as `loa check` prints them.
        public var problems: [Diagnostic]
        /// The item as the build would read it (nil when its front matter cannot be read at all).
        public var item: ContentItem?
        /// The body converted as the build converts it, its links resolved: for a preview.
        public var bodyHTML: String
        /// The item's other languages that have a file (language → address), as the build links them.
        public var translations: [String: String] = [:]

        public var hasErrors: Bool { problems.contains { $0.severity == .error } }
    }

    /// `relativePath` is the file's path from the site folder (`Content/press-releases/x.vi.md`).
    /// `memory` keeps the site's content between the checks of one process (the editor).
    public static func check(siteRoot: String, relativePath: String, text: String, memory: ContentMemory? = nil) -> Result {
        let (configuration, configurationProblems) = ConfigurationLoader.load(siteRoot: siteRoot)
        guard let configuration else { return Result(problems: configurationProblems.all, item: nil, bodyHTML: "") }
        let folder = relativePath.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        guard relativePath.hasPrefix(ContentLoader.contentFolder + "/"), let kind = ContentKind(rawValue: folder) else {
            return Result(problems: [.error(at: SourceLocation(path: relativePath), "not a content file of one of the content folders")],
                          item: nil, bodyHTML: "")
        }
        let languages = Set(configuration.languages.map(\.code))
        let (decoded, decodeProblems) = ContentLoader.decode(bytes: Array(Folding.nfc(text).utf8), path: relativePath, kind: kind,
                                                             languages: languages, defaultLanguage: configuration.defaultLanguage)
        var problems = Diagnostics()
        problems.append(contentsOf: decodeProblems)
        guard var candidate = decoded else { return Result(problems: problems.sorted, item: nil, bodyHTML: "") }
        candidate.sourceHash = ContentHash.of(Array(text.utf8))

        // The site as the build would read it, with this file in its old version's place.
        var (loaded, _) = ContentLoader.load(siteRoot: siteRoot, configuration: configuration, useCache: true, memory: memory)
        var items = loaded.items.filter { $0.sourcePath != relativePath }
        items.append(candidate)
        var dateProblems = Diagnostics()
        SourceDates.fill(&items, diagnostics: &dateProblems)
        problems.append(contentsOf: dateProblems.all.filter { $0.location.path == relativePath })
        loaded.items = items
        // Everything included, as `check` does, so a draft is checked before it goes live.
        let today = PublicationPolicy.today(at: configuration.timeZone)
        let policy = PublicationPolicy(includeDrafts: true, includeFuture: true, includeExpired: true, today: today)
        let (content, _) = policy.apply(loaded)
        let (site, resolveProblems) = Resolver.resolve(content, configuration: configuration, siteRoot: siteRoot, indexing: false)
        problems.append(contentsOf: resolveProblems.all.filter { $0.location.path == relativePath })

        var bodyHTML = ""
        var translations: [String: String] = [:]
        if let resolved = site.items.first(where: { $0.item.sourcePath == relativePath }) {
            candidate = resolved.item
            translations = resolved.translations
            let markdown = MarkdownRenderer(allowRawHTML: configuration.allowRawHTML)
            let rendered = markdown.render(candidate.body, path: relativePath, firstLine: candidate.bodyFirstLine) {
                site.links.resolve($0.destination, from: relativePath, language: candidate.language, isImage: $0.isImage)
            }
            problems.append(contentsOf: rendered.diagnostics)
            bodyHTML = rendered.html
        }
        let exclusion = PublicationPolicy(today: today).exclusion(of: candidate)
        problems.append(contentsOf: SiteChecker.itemFindings(candidate, exclusion: exclusion))
        return Result(problems: problems.sorted, item: candidate, bodyHTML: bodyHTML, translations: translations)
    }
}

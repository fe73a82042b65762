import Foundation

/// The whole pipeline: load → resolve → render → write, each stage a plain function of the last.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var siteRoot: String
        /// Where the portal is written; `Public` in the site folder unless given.
        public var output: String?
        public var baseURL: String?
        public var includeDrafts: Bool
        public var includeFuture: Bool
        public var includeExpired: Bool
        /// The moment the build publishes for (scheduled and expired items are judged against it).
        public var now: Date

        public init(siteRoot: String, output: String? = nil, baseURL: String? = nil, includeDrafts: Bool = false,
                    includeFuture: Bool = false, includeExpired: Bool = false, now: Date = Date()) {
            self.siteRoot = siteRoot
            self.output = output
            self.baseURL = baseURL
            self.includeDrafts = includeDrafts
            self.includeFuture = includeFuture
            self.includeExpired = includeExpired
            self.now = now
        }
    }

    public struct Result: Sendable {
        public var pagesPerLanguage: [String: Int]
        public var filesWritten: Int
        public var warnings: [Diagnostic]
        public var outputPath: String
    }

    /// Everything up to the files, without writing: what `check` needs, and tests.
    public static func plan(_ options: Options) -> (files: [OutputFile], site: ResolvedSite?, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let root = options.siteRoot
        let (configuration, configProblems) = ConfigurationLoader.load(siteRoot: root, baseURLOverride: options.baseURL)
        diagnostics.append(contentsOf: configProblems.all)
        guard let configuration else { return ([], nil, diagnostics) }
        let (loaded, loadProblems) = ContentLoader.load(siteRoot: root, configuration: configuration)
        diagnostics.append(contentsOf: loadProblems.all)
        let policy = PublicationPolicy(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture,
                                       includeExpired: options.includeExpired,
                                       today: PublicationPolicy.today(at: configuration.timeZone, now: options.now))
        let (content, excluded) = policy.apply(loaded)
        let (theme, themeProblems) = Theme.load(siteRoot: root, name: configuration.theme, languages: configuration.languages.map(\.code))
        diagnostics.append(contentsOf: themeProblems.all)
        let (site, resolveProblems) = Resolver.resolve(content, configuration: configuration, siteRoot: root, excluded: excluded)
        diagnostics.append(contentsOf: resolveProblems.all)
        guard let theme, !diagnostics.hasErrors else { return ([], site, diagnostics) }
        let (files, renderProblems) = SiteRenderer.render(site, theme: theme)
        diagnostics.append(contentsOf: renderProblems.all)
        var all = files
        for file in site.staticFiles { all.append(.copy(path: file.outputPath, from: root + "/" + file.sourcePath)) }
        // Two sources for one output path would make the result depend on write order.
        var seen: [String: Int] = [:]
        for file in all { seen[file.path, default: 0] += 1 }
        for (path, count) in seen where count > 1 {
            diagnostics.error(SourceLocation(path: "Content/" + path), "two files would be written to \(path); rename the content or theme file")
        }
        return (all, site, diagnostics)
    }

    public static func build(_ options: Options) throws(BuildFailure) -> Result {
        let (files, site, diagnostics) = plan(options)
        if diagnostics.hasErrors || site == nil { throw BuildFailure(diagnostics.sorted) }
        let output = options.output.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
            ?? options.siteRoot + "/Public"
        do {
            let summary = try OutputWriter.write(files, to: output)
            var pages: [String: Int] = [:]
            let others = site!.languages.filter { !site!.prefix($0).isEmpty }
            for file in files where file.path.hasSuffix(".html") {
                let language = others.first { file.path.hasPrefix(site!.prefix($0)) } ?? site!.configuration.defaultLanguage
                pages[language, default: 0] += 1
            }
            return Result(pagesPerLanguage: pages, filesWritten: summary.filesWritten, warnings: diagnostics.warnings, outputPath: output)
        } catch {
            throw BuildFailure([.error(at: SourceLocation(path: output), "could not write the site: \(error)")] + diagnostics.sorted)
        }
    }
}

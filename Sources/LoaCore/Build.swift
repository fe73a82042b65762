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
        /// Where to write a JSON report of the files written, changed and removed.
        public var reportPath: String?
        /// Told of each stage as it starts, for progress on a terminal.
        public var progress: (@Sendable (String) -> Void)?

        public init(siteRoot: String, output: String? = nil, baseURL: String? = nil, includeDrafts: Bool = false,
                    includeFuture: Bool = false, includeExpired: Bool = false, now: Date = Date(), reportPath: String? = nil) {
            self.siteRoot = siteRoot
            self.output = output
            self.baseURL = baseURL
            self.includeDrafts = includeDrafts
            self.includeFuture = includeFuture
            self.includeExpired = includeExpired
            self.now = now
            self.reportPath = reportPath
        }
    }

    public struct Result: Sendable {
        public var pagesPerLanguage: [String: Int]
        public var filesWritten: Int
        public var warnings: [Diagnostic]
        public var outputPath: String
        public var report: BuildReport?
    }

    /// Everything a build knows before it writes: what `check` and `serve` need too.
    public struct Plan: Sendable {
        public var configuration: SiteConfiguration?
        /// Every item read, published or not.
        public var loaded: LoadedContent
        /// Items left out of this build, by source path, and why.
        public var excluded: [String: PublicationPolicy.Exclusion]
        public var policy: PublicationPolicy?
        public var site: ResolvedSite?
        public var files: [OutputFile]
        public var diagnostics: Diagnostics
    }

    public static func analyse(_ options: Options) -> Plan {
        var diagnostics = Diagnostics()
        let root = options.siteRoot
        let (configuration, configProblems) = ConfigurationLoader.load(siteRoot: root, baseURLOverride: options.baseURL)
        diagnostics.append(contentsOf: configProblems.all)
        var plan = Plan(configuration: configuration, loaded: LoadedContent(items: [], staticFiles: []), excluded: [:],
                        policy: nil, site: nil, files: [], diagnostics: diagnostics)
        guard let configuration else { return plan }
        options.progress?("reading content")
        let (loaded, loadProblems) = ContentLoader.load(siteRoot: root, configuration: configuration)
        diagnostics.append(contentsOf: loadProblems.all)
        let policy = PublicationPolicy(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture,
                                       includeExpired: options.includeExpired,
                                       today: PublicationPolicy.today(at: configuration.timeZone, now: options.now))
        let (content, excluded) = policy.apply(loaded)
        plan.loaded = loaded
        plan.excluded = excluded
        plan.policy = policy
        let (theme, themeProblems) = Theme.load(siteRoot: root, name: configuration.theme, languages: configuration.languages.map(\.code))
        diagnostics.append(contentsOf: themeProblems.all)
        options.progress?("resolving links and indexes")
        let (site, resolveProblems) = Resolver.resolve(content, configuration: configuration, siteRoot: root, excluded: excluded)
        diagnostics.append(contentsOf: resolveProblems.all)
        plan.site = site
        guard let theme, !diagnostics.hasErrors else {
            plan.diagnostics = diagnostics
            return plan
        }
        options.progress?("rendering \(site.items.count) items")
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
        plan.files = all
        plan.diagnostics = diagnostics
        return plan
    }

    /// The files, the resolved site and the problems of a build, without writing.
    public static func plan(_ options: Options) -> (files: [OutputFile], site: ResolvedSite?, diagnostics: Diagnostics) {
        let p = analyse(options)
        return (p.files, p.site, p.diagnostics)
    }

    public static func build(_ options: Options) throws(BuildFailure) -> Result {
        let (files, site, diagnostics) = plan(options)
        if diagnostics.hasErrors || site == nil { throw BuildFailure(diagnostics.sorted) }
        let output = options.output.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
            ?? options.siteRoot + "/Public"
        do {
            let before = options.reportPath != nil ? OutputWriter.hashes(of: output) : [:]
            options.progress?("writing \(files.count) files")
            let summary = try OutputWriter.write(files, to: output, hashing: options.reportPath != nil)
            var report: BuildReport?
            if let reportPath = options.reportPath {
                let r = BuildReport(output: output, before: before.filter { $0.key != ".gitkeep" }, after: summary.hashes)
                try FileIO.write(r.json(), to: reportPath)
                report = r
            }
            var pages: [String: Int] = [:]
            let others = site!.languages.filter { !site!.prefix($0).isEmpty }
            for file in files where file.path.hasSuffix(".html") {
                let language = others.first { file.path.hasPrefix(site!.prefix($0)) } ?? site!.configuration.defaultLanguage
                pages[language, default: 0] += 1
            }
            return Result(pagesPerLanguage: pages, filesWritten: summary.filesWritten, warnings: diagnostics.warnings,
                          outputPath: output, report: report)
        } catch {
            throw BuildFailure([.error(at: SourceLocation(path: output), "could not write the site: \(error)")] + diagnostics.sorted)
        }
    }
}

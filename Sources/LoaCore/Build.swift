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
        /// Threads for decoding and rendering (1: a single-threaded build, same output).
        public var workers: Int = Parallel.workers
        /// Reuse decoded content files from `.loa-cache/` when they have not changed.
        public var useCache = true
        /// Keep a manifest of the output for the next build (false: always a full build, and no
        /// manifest left behind, for one-off builds into throwaway folders).
        public var incremental = true
        /// Start from the last build's resolved site when only a few files changed (see
        /// `SiteSnapshot`); false always loads and resolves every file: to compare the two
        /// (`loa-bench`, tests).
        public var reusesLastSite = true
        /// False for a process that ends after the build (the command line): the site's data is
        /// then left for the process's end instead of freed item by item, which took a tenth of
        /// a second of a one-file rebuild of a large site.
        public var freesMemory = true
        /// Replace an output folder that holds files Loa did not write (`--force-replace`).
        /// Never the site, its sources, the home folder or the root (`OutputGuard`).
        public var forceReplace = false
        /// Index the site for search with Pagefind when its binary is found; nil: as the site's
        /// `search:` says (on by default). Without the binary the site has no search box and
        /// the build says why in one warning.
        public var search: Bool?
        /// The environment the Pagefind binary is looked for in (`LOA_PAGEFIND`, `PATH`).
        public var environment: [String: String] = ProcessInfo.processInfo.environment
        /// Set by the build: the Pagefind binary it indexes with.
        var searchBinary: String?

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
        /// Files an incremental build left as they were.
        public var filesUnchanged: Int = 0
        /// True when only text below front matter had changed, so the last build's resolved
        /// site was reused and only the changed items' pages rendered (see `SiteSnapshot`).
        public var reusedSite = false
        /// True when only a few items' front matter (and maybe bodies) had changed, so the
        /// last build's site was taken with them put in their places, and only the pages that can
        /// show them rendered (see `FrontMatterEdits`).
        public var frontMatterEdited = false
        /// True when the site was indexed for search.
        public var searchIndexed = false
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
        public var theme: Theme?
        /// Filled by `analyse`, which renders into memory (unless told to keep only paths);
        /// empty after `prepare`.
        public var files: [OutputFile]
        /// Where every file goes: filled by `analyse`, even when it keeps no files.
        public var outputPaths: Set<String> = []
        /// Links and images of each item's body (source path → references), from rendering.
        public var links: [String: [LinkReference]]
        public var diagnostics: Diagnostics
    }

    /// The site's configuration and theme, with their problems: read once per build.
    struct Setting {
        var configuration: SiteConfiguration?
        var configurationProblems: Diagnostics
        var theme: Theme?
        var themeProblems = Diagnostics()

        init(_ options: Options) {
            (configuration, configurationProblems) = ConfigurationLoader.load(siteRoot: options.siteRoot, baseURLOverride: options.baseURL)
            guard let configuration else { return }
            (theme, themeProblems) = Theme.load(siteRoot: options.siteRoot, name: configuration.theme,
                                                languages: configuration.languages.map(\.code))
        }
    }

    /// Load, publication policy and resolve: everything before rendering.
    static func prepare(_ options: Options, setting: Setting? = nil) -> Plan {
        var diagnostics = Diagnostics()
        let root = options.siteRoot
        let setting = setting ?? Setting(options)
        let configuration = setting.configuration
        diagnostics.append(contentsOf: setting.configurationProblems.all)
        var plan = Plan(configuration: configuration, loaded: LoadedContent(items: [], staticFiles: []), excluded: [:],
                        policy: nil, site: nil, theme: nil, files: [], links: [:], diagnostics: diagnostics)
        guard let configuration else { return plan }
        options.progress?("reading content")
        let (loaded, loadProblems, saveCache) = ContentLoader.loadLeavingCache(siteRoot: root, configuration: configuration,
                                                                               useCache: options.useCache, workers: options.workers)
        // Written on another core while the site is resolved, and done before this returns.
        let cacheSaved = Parallel.start(saveCache)
        defer { cacheSaved() }
        diagnostics.append(contentsOf: loadProblems.all)
        let policy = PublicationPolicy(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture,
                                       includeExpired: options.includeExpired,
                                       today: PublicationPolicy.today(at: configuration.timeZone, now: options.now))
        let (content, excluded) = policy.apply(loaded)
        plan.loaded = loaded
        plan.excluded = excluded
        plan.policy = policy
        diagnostics.append(contentsOf: setting.themeProblems.all)
        plan.theme = setting.theme
        options.progress?("resolving links and indexes")
        let (site, resolveProblems) = Resolver.resolve(content, configuration: configuration, siteRoot: root, excluded: excluded,
                                                       workers: options.workers)
        diagnostics.append(contentsOf: resolveProblems.all)
        plan.site = site
        plan.diagnostics = diagnostics
        return plan
    }

    /// Renders every page into the sink, then the site's own files (attachments, images).
    /// With `only`, just those items' pages: a build that reuses the last site (nothing else,
    /// static files included, can have changed).
    /// `relisting` adds the pages that show items whose front matter changed (see `FrontMatterEdits`).
    static func render(_ plan: inout Plan, options: Options, into sink: PageSink, only: [Int]? = nil, relisting: Relisting? = nil) {
        guard let site = plan.site, let theme = plan.theme else { return }
        options.progress?("rendering \(only?.count ?? site.items.count) items")
        plan.diagnostics.append(contentsOf: SiteRenderer.render(site, theme: theme, siteRoot: options.siteRoot, into: sink,
                                                                workers: options.workers, only: only, relisting: relisting,
                                                                search: options.searchBinary != nil).all)
        guard only == nil else { return }
        for file in site.staticFiles {
            do {
                try sink.copy(path: file.outputPath, from: options.siteRoot + "/" + file.sourcePath)
            } catch {
                plan.diagnostics.error(SourceLocation(path: file.sourcePath), "could not copy: \(error)")
            }
        }
    }

    /// When loading or resolving failed, the bodies' problems are still wanted: all at once.
    static func addBodyProblems(_ plan: inout Plan, options: Options) {
        guard let site = plan.site, plan.diagnostics.hasErrors else { return }
        plan.diagnostics.append(contentsOf: SiteRenderer.checkBodies(site, siteRoot: options.siteRoot, workers: options.workers))
    }

    /// The plan of a build that can reuse the last build's resolved site (see `SiteSnapshot`):
    /// nil unless only text below the front matter changed, and the output is as it was left.
    /// `previous` is nil when there is no last manifest file (a first build, a deleted output):
    /// the snapshot is not read then. A manifest that is there but cannot be read (damaged, of
    /// another version) is found while the snapshot is read, and the site is then not reused.
    static func reusableSite(_ options: Options, setting: Setting, output: String, previous: (() -> BuildManifest?)?,
                             snapshotPath: String) -> (plan: Plan, site: SiteSnapshot.Reuse)? {
        guard options.useCache, options.reusesLastSite, options.reportPath == nil, let previous else { return nil }
        let root = options.siteRoot
        guard let configuration = setting.configuration, !setting.configurationProblems.hasErrors,
              let theme = setting.theme, !setting.themeProblems.hasErrors else { return nil }
        let policy = PublicationPolicy(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture,
                                       includeExpired: options.includeExpired,
                                       today: PublicationPolicy.today(at: configuration.timeZone, now: options.now))
        let key = SiteSnapshot.key(configuration: configuration, theme: theme, options: options, today: policy.today)
        // The last manifest is read, and then every output file's stamp checked, on another core
        // while the snapshot is read (when the snapshot cannot be used, the check runs to its
        // end unused: a tenth of a second).
        let intact = Parallel.start { previous()?.outputIsIntact(output, workers: 1) ?? false }
        guard var reuse = SiteSnapshot.reuse(snapshotPath, key: key, configuration: configuration, policy: policy, siteRoot: root,
                                             edits: SiteSnapshot.Edits.read(SiteSnapshot.Edits.location(snapshot: snapshotPath)),
                                             workers: options.workers),
              intact() else { return nil }
        // Dates that changed are in the sitemap, which the build does not make whole.
        if var relisting = reuse.relisting, !relisting.redated.isEmpty {
            guard let last = FileIO.read(output + "/sitemap.xml"),
                  let sitemap = SiteRenderer.sitemap(last, redating: relisting.redated, in: reuse.snapshot.site) else { return nil }
            relisting.sitemap = sitemap
            reuse.relisting = relisting
        }
        var diagnostics = Diagnostics()
        diagnostics.append(contentsOf: reuse.snapshot.warnings)
        let plan = Plan(configuration: configuration, loaded: LoadedContent(items: [], staticFiles: reuse.snapshot.site.staticFiles),
                        excluded: reuse.snapshot.excluded, policy: policy, site: reuse.snapshot.site, theme: theme, files: [], links: [:],
                        diagnostics: diagnostics)
        return (plan, reuse)
    }

    /// The snapshot of a build that loaded and resolved every file, for the next build.
    static func makeSnapshot(_ plan: Plan, warnings: [Diagnostic], options: Options) -> SiteSnapshot? {
        guard let site = plan.site, let theme = plan.theme, let policy = plan.policy else { return nil }
        var frontMatter: [String: UInt64] = [:]
        for item in plan.loaded.items { frontMatter[item.sourcePath] = item.frontMatterHash }
        var sources: [String: SiteSnapshot.Source] = [:]
        for (relative, stamp) in plan.loaded.stamps {
            let hash = relative.hasSuffix(".md") ? frontMatter[ContentLoader.contentFolder + "/" + relative] : 0
            guard let hash else { return nil }  // a Markdown file that did not load: no snapshot
            sources[relative] = SiteSnapshot.Source(size: stamp.size, modified: stamp.modified, frontMatter: hash)
        }
        return SiteSnapshot(key: SiteSnapshot.key(configuration: site.configuration, theme: theme, options: options, today: policy.today),
                            savedAt: 0, sources: sources, site: site, excluded: plan.excluded, warnings: warnings)
    }

    /// A whole build in memory, without writing: for `check`, tests and tools. Without
    /// `keepingContents`, only where each file would go is kept (`outputPaths`), not the files.
    public static func analyse(_ options: Options, keepingContents: Bool = true) -> Plan {
        analyse(options, keepingContents: keepingContents, setting: Setting(options))
    }

    /// With the configuration and theme already read (`check` analyses the site twice).
    static func analyse(_ options: Options, keepingContents: Bool, setting: Setting) -> Plan {
        var plan = prepare(options, setting: setting)
        addBodyProblems(&plan, options: options)
        guard plan.site != nil, plan.theme != nil, !plan.diagnostics.hasErrors else { return plan }
        let sink = CollectingSink(keepsContents: keepingContents)
        render(&plan, options: options, into: sink)
        plan.files = sink.sortedFiles
        plan.outputPaths = sink.paths
        plan.links = sink.links
        reportClashes(sink.clashes, into: &plan.diagnostics)
        return plan
    }

    /// Two sources for one output path would make the result depend on write order.
    static func reportClashes(_ clashes: [String], into diagnostics: inout Diagnostics) {
        for path in Set(clashes).sorted() {
            diagnostics.error(SourceLocation(path: "Content/" + path), "two files would be written to \(path); rename the content or theme file")
        }
    }

    /// The files, the resolved site and the problems of a build, without writing.
    public static func plan(_ options: Options) -> (files: [OutputFile], site: ResolvedSite?, diagnostics: Diagnostics) {
        let p = analyse(options)
        return (p.files, p.site, p.diagnostics)
    }

    /// Builds the site into the output folder. Pages stream from rendering to disk. With the
    /// manifest of an earlier build into the same folder, only pages whose inputs changed are
    /// rendered and only files whose bytes changed are written; otherwise the site is built into
    /// a staging folder that replaces the output at the end. Either way, a build with errors
    /// leaves the output exactly as it was.
    public static func build(_ options: Options) throws(BuildFailure) -> Result {
        var options = options
        var searchWarning: String?
        // `--search` / `--no-search`, else the site's `search:` (read again when the build loads
        // the site: a small file, and a configuration with errors fails the build there).
        let configuration = options.search == false ? nil : ConfigurationLoader.load(siteRoot: options.siteRoot).0
        if options.search ?? configuration?.search ?? true {
            let configured = configuration?.pagefind.map { $0.hasPrefix("/") ? $0 : options.siteRoot + "/" + $0 }
            options.searchBinary = Pagefind.locate(environment: options.environment, configured: configured)
            if options.searchBinary == nil {
                searchWarning = options.environment["LOA_PAGEFIND"].map { "LOA_PAGEFIND names \($0), which is not a program: the site is built without search" }
                    ?? configured.map { "the site's 'pagefind' names \($0), which is not a program: the site is built without search" }
                    ?? "Pagefind was not found (pip install 'pagefind[extended]'): the site is built without search"
            }
        }
        // Before any file is looked at: the snapshot trusts only stamps older than this.
        let started = Int(Date().timeIntervalSince1970 * 1_000_000_000)
        let root = options.siteRoot
        let given = options.output.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
            .map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? root + "/Public"
        // Before anything is read or written: is the folder Loa's to replace?
        try OutputGuard.check(output: given, siteRoot: root, manifest: {
            BuildManifest.read(BuildManifest.location(siteRoot: root, output: given))
        }, force: options.forceReplace)
        if let report = options.reportPath, let problem = OutputGuard.reportProblem(report, siteRoot: root) {
            throw BuildFailure([.error(at: SourceLocation(path: report), problem)])
        }
        // A symbolic link to the output is followed, so the folder it names is updated in place.
        let output = OutputGuard.resolved(given)
        let manifestPath = BuildManifest.location(siteRoot: root, output: output)
        let snapshotPath = SiteSnapshot.location(siteRoot: root, output: output)
        // Read on another core while the configuration, the theme and the last site are read.
        let readingPrevious = options.incremental && FileIO.isDirectory(output) && FileIO.exists(manifestPath)
            ? Parallel.start { BuildManifest.read(manifestPath) } : nil
        var plan: Plan
        // Warnings of reading and resolving, which a build that reuses the site reports again
        // (those of rendering come from the pages it renders).
        var siteWarnings: [Diagnostic] = []
        let setting = Setting(options)
        let reuse = reusableSite(options, setting: setting, output: output, previous: readingPrevious, snapshotPath: snapshotPath)
        let previous = readingPrevious?()
        if let reuse {
            options.progress?(reuse.site.relisting == nil ? "only text below the front matter changed: reusing the last build's site"
                              : "only a few items' front matter changed: the last build's site with them moved in their lists")
            plan = reuse.plan
        } else {
            plan = prepare(options, setting: setting)
            siteWarnings = plan.diagnostics.warnings
            addBodyProblems(&plan, options: options)
        }
        guard let site = plan.site, plan.theme != nil, !plan.diagnostics.hasErrors else { throw BuildFailure(plan.diagnostics.sorted) }
        let scratch = output + ".loa-staging-\(getpid())"
        OutputGuard.removeLeftovers(beside: output)
        do {
            let parent = FileIO.parentPath(output)
            if !parent.isEmpty { try FileIO.makeDirectories(parent) }
            try FileIO.makeDirectories(scratch)
            // First, so a staging folder left by a killed build is known as Loa's.
            try OutputGuard.writeMarker(into: scratch)
        } catch {
            throw BuildFailure([.error(at: SourceLocation(path: output), "could not create \(scratch): \(error)")])
        }
        let before = options.reportPath != nil
            ? OutputWriter.hashes(of: output).filter {
                $0.key != ".gitkeep" && $0.key != OutputGuard.markerName && !$0.key.hasPrefix(Pagefind.folder + "/")
            } : [:]
        let sink = FileSink(folder: scratch, output: output, previous: previous, hashing: options.reportPath != nil)
        render(&plan, options: options, into: sink, only: reuse?.site.changedItems, relisting: reuse?.site.relisting)
        do {
            try sink.finishWriting()
        } catch {
            plan.diagnostics.error(SourceLocation(path: output), "could not write the site: \(error)")
        }
        reportClashes(sink.clashes, into: &plan.diagnostics)
        if plan.diagnostics.hasErrors {
            OutputGuard.removeOwnTree(scratch)
            throw BuildFailure(plan.diagnostics.sorted)
        }
        if reuse != nil { sink.keepTheRest() }
        // An incremental build brings the output's spare to the new state now, so that search
        // indexes the whole new site and the output is replaced in one step (see `SpareOutput`).
        var spare: String?
        if previous != nil {
            do {
                let opened = try SpareOutput.open(beside: output, outputManifest: manifestPath)
                let lost = try SpareOutput.patch(opened.path, holds: opened.holds, to: sink.manifest.entries, written: sink.written,
                                                 staged: scratch, live: output, workers: options.workers)
                sink.forget(lost)
                try SpareOutput.match(opened.path, live: output, names: [".gitkeep"], folders: [])
                spare = opened.path
            } catch {
                OutputGuard.removeOwnTree(scratch)
                throw BuildFailure([.error(at: SourceLocation(path: output), "could not write the site: \(error)")] + plan.diagnostics.sorted)
            }
        }
        // Search: indexed over the staged site, so a failed indexing fails the build and leaves
        // the output as it was.
        if let binary = options.searchBinary {
            options.progress?("indexing for search")
            // The pages the build wrote or kept, rather than a walk of the output.
            let pages = sink.manifest.entries.keys.filter { $0.hasSuffix(".html") }.sorted()
            do {
                if let spare {
                    let changed = sink.written.filter { $0.hasSuffix(".html") }
                        .union(previous!.entries.keys.filter { $0.hasSuffix(".html") && sink.manifest.entries[$0] == nil })
                    let pagesChanged = !changed.isEmpty || !FileIO.isDirectory(output + "/" + Pagefind.folder)
                    // A few pages changed: only they are indexed, beside the last full index (see
                    // `SearchDelta`); else the whole new site.
                    if pagesChanged, try !SearchDelta.update(spare: spare, live: output, changed: changed, binary: binary,
                                                             cache: manifestPath + "-search") {
                        FileIO.removeTree(spare + "/" + Pagefind.folder)
                        try Pagefind.index(binary: binary, site: spare, pages: pages)
                    } else if !pagesChanged {
                        try SpareOutput.match(spare, live: output, names: [], folders: [Pagefind.folder])
                    }
                } else {
                    try Pagefind.index(binary: binary, site: scratch, pages: pages)
                }
            } catch {
                OutputGuard.removeOwnTree(scratch)
                let problems = (error as? BuildFailure)?.diagnostics
                    ?? [.error(at: SourceLocation(path: output), "could not index the site for search: \(error)")]
                throw BuildFailure(problems + plan.diagnostics.sorted)
            }
        } else if let spare {
            FileIO.removeTree(spare + "/" + Pagefind.folder)  // written by Loa's last build with search
        }
        options.progress?("writing")
        // The next build's snapshot. One that was reused stays as it is but after many changes
        // (see `SiteSnapshot.changesKeptInPlace`), or after a few items' front matter changed,
        // which are recorded beside it instead (see `SiteSnapshot.Edits`).
        let snapshot: SiteSnapshot?
        let recordsEdits = reuse.map { $0.site.relisting != nil && $0.site.edits.count <= FrontMatterEdits.limit } ?? false
        if let reuse {
            snapshot = reuse.site.snapshot.site.isPartial || recordsEdits ? nil : reuse.site.snapshot
        } else {
            snapshot = options.incremental && options.useCache && options.reportPath == nil
                ? makeSnapshot(plan, warnings: siteWarnings, options: options) : nil
        }
        // Gone until the new one is written: a snapshot must never be older than the manifest
        // (but for bodies, as above).
        let editsPath = SiteSnapshot.Edits.location(snapshot: snapshotPath)
        if reuse == nil || snapshot != nil {
            unlink(snapshotPath)
            unlink(editsPath)
        } else if let reuse, recordsEdits {
            // Before the output is replaced: a snapshot older than the output must say how.
            let edits = SiteSnapshot.Edits(snapshotSavedAt: reuse.site.snapshot.savedAt, frontMatter: reuse.site.edits)
            if (try? SiteSnapshot.write(edits.encoded(), to: editsPath)) == nil {
                unlink(snapshotPath)
                unlink(editsPath)
            }
        }
        // Encoded on another core while the output is moved into place and the manifest written.
        let snapshotBytes = snapshot.map { snapshot in
            var snapshot = snapshot
            snapshot.savedAt = started
            let saved = snapshot
            return Parallel.start { saved.encoded() }
        }
        do {
            if let spare {
                // An output made before the marker gets it now: it is the next build's spare.
                if !OutputGuard.hasMarker(output) { try OutputGuard.writeMarker(into: output) }
                try OutputWriter.exchange(spare, output)
                SpareOutput.adopt(outputManifest: manifestPath)
            } else {
                // The repository keeps the empty output folder in git through this marker.
                if let keep = FileIO.read(output + "/.gitkeep") { try FileIO.write(keep, to: scratch + "/.gitkeep") }
                try OutputWriter.swap(scratch, into: output)
            }
            sink.stampWritten(workers: options.workers)
            if options.incremental {
                try sink.manifest.write(manifestPath)
                // Losing the snapshot costs only time: the next build loads everything.
                if let snapshotBytes { try? SiteSnapshot.write(snapshotBytes(), to: snapshotPath) }
            }
        } catch {
            OutputGuard.removeOwnTree(scratch)
            throw BuildFailure([.error(at: SourceLocation(path: output), "could not write the site: \(error)")] + plan.diagnostics.sorted)
        }
        OutputGuard.removeOwnTree(scratch)

        var report: BuildReport?
        if let reportPath = options.reportPath {
            let r = BuildReport(output: output, before: before, after: sink.sha256)
            try? FileIO.write(r.json(), to: reportPath)
            report = r
        }
        if !options.freesMemory { Leftovers.keep([plan, sink, previous as Any, reuse as Any]) }
        var pages: [String: Int] = [:]
        let others = site.languages.filter { !site.prefix($0).isEmpty }
        for path in sink.manifest.entries.keys where path.hasSuffix(".html") {
            let language = others.first { path.hasPrefix(site.prefix($0)) } ?? site.configuration.defaultLanguage
            pages[language, default: 0] += 1
        }
        var warnings = plan.diagnostics.warnings
        if let searchWarning { warnings.append(.warning(at: SourceLocation(path: "search"), searchWarning)) }
        return Result(pagesPerLanguage: pages, filesWritten: sink.written.count, warnings: warnings,
                      outputPath: output, report: report, filesUnchanged: sink.kept.count + sink.carriedOver, reusedSite: reuse.map { $0.site.relisting == nil } ?? false,
                      frontMatterEdited: reuse?.site.relisting != nil,
                      searchIndexed: options.searchBinary != nil)
    }
}

/// What builds of a process that is about to end no longer need (see `Options.freesMemory`).
enum Leftovers {
    nonisolated(unsafe) private static var kept: [Any] = []
    private static let lock = NSLock()

    static func keep(_ values: [Any]) {
        lock.lock(); defer { lock.unlock() }
        kept.append(contentsOf: values)
    }
}

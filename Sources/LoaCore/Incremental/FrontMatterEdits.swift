import Foundation

/// The front matter of a few Markdown files changed since the last build, or a few came or went
/// (an editor saving a title, a district, a topic in `loa serve`).
///
/// Every other file is as the last build saw it, so its item is the one in the snapshot: only
/// the changed files are read, the site is resolved again from those items (addresses, lists,
/// indexes, links: anything may move), and every page is then rendered against the manifest,
/// which skips the pages whose inputs did not change. Loading every file through the content
/// cache is what this saves. Anything it is not sure of (a problem in a changed file, a release
/// whose date could not be taken from its document, a changed document while a release is left
/// out of the site, a resolve error) leaves the decision to the usual build, which reports
/// problems as it always does.
struct FrontMatterEdits {
    /// Up to this many files: beyond, the usual build.
    static let limit = 64

    /// Markdown files whose front matter changed or which are new, by path relative to Content/.
    var edited: [String: [UInt8]] = [:]
    /// Markdown files gone, relative to Content/, sorted.
    var removed: [String] = []

    var isEmpty: Bool { edited.isEmpty && removed.isEmpty }

    struct Result {
        var site: ResolvedSite
        var excluded: [String: PublicationPolicy.Exclusion]
        var warnings: [Diagnostic]
    }

    /// The snapshot's site with the edits made and resolved again; nil when the usual build must decide.
    func apply(to items: [ResolvedItem], staticFiles: [StaticFile], excluded: [String: PublicationPolicy.Exclusion],
               warnings: [Diagnostic], configuration: SiteConfiguration, policy: PublicationPolicy, siteRoot: String,
               workers: Int) -> Result? {
        let folder = ContentLoader.contentFolder + "/"
        let touched = Set(edited.keys.map { folder + $0 } + removed.map { folder + $0 })
        let languages = Set(configuration.languages.map(\.code))
        var decoded: [ContentItem] = []
        for (relative, bytes) in edited.sorted(by: { $0.key < $1.key }) {
            let components = relative.split(separator: "/")
            guard components.count >= 2, let kind = ContentKind(rawValue: String(components[0])) else { return nil }
            var (item, problems) = ContentLoader.decode(bytes: bytes, path: folder + relative, kind: kind, languages: languages,
                                                        defaultLanguage: configuration.defaultLanguage, withBody: false)
            // Problems (even warnings) are the usual build's to report, with every other file's.
            guard problems.isEmpty, item != nil else { return nil }
            item!.sourceHash = ContentHash.of(bytes)
            decoded.append(item!)
        }
        var kept: [ContentItem] = []
        kept.reserveCapacity(items.count + decoded.count)
        for r in items where !touched.contains(r.item.sourcePath) { kept.append(r.item) }
        // A release without a date of its own takes its source document's (`SourceDates`): the
        // changed releases take it again, and so do the releases of a changed document. One
        // left out of the last build might now be due: the usual build decides then.
        let documentTouched = touched.contains { $0.hasPrefix(folder + ContentKind.document.folder + "/") }
        if documentTouched && excluded.keys.contains(where: { $0.hasPrefix(folder + ContentKind.pressRelease.folder + "/") }) { return nil }
        var dated: [Int] = []
        if documentTouched {
            for i in kept.indices where kept[i].dateFromSource != nil {
                guard let source = kept[i].source,
                      touched.contains(URLPaths.join(FileIO.parentPath(kept[i].sourcePath), URLPaths.splitSuffix(source).0) ?? "") else { continue }
                kept[i].date = nil
                kept[i].dateFromSource = nil
                dated.append(i)
            }
        }
        let first = kept.count
        kept += decoded
        var problems = Diagnostics()
        SourceDates.fill(&kept, diagnostics: &problems)
        let undated = (dated + Array(first..<kept.count)).contains { kept[$0].kind == .pressRelease && kept[$0].date == nil && kept[$0].source != nil }
        guard problems.all.isEmpty, !undated else { return nil }
        // The publication policy, as the usual build applies it after the dates are filled.
        var excluded = excluded
        for path in touched { excluded[path] = nil }
        var leaving = Set<Int>()
        for i in dated + Array(first..<kept.count) {
            guard let reason = policy.exclusion(of: kept[i]) else { continue }
            excluded[kept[i].sourcePath] = reason
            leaving.insert(i)
        }
        if !leaving.isEmpty { kept = kept.indices.filter { !leaving.contains($0) }.map { kept[$0] } }
        let (site, resolveProblems) = Resolver.resolve(LoadedContent(items: kept, staticFiles: staticFiles), configuration: configuration,
                                                       siteRoot: siteRoot, excluded: excluded, workers: workers)
        guard resolveProblems.all.isEmpty else { return nil }
        return Result(site: site, excluded: excluded, warnings: warnings.filter { !touched.contains($0.location.path) })
    }
}

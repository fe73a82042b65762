import Foundation

/// The front matter of a few press releases changed since the last build, and nothing else but
/// bodies (an editor saving a title, a summary, a district or topics in `loa serve`).
///
/// Such an edit leaves every address, translation, link target and menu as it was, and the
/// release where it is in the site's item array: the build takes the snapshot's site, puts the
/// releases decoded again in their places, moves each within its kind's list by binary search
/// with the list's own order (`Indexer.precedes`) and makes its language's district and topic
/// lists again from the kind lists (no sorting). It then renders those releases' pages and its
/// language's home, lists, district and topic pages and feed (each list page skipped when its key
/// is unchanged); every other page is carried over, as for a body edit. That is only right when
/// no page comes or goes and nothing site-wide moves, so anything else takes the usual build:
/// another kind, a problem or warning, a changed address, date, source, menu place, aliases or
/// publication, a release cited by another item, a district or topic list whose page count
/// changes. The snapshot is not saved again: the edited releases are recorded beside it
/// (`SiteSnapshot.Edits`) and decoded again by the next builds, until a build saves it.
struct FrontMatterEdits {
    /// Up to this many files: beyond, the usual build.
    static let limit = 8

    /// Markdown files whose front matter changed, by path relative to Content/, with their bytes.
    var edited: [String: [UInt8]] = [:]

    var isEmpty: Bool { edited.isEmpty }

    /// Puts the edited releases, decoded again, in their places in `items` (the snapshot's,
    /// read whole) and returns their positions with the items they replace; nil when the usual
    /// build must decide.
    func replace(in items: inout [ResolvedItem], warnings: [Diagnostic], configuration: SiteConfiguration,
                 policy: PublicationPolicy, checksCitations: Bool = true) -> [(index: Int, before: ContentItem)]? {
        let folder = ContentLoader.contentFolder + "/"
        let sources = Set(edited.keys.map { folder + $0 })
        // The usual build reports a file's warnings again; a fresh decode must be free of any.
        guard !warnings.contains(where: { sources.contains($0.location.path) }) else { return nil }
        var positions: [String: Int] = [:]
        for i in items.indices where sources.contains(items[i].item.sourcePath) { positions[items[i].item.sourcePath] = i }
        guard positions.count == sources.count else { return nil }  // a file left out of the last build
        let languages = Set(configuration.languages.map(\.code))
        var replaced: [(index: Int, before: ContentItem)] = []
        for (relative, bytes) in edited.sorted(by: { $0.key < $1.key }) {
            let i = positions[folder + relative]!
            let before = items[i].item
            guard before.kind == .pressRelease else { return nil }
            let (decoded, problems) = ContentLoader.decode(bytes: bytes, path: folder + relative, kind: .pressRelease, languages: languages,
                                                           defaultLanguage: configuration.defaultLanguage, withBody: false)
            guard problems.isEmpty, var item = decoded else { return nil }
            item.sourceHash = ContentHash.of(bytes)
            // A date taken from the source document (`SourceDates`): the same document, so the same date.
            if item.date == nil, before.dateFromSource != nil, item.source == before.source {
                item.date = before.date
                item.dateFromSource = before.dateFromSource
            }
            guard item.name == before.name, item.language == before.language, item.slug == before.slug,
                  item.date != nil, item.date == before.date, item.dateFromSource == before.dateFromSource,
                  item.source == before.source, item.menu == before.menu, item.aliases == before.aliases,
                  item.publishDate == before.publishDate, item.expiryDate == before.expiryDate,
                  policy.exclusion(of: item) == nil,
                  item.district.map({ configuration.district($0) != nil }) ?? true,
                  item.topics.allSatisfy({ configuration.topic($0) != nil }) else { return nil }
            items[i].item = item
            replaced.append((i, before))
        }
        // An item that cites an edited release shows its title: the usual build.
        let paths = Set(replaced.map { items[$0.index].path })
        guard !checksCitations || !items.contains(where: { $0.sourcePath.map(paths.contains) ?? false }) else { return nil }
        return replaced
    }

    /// Moves the replaced releases within their lists and makes their languages' district and
    /// topic lists again; returns those languages, or nil when a list's page count changed.
    static func reindex(_ site: inout ResolvedSite, replaced: [(index: Int, before: ContentItem)]) -> [String]? {
        let size = site.configuration.pageSize
        // A district or topic page lists each kind's first page of items and links to a list of
        // that kind when there are more (see `renderTerms`): its pages, if any.
        func listPages(_ indices: [Int]?, _ items: [ResolvedItem]) -> Int {
            let count = (indices ?? []).lazy.filter { items[$0].item.kind == .pressRelease }.count
            return count > size ? (count + size - 1) / size : 0
        }
        var languages: [String] = []
        for (i, _) in replaced {
            let language = site.items[i].item.language
            if !languages.contains(language) { languages.append(language) }
            var list = site.byKind[language]?[.pressRelease] ?? []
            guard let old = list.firstIndex(of: i) else { return nil }
            list.remove(at: old)
            let key = Indexer.listKey(i, kind: .pressRelease, site: site, language: language)
            var low = 0, high = list.count
            while low < high {
                let middle = (low + high) / 2
                if Indexer.precedes(Indexer.listKey(list[middle], kind: .pressRelease, site: site, language: language), key, kind: .pressRelease) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            list.insert(i, at: low)
            site.byKind[language]?[.pressRelease] = list
        }
        for language in languages {
            let (byDistrict, byTopic) = Indexer.terms(site.byKind[language] ?? [:], site: site)
            // A page that comes or goes changes the sitemap and leaves a file behind: the usual build.
            for (before, after) in [(site.byDistrict[language] ?? [:], byDistrict), (site.byTopic[language] ?? [:], byTopic)] {
                for term in Set(before.keys).union(after.keys) where listPages(before[term], site.items) != listPages(after[term], site.items) {
                    return nil
                }
            }
            site.byDistrict[language] = byDistrict
            site.byTopic[language] = byTopic
        }
        return languages
    }
}

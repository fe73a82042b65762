import Foundation

/// The front matter of a few items of any kind changed since the last build, and nothing else
/// but bodies (an editor saving a title, a summary, a district, topics, a date or a kind's own
/// fields in `loa serve`).
///
/// Such an edit leaves every address, translation, link target and menu as it was, and the
/// item where it is in the site's item array: the build takes the snapshot's site, puts the
/// items decoded again in their places, moves each within its kind's list by binary search
/// with the list's own order (`Indexer.precedes`), and makes its language's district and topic
/// lists (and document filters) again from the kind lists, without sorting. It then renders the
/// pages that show those items (see `Relisting`): their own pages, those of items citing them,
/// the organisation pages of their language when a document or spokesperson changed, every
/// language's document index when a document did, their language's home, kind lists, district
/// and topic pages and feeds, and the sitemap's dates (patched from the last build's);
/// each list page is skipped when its key is unchanged, and every other page is carried over, as
/// for a body edit.
///
/// That is only right when no page comes or goes and nothing site-wide moves, so these take the
/// usual build: a problem or warning; a changed address (slug), source, menu place, aliases,
/// publication dates or publication; a release's date switching between its own and its
/// document's; a document's attachments or an organisation's chart picture; the title of a
/// page in the menu (on every page) or of an organisation (documents and spokespersons name it);
/// a date that changes the site's newest ("last updated" on every page) or that releases take
/// from the edited document; a district, topic or document filter list whose page count changes.
/// The snapshot is not saved again: the edited items are recorded beside it
/// (`SiteSnapshot.Edits`) and decoded again by the next builds, until a build saves it.
struct FrontMatterEdits {
    /// Up to this many files: beyond, the usual build.
    static let limit = 8

    /// Markdown files whose front matter changed, by path relative to Content/, with their bytes.
    var edited: [String: [UInt8]] = [:]

    var isEmpty: Bool { edited.isEmpty }

    /// The items put in, each with the item it replaces, and the items that cite one of them
    /// (their pages show its title).
    struct Replaced {
        var items: [(index: Int, before: ContentItem)] = []
        var citing: [Int] = []
    }

    /// Puts the edited items, decoded again, in their places in `items` (the snapshot's, read
    /// whole, or in outline but for the edited ones) and gives each item citing one of them its
    /// new title; nil when the usual build must decide.
    func replace(in items: inout [ResolvedItem], warnings: [Diagnostic], configuration: SiteConfiguration,
                 policy: PublicationPolicy) -> Replaced? {
        let folder = ContentLoader.contentFolder + "/"
        let sources = Set(edited.keys.map { folder + $0 })
        // The usual build reports a file's warnings again; a fresh decode must be free of any.
        guard !warnings.contains(where: { sources.contains($0.location.path) }) else { return nil }
        var positions: [String: Int] = [:]
        for i in items.indices where sources.contains(items[i].item.sourcePath) { positions[items[i].item.sourcePath] = i }
        guard positions.count == sources.count else { return nil }  // a file left out of the last build
        let languages = Set(configuration.languages.map(\.code))
        var replaced = Replaced()
        for (relative, bytes) in edited.sorted(by: { $0.key < $1.key }) {
            let i = positions[folder + relative]!
            let before = items[i].item
            let (decoded, problems) = ContentLoader.decodeFrontMatter(bytes: bytes, path: folder + relative, kind: before.kind,
                                                                      languages: languages, defaultLanguage: configuration.defaultLanguage)
            guard problems.isEmpty, var item = decoded else { return nil }
            // A date taken from the source document (`SourceDates`): the same document, so the same date.
            if item.date == nil, before.dateFromSource != nil, item.source == before.source {
                item.date = before.date
                item.dateFromSource = before.dateFromSource
            }
            guard item.kind == before.kind, item.name == before.name, item.language == before.language, item.slug == before.slug,
                  item.dateFromSource == before.dateFromSource,
                  item.source == before.source, item.menu == before.menu, item.aliases == before.aliases,
                  item.publishDate == before.publishDate, item.expiryDate == before.expiryDate,
                  policy.exclusion(of: item) == nil,
                  item.district.map({ configuration.district($0) != nil }) ?? true,
                  item.topics.allSatisfy({ configuration.topic($0) != nil }),
                  Self.resolvedAlike(item, before), !Self.showsSiteWide(item, before) else { return nil }
            items[i].item = item
            replaced.items.append((i, before))
        }
        // A new date that is the site's newest, or was: "last updated" is on every page.
        if replaced.items.contains(where: { items[$0.index].item.date != $0.before.date }) {
            var old: [Int: PartialDate?] = [:]
            for (i, before) in replaced.items { old[i] = before.date }
            var newest: PartialDate?, newestBefore: PartialDate?
            for i in items.indices {
                let date = items[i].item.date
                if let date, newest.map({ date > $0 }) ?? true { newest = date }
                if let date = old[i] ?? date, newestBefore.map({ date > $0 }) ?? true { newestBefore = date }
            }
            guard newest == newestBefore else { return nil }
        }
        // An item that cites an edited one shows its title, and may take its date from it.
        let byPath = Dictionary(uniqueKeysWithValues: replaced.items.map { (items[$0.index].path, $0) })
        for j in items.indices {
            guard let cited = items[j].sourcePath, let edit = byPath[URLPaths.splitSuffix(cited).0] else { continue }
            if items[j].item.dateFromSource != nil && items[edit.index].item.date != edit.before.date { return nil }
            items[j].sourceTitle = items[edit.index].item.title
            replaced.citing.append(j)
        }
        return replaced
    }

    /// What the resolve stage made of the item beyond its own fields is still right: the same
    /// attachments (their addresses and sizes are found then).
    static func resolvedAlike(_ item: ContentItem, _ before: ContentItem) -> Bool {
        func files(_ item: ContentItem) -> [String] {
            (item.document?.attachments ?? []).flatMap { [$0.title, $0.file] }
                + (item.organisation?.chartImage.map { [$0.file, $0.alt] } ?? [])
        }
        return files(item) == files(before)
    }

    /// A field shown on pages that cannot be bounded here: a menu page's title is in every
    /// page's footer, an organisation's title names it on its documents' and spokespersons' pages.
    static func showsSiteWide(_ item: ContentItem, _ before: ContentItem) -> Bool {
        guard item.title != before.title else { return false }
        return item.menu != nil || item.kind == .organisation
    }

    /// Moves the replaced items within their kinds' lists and makes their languages' district
    /// and topic lists (and document filters) again; returns what to render again, or nil when
    /// a page would come or go.
    static func reindex(_ site: inout ResolvedSite, replaced: [(index: Int, before: ContentItem)]) -> Relisting? {
        let size = site.configuration.pageSize
        func pages(_ count: Int) -> Int { (count + size - 1) / size }
        var relisting = Relisting()
        var organisationsShown: [String] = []
        for (i, before) in replaced {
            let item = site.items[i].item
            let (kind, language) = (item.kind, item.language)
            if item.date != before.date { relisting.redated.append(i) }
            if ContentKind.listed.contains(kind), !(relisting.kinds[language]?.contains(kind) ?? false) {
                relisting.kinds[language, default: []].append(kind)
                if !relisting.languages.contains(language) { relisting.languages.append(language) }
            }
            // An organisation's page lists its spokespersons and the documents it issued.
            if kind == .document || kind == .spokesperson, !organisationsShown.contains(language) { organisationsShown.append(language) }
            var list = site.byKind[language]?[kind] ?? []
            guard let old = list.firstIndex(of: i) else { return nil }
            list.remove(at: old)
            let key = Indexer.listKey(i, kind: kind, site: site, language: language)
            var low = 0, high = list.count
            while low < high {
                let middle = (low + high) / 2
                if Indexer.precedes(Indexer.listKey(list[middle], kind: kind, site: site, language: language), key, kind: kind) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            list.insert(i, at: low)
            site.byKind[language]?[kind] = list
        }
        for language in relisting.languages {
            let (byDistrict, byTopic) = Indexer.terms(site.byKind[language] ?? [:], site: site)
            // A district or topic page lists each kind's first page of items and links to a list
            // of that kind when there are more (see `renderTerms`): those lists' pages, by kind.
            // A page that comes or goes changes the sitemap and leaves a file behind: the usual build.
            func listPages(_ indices: [Int]?, _ items: [ResolvedItem]) -> [Int] {
                var counts = [Int](repeating: 0, count: ContentKind.allCases.count)
                for i in indices ?? [] { counts[ContentKind.allCases.firstIndex(of: items[i].item.kind)!] += 1 }
                return counts.map { $0 > size ? pages($0) : 0 }
            }
            for (before, after) in [(site.byDistrict[language] ?? [:], byDistrict), (site.byTopic[language] ?? [:], byTopic)] {
                for term in Set(before.keys).union(after.keys) where listPages(before[term], site.items) != listPages(after[term], site.items) {
                    return nil
                }
            }
            site.byDistrict[language] = byDistrict
            site.byTopic[language] = byTopic
            guard relisting.kinds[language]?.contains(.document) ?? false else { continue }
            // Each facet value has its list (see `renderDocumentIndex`), in every language's
            // filters' translations: every language's document index is rendered again.
            let filters = Indexer.documentFilters(site.byKind[language]?[.document] ?? [], site: site)
            for facet in DocumentFacet.allCases {
                let (before, after) = (site.documentFilters[language]?[facet] ?? [:], filters[facet] ?? [:])
                for value in Set(before.keys).union(after.keys) where pages(before[value]?.count ?? 0) != pages(after[value]?.count ?? 0) {
                    return nil
                }
            }
            site.documentFilters[language] = filters
            relisting.documentIndexes = site.languages
        }
        for language in organisationsShown { relisting.items += site.byKind[language]?[.organisation] ?? [] }
        return relisting
    }
}

/// What a build after front-matter edits renders besides the edited items' pages (see
/// `FrontMatterEdits`).
public struct Relisting: Sendable {
    /// Languages whose home, district and topic pages and feeds are rendered again, with the
    /// kinds whose lists are.
    var languages: [String] = []
    var kinds: [String: [ContentKind]] = [:]
    /// Languages whose document index and filtered lists are rendered again.
    var documentIndexes: [String] = []
    /// Other items whose pages show an edited one (organisations, items citing it).
    var items: [Int] = []
    /// Items whose date changed: the date of their sitemap entries.
    var redated: [Int] = []
    /// The sitemap with those dates, made from the last build's (see `SiteRenderer.sitemap(redating:)`).
    var sitemap: String?

    public init() {}
}

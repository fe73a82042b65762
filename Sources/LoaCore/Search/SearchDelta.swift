#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A rebuild with search that changed a few pages indexes only those pages, into a second index
/// (`pagefind/delta/`) that the search page merges with Pagefind's `mergeIndex`, instead of
/// indexing the whole site again (seconds on a large portal; Pagefind cannot add pages to an
/// index). The main index stays as the last full indexing wrote it but for one filter,
/// `current`, of its pages that did not change since; the search page searches with `current`
/// set and gives the delta's pages the same filter (`mergeFilter`), so a changed page is found
/// once, as it is now, and a removed one not at all (`Themes/default/static/js/search-index.js`).
/// Past `limit` pages changed since the full indexing, the build indexes the whole site again.
enum SearchDelta {
    static let folder = "delta"
    static let listName = "replaced.json"
    static let filterName = "current"

    /// What the search page reads first: the delta's languages, and the pages (paths in the
    /// output) changed or removed since the full indexing.
    struct List: Codable, Equatable {
        var languages: [String]
        var pages: [String]
    }

    /// The pages a delta may hold: beyond, the whole site is indexed again (the main index's
    /// word statistics, which rank results, drift from the site's as the delta grows, and each
    /// search loads the delta whole). A tenth of the indexed pages, at least 20 (a small site's
    /// delta is small anyway), at most 200.
    static func limit(indexed: Int) -> Int { min(200, max(20, indexed / 10)) }

    /// Pagefind's address of a page at `path` in the output: "places/x/index.html" → "/places/x/".
    static func url(_ path: String) -> String {
        if path == "index.html" { return "/" }
        if path.hasSuffix("/index.html") { return "/" + path.dropLast("index.html".count) }
        return "/" + path
    }

    /// Brings `spare`'s index to the new site as the live output's index plus a delta of the
    /// pages in `changed` (HTML pages) and those of the live output's delta. False when the whole site must
    /// be indexed instead (no index to start from, too many pages changed, a new language).
    /// `cache`: where the addresses of the main index's pages are kept between builds.
    static func update(spare: String, live: String, changed: Set<String>, binary: String, cache: String) throws -> Bool {
        let liveIndex = live + "/" + Pagefind.folder
        guard let entryBytes = FileIO.read(liveIndex + "/pagefind-entry.json"),
              let entry = try? JSONSerialization.jsonObject(with: Data(entryBytes)) as? [String: Any],
              let languages = entry["languages"] as? [String: Any] else { return false }
        let before = FileIO.read(liveIndex + "/" + folder + "/" + listName).flatMap { try? JSONDecoder().decode(List.self, from: Data($0)) }
        let pages = Set(before?.pages ?? []).union(changed)

        // The main index as the full indexing wrote it: its metadata without `current`.
        var main: [String: (meta: [CBOR], name: String, liveName: String, liveFilter: String?)] = [:]
        var indexed = 0
        for (language, value) in languages {
            guard let liveName = (value as? [String: Any])?["hash"] as? String,
                  case .array(var meta)? = try PagefindOrder.decode(liveIndex + "/pagefind.\(liveName).pf_meta"), meta.count >= 4,
                  case .array(let filters) = meta[3], case .array(let pageList) = meta[1] else { return false }
            let isCurrent = { (filter: CBOR) in filter.firstText == Array(filterName.utf8) }
            var liveFilter: String?
            if case .array(let pair)? = filters.first(where: isCurrent), pair.count == 2, case .text(let file) = pair[1] {
                liveFilter = String(decoding: file, as: UTF8.self)
            }
            meta[3] = .array(filters.filter { !isCurrent($0) })
            let name = language + "_" + String(ContentHash.of(PagefindOrder.signature + CBOR.array(meta).encoded()), radix: 16).prefix(10)
            main[language] = (meta, name, liveName, liveFilter)
            indexed += pageList.count
        }
        guard pages.count <= limit(indexed: indexed) else { return false }
        guard let addresses = try pageAddresses(main.mapValues { ($0.meta, $0.name) }, index: liveIndex, cache: cache) else { return false }

        // The spare's index: the live one, linked, then the delta and the filter written anew.
        try SpareOutput.match(spare, live: live, names: [], folders: [Pagefind.folder])
        let index = spare + "/" + Pagefind.folder
        FileIO.removeTree(index + "/" + folder)
        let toIndex = pages.filter { path in
            FileIO.read(spare + "/" + path).map { contains($0, "data-pagefind-body") } ?? false
        }.sorted()
        var deltaLanguages: [String] = []
        if !toIndex.isEmpty {
            try Pagefind.index(binary: binary, site: spare, pages: toIndex, only: true, into: Pagefind.folder + "/" + folder)
            guard let deltaEntry = FileIO.read(index + "/" + folder + "/pagefind-entry.json"),
                  let object = try? JSONSerialization.jsonObject(with: Data(deltaEntry)) as? [String: Any],
                  let indexedLanguages = object["languages"] as? [String: Any] else { return false }
            deltaLanguages = indexedLanguages.keys.sorted()
            guard deltaLanguages.allSatisfy({ main[$0] != nil }) else { return false }
        }

        let replaced = Set(pages.map(url))
        var renamed = languages
        for (language, value) in main.sorted(by: { $0.key < $1.key }) {
            let current = (addresses[language] ?? []).enumerated().filter { !replaced.contains($0.element) }.map { CBOR.unsigned(UInt64($0.offset)) }
            let filter = PagefindOrder.signature + CBOR.array([.text(Array(filterName.utf8)), .array([.array([.text(Array("1".utf8)), .array(current)])])]).encoded()
            let filterFile = language + "_" + String(ContentHash.of(filter), radix: 16).prefix(7)
            try FileIO.replace(index + "/filter/" + filterFile + ".pf_filter", with: filter)
            if let old = value.liveFilter, old != filterFile { unlink(index + "/filter/" + old + ".pf_filter") }
            var meta = value.meta
            guard case .array(let filters) = meta[3] else { return false }
            meta[3] = .array((filters + [.array([.text(Array(filterName.utf8)), .text(Array(filterFile.utf8))])])
                .sorted { $0.firstText.lexicographicallyPrecedes($1.firstText) })
            let bytes = PagefindOrder.signature + CBOR.array(meta).encoded()
            let name = language + "_" + String(ContentHash.of(bytes), radix: 16).prefix(10)
            try FileIO.replace(index + "/pagefind.\(name).pf_meta", with: bytes)
            if name != value.liveName { unlink(index + "/pagefind.\(value.liveName).pf_meta") }
            var described = languages[language] as? [String: Any] ?? [:]
            described["hash"] = name
            renamed[language] = described
        }
        var newEntry = entry
        newEntry["languages"] = renamed
        try FileIO.replace(index + "/pagefind-entry.json",
                           with: [UInt8](try JSONSerialization.data(withJSONObject: newEntry, options: [.sortedKeys, .withoutEscapingSlashes])))
        let list = List(languages: deltaLanguages, pages: pages.sorted())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try FileIO.makeDirectories(index + "/" + folder)
        try FileIO.replace(index + "/" + folder + "/" + listName, with: [UInt8](try encoder.encode(list)))
        return true
    }

    /// The address of each page of the main index, by language, in the index's order: read from
    /// its fragments once after each full indexing, then from `cache`.
    static func pageAddresses(_ main: [String: (meta: [CBOR], name: String)], index: String, cache: String) throws -> [String: [String]]? {
        struct Cached: Codable { var name: String; var addresses: [String] }
        var cached = FileIO.read(cache).flatMap { try? JSONDecoder().decode([String: Cached].self, from: Data($0)) } ?? [:]
        var changed = false
        for (language, value) in main where cached[language]?.name != value.name {
            guard case .array(let pageList) = value.meta[1] else { return nil }
            var addresses: [String] = []
            addresses.reserveCapacity(pageList.count)
            for page in pageList {
                guard case .array(let fields) = page, case .text(let hash)? = fields.first else { return nil }
                let path = index + "/fragment/" + String(decoding: hash, as: UTF8.self) + ".pf_fragment"
                guard var bytes = FileIO.read(path) else { return nil }
                if bytes.starts(with: [0x1f, 0x8b]) { bytes = try PagefindOrder.gunzip(bytes, file: path) }
                guard bytes.starts(with: PagefindOrder.signature),
                      let fragment = try? JSONSerialization.jsonObject(with: Data(bytes.dropFirst(PagefindOrder.signature.count))) as? [String: Any],
                      let address = fragment["url"] as? String else { return nil }
                addresses.append(address)
            }
            cached[language] = Cached(name: value.name, addresses: addresses)
            changed = true
        }
        cached = cached.filter { main[$0.key] != nil }
        if changed {
            try? FileIO.makeDirectories(FileIO.parentPath(cache))
            try? FileIO.replace(cache, with: [UInt8](try JSONEncoder().encode(cached)))
        }
        return cached.mapValues(\.addresses)
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        Data(bytes).range(of: Data(text.utf8)) != nil
    }
}

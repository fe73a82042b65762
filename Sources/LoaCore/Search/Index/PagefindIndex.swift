#if canImport(Glibc)
import Glibc
#endif
import Foundation
import CSystemZlib

/// Pagefind 1.5's index written by Loa: the same files, in the same layout, that `pagefind`
/// writes for the same pages (fragments, word-index chunks, filters, metadata, the entry file),
/// built from the staged output on every core. Pagefind itself takes three times Hugo's whole
/// build to index a 20,000-page portal (see `Sources/loa-bench/README.md`); this takes a few
/// seconds. Pagefind's JavaScript and WebAssembly, which read the index in the browser, still
/// come from the Pagefind binary (`PagefindAssets`).
///
/// It follows `pagefind/src/index/mod.rs` of Pagefind 1.5: `PagefindIndexTests` builds the
/// sample portal both ways and compares the two indexes word by word.
enum PagefindIndex {
    /// The versions whose layout this writer follows.
    static func writes(version: String) -> Bool { version.hasPrefix("1.5.") }

    /// Pagefind's `index_chunk_size`: a chunk of the word index closes past this many entries.
    static let chunkSize = 20_000

    /// What Loa's writer does not follow: the binary indexes the site instead.
    struct Unsupported: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// The index could not be written (a full disk): the build fails.
    struct WriteFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// Indexes the HTML pages of `site` (paths relative to it) into `folder`, as Pagefind would
    /// index that site. Throws `Unsupported` for a page that uses what this writer does not
    /// follow, `WriteFailure` when the files cannot be written.
    /// `binary` gives, for the languages found, Pagefind's version (which must be one whose
    /// layout this writer follows) and the languages that have their own WebAssembly.
    static func write(site: String, pages paths: [String], into folder: String, workers: Int = Parallel.workers,
                      binary: ([String]) throws -> (version: String, wasmLanguages: Set<String>)) throws {
        let read = readPages(site: site, paths: paths, workers: workers)
        if let problem = read.unsupported { throw Unsupported(reason: problem) }
        var byLanguage: [String: [PagefindPage]] = [:]
        for page in read.pages { byLanguage[page.language, default: []].append(page) }
        // Pages without a language join the language with most pages, as in Pagefind.
        if let unknown = byLanguage.removeValue(forKey: "unknown") {
            let primary = byLanguage.max { $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key > $1.key }?.key ?? "unknown"
            byLanguage[primary, default: []] += unknown
        }
        for language in byLanguage.keys {
            let base = language.split(separator: "-").first.map(String.init) ?? language
            if PagefindWords.stemmedLanguages.contains(base) && base != "en" {
                throw Unsupported(reason: "pages in \(language), which Pagefind stems with a stemmer Loa does not have")
            }
        }
        let languages = byLanguage.keys.sorted()
        let (version, wasmLanguages) = try binary(languages)
        guard writes(version: version) else { throw Unsupported(reason: "Pagefind \(version) writes an index layout Loa does not know") }
        let built = Parallel.map(languages.count, workers: min(workers, max(1, languages.count)), batch: 1) { i in
            build(byLanguage[languages[i]]!, language: languages[i], version: version)
        }
        var files: [(path: String, bytes: [UInt8])] = []
        var entries: [String: Any] = [:]
        for (language, index) in zip(languages, built) {
            files += index.files
            entries[language] = ["hash": index.metaName, "wasm": wasmLanguages.contains(language) ? language as Any : NSNull(), "page_count": index.pageCount] as [String: Any]
        }
        // Compressed and written on every core: most of the bytes are the fragments.
        try FileIO.makeDirectories(folder + "/fragment")
        try FileIO.makeDirectories(folder + "/index")
        try FileIO.makeDirectories(folder + "/filter")
        let failures = Parallel.map(files.count, workers: workers, batch: 32) { i -> String? in
            do {
                try FileIO.write(gzip(PagefindOrder.signature + files[i].bytes), to: folder + "/" + files[i].path)
                return nil
            } catch {
                return "\(files[i].path): \(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw WriteFailure(reason: "could not write \(failure)") }
        let entry: [String: Any] = ["version": version, "languages": entries, "include_characters": PagefindWords.includeCharacters.map { String(Character($0)) }]
        try FileIO.replace(folder + "/pagefind-entry.json",
                           with: [UInt8](try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes])))
    }

    /// Pagefind's address of the page at `path` in the site: "/a/b/" for "a/b/index.html".
    static func url(_ path: String) -> String {
        var trimmed = path
        if trimmed == "index.html" { trimmed = "" } else if trimmed.hasSuffix("/index.html") { trimmed.removeLast("index.html".count) }
        var out = "/"
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for b in trimmed.utf8 {
            // The URL path set of `percent_encoding`, as Pagefind's `build_url` uses it.
            if b < 0x20 || b >= 0x7F || b == 0x20 || b == 0x22 || b == 0x23 || b == 0x25 || b == 0x3C || b == 0x3E || b == 0x3F || b == 0x60 || b == 0x7B || b == 0x7D {
                bytes += [0x25, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            } else {
                bytes.append(b)
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
        return out
    }

    // MARK: Reading

    static func readPages(site: String, paths: [String], workers: Int) -> (pages: [PagefindPage], unsupported: String?) {
        let bodies = readPages(site: site, paths: paths, workers: workers, requireBody: true)
        // No page marks its body: Pagefind then indexes every page whole.
        return bodies.pages.isEmpty && bodies.unsupported == nil ? readPages(site: site, paths: paths, workers: workers, requireBody: false) : bodies
    }

    static func readPages(site: String, paths: [String], workers: Int, requireBody: Bool) -> (pages: [PagefindPage], unsupported: String?) {
        let marker = Array("data-pagefind-body".utf8)
        let slices = max(1, min(workers * 4, paths.count))
        let parts = Parallel.map(slices, workers: workers, batch: 1) { slice -> ([(Int, PagefindPage)], String?) in
            var vocabularies: [String: PagefindWords] = [:]
            var pages: [(Int, PagefindPage)] = []
            var unsupported: String?
            for i in stride(from: slice, to: paths.count, by: slices) {
                guard let bytes = FileIO.read(site + "/" + paths[i]), !requireBody || ByteSearch.firstRange(of: marker, in: bytes) != nil else { continue }
                let reading = PagefindReading.read(bytes)
                if let problem = reading.unsupported { unsupported = "\(paths[i]) uses \(problem)" }
                guard reading.hasCustomBody || !requireBody else { continue }
                var words = vocabularies[reading.language] ?? PagefindWords(language: reading.language)
                let page = PagefindPage(url: url(paths[i]), reading: reading, words: &words)
                vocabularies[reading.language] = words
                if !page.words.isEmpty { pages.append((i, page)) }
            }
            return (pages, unsupported)
        }
        // Back in the order of `paths` (each slice took every `slices`-th path).
        let pages = parts.flatMap(\.0).sorted { $0.0 < $1.0 }.map(\.1)
        return (pages, parts.compactMap(\.1).first)
    }

    // MARK: Building

    /// A word's pages, encoded as they come (pages arrive in order): Pagefind's
    /// `[page delta, locations, meta locations]` for each page, and the same for each accented
    /// form. Encoding at once saves keeping millions of small arrays.
    struct WordEntries {
        var pages = CBORWriter()
        var pageCount = 0
        var lastPage = 0
        /// Pagefind's measure of the word for chunking: its own pages' locations, plus one each.
        var size = 0
        var variants: [(form: String, pages: CBORWriter, count: Int, lastPage: Int)] = []

        mutating func add(page: Int, normal: [PagefindPage.Position], meta: [(Int, UInt32)]) {
            pages.array(3)
            pages.unsigned(UInt64(page - lastPage))
            lastPage = page
            size += PagefindIndex.encodeLocations(normal, into: &pages) + 1
            PagefindIndex.encodeMetaLocations(meta, into: &pages)
            pageCount += 1
        }

        mutating func add(page: Int, form: String, positions: [PagefindPage.Position], meta: [(Int, UInt32)]) {
            let v: Int
            if let found = variants.firstIndex(where: { UTF8Key($0.form) == UTF8Key(form) }) { v = found } else {
                variants.append((form, CBORWriter(), 0, 0))
                v = variants.count - 1
            }
            variants[v].pages.array(3)
            variants[v].pages.unsigned(UInt64(page - variants[v].lastPage))
            variants[v].lastPage = page
            PagefindIndex.encodeLocations(positions, into: &variants[v].pages)
            PagefindIndex.encodeMetaLocations(meta, into: &variants[v].pages)
            variants[v].count += 1
        }
    }

    /// A page's positions of one word, split as Pagefind packs them: on the word itself (no
    /// accents) or by accented form; in the text and in the meta fields.
    struct PageWord {
        var normal: [PagefindPage.Position] = []
        var forms: [(String, [PagefindPage.Position])] = []
        var metaNormal: [(Int, UInt32)] = []
        var metaForms: [(String, [(Int, UInt32)])] = []

        /// Into the word's entries: the page itself when it has positions without accents, then
        /// each form of the text (in byte order), then forms found only in the meta fields.
        func add(to entries: inout WordEntries, page: Int) {
            if !normal.isEmpty || !metaNormal.isEmpty { entries.add(page: page, normal: normal, meta: metaNormal) }
            let textForms = forms.sorted { PagefindPage.precedes($0.0, $1.0) }
            for (form, positions) in textForms {
                let meta = metaForms.first { UTF8Key($0.0) == UTF8Key(form) }?.1 ?? []
                entries.add(page: page, form: form, positions: positions, meta: meta)
            }
            for (form, meta) in metaForms.sorted(by: { PagefindPage.precedes($0.0, $1.0) })
            where !textForms.contains(where: { UTF8Key($0.0) == UTF8Key(form) }) {
                entries.add(page: page, form: form, positions: [], meta: meta)
            }
        }
    }

    struct Built {
        var files: [(path: String, bytes: [UInt8])]
        var metaName: String
        var pageCount: Int
    }

    static func build(_ pages: [PagefindPage], language: String, version: String) -> Built {
        let metaFields: [String] = Array(Set(pages.flatMap { $0.meta.map(\.name) })).sorted(by: PagefindPage.precedes)
        let fieldIndex = Dictionary(uniqueKeysWithValues: metaFields.enumerated().map { ($0.element, $0.offset) })
        var words: [UTF8Key<String>: WordEntries] = [:]
        var filters: [String: [String: [Int]]] = [:]
        var files: [(path: String, bytes: [UInt8])] = []
        var fragmentNames: Set<String> = []
        var metaPages: [(String, Int)] = []

        for (number, page) in pages.enumerated() {
            let fieldMap = page.meta.map { fieldIndex[$0.name]! }
            // The meta fields' words first (a few per page), joined to the text's as they come.
            var metaOnly: [UTF8Key<String>: PageWord] = [:]
            for (word, positions) in page.metaWords {
                var entry = PageWord()
                for p in positions {
                    let located = (fieldMap[p.field], p.position)
                    if let original = p.original { entry.metaForms.add(located, to: original) } else { entry.metaNormal.append(located) }
                }
                metaOnly[UTF8Key(word)] = entry
            }
            for (word, positions) in page.words {
                let key = UTF8Key(word)
                var entry = metaOnly.removeValue(forKey: key) ?? PageWord()
                for p in positions {
                    if let original = p.original { entry.forms.add(p, to: original) } else { entry.normal.append(p) }
                }
                // Changed in place: a copy out of the dictionary would copy a common word's
                // pages once per page.
                entry.add(to: &words[key, default: WordEntries()], page: number)
            }
            for (key, entry) in metaOnly { entry.add(to: &words[key, default: WordEntries()], page: number) }
            for filter in page.filters {
                for value in filter.values { filters[filter.name, default: [:]][value, default: []].append(number) }
            }
            let json = page.fragmentJSON
            // Two pages never have the same fragment (each has its own address).
            let name = shortName(language, json, taken: &fragmentNames)
            files.append(("fragment/" + name + ".pf_fragment", json))
            metaPages.append((name, page.wordCount))
        }

        // Filters, each sorted by value.
        var filterEntries: [(String, String)] = []
        var usedFilterNames: Set<String> = []
        for name in filters.keys.sorted(by: PagefindPage.precedes) {
            var cbor = CBORWriter()
            let values = filters[name]!.sorted { PagefindPage.precedes($0.key, $1.key) }
            cbor.array(2); cbor.text(name); cbor.array(values.count)
            for (value, numbers) in values {
                cbor.array(2); cbor.text(value); cbor.array(numbers.count)
                for n in numbers { cbor.unsigned(UInt64(n)) }
            }
            let file = shortName(language, cbor.bytes, taken: &usedFilterNames)
            files.append(("filter/" + file + ".pf_filter", cbor.bytes))
            filterEntries.append((name, file))
        }

        // The word index, in chunks of about `chunkSize` entries, words in byte order.
        let sortedWords = words.keys.map(\.text).sorted(by: PagefindPage.precedes)
        var chunks: [[String]] = []
        var chunk: [String] = []
        var size = 0
        for word in sortedWords {
            // Pagefind 1.5 counts the positions of the word's own pages only (not its accented
            // variants' nor its meta positions).
            size += words[UTF8Key(word)]!.size
            chunk.append(word)
            if size >= chunkSize { chunks.append(chunk); chunk = []; size = 0 }
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        var ranges = chunks.map { (from: $0.first ?? "", to: $0.last ?? "") }
        if ranges.count > 1 {
            for i in 0..<(ranges.count - 1) {
                let (a, b) = prefixes(ranges[i].to, ranges[i + 1].from)
                if !PagefindPage.precedes(a, ranges[i].from) { ranges[i].to = a }
                ranges[i + 1].from = b
            }
        }
        var usedChunkNames: Set<String> = []
        var chunkEntries: [(String, String, String)] = []
        for (i, list) in chunks.enumerated() {
            var cbor = CBORWriter()
            cbor.array(1); cbor.array(list.count)
            for word in list {
                let entries = words[UTF8Key(word)]!
                cbor.array(3); cbor.text(word)
                cbor.array(entries.pageCount); cbor.bytes += entries.pages.bytes
                cbor.array(entries.variants.count)
                for variant in entries.variants {
                    cbor.array(2); cbor.text(variant.form)
                    cbor.array(variant.count); cbor.bytes += variant.pages.bytes
                }
            }
            let file = shortName(language, cbor.bytes, taken: &usedChunkNames)
            files.append(("index/" + file + ".pf_index", cbor.bytes))
            chunkEntries.append((ranges[i].from, ranges[i].to, file))
        }

        var meta = CBORWriter()
        meta.array(6)
        meta.text(version)
        meta.array(metaPages.count)
        for (name, count) in metaPages { meta.array(2); meta.text(name); meta.unsigned(UInt64(count)) }
        meta.array(chunkEntries.count)
        for (from, to, file) in chunkEntries { meta.array(3); meta.text(from); meta.text(to); meta.text(file) }
        meta.array(filterEntries.count)
        for (name, file) in filterEntries { meta.array(2); meta.text(name); meta.text(file) }
        meta.array(0)  // sorts: refused earlier (`Unsupported`)
        meta.array(metaFields.count)
        for field in metaFields { meta.text(field) }
        let metaName = language + "_" + String(SHA1.pagefindHex(meta.bytes).prefix(language.utf8.count + 8))
        files.append(("pagefind." + metaName + ".pf_meta", meta.bytes))
        return Built(files: files, metaName: metaName, pageCount: pages.count)
    }

    /// "lang_" and the first seven characters of the content's hash, one more while taken.
    static func shortName(_ language: String, _ bytes: [UInt8], taken: inout Set<String>) -> String {
        let full = language + "_" + SHA1.pagefindHex(bytes)
        var length = language.count + 8
        var name = String(full.prefix(length))
        while taken.contains(name) && length < full.count { length += 1; name = String(full.prefix(length)) }
        taken.insert(name)
        return name
    }

    /// Positions by weight then place; a change of weight is written as `-(weight) - 1` and an
    /// absolute position, other positions as the distance from the one before. Returns how many
    /// numbers were written.
    @discardableResult
    static func encodeLocations(_ positions: [PagefindPage.Position], into cbor: inout CBORWriter) -> Int {
        // Most words have one weight on a page: their positions come in order already.
        let sorted = positions.dropFirst().allSatisfy({ $0.weight == positions[0].weight }) ? positions
            : positions.sorted { ($0.weight == 25 ? 0 : $0.weight, $0.position) < ($1.weight == 25 ? 0 : $1.weight, $1.position) }
        var count = 0
        var weight: UInt8 = 25
        for p in sorted where p.weight != weight { count += 1; weight = p.weight }
        count += sorted.count
        cbor.array(count)
        weight = 25
        var last: UInt32 = 0
        for p in sorted {
            if p.weight != weight {
                cbor.signed(-Int64(p.weight) - 1)
                cbor.unsigned(UInt64(p.position))
                weight = p.weight
            } else {
                cbor.signed(Int64(p.position) - Int64(last))
            }
            last = p.position
        }
        return count
    }

    /// Meta positions by field then place; a field is written as `-(field) - 1`, then the
    /// distances from the field's start.
    static func encodeMetaLocations(_ positions: [(Int, UInt32)], into cbor: inout CBORWriter) {
        let sorted = positions.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var fields = 0
        var field = -1
        for (f, _) in sorted where f != field { fields += 1; field = f }
        cbor.array(sorted.count + fields)
        field = -1
        var last: UInt32 = 0
        for (f, position) in sorted {
            if f != field { cbor.signed(-Int64(f) - 1); field = f; last = 0 }
            cbor.signed(Int64(position) - Int64(last))
            last = position
        }
    }

    /// The shortest prefixes that still tell two neighbouring chunk boundaries apart.
    static func prefixes(_ a: String, _ b: String) -> (String, String) {
        let common = zip(b, a).prefix { $0 == $1 }.count
        return (String(a.prefix(common + 1)), String(b.prefix(common + 1)))
    }

    /// A gzip file at zlib's fastest level: a tenth of the time of Pagefind's best level for
    /// fragments a few per cent larger, on every core.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: a window of 32 KB, with gzip's header and trailer.
        guard deflateInit2_(&stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw WriteFailure(reason: "zlib could not start")
        }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        var input = bytes
        let produced: Int = input.withUnsafeMutableBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return deflate(&stream, Z_FINISH) == Z_STREAM_END ? target.count - Int(stream.avail_out) : -1
            }
        }
        guard produced >= 0 else { throw WriteFailure(reason: "zlib could not compress") }
        out.removeLast(out.count - produced)
        return out
    }
}

extension Array {
    /// `element` added to the list of `form` (a page's forms of a word are one to three: a
    /// list is quicker than a dictionary).
    mutating func add<T>(_ element: T, to form: String) where Element == (String, [T]) {
        if let i = firstIndex(where: { UTF8Key($0.0) == UTF8Key(form) }) { self[i].1.append(element) } else { append((form, [element])) }
    }
}

/// The CBOR that `minicbor` writes for Pagefind's structures: arrays, text, integers, each in
/// its shortest form.
struct CBORWriter {
    var bytes: [UInt8] = []

    mutating func head(_ major: UInt8, _ n: UInt64) {
        let m = major << 5
        // Byte by byte: an array literal here would be allocated for every number.
        if n < 24 {
            bytes.append(m | UInt8(n))
        } else if n <= 0xff {
            bytes.append(m | 24); bytes.append(UInt8(n))
        } else if n <= 0xffff {
            bytes.append(m | 25); bytes.append(UInt8(n >> 8)); bytes.append(UInt8(n & 0xff))
        } else if n <= 0xffff_ffff {
            bytes.append(m | 26)
            for s in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8((n >> UInt64(s)) & 0xff)) }
        } else {
            bytes.append(m | 27)
            for s in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((n >> UInt64(s)) & 0xff)) }
        }
    }

    mutating func array(_ count: Int) { head(4, UInt64(count)) }
    mutating func unsigned(_ n: UInt64) { head(0, n) }
    mutating func signed(_ n: Int64) { if n >= 0 { head(0, UInt64(n)) } else { head(1, UInt64(-1 - n)) } }
    mutating func text(_ s: String) { head(3, UInt64(s.utf8.count)); bytes += s.utf8 }
}

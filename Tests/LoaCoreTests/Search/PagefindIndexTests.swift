import Foundation
import Testing
@testable import LoaCore

/// Loa's index writer against Pagefind itself: the sample portal indexed both ways, and the two
/// indexes decoded and compared word by word (each word's pages, positions, weights, meta
/// positions and accent variants), page by page (each fragment's bytes: text, filters, meta,
/// anchors), and filter by filter. Pages are compared by address, since Pagefind numbers them
/// in the order its walk of the folder finds them.
@Suite(.serialized) struct PagefindIndexTests {
    struct Index {
        var pageCounts: [String: Int] = [:]
        var metaFields: [String: [String]] = [:]
        /// language → address → fragment JSON
        var fragments: [String: [String: String]] = [:]
        /// language → word → "address locs metaLocs" lines, sorted; variants as "word~form".
        var words: [String: [String: [String]]] = [:]
        /// language → "filter=value" → addresses
        var filters: [String: [String: [String]]] = [:]
        var chunkRanges: [String: [String]] = [:]
    }

    static func decode(_ folder: String) throws -> Index {
        var index = Index()
        let entryBytes = try #require(FileIO.read(folder + "/pagefind-entry.json"))
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(entryBytes)) as? [String: Any])
        let languages = try #require(entry["languages"] as? [String: [String: Any]])
        func text(_ value: CBOR) -> String { if case .text(let t) = value { String(decoding: t, as: UTF8.self) } else { "?" } }
        func ints(_ value: CBOR) -> [Int] {
            guard case .array(let items) = value else { return [] }
            return items.map { item in
                switch item {
                case .unsigned(let n): Int(n)
                case .negative(let n): -1 - Int(n)
                default: Int.min
                }
            }
        }
        for (language, described) in languages {
            index.pageCounts[language] = described["page_count"] as? Int
            let hash = try #require(described["hash"] as? String)
            guard case .array(let meta)? = try PagefindOrder.decode(folder + "/pagefind.\(hash).pf_meta"), meta.count >= 6,
                  case .array(let pages) = meta[1], case .array(let chunks) = meta[2], case .array(let filters) = meta[3],
                  case .array(let fields) = meta[5] else { Issue.record("\(language): metadata unreadable"); continue }
            index.metaFields[language] = fields.map(text)
            var addresses: [String] = []
            var fragments: [String: String] = [:]
            for page in pages {
                guard case .array(let pair) = page else { continue }
                let path = folder + "/fragment/" + text(pair[0]) + ".pf_fragment"
                var bytes = try #require(FileIO.read(path))
                if bytes.starts(with: [0x1f, 0x8b]) { bytes = try PagefindOrder.gunzip(bytes, file: path) }
                let json = String(decoding: bytes.dropFirst(PagefindOrder.signature.count), as: UTF8.self)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                let address = try #require(object["url"] as? String)
                addresses.append(address)
                fragments[address] = json + " words=\(ints(.array([pair[1]])))"
            }
            index.fragments[language] = fragments
            var words: [String: [String]] = [:]
            var ranges: [String] = []
            func postings(_ value: CBOR) -> [String] {
                guard case .array(let list) = value else { return [] }
                var page = 0
                return list.map { entry in
                    guard case .array(let fields) = entry, fields.count == 3, case .unsigned(let delta) = fields[0] else { return "?" }
                    page += Int(delta)
                    return "\(page < addresses.count ? addresses[page] : "#\(page)") \(ints(fields[1])) \(ints(fields[2]))"
                }.sorted()
            }
            for chunk in chunks {
                guard case .array(let c) = chunk, c.count == 3 else { continue }
                ranges.append(text(c[0]) + "…" + text(c[1]))
                guard case .array(let top)? = try PagefindOrder.decode(folder + "/index/" + text(c[2]) + ".pf_index"),
                      case .array(let list)? = top.first else { Issue.record("\(language): chunk unreadable"); continue }
                for item in list {
                    guard case .array(let w) = item, w.count == 3 else { continue }
                    let word = text(w[0])
                    words[word] = postings(w[1])
                    if case .array(let variants) = w[2] {
                        for variant in variants {
                            guard case .array(let v) = variant, v.count == 2 else { continue }
                            words[word + "~" + text(v[0])] = postings(v[1])
                        }
                    }
                }
            }
            index.words[language] = words
            index.chunkRanges[language] = ranges
            var values: [String: [String]] = [:]
            for filter in filters {
                guard case .array(let pair) = filter,
                      case .array(let content)? = try PagefindOrder.decode(folder + "/filter/" + text(pair[1]) + ".pf_filter"),
                      content.count == 2, case .array(let list) = content[1] else { continue }
                for value in list {
                    guard case .array(let v) = value, v.count == 2 else { continue }
                    values[text(pair[0]) + "=" + text(v[0])] = ints(v[1]).map { $0 < addresses.count ? addresses[$0] : "#\($0)" }.sorted()
                }
            }
            index.filters[language] = values
        }
        return index
    }

    static func compare(_ loa: Index, _ pagefind: Index) {
        #expect(loa.pageCounts == pagefind.pageCounts)
        #expect(loa.metaFields == pagefind.metaFields)
        for language in pagefind.fragments.keys.sorted() {
            let ours = loa.fragments[language] ?? [:], theirs = pagefind.fragments[language] ?? [:]
            #expect(Set(ours.keys) == Set(theirs.keys), "\(language): other pages indexed")
            for address in theirs.keys.sorted() where ours[address] != theirs[address] {
                Issue.record("\(language) \(address): fragment differs\nLoa:      \(ours[address] ?? "none")\nPagefind: \(theirs[address]!)")
            }
            let w1 = loa.words[language] ?? [:], w2 = pagefind.words[language] ?? [:]
            let missing = Set(w2.keys).subtracting(w1.keys).sorted(), extra = Set(w1.keys).subtracting(w2.keys).sorted()
            #expect(missing.isEmpty, "\(language): words Pagefind indexes and Loa does not: \(missing.prefix(40))")
            #expect(extra.isEmpty, "\(language): words Loa indexes and Pagefind does not: \(extra.prefix(40))")
            let differing = w2.keys.filter { w1[$0] != nil && w1[$0] != w2[$0] }.sorted()
            for word in differing.prefix(10) {
                Issue.record("\(language) \(word): postings differ\nLoa:      \(w1[word]!)\nPagefind: \(w2[word]!)")
            }
            #expect(differing.count == 0, "\(language): \(differing.count) words with other postings")
            #expect(loa.filters[language] == pagefind.filters[language], "\(language): filters differ")
            #expect(loa.chunkRanges[language] == pagefind.chunkRanges[language], "\(language): chunks differ")
        }
    }

    @Test func theSampleIndexesAsPagefindIndexesIt() throws {
        let binary = try #require(Pagefind.locate(environment: ProcessInfo.processInfo.environment))
        let output = TestSupport.temporaryFolder("pagefind-index") + "/out"
        var options = SiteBuilder.Options(siteRoot: TestSupport.repositoryRoot, output: output)
        options.search = true  // the pages carry Pagefind's attributes only with search on
        options.incremental = false
        _ = try SiteBuilder.build(options)
        let run = try Pagefind.run(binary, ["--site", output, "--output-subdir", "by-pagefind", "--quiet"])
        try #require(run.0 == 0, "Pagefind failed: \(run.2)")
        let pages = FileIO.walk(output).filter { $0.hasSuffix(".html") }
        try PagefindIndex.write(site: output, pages: pages, into: output + "/by-loa") { languages in
            let assets = try PagefindAssets.prepare(binary: binary, languages: languages)
            return (assets.version, assets.wasmLanguages)
        }
        let theirs = try Self.decode(output + "/by-pagefind"), ours = try Self.decode(output + "/by-loa")
        #expect(!(theirs.words["vi"] ?? [:]).isEmpty && !(theirs.words["en"] ?? [:]).isEmpty)
        Self.compare(ours, theirs)
    }
}

extension PagefindIndexTests {
    /// The language's metadata file is named as Loa's writer names it (by the SHA-1 of its
    /// CBOR, as Pagefind does), not as the binary's index is renamed once put in order.
    static func writtenByLoa(_ index: String, language: String) throws -> Bool {
        let entryBytes = try #require(FileIO.read(index + "/pagefind-entry.json"))
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(entryBytes)) as? [String: Any])
        let hash = try #require(((entry["languages"] as? [String: Any])?[language] as? [String: Any])?["hash"] as? String)
        var bytes = try #require(FileIO.read(index + "/pagefind.\(hash).pf_meta"))
        if bytes.starts(with: [0x1f, 0x8b]) { bytes = try PagefindOrder.gunzip(bytes, file: hash) }
        let cbor = Array(bytes.dropFirst(PagefindOrder.signature.count))
        return hash == language + "_" + SHA1.pagefindHex(cbor).prefix(language.count + 8)
    }

    /// Pages Loa's writer reads as Pagefind does are indexed by Loa, with Pagefind's browser
    /// files beside; a page using what it does not follow (sorting) has the binary index the
    /// whole site instead, and search works either way.
    @Test func theBinaryIndexesWhatLoaDoesNotFollow() throws {
        let binary = try #require(Pagefind.locate(environment: ProcessInfo.processInfo.environment))
        func site(_ extra: String) throws -> String {
            let folder = TestSupport.temporaryFolder("pagefind-fallback")
            for (name, title) in [("a", "Đồn Phủ Thông"), ("b", "Nà Tu")] {
                TestSupport.write("""
                <!DOCTYPE html><html lang="vi"><head><title>\(title)</title></head><body>
                <main data-pagefind-body \(name == "b" ? extra : "")><h1>\(title)</h1><p>Di tích lịch sử cấp Quốc gia.</p></main></body></html>
                """, to: folder + "/\(name)/index.html")
            }
            try Pagefind.index(binary: binary, site: folder)
            return folder + "/" + Pagefind.folder
        }
        let plain = try site("")
        #expect(try Self.writtenByLoa(plain, language: "vi"))
        for file in ["pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind"] { #expect(FileIO.exists(plain + "/" + file), "\(file) missing") }
        let sorted = try site("data-pagefind-sort=\"date:2023\"")
        #expect(try !Self.writtenByLoa(sorted, language: "vi"))
        let ours = try Self.decode(plain), theirs = try Self.decode(sorted)
        #expect(ours.words["vi"]?["phu~phủ"] != nil && theirs.words["vi"]?["phu~phủ"] != nil)
        #expect(ours.pageCounts == ["vi": 2] && theirs.pageCounts == ["vi": 2])
    }
}

extension PagefindIndexTests {
    /// FIPS 180's examples, and Pagefind's spelling of a digest (a byte below 16 is one digit).
    @Test func sha1NamesFilesAsPagefindDoes() {
        #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA1.digest(long).map { String(format: "%02x", $0) }.joined() == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        // a9 99 3e 36 47 06 81 …: the byte 06 is written "6".
        #expect(SHA1.pagefindHex(Array("abc".utf8)) == "a9993e36476816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.pagefindHex(Array("".utf8)) == "da39a3ee5e6b4bd3255bfef95601890afd879")
    }
}

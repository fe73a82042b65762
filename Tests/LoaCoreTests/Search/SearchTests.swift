import Foundation
import Testing
@testable import LoaCore

/// Search over the sample portal: Pagefind indexes the staged site, and Pagefind's own JS API,
/// run in Node, finds Vietnamese typed with or without accents (đ included) and document numbers.
@Suite(.serialized) struct SearchTests {
    static let built: (output: String, result: SiteBuilder.Result) = {
        let output = TestSupport.temporaryFolder("search") + "/out"
        var options = SiteBuilder.Options(siteRoot: TestSupport.repositoryRoot, output: output)
        options.search = true
        options.incremental = false
        let result = try! SiteBuilder.build(options)
        return (output, result)
    }()

    struct Answer: Decodable {
        var query: String
        var urls: [String]
        var meta: [String: String]?
        var filters: [String: [String: Int]]?
    }

    func ask(_ language: String, _ queries: [String], site: String = Self.built.output) throws -> [Answer] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", TestSupport.repositoryRoot + "/Tests/LoaCoreTests/Search/query.mjs", site, language] + queries
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "node could not query the index")
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { try JSONDecoder().decode(Answer.self, from: Data($0.utf8)) }
    }

    @Test func theSampleIsIndexedPerLanguageWithOnlyItemPages() throws {
        #expect(Self.built.result.searchIndexed)
        let entry = try #require(TestSupport.read(Self.built.output + "/pagefind/pagefind-entry.json"))
        #expect(entry.contains("\"vi\"") && entry.contains("\"en\""))
        let place = try #require(TestSupport.read(Self.built.output + "/places/di-tich-lich-su-don-phu-thong/index.html"))
        #expect(place.contains("data-pagefind-body"))
        #expect(place.contains("data-pagefind-meta=\"folded[value]\""))
        #expect(place.contains("action=\"/tim-kiem/\""))
        // A release dated by the report it restates: its result says whose date it is.
        let release = try #require(TestSupport.read(Self.built.output + "/press-releases/bach-thong-02-du-an-to-chuc-phi-chinh-phu-nuoc-ngoai/index.html"))
        #expect(release.contains("<data value=\"Ngày của báo cáo: tháng 6 năm 2023\" data-pagefind-meta=\"date[value]\"></data>"))
        for list in ["places/index.html", "index.html", "404.html", "districts/index.html", "tim-kiem/index.html"] {
            let page = try #require(TestSupport.read(Self.built.output + "/" + list))
            #expect(!page.contains("data-pagefind-body"), "\(list) is indexed")
        }
        #expect(FileIO.exists(Self.built.output + "/en/search/index.html"))
    }

    /// Each query finds its page first, ranked as the search page ranks (search-index.js).
    /// Those of issue #14 and more of the sample's places, districts and numbers.
    static let firstResults: [(String, String)] = [
        ("Đồn Phủ Thông", "/places/di-tich-lich-su-don-phu-thong/"),
        ("đồn phủ thông", "/places/di-tich-lich-su-don-phu-thong/"),
        // "don" is only in the folded words; "thong" is all over the Bạch Thông report.
        ("don phu thong", "/places/di-tich-lich-su-don-phu-thong/"),
        ("DON PHU THONG", "/places/di-tich-lich-su-don-phu-thong/"),
        ("thong tin doi ngoai bach thong", "/press-releases/bach-thong-ke-hoach-thong-tin-doi-ngoai-nam-2023/"),
        ("thông tin đối ngoại Bạch Thông", "/press-releases/bach-thong-ke-hoach-thong-tin-doi-ngoai-nam-2023/"),
        ("nguoi phat ngon trieu son", "/spokespersons/nguoi-phat-ngon-ubnd-huyen-trieu-son/"),
        ("Người phát ngôn Triệu Sơn", "/spokespersons/nguoi-phat-ngon-ubnd-huyen-trieu-son/"),
        ("nguoi phat ngon bach thong", "/spokespersons/nguoi-phat-ngon-ubnd-huyen-bach-thong/"),
        // "tu" also matches the start of "tuyên", "tức", … all over a long release.
        ("Nà Tu", "/places/khu-di-tich-lich-su-na-tu/"),
        ("na tu", "/places/khu-di-tich-lich-su-na-tu/"),
        ("NÀ TU", "/places/khu-di-tich-lich-su-na-tu/"),
        ("phieng an", "/places/du-lich-cong-dong-thon-phieng-an/"),
        ("du an phi chinh phu bach thong", "/press-releases/bach-thong-02-du-an-to-chuc-phi-chinh-phu-nuoc-ngoai/"),
        ("ke hoach thong tin doi ngoai 2021", "/documents/ke-hoach-ttdn-2021-thach-thanh/"),
        ("ubnd huyen thach thanh", "/organisations/ubnd-huyen-thach-thanh/"),
        // Document numbers: the documents that carry or cite them.
        ("46/KH-UBND", "/press-releases/bach-thong-ke-hoach-thong-tin-doi-ngoai-nam-2023/"),
        ("1143/STTTT-BCXB", "/documents/bao-cao-ttdn-6-thang-dau-nam-2022-trieu-son/"),
        ("16-KL/TW", "/documents/bao-cao-ttdn-6-thang-dau-nam-2022-trieu-son/"),
        ("2013/qd-ubnd", "/documents/bao-cao-ttdn-6-thang-dau-nam-2022-trieu-son/"),
        ("261/KH-UBND", "/documents/ke-hoach-ttdn-2021-thach-thanh/"),
        ("653/STTTT-TTBCXB", "/documents/bao-cao-ttdn-6-thang-dau-nam-2023-bach-thong/"),
    ]

    @Test func vietnameseWithAndWithoutAccentsFindsTheRightPageFirst() throws {
        let answers = try ask("vi", Self.firstResults.map(\.0))
        for (answer, (query, url)) in zip(answers, Self.firstResults) {
            #expect(answer.urls.first == url, "\(query): \(answer.urls)")
        }
        // A number cited by a second document finds that one too.
        #expect(answers[16].urls.contains("/documents/bao-cao-ttdn-6-thang-dau-nam-2023-bach-thong/"))
        // A document's result names its kind, number, issuer and date.
        let meta = try #require(answers[17].meta)
        #expect(meta["kind"] == "Văn bản" && meta["issuer"]?.contains("Triệu Sơn") == true && meta["date"] != nil && meta["number"] != nil)
    }

    @Test func theLetterDTypedAsDFindsWordsWithĐ() throws {
        // Without the folded words, "don" and "doi ngoai" find nothing: Pagefind does not fold đ.
        let answers = try ask("vi", ["don", "thong tin doi ngoai bach thong"])
        #expect(answers[0].urls.contains("/places/di-tich-lich-su-don-phu-thong/"))
        let filters = try #require(answers[1].filters)
        #expect(filters["kind"]?["Thông cáo báo chí"] != nil && filters["district"]?["Bạch Thông"] != nil && filters["year"] != nil)
    }

    @Test func englishPagesHaveTheirOwnIndexAndWords() throws {
        let answers = try ask("en", ["Na Tu"])
        #expect(answers[0].urls.first?.hasPrefix("/en/") == true)
        // Filters in English words, with the count of results for each.
        #expect(answers[0].filters?["kind"]?["Place"] == 2)
        #expect(answers[0].filters?["district"]?["Bạch Thông"] != nil)
    }

    /// On by default: a build that says nothing of search indexes the site when Pagefind is found.
    @Test func searchIsOnByDefault() throws {
        let output = TestSupport.temporaryFolder("search-default") + "/out"
        let result = try SiteBuilder.build(SiteBuilder.Options(siteRoot: TestSupport.site("bilingual"), output: output))
        #expect(result.searchIndexed && result.warnings.isEmpty)
        #expect(FileIO.exists(output + "/pagefind/pagefind-entry.json"))
        #expect(TestSupport.read(output + "/index.html")?.contains("role=\"search\"") == true)
    }

    @Test func withoutPagefindTheBuildWarnsAndHasNoSearchBox() throws {
        let output = TestSupport.temporaryFolder("no-search") + "/out"
        var options = SiteBuilder.Options(siteRoot: TestSupport.site("bilingual"), output: output)
        options.environment = ["PATH": "/nonexistent"]
        let result = try SiteBuilder.build(options)
        #expect(!result.searchIndexed)
        #expect(result.warnings.filter { $0.message.contains("Pagefind") }.count == 1)
        #expect(result.warnings.contains { $0.message.contains("Pagefind was not found") })
        let home = try #require(TestSupport.read(output + "/index.html"))
        #expect(!home.contains("role=\"search\"") && !FileIO.exists(output + "/pagefind"))
    }

    /// The same site gives the same index byte for byte (Loa's writer; Pagefind alone writes its
    /// filter files in an order that changes from run to run), and an incremental build (which
    /// indexes the spare output) gives what a clean build gives.
    @Test func theSameSiteGivesTheSameIndexByteForByte() throws {
        let site = TestSupport.site("bilingual")
        func build(_ output: String, incremental: Bool) throws {
            var options = SiteBuilder.Options(siteRoot: site, output: output)
            options.search = true
            options.incremental = incremental
            _ = try SiteBuilder.build(options)
        }
        let first = TestSupport.temporaryFolder("search-same-1") + "/out"
        let second = TestSupport.temporaryFolder("search-same-2") + "/out"
        try build(first, incremental: false)
        try build(second, incremental: false)
        let index = TestSupport.snapshot(first + "/pagefind")
        #expect(index.keys.contains { $0.hasPrefix("filter/") } && index.keys.contains { $0.hasSuffix(".pf_meta") })
        #expect(index == TestSupport.snapshot(second + "/pagefind"))
        // The rewritten files are what Pagefind reads: the sample's filters are still found.
        #expect(try ask("vi", ["thong cao"]).first?.filters?["kind"] != nil)

        let live = TestSupport.temporaryFolder("search-incremental") + "/out"
        try build(live, incremental: true)
        let path = site + "/Content/press-releases/thong-cao.vi.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "Thông cáo chỉ có tiếng Việt", with: "Thông cáo đã sửa tên").write(toFile: path, atomically: false, encoding: .utf8)
        try build(live, incremental: true)
        try build(first, incremental: false)
        // All but the index, which may hold a delta (see the test below).
        func pages(_ folder: String) -> [String: Data] { TestSupport.snapshot(folder).filter { !$0.key.hasPrefix("pagefind/") } }
        #expect(pages(live) == pages(first), "an incremental build with search differs from a clean one")
    }

    /// A rebuild that changed a few pages indexes only them, beside the last full index: its
    /// searches find what a clean build's find, each page once, as it is now.
    @Test func aRebuildIndexesOnlyTheChangedPagesBesideTheLastFullIndex() throws {
        let site = TestSupport.temporaryFolder("search-delta")
        for folder in ["Content", "Themes"] {
            try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/" + folder, toPath: site + "/" + folder)
        }
        func build(_ output: String, incremental: Bool = true) throws {
            var options = SiteBuilder.Options(siteRoot: site, output: output)
            options.incremental = incremental
            _ = try SiteBuilder.build(options)
        }
        func edit(_ file: String, _ change: (String) -> String) throws {
            let path = site + "/Content/" + file
            try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: false, encoding: .utf8)
        }
        let live = site + "/out"
        try build(live)
        let place = "places/di-tich-lich-su-don-phu-thong/index.html"
        try edit("places/di-tich-lich-su-don-phu-thong.vi.md") { $0.replacingOccurrences(of: "## Trận công đồn Phủ Thông\n", with: "## Trận công đồn Phủ Thông\n\nXyzword đã được thêm.\n") }
        try build(live)
        let list = try #require(FileIO.read(live + "/pagefind/delta/replaced.json"))
        #expect(try JSONDecoder().decode(SearchDelta.List.self, from: Data(list)) == SearchDelta.List(languages: ["vi"], pages: [place]))
        // A second change, and a page removed: the delta keeps the first.
        try edit("places/khu-di-tich-lich-su-na-tu.vi.md") { $0 + "\nQwertword ở Nà Tu.\n" }
        try FileManager.default.removeItem(atPath: site + "/Content/press-releases/bach-thong-phoi-hop-phat-thanh-truyen-hinh-2023.vi.md")
        try build(live)
        let second = try JSONDecoder().decode(SearchDelta.List.self, from: Data(try #require(FileIO.read(live + "/pagefind/delta/replaced.json"))))
        #expect(second.pages.contains(place) && second.pages.contains("places/khu-di-tich-lich-su-na-tu/index.html")
                && second.pages.contains("press-releases/bach-thong-phoi-hop-phat-thanh-truyen-hinh-2023/index.html"))

        let clean = TestSupport.temporaryFolder("search-delta-clean") + "/out"
        try build(clean, incremental: false)
        #expect(!FileIO.exists(clean + "/pagefind/delta"))
        func pages(_ folder: String) -> [String: Data] { TestSupport.snapshot(folder).filter { !$0.key.hasPrefix("pagefind/") } }
        #expect(pages(live) == pages(clean))
        let queries = Self.firstResults.map(\.0) + ["xyzword", "qwertword", "phoi hop phat thanh truyen hinh"]
        let rebuilt = try ask("vi", queries, site: live), fresh = try ask("vi", queries, site: clean)
        // The same first result; no page twice. (Not the same counts: Pagefind leaves out of a
        // search the words an index lacks, so the small delta may add changed pages that match
        // only part of a query, after the others; see SearchDelta.)
        for (a, b) in zip(rebuilt, fresh) {
            #expect(a.urls.first == b.urls.first, "\(a.query): \(a.urls) against \(b.urls)")
            #expect(Set(a.urls).count == a.urls.count, "\(a.query): a page found twice")
        }
        // A one-word query counts as a clean build does.
        #expect(rebuilt[queries.count - 3].filters?["kind"] == fresh[queries.count - 3].filters?["kind"])
        #expect(rebuilt[queries.count - 3].urls == ["/places/di-tich-lich-su-don-phu-thong/"])
        #expect(rebuilt[queries.count - 2].urls == ["/places/khu-di-tich-lich-su-na-tu/"])
        #expect(!rebuilt[queries.count - 1].urls.contains("/press-releases/bach-thong-phoi-hop-phat-thanh-truyen-hinh-2023/"))
    }

    /// `pagefind:` in site.yaml names the binary, `search: false` turns search off, and
    /// `--no-search` (Options.search = false) turns it off whatever the site says.
    @Test func theSiteConfigurationTurnsSearchOnAndNamesTheBinary() throws {
        let site = TestSupport.site("bilingual")
        let binary = try #require(Pagefind.locate(environment: ProcessInfo.processInfo.environment))
        let config = site + "/Content/site.yaml"
        let text = try #require(TestSupport.read(config))
        TestSupport.write(text + "search: true\npagefind: tools/pagefind\n", to: config)
        let output = TestSupport.temporaryFolder("search-config") + "/out"
        func build(_ search: Bool? = nil) throws -> SiteBuilder.Result {
            var options = SiteBuilder.Options(siteRoot: site, output: output)
            options.search = search
            options.environment = ["PATH": "/nonexistent"]  // only the configured binary can be found
            return try SiteBuilder.build(options)
        }
        let missing = try build()
        #expect(!missing.searchIndexed)
        #expect(missing.warnings.contains { $0.message.contains("the site's 'pagefind' names \(site)/tools/pagefind") })
        try FileManager.default.createDirectory(atPath: site + "/tools", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site + "/tools/pagefind", withDestinationPath: binary)
        let on = try build()
        #expect(on.searchIndexed && on.warnings.isEmpty)
        #expect(FileIO.exists(output + "/pagefind/pagefind-entry.json"))
        #expect(TestSupport.read(output + "/index.html")?.contains("role=\"search\"") == true)
        let off = try build(false)
        #expect(!off.searchIndexed && off.warnings.isEmpty)
        #expect(!FileIO.exists(output + "/pagefind") && TestSupport.read(output + "/index.html")?.contains("role=\"search\"") == false)
        // `search: false` in the file turns it off too, without a warning, and `--search` back on.
        TestSupport.write(text + "search: false\npagefind: tools/pagefind\n", to: config)
        let offByFile = try build()
        #expect(!offByFile.searchIndexed && offByFile.warnings.isEmpty && !FileIO.exists(output + "/pagefind"))
        #expect(try build(true).searchIndexed)
    }

    @Test func foldedTermsComeFromTheSlugFolding() {
        let terms = SearchTerms.extra("Đồn Phủ Thông, Kế hoạch số 46/KH-UBND; Nghị định 42/2022/NĐ-CP")
        #expect(terms.split(separator: " ").contains("don"))
        #expect(terms.split(separator: " ").contains("46khubnd"))
        #expect(terms.split(separator: " ").contains("nd"))
        #expect(!terms.split(separator: " ").contains("phu"))  // Pagefind folds ủ itself
    }
}

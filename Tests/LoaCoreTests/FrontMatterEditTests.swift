import Foundation
import Testing
@testable import LoaCore

/// An incremental build after a front-matter edit (what an editor saves in `loa serve`) must give
/// what a clean build of the same sources gives, byte for byte, whatever the edit moves (lists,
/// indexes, feeds, the sitemap, links, redirects), with drafts shown or not. A faster way for
/// these edits (issue #17 item 2) must keep passing this.
@Suite struct FrontMatterEditTests {
    /// A copy of the sample portal whose files are an hour old (see `TestSupport.makeHourOld`).
    func portal() throws -> String {
        let site = TestSupport.temporaryFolder("front-matter")
        try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Content", toPath: site + "/Content")
        try FileManager.default.createSymbolicLink(atPath: site + "/Themes", withDestinationPath: TestSupport.repositoryRoot + "/Themes")
        // Pages are compared, not the search index (whose one-file rebuilds differ from a clean indexing).
        let configuration = site + "/Content/site.yaml"
        try (String(contentsOfFile: configuration, encoding: .utf8) + "search: false\n").write(toFile: configuration, atomically: false, encoding: .utf8)
        try TestSupport.makeHourOld(site + "/Content")
        return site
    }

    func clean(_ site: String, drafts: Bool) throws -> [String: Data] {
        var options = SiteBuilder.Options(siteRoot: site, output: TestSupport.temporaryFolder("clean") + "/out", includeDrafts: drafts)
        options.incremental = false
        _ = try SiteBuilder.build(options)
        return TestSupport.snapshot(options.output!)
    }

    /// Sets a front-matter field of a content file (added after the opening line when absent,
    /// removed when `value` is nil).
    func set(_ key: String, _ value: String?, in path: String) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let end = try #require(lines.dropFirst().firstIndex(of: "---"))
        if let i = lines[1..<end].firstIndex(where: { $0.hasPrefix(key + ":") }) {
            if let value { lines[i] = key + ": " + value } else { lines.remove(at: i) }
        } else if let value {
            lines.insert(key + ": " + value, at: 1)
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func frontMatterEditsGiveWhatACleanBuildGives() throws {
        let site = try portal()
        let content = site + "/Content/"
        let output = site + "/Public"
        for drafts in [false, true] {
            _ = try SiteBuilder.build(.init(siteRoot: site, includeDrafts: drafts))
            func step(_ what: String, _ change: () throws -> Void) throws {
                try change()
                let result = try SiteBuilder.build(.init(siteRoot: site, includeDrafts: drafts))
                #expect(!result.reusedSite, "\(what): not a body-only change")
                #expect(TestSupport.snapshot(output).filter { $0.key != ".gitkeep" } == (try clean(site, drafts: drafts)),
                        "\(what) (drafts \(drafts)): the output differs from a clean build")
            }
            let place = content + "places/khu-di-tich-lich-su-na-tu.vi.md"
            let release = content + "press-releases/cong-ttdt-bach-thong-dang-tai-352-tin-2023.vi.md"
            let document = content + "documents/bao-cao-ttdn-6-thang-dau-nam-2023-bach-thong.vi.md"
            let spokesperson = content + "spokespersons/nguoi-phat-ngon-ubnd-huyen-trieu-son.vi.md"
            let menuPage = content + "pages/gioi-thieu.vi.md"

            try step("title") { try set("title", "\"Khu di tích Nà Tu (đã sửa, \(drafts))\"", in: place) }
            #expect(TestSupport.read(output + "/places/khu-di-tich-lich-su-na-tu/index.html")?.contains("Khu di tích Nà Tu (đã sửa, \(drafts))") == true)
            try step("summary") { try set("summary", "\"Tóm tắt mới của bản tin (\(drafts)).\"", in: release) }
            try step("a date of its own that moves the release to the top of its lists") { try set("date", "2026-01-05", in: release) }
            try step("the date taken from its document again") { try set("date", nil, in: release) }
            try step("district") { try set("district", drafts ? "thach-thanh" : "trieu-son", in: place) }
            try step("topics") { try set("topics", drafts ? "[dau-tu]" : "[chuyen-doi-so, bao-chi]", in: spokesperson) }
            try step("draft on") { try set("draft", "true", in: release) }
            try step("draft off") { try set("draft", nil, in: release) }
            try step("slug of a document that releases cite and link to") { try set("slug", "bao-cao-bach-thong-2023-\(drafts)", in: document) }
            #expect(TestSupport.read(output + "/press-releases/cong-ttdt-bach-thong-dang-tai-352-tin-2023/index.html")?
                .contains("/documents/bao-cao-bach-thong-2023-\(drafts)/") == true)
            try step("issue date of a document whose releases take it") { try set("issue_date", drafts ? "2023-08" : "2023-07", in: document) }
            try step("aliases") { try set("aliases", "[/tin-cu-\(drafts)/]", in: place) }
            try step("title of a menu page (on every page)") { try set("title", "\"Giới thiệu chung (\(drafts))\"", in: menuPage) }
            try step("a new file") {
                TestSupport.write("---\ntitle: Tin mới\ndate: 2024-03-10\ndistrict: thach-thanh\ntopics: [dau-tu]\nsummary: Mới.\n---\n\nXem [Nà Tu](../places/khu-di-tich-lich-su-na-tu.vi.md).\n",
                                  to: content + "press-releases/tin-moi-\(drafts).vi.md")
            }
            try step("a translation's front matter and a new file together") {
                try set("title", "\"Nà Tu historical site, renamed (\(drafts))\"", in: content + "places/khu-di-tich-lich-su-na-tu.en.md")
                TestSupport.write("---\ntitle: New release\ndate: 2024-03-11\ndistrict: thach-thanh\nsummary: New.\n---\n\nText.\n",
                                  to: content + "press-releases/tin-moi-\(drafts).en.md")
            }
            try step("a deleted file") { try FileManager.default.removeItem(atPath: content + "press-releases/tin-moi-\(drafts).en.md") }
            // A front matter with a fault: the build fails at its line and leaves the output as it was.
            let before = TestSupport.snapshot(output)
            try set("district", "khong-co", in: spokesperson)
            let failure = TestSupport.errors(site)
            #expect(failure.contains { $0.location.path.hasSuffix("nguoi-phat-ngon-ubnd-huyen-trieu-son.vi.md") && $0.message.contains("unknown district") })
            #expect(TestSupport.snapshot(output) == before)
            try step("the fault mended") { try set("district", drafts ? "thach-thanh" : "bach-thong", in: spokesperson) }
        }
    }

    /// The releases' own way (`FrontMatterEdits`): the edits it takes, and the ones it must leave
    /// to the usual build, each against a clean build byte for byte.
    @Test func releaseFrontMatterEditsTakeTheShortWay() throws {
        let site = try portal()
        let content = site + "/Content/"
        let output = site + "/Public"
        let release = content + "press-releases/cong-ttdt-bach-thong-dang-tai-352-tin-2023.vi.md"
        let other = content + "press-releases/bach-thong-phoi-hop-phat-thanh-truyen-hinh-2023.vi.md"
        let english = content + "press-releases/cong-ttdt-bach-thong-dang-tai-352-tin-2023.en.md"
        for drafts in [false, true] {
            _ = try SiteBuilder.build(.init(siteRoot: site, includeDrafts: drafts))
            let first = try String(contentsOfFile: release, encoding: .utf8)
            func recordedEdits() -> Bool {
                ((try? FileManager.default.contentsOfDirectory(atPath: site + "/.loa-cache")) ?? []).contains { $0.hasSuffix(".site-edits") }
            }
            func step(_ what: String, short: Bool, bodyOnly: Bool = false, _ change: () throws -> Void) throws {
                try change()
                let result = try SiteBuilder.build(.init(siteRoot: site, includeDrafts: drafts))
                // The short way records its edits beside the snapshot instead of saving it again;
                // a body edit leaves them; the usual build saves the snapshot and drops them.
                if short { #expect(recordedEdits(), "\(what): edits recorded") }
                if !short && !bodyOnly { #expect(!recordedEdits(), "\(what): no edits left beside a new snapshot") }
                #expect(result.frontMatterEdited == short, "\(what) (drafts \(drafts)): \(short ? "the short way" : "the usual build")")
                #expect(result.reusedSite == bodyOnly, "\(what) (drafts \(drafts))")
                #expect(TestSupport.snapshot(output).filter { $0.key != ".gitkeep" } == (try clean(site, drafts: drafts)),
                        "\(what) (drafts \(drafts)): the output differs from a clean build")
            }
            // The four Bạch Thông releases share their document's date: the title orders them.
            try step("a title that moves the release first among its date's", short: true) {
                try set("title", "\"An early title (\(drafts))\"", in: release)
            }
            #expect(TestSupport.read(output + "/press-releases/index.html")?.contains("An early title (\(drafts))") == true)
            try step("a title that moves it last", short: true) { try set("title", "\"Zz late title (\(drafts))\"", in: release) }
            try step("summary", short: true) { try set("summary", "\"Tóm tắt khác (\(drafts)).\"", in: release) }
            // The front matter the snapshot still holds, which the output no longer shows.
            try step("the release as it was at the last usual build", short: true) {
                try first.write(toFile: release, atomically: false, encoding: .utf8)
            }
            try step("district", short: true) { try set("district", "trieu-son", in: release) }
            try step("district back", short: true) { try set("district", "bach-thong", in: release) }
            try step("topics", short: true) { try set("topics", drafts ? "[dau-tu]" : "[dau-tu, bao-chi]", in: release) }
            try step("two releases in two languages", short: true) {
                try set("title", "\"Another (\(drafts))\"", in: other)
                try set("summary", "\"English summary (\(drafts)).\"", in: english)
            }
            try step("a body edit after", short: false, bodyOnly: true) {
                try (String(contentsOfFile: release, encoding: .utf8) + "\nMột đoạn mới.\n").write(toFile: release, atomically: false, encoding: .utf8)
            }
            try step("front matter and body together", short: true) {
                try set("title", "\"Cả hai (\(drafts))\"", in: release)
                try (String(contentsOfFile: release, encoding: .utf8) + "\nThêm nữa.\n").write(toFile: release, atomically: false, encoding: .utf8)
            }
            // Left to the usual build.
            try step("a date of its own", short: false) { try set("date", "2026-01-05", in: release) }
            try step("a title with a date of its own", short: true) { try set("title", "\"Dated (\(drafts))\"", in: release) }
            try step("the document's date again", short: false) { try set("date", nil, in: release) }
            try step("a slug", short: false) { try set("slug", "tin-moi-dia-chi-\(drafts)", in: release) }
            try step("an unknown field (a warning)", short: false) { try set("colour", "\"blue\"", in: other) }
            try step("the warning gone", short: false) { try set("colour", nil, in: other) }
            try step("draft", short: drafts) { try set("draft", "true", in: other) }
            try step("draft off", short: drafts) { try set("draft", nil, in: other) }
            try step("a place's title (another kind, the same way)", short: true) {
                try set("title", "\"Nà Tu (\(drafts))\"", in: content + "places/khu-di-tich-lich-su-na-tu.vi.md")
            }
        }
    }

    /// Releases of one date ordered by title, a recorded edit, then many bodies at once (every
    /// item read whole) and another title: each list still in the order a clean build gives.
    @Test func recordedEditsWithManyBodiesAndAnotherTitle() throws {
        let site = TestSupport.site("bilingual")
        let configuration = site + "/Content/site.yaml"  // pages compared, not the search index (see `portal`)
        try (String(contentsOfFile: configuration, encoding: .utf8) + "search: false\n").write(toFile: configuration, atomically: false, encoding: .utf8)
        let content = site + "/Content/press-releases/"
        let count = SiteSnapshot.changesKeptInPlace + 6
        for i in 0..<count {
            TestSupport.write("---\ntitle: Tin \(100 + i)\ndate: 2022-01-10\ndistrict: duy-tien\nsummary: Tin số \(i).\n---\n\nNội dung \(i).\n",
                              to: content + "tin-\(i).vi.md")
        }
        try TestSupport.makeHourOld(site + "/Content")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        func build(_ what: String, short: Bool) throws {
            let result = try SiteBuilder.build(.init(siteRoot: site))
            #expect(result.frontMatterEdited == short, "\(what)")
            #expect(TestSupport.snapshot(site + "/Public").filter { $0.key != ".gitkeep" } == (try clean(site, drafts: false)), "\(what)")
        }
        try set("title", "\"Zz cuối\"", in: content + "tin-3.vi.md")
        try build("a title that moves a release last", short: true)
        for i in 0..<count {
            let path = content + "tin-\(i).vi.md"
            try (String(contentsOfFile: path, encoding: .utf8) + "Thêm.\n").write(toFile: path, atomically: false, encoding: .utf8)
        }
        try build("many bodies with a recorded edit", short: true)
        try set("title", "\"Aa đầu\"", in: content + "tin-40.vi.md")
        try build("another title, moved first", short: true)
        try set("title", "\"Tin 103\"", in: content + "tin-3.vi.md")
        try build("the first title back", short: true)
    }

    /// Builds after a change and checks the way the build took (the short way records its edits
    /// beside the snapshot) and its output against a clean build, byte for byte.
    /// A body edit after the short way reuses the site and leaves the recorded edits.
    func expectBuild(_ site: String, _ what: String, short: Bool, bodyOnly: Bool = false,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let result = try SiteBuilder.build(.init(siteRoot: site))
        let recorded = ((try? FileManager.default.contentsOfDirectory(atPath: site + "/.loa-cache")) ?? []).contains { $0.hasSuffix(".site-edits") }
        #expect(result.frontMatterEdited == short, "\(what): \(short ? "the short way" : "not the short way")", sourceLocation: sourceLocation)
        #expect(result.reusedSite == bodyOnly, "\(what): \(bodyOnly ? "the body path" : "not the body path")", sourceLocation: sourceLocation)
        #expect(recorded == short || bodyOnly, "\(what): edits recorded by the short way, dropped by the usual build", sourceLocation: sourceLocation)
        #expect(TestSupport.snapshot(site + "/Public").filter { $0.key != ".gitkeep" } == (try clean(site, drafts: false)),
                "\(what): the output differs from a clean build", sourceLocation: sourceLocation)
    }

    /// Every kind's front matter takes the short way: plain text fields, district, topics,
    /// dates and each kind's own fields, with the pages that show the item elsewhere (lists,
    /// district and topic pages, feeds, the sitemap's dates, organisation pages, document
    /// filters, the pages of items citing it).
    @Test func everyKindsFrontMatterTakesTheShortWay() throws {
        let site = try portal()
        let content = site + "/Content/"
        let output = site + "/Public"
        let page = content + "pages/so-do-trang.vi.md"  // a page outside the menu
        TestSupport.write("---\ntitle: Sơ đồ trang\nsummary: Các mục của cổng.\n---\n\nNội dung.\n", to: page)
        try TestSupport.makeHourOld(site + "/Content")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        func step(_ what: String, short: Bool = true, _ change: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            try change()
            try expectBuild(site, what, short: short, sourceLocation: sourceLocation)
        }
        let document = content + "documents/bao-cao-ttdn-6-thang-dau-nam-2023-bach-thong.vi.md"  // cited by releases, places …
        let plan = content + "documents/ke-hoach-ttdn-2021-thach-thanh.vi.md"  // no issue date, cited by none
        let spokesperson = content + "spokespersons/nguoi-phat-ngon-ubnd-huyen-trieu-son.vi.md"
        let place = content + "places/khu-di-tich-lich-su-na-tu.vi.md"
        let organisation = content + "organisations/ubnd-huyen-trieu-son.vi.md"
        let release = content + "press-releases/trieu-son-chu-tich-ubnd-huyen-la-nguoi-phat-ngon.vi.md"

        // Documents: the pages citing one show its title; its organisation lists it.
        try step("a cited document's title") { try set("title", "\"Báo cáo đã sửa tên\"", in: document) }
        #expect(TestSupport.read(output + "/press-releases/cong-ttdt-bach-thong-dang-tai-352-tin-2023/index.html")?.contains("Báo cáo đã sửa tên") == true)
        try step("a document's summary and number") {
            try set("summary", "\"Tóm tắt mới.\"", in: document)
            try set("number", "\"12/BC-UBND\"", in: document)
        }
        try step("a document's district and topics") {
            try set("district", "trieu-son", in: plan)
            try set("topics", "[dau-tu]", in: plan)
        }
        try step("a document's issue date, in a year another document has") { try set("issue_date", "2022-03-10", in: plan) }
        #expect(TestSupport.read(output + "/sitemap.xml")?.contains("<lastmod>2022-03-10</lastmod>") == true)
        try step("its issue date moved within the year") { try set("issue_date", "2022-11-02", in: plan) }
        try step("its issue date gone") { try set("issue_date", nil, in: plan) }
        try step("an issuer written another way (the same body)") { try set("issuer", "\"UBND huyện Thạch Thành\"", in: plan) }
        try step("a document's field written another way") { try set("field", "\"Thông tin Đối ngoại\"", in: plan) }
        // Spokespersons: on their organisation's page, ordered by district.
        try step("a spokesperson's title, position and phone") {
            try set("title", "\"Người phát ngôn (đã sửa)\"", in: spokesperson)
            try set("position", "\"Phó Chủ tịch UBND huyện\"", in: spokesperson)
            try set("phone", "\"0237 3865 123\"", in: spokesperson)
        }
        #expect(TestSupport.read(output + "/organisations/ubnd-huyen-trieu-son/index.html")?.contains("Phó Chủ tịch UBND huyện") == true)
        try step("a spokesperson's district, topics and date") {
            try set("district", "bach-thong", in: spokesperson)
            try set("topics", "[dau-tu]", in: spokesperson)
            try set("since", "2021-05-04", in: spokesperson)
        }
        try step("a spokesperson's agency written another way") { try set("agency", "\"UBND huyện Triệu Sơn\"", in: spokesperson) }
        // Places: on district and topic pages.
        try step("a place's title, summary and commune") {
            try set("title", "\"Di tích Nà Tu\"", in: place)
            try set("summary", "\"Tóm tắt khác.\"", in: place)
            try set("commune", "\"xã Cẩm Giàng (mới)\"", in: place)
        }
        try step("a place's district and topics") {
            try set("district", "thach-thanh", in: place)
            try set("topics", "[dau-tu, du-lich]", in: place)
        }
        try step("a place's recognition") { try set("recognition", "provincial", in: place) }
        // A recorded edit, then its body: the body path, with the item read whole again.
        func appendToBody(_ path: String) throws {
            try (String(contentsOfFile: path, encoding: .utf8) + "\nMột đoạn mới.\n").write(toFile: path, atomically: false, encoding: .utf8)
        }
        try appendToBody(place)
        try expectBuild(site, "a body edit after a place's front matter", short: false, bodyOnly: true)
        try appendToBody(spokesperson)
        try expectBuild(site, "a body edit after a spokesperson's front matter", short: false, bodyOnly: true)
        // Organisations and pages: their own pages and lists.
        try step("an organisation's summary and district") {
            try set("summary", "\"Cơ quan hành chính huyện.\"", in: organisation)
            try set("district", "bach-thong", in: organisation)
        }
        // An organisation's page shows others' fields, which a body-only build reads in outline:
        // with an organisation's edit recorded, the site is read whole.
        try appendToBody(organisation)
        try expectBuild(site, "a body edit after an organisation's front matter", short: true)
        try step("a page's title and summary") {
            try set("title", "\"Sơ đồ cổng\"", in: page)
            try set("summary", "\"Mục lục.\"", in: page)
        }
        try step("a menu page's summary") { try set("summary", "\"Liên hệ với cổng.\"", in: content + "pages/lien-he.vi.md") }
        // Press releases: a date of their own moves them in their lists.
        try step("a release's own date instead of its document's", short: false) { try set("date", "2021-03-01", in: release) }
        try step("that date changed") { try set("date", "2022-12-24", in: release) }
        #expect(TestSupport.read(output + "/sitemap.xml")?.contains("<lastmod>2022-12-24</lastmod>") == true)
        try step("that date and another release's title together") {
            try set("date", "2020-02-02", in: release)
            try set("title", "\"Tin khác\"", in: content + "press-releases/bach-thong-phoi-hop-phat-thanh-truyen-hinh-2023.vi.md")
        }
    }

    /// What the short way leaves to the usual build, each still as a clean build makes it.
    @Test func frontMatterEditsTheShortWayCannotBound() throws {
        let site = try portal()
        let content = site + "/Content/"
        // Ten releases in Thạch Thành: one more adds a page to its list of releases.
        for n in 1...10 {
            TestSupport.write("---\ntitle: Tin \(n)\ndate: 2020-01-\(n < 10 ? "0" : "")\(n)\ndistrict: thach-thanh\nsummary: Tin \(n).\n---\n\nNội dung.\n",
                              to: content + "press-releases/tin-\(n).vi.md")
        }
        try TestSupport.makeHourOld(site + "/Content")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        func step(_ what: String, short: Bool = false, _ change: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            try change()
            try expectBuild(site, what, short: short, sourceLocation: sourceLocation)
        }
        let document = content + "documents/bao-cao-ttdn-6-thang-dau-nam-2023-bach-thong.vi.md"
        let plan = content + "documents/ke-hoach-ttdn-2021-thach-thanh.vi.md"
        let release = content + "press-releases/trieu-son-chu-tich-ubnd-huyen-la-nguoi-phat-ngon.vi.md"
        try step("an eleventh release in a district (a list page comes)") { try set("district", "thach-thanh", in: release) }
        try step("a tenth again (it goes)") { try set("district", "trieu-son", in: release) }
        try step("one of ten leaves: no page comes or goes", short: true) { try set("district", "trieu-son", in: content + "press-releases/tin-3.vi.md") }
        try step("the issue date that releases take as theirs") { try set("issue_date", "2023-05", in: document) }
        try step("an issue date in a year no document has (a filter page comes)") { try set("issue_date", "2019-04-01", in: plan) }
        try step("an issuer no other document has (one filter page comes, one goes)") { try set("issuer", "\"Phòng Văn hóa huyện\"", in: plan) }
        try step("the kind of the one plan (its filter page goes)") { try set("document_kind", "report", in: plan) }
        try step("a document's attachments") {
            try set("attachments", "[{title: \"Phụ lục\", file: \"../pages/gioi-thieu.vi.md\"}]", in: plan)
        }
        try step("the attachments gone") { try set("attachments", nil, in: plan) }
        try step("a date that is the site's newest (\"last updated\" on every page)") { try set("date", "2026-02-03", in: release) }
        try step("the title of a menu page (in every footer)") { try set("title", "\"Liên hệ (mới)\"", in: content + "pages/lien-he.vi.md") }
        try step("an organisation's title (its documents and spokespersons name it)") {
            try set("title", "\"UBND huyện Triệu Sơn (mới)\"", in: content + "organisations/ubnd-huyen-trieu-son.vi.md")
        }
        try step("a slug") { try set("slug", "tin-dia-chi-moi", in: content + "places/khu-di-tich-lich-su-na-tu.vi.md") }
    }
}

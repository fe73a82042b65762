import Foundation
import Testing
@testable import LoaCore

/// Parallel and incremental builds must give exactly what a clean single-threaded build gives.
@Suite struct IncrementalBuildTests {
    func clean(_ site: String, workers: Int = Parallel.workers) throws -> [String: Data] {
        let output = TestSupport.temporaryFolder("clean") + "/out"
        var options = SiteBuilder.Options(siteRoot: site, output: output)
        options.workers = workers
        options.incremental = false
        _ = try SiteBuilder.build(options)
        return TestSupport.withoutSearchIndex(TestSupport.snapshot(output))
    }

    func inode(_ path: String) -> (UInt64, Int)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_ino), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
    }

    @Test func parallelOutputIsByteIdenticalToSingleThreaded() throws {
        let site = TestSupport.repositoryRoot  // the sample portal
        let one = try clean(site, workers: 1)
        let many = try clean(site, workers: 4)
        #expect(one.count > 80)
        #expect(one == many)
    }

    @Test func everyKindOfChangeGivesWhatACleanBuildGives() throws {
        let site = TestSupport.site("bilingual")
        let output = site + "/Public"
        let root = site + "/Content/"
        try TestSupport.makeHourOld(root)
        _ = try SiteBuilder.build(.init(siteRoot: site))
        #expect(FileManager.default.fileExists(atPath: BuildManifest.location(siteRoot: site, output: output)))

        func step(_ change: () throws -> Void) throws -> SiteBuilder.Result {
            try change()
            let result = try SiteBuilder.build(.init(siteRoot: site))
            #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(output).filter { $0.key != ".gitkeep" }) == (try clean(site)), "incremental output differs from a clean build")
            return result
        }

        // Unchanged: nothing is written, nothing is touched.
        let unchangedPage = output + "/documents/ke-hoach/index.html"
        let before = inode(unchangedPage)
        let same = try step {}
        #expect(same.filesWritten == 0)
        #expect(inode(unchangedPage)! == before!)

        // Change one item: its page and the pages listing it change, not the rest.
        let unrelated = inode(output + "/en/places/den/index.html")
        let changed = try step {
            let path = root + "press-releases/thong-cao.vi.md"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "Thông cáo chỉ có tiếng Việt", with: "Thông cáo đã sửa tên").write(toFile: path, atomically: false, encoding: .utf8)
        }
        #expect(changed.filesWritten > 0 && changed.filesWritten < 20, "\(changed.filesWritten) files rewritten")
        #expect(inode(output + "/en/places/den/index.html")! == unrelated!, "a page that does not show the item is not rewritten")
        #expect(TestSupport.read(output + "/press-releases/thong-cao/index.html")?.contains("Thông cáo đã sửa tên") == true)

        #expect(!changed.reusedSite, "a changed title is not a body-only change")

        // Change only the text below the front matter: the last build's site is reused, and only
        // that page is rendered (lists, feeds and indexes show front matter only).
        let body = try step {
            let path = root + "press-releases/thong-cao.vi.md"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try (text + "\nMột câu thêm vào cuối.\n").write(toFile: path, atomically: false, encoding: .utf8)
        }
        #expect(body.reusedSite)
        #expect(body.filesWritten == 1, "\(body.filesWritten) files rewritten")
        // Only its changes were written beside the manifest.
        let manifestPath = BuildManifest.location(siteRoot: site, output: output)
        #expect(FileManager.default.fileExists(atPath: BuildManifest.changesLocation(manifestPath)))
        #expect(TestSupport.read(output + "/press-releases/thong-cao/index.html")?.contains("Một câu thêm vào cuối.") == true)
        #expect(same.reusedSite, "nothing changed at all: nothing to load")
        // A damaged manifest: the snapshot is read but not used, and the build is a full one.
        var damagedManifest = try #require(FileIO.read(manifestPath))
        damagedManifest[damagedManifest.count / 2] ^= 0x10
        try FileIO.write(damagedManifest, to: manifestPath)
        let afterDamage = try step {
            let path = root + "press-releases/thong-cao.vi.md"
            try (try String(contentsOfFile: path, encoding: .utf8) + "\nThêm một câu nữa.\n").write(toFile: path, atomically: false, encoding: .utf8)
        }
        #expect(!afterDamage.reusedSite)
        #expect(!FileManager.default.fileExists(atPath: BuildManifest.changesLocation(manifestPath)), "the whole manifest was written again")
        #expect(BuildManifest.read(manifestPath) != nil)
        // A body that now links to nothing fails at its line, and the output stays as it was.
        let beforeBroken = TestSupport.snapshot(output)
        let brokenPath = root + "press-releases/thong-cao.vi.md"
        let good = try String(contentsOfFile: brokenPath, encoding: .utf8)
        try (good + "\nXem [tệp](khong-co.vi.md).\n").write(toFile: brokenPath, atomically: false, encoding: .utf8)
        #expect(TestSupport.errors(site).contains { $0.message.contains("link to a file that does not exist") })
        #expect(TestSupport.snapshot(output) == beforeBroken)
        _ = try step { try good.write(toFile: brokenPath, atomically: false, encoding: .utf8) }

        // Add an item, with a link from an existing one.
        _ = try step {
            TestSupport.write("---\ntitle: Tin mới\ndate: 2022-01-10\ndistrict: duy-tien\nsummary: Mới.\n---\n\nNội dung.\n", to: root + "press-releases/tin-moi.vi.md")
            TestSupport.write("---\ntitle: Giới thiệu\nmenu: 1\n---\n\nXem [tin mới](../press-releases/tin-moi.vi.md).\n", to: root + "pages/gioi-thieu.vi.md")
        }
        #expect(FileManager.default.fileExists(atPath: output + "/press-releases/tin-moi/index.html"))

        // Rename it: the link in the unchanged-looking page must follow.
        _ = try step {
            try FileManager.default.moveItem(atPath: root + "press-releases/tin-moi.vi.md", toPath: root + "press-releases/tin-moi-doi-ten.vi.md")
            TestSupport.write("---\ntitle: Giới thiệu\nmenu: 1\n---\n\nXem [tin mới](../press-releases/tin-moi-doi-ten.vi.md).\n", to: root + "pages/gioi-thieu.vi.md")
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/press-releases/tin-moi/index.html"))
        #expect(!FileManager.default.fileExists(atPath: output + "/press-releases/tin-moi"), "empty folders of removed pages go too")

        // Give it another address through its slug: the link in the unchanged page must follow
        // (the link table changed, so where unchanged bodies' links lead is worked out again).
        let linking = output + "/gioi-thieu/index.html"
        let linkingBefore = inode(linking)
        _ = try step {
            let path = root + "press-releases/tin-moi-doi-ten.vi.md"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "title: Tin mới\n", with: "title: Tin mới\nslug: dia-chi-moi\n").write(toFile: path, atomically: false, encoding: .utf8)
        }
        #expect(TestSupport.read(linking)?.contains("/press-releases/dia-chi-moi/") == true)
        #expect(inode(linking)! != linkingBefore!, "the linking page was rewritten")

        // Delete an item.
        _ = try step { try FileManager.default.removeItem(atPath: root + "places/den.en.md") }
        #expect(!FileManager.default.fileExists(atPath: output + "/en/places/den/index.html"))

        // Change the configuration: lists paginate by one item, and a district is renamed (its
        // name is on every card of its items, in lists that are otherwise unchanged).
        _ = try step {
            let path = root + "site.yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "name: Duy Tiên", with: "name: Thị xã Duy Tiên").write(toFile: path, atomically: false, encoding: .utf8)
        }
        #expect(TestSupport.read(output + "/press-releases/index.html")?.contains("Thị xã Duy Tiên") == true)
        _ = try step {
            let path = root + "site.yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try ("page_size: 1\n" + text).write(toFile: path, atomically: false, encoding: .utf8)
        }
        #expect(FileManager.default.fileExists(atPath: output + "/press-releases/page/2/index.html"))
        // And back: pages that no longer exist go.
        _ = try step {
            let path = root + "site.yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try String(text.dropFirst("page_size: 1\n".count)).write(toFile: path, atomically: false, encoding: .utf8)
        }

        // Change a template and an interface string: every page that uses them is rebuilt.
        let theme = site + "/Themes"
        try FileManager.default.removeItem(atPath: theme)
        try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Themes", toPath: theme)
        let restyled = try step {
            let footer = theme + "/default/templates/footer.mustache"
            let text = try String(contentsOfFile: footer, encoding: .utf8)
            try (text + "<!-- changed -->\n").write(toFile: footer, atomically: false, encoding: .utf8)
        }
        #expect(restyled.filesWritten > 20)
    }

    /// The last build's site is reused only when nothing but bodies can have changed: not on
    /// another day (scheduled items may be due), not from a damaged snapshot, not when an
    /// attachment or the options changed.
    @Test func theLastSiteIsReusedOnlyWhenItMustBeTheSame() throws {
        let site = TestSupport.site("bilingual")
        let root = site + "/Content/"
        TestSupport.write("not really a picture\n", to: root + "pages/anh.png")
        try TestSupport.makeHourOld(root)
        let day = Date(timeIntervalSince1970: 1_780_000_000)
        func build(now: Date = day, drafts: Bool = false) throws -> SiteBuilder.Result {
            var options = SiteBuilder.Options(siteRoot: site, includeDrafts: drafts, now: now)
            options.now = now
            let result = try SiteBuilder.build(options)
            var clean = SiteBuilder.Options(siteRoot: site, output: TestSupport.temporaryFolder("clean") + "/out", includeDrafts: drafts, now: now)
            clean.incremental = false
            _ = try SiteBuilder.build(clean)
            #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(site + "/Public").filter { $0.key != ".gitkeep" }) == TestSupport.withoutSearchIndex(TestSupport.snapshot(clean.output!)))
            return result
        }
        var n = 0
        func editBody() throws {
            n += 1
            let path = root + "press-releases/thong-cao.vi.md"
            try (try String(contentsOfFile: path, encoding: .utf8) + "\nCâu \(n).\n").write(toFile: path, atomically: false, encoding: .utf8)
        }
        _ = try build()
        try editBody()
        #expect(try build().reusedSite)
        try editBody()
        #expect(try !build(now: day.addingTimeInterval(86_400)).reusedSite, "another day")
        try editBody()
        #expect(try !build(now: day.addingTimeInterval(86_400), drafts: true).reusedSite, "other options")
        try editBody()
        #expect(try build(now: day.addingTimeInterval(86_400), drafts: true).reusedSite)

        // A damaged snapshot reads as none.
        let snapshot = SiteSnapshot.location(siteRoot: site, output: site + "/Public")
        var bytes = try #require(FileIO.read(snapshot))
        bytes[bytes.count / 2] ^= 0x40
        try FileIO.write(bytes, to: snapshot)
        try editBody()
        #expect(try !build(now: day.addingTimeInterval(86_400), drafts: true).reusedSite, "damaged snapshot")

        // The theme's style sheet changed: not a body either (the theme is a copy here).
        let theme = site + "/Themes"
        try? FileManager.default.removeItem(atPath: theme)
        try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Themes", toPath: theme)
        _ = try build(now: day.addingTimeInterval(86_400), drafts: true)
        let css = theme + "/default/static/css/loa.css"
        try (try String(contentsOfFile: css, encoding: .utf8) + "\n/* changed */\n").write(toFile: css, atomically: false, encoding: .utf8)
        try editBody()
        #expect(try !build(now: day.addingTimeInterval(86_400), drafts: true).reusedSite, "a changed style sheet")
        #expect(TestSupport.read(site + "/Public/css/loa.css")?.contains("/* changed */") == true)

        // A file published as it is, changed: not a body.
        let attachment = try #require(FileIO.walk(root).first { !$0.hasSuffix(".md") && $0 != "site.yaml" })
        try FileIO.write(Array("changed".utf8), to: root + attachment)
        try editBody()
        #expect(try !build(now: day.addingTimeInterval(86_400), drafts: true).reusedSite, "a static file changed")
    }

    /// A copy of the sample portal whose files are an hour old (see `TestSupport.makeHourOld`).
    func samplePortalCopy() throws -> String {
        let site = TestSupport.temporaryFolder("portal")
        try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Content", toPath: site + "/Content")
        try FileManager.default.createSymbolicLink(atPath: site + "/Themes", withDestinationPath: TestSupport.repositoryRoot + "/Themes")
        try TestSupport.makeHourOld(site + "/Content")
        return site
    }

    func appendToBody(_ path: String, _ text: String) throws {
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n" + text + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// A build that reuses the site reads most items only in part. Pages of every kind (a document
    /// with attachments and a translation, a spokesperson with a vCard, a menu page, a place, a
    /// press release) edited below their front matter must still come out as a clean build makes them.
    @Test func bodyEditsOfEveryKindOnTheSamplePortalGiveWhatACleanBuildGives() throws {
        let site = try samplePortalCopy()
        let content = site + "/Content/"
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let edited = ["documents/bao-cao-ttdn-6-thang-dau-nam-2022-trieu-son.en.md", "spokespersons/nguoi-phat-ngon-ubnd-huyen-trieu-son.vi.md",
                      "pages/gioi-thieu.vi.md", "places/khu-di-tich-lich-su-na-tu.en.md",
                      "press-releases/bach-thong-02-du-an-to-chuc-phi-chinh-phu-nuoc-ngoai.vi.md"]
        for (round, relative) in edited.enumerated() {
            try appendToBody(content + relative, "Câu thêm vào lần \(round + 1), với [một liên kết](../pages/lien-he.vi.md).")
            let result = try SiteBuilder.build(.init(siteRoot: site))
            #expect(result.reusedSite, "\(relative)")
            #expect(result.filesWritten >= 1 && result.filesWritten <= 2, "\(relative): \(result.filesWritten) files rewritten")
            #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(site + "/Public").filter { $0.key != ".gitkeep" }) == (try clean(site)), "\(relative)")
        }
    }

    /// Many bodies changed at once: every item is read whole and the snapshot saved again, and
    /// the build after it still gives what a clean build gives. (That a snapshot read in part is
    /// never saved, the sample portal test shows: each of its rounds renders another item from it.)
    @Test func manyBodyEditsSaveTheSnapshotAgain() throws {
        let site = TestSupport.site("bilingual")
        let content = site + "/Content/press-releases/"
        let count = SiteSnapshot.changesKeptInPlace + 6
        for i in 0..<count {
            TestSupport.write("---\ntitle: Tin \(i)\ndate: 2022-01-\(10 + i % 18)\ndistrict: duy-tien\nsummary: Tin số \(i).\n---\n\nNội dung \(i).\n",
                              to: content + "tin-\(i).vi.md")
        }
        try TestSupport.makeHourOld(site + "/Content")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let snapshot = SiteSnapshot.location(siteRoot: site, output: site + "/Public")
        let saved = try #require(FileIO.read(snapshot).map { ContentHash.of($0) })
        for i in 0..<count { try appendToBody(content + "tin-\(i).vi.md", "Thêm.") }
        let many = try SiteBuilder.build(.init(siteRoot: site))
        #expect(many.reusedSite)
        #expect(many.filesWritten == count)
        #expect(FileIO.read(snapshot).map { ContentHash.of($0) } != saved, "saved again")
        #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(site + "/Public").filter { $0.key != ".gitkeep" }) == (try clean(site)))
        // The next build reads that snapshot (the files just edited are read again, their
        // stamps being too recent to trust, and found changed only below their front matter).
        try appendToBody(site + "/Content/documents/ke-hoach.en.md", "More.")
        #expect(try SiteBuilder.build(.init(siteRoot: site)).reusedSite)
        #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(site + "/Public").filter { $0.key != ".gitkeep" }) == (try clean(site)))
    }

    @Test func aFailedIncrementalBuildLeavesTheOutputAsItWas() throws {
        let site = TestSupport.site("bilingual")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let before = TestSupport.snapshot(site + "/Public")
        TestSupport.write("---\ntitle: Tin\ndate: 2022-01-10\ndistrict: duy-tien\nsummary: S.\n---\n\n[x](../documents/khong-co.vi.md)\n", to: site + "/Content/press-releases/loi.vi.md")
        TestSupport.write("---\ntitle: Đổi\nmenu: 1\n---\n\nĐổi.\n", to: site + "/Content/pages/gioi-thieu.vi.md")
        #expect(TestSupport.errors(site).contains { $0.message.contains("link to a file that does not exist") })
        #expect(TestSupport.snapshot(site + "/Public") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site).filter { $0.contains("loa-staging") }.isEmpty)
    }

    @Test func editedOutputFilesAreRepairedAndALostCacheMeansAFullBuild() throws {
        let site = TestSupport.site("bilingual")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let page = site + "/Public/documents/ke-hoach/index.html"
        let original = try #require(TestSupport.read(page))
        TestSupport.write("edited by hand", to: page)
        let repaired = try SiteBuilder.build(.init(siteRoot: site))
        #expect(repaired.filesWritten == 1)
        #expect(TestSupport.read(page) == original)
        try FileManager.default.removeItem(atPath: site + "/.loa-cache")
        let full = try SiteBuilder.build(.init(siteRoot: site))
        #expect(full.filesWritten > 30 && full.filesUnchanged == 0)
    }

    @Test func unchangedFilesAreTakenFromTheContentCache() throws {
        let site = TestSupport.site("bilingual")
        let file = site + "/Content/press-releases/thong-cao.vi.md"
        let anHourAgo = Date().addingTimeInterval(-3600)
        try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: file)
        TestSupport.write("{}", to: site + "/.loa-cache/content.json")  // left by an older Loa
        _ = try SiteBuilder.build(.init(siteRoot: site))
        #expect(FileManager.default.fileExists(atPath: site + "/.loa-cache/content.bin"))
        #expect(!FileManager.default.fileExists(atPath: site + "/.loa-cache/content.json"))
        // Same size and time: the cache is trusted (as make and git do), so the old title stays.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "chỉ có", with: "chỉ cò").write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: file)
        var cached = SiteBuilder.Options(siteRoot: site, output: site + "/cached")
        _ = try SiteBuilder.build(cached)
        #expect(TestSupport.read(site + "/cached/press-releases/thong-cao/index.html")?.contains("Thông cáo chỉ có tiếng Việt") == true)
        // Any real edit changes the time and is read again; without the cache the file is always read.
        cached.useCache = false
        cached.output = site + "/uncached"
        _ = try SiteBuilder.build(cached)
        #expect(TestSupport.read(site + "/uncached/press-releases/thong-cao/index.html")?.contains("Thông cáo chỉ cò tiếng Việt") == true)
    }
}

/// A list card shows a release's date taken from its document: a list page whose releases keep
/// their own front matter must still change when that document's issue date does.
@Suite struct SourceDateListTests {
    @Test func aDocumentsIssueDateChangesTheListsOfTheReleasesThatTakeIt() throws {
        let site = TestSupport.temporaryFolder("source-dates")
        try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Content", toPath: site + "/Content")
        try FileManager.default.createSymbolicLink(atPath: site + "/Themes", withDestinationPath: TestSupport.repositoryRoot + "/Themes")
        // A newer item, so the site's last update (on every page) does not move with the document.
        TestSupport.write("---\ntitle: Tin mới\ndate: 2025-01-10\ndistrict: bach-thong\nsummary: Mới.\n---\n\nVăn bản.\n",
                          to: site + "/Content/press-releases/tin-moi.vi.md")
        var options = SiteBuilder.Options(siteRoot: site)
        options.reusesLastSite = false
        _ = try SiteBuilder.build(options)
        let document = site + "/Content/documents/bao-cao-ttdn-6-thang-dau-nam-2023-bach-thong.vi.md"
        let text = try String(contentsOfFile: document, encoding: .utf8)
        try text.replacingOccurrences(of: "issue_date: 2023-06", with: "issue_date: 2023-09").write(toFile: document, atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(options)
        var clean = SiteBuilder.Options(siteRoot: site, output: TestSupport.temporaryFolder("clean") + "/out")
        clean.incremental = false
        _ = try SiteBuilder.build(clean)
        let list = "press-releases/index.html"
        #expect(TestSupport.read(site + "/Public/" + list) == TestSupport.read(clean.output! + "/" + list))
        #expect(TestSupport.snapshot(site + "/Public").filter { $0.key != ".gitkeep" } == TestSupport.snapshot(clean.output!))
    }
}

import Foundation
import Testing
@testable import LoaCore

/// A build replaces only folders that are Loa's own, never the site or what holds it, and a
/// build killed at any moment leaves the old output or the new one.
@Suite struct OutputGuardTests {
    func failure(_ site: String, output: String, force: Bool = false) -> [Diagnostic]? {
        var options = SiteBuilder.Options(siteRoot: site, output: output)
        options.forceReplace = force
        do {
            _ = try SiteBuilder.build(options)
            return nil
        } catch {
            return error.diagnostics
        }
    }

    @Test func aFolderOfUserFilesIsRefusedAndLeftByteForByte() throws {
        let site = TestSupport.site("bilingual")
        let folder = TestSupport.temporaryFolder("user-files")
        TestSupport.write("my thesis\n", to: folder + "/thesis.txt")
        TestSupport.write("jpeg bytes", to: folder + "/photos/a.jpg")
        let before = TestSupport.snapshot(folder)
        let problems = try #require(failure(site, output: folder))
        let message = problems.map(\.description).joined(separator: "\n")
        #expect(message.contains("holds files that Loa did not write"))
        #expect(message.contains("--force-replace"))
        #expect(message.contains("thesis.txt") || message.contains("photos/a.jpg"))
        #expect(TestSupport.snapshot(folder) == before)
        // Refused before anything was written: no staging folder beside it either.
        let name = String(folder.split(separator: "/").last!)
        #expect(!FileIO.list(FileIO.parentPath(folder)).contains { $0.hasPrefix(name + ".loa-") })
    }

    @Test func forceReplaceReplacesAForeignFolderAndMarksIt() throws {
        let site = TestSupport.site("bilingual")
        let folder = TestSupport.temporaryFolder("forced")
        TestSupport.write("old\n", to: folder + "/old.txt")
        #expect(failure(site, output: folder, force: true) == nil)
        #expect(!FileIO.exists(folder + "/old.txt"))
        #expect(FileIO.exists(folder + "/index.html"))
        #expect(OutputGuard.hasMarker(folder))
    }

    @Test func emptyAbsentAndGitkeepFoldersAreBuiltInto() throws {
        let site = TestSupport.site("bilingual")
        let empty = TestSupport.temporaryFolder("empty")
        #expect(failure(site, output: empty) == nil)
        let absent = TestSupport.temporaryFolder("absent") + "/deeper/out"
        #expect(failure(site, output: absent) == nil)
        // A fresh clone's Public/ holds only .gitkeep, which stays.
        TestSupport.write("", to: site + "/Public/.gitkeep")
        #expect(failure(site, output: site + "/Public") == nil)
        #expect(FileIO.exists(site + "/Public/.gitkeep") && FileIO.exists(site + "/Public/index.html"))
        // Loa's own output is replaced again, also without its manifest (a full build).
        try FileManager.default.removeItem(atPath: site + "/.loa-cache")
        #expect(failure(site, output: site + "/Public") == nil)
    }

    @Test func anOutputOfABuildBeforeTheMarkerIsKnownByItsManifest() throws {
        let site = TestSupport.site("bilingual")
        let out = TestSupport.temporaryFolder("legacy") + "/out"
        #expect(failure(site, output: out) == nil)
        unlink(out + "/" + OutputGuard.markerName)
        #expect(failure(site, output: out) == nil)
        #expect(OutputGuard.hasMarker(out))
        // Without the marker, one file the manifest does not list makes it foreign.
        unlink(out + "/" + OutputGuard.markerName)
        TestSupport.write("mine", to: out + "/notes.txt")
        let problems = try #require(failure(site, output: out))
        #expect(problems.map(\.description).joined().contains("notes.txt"))
        #expect(TestSupport.read(out + "/notes.txt") == "mine")
    }

    @Test func theSiteAndWhatHoldsItAreRefusedEvenWhenForced() throws {
        // One level down, so that what holds the site is not a system folder such as /tmp.
        let site = TestSupport.temporaryFolder("holder") + "/site"
        try FileManager.default.moveItem(atPath: TestSupport.site("bilingual"), toPath: site)
        let content = TestSupport.snapshot(site + "/Content")
        let links = TestSupport.temporaryFolder("links")
        try FileManager.default.createSymbolicLink(atPath: links + "/content", withDestinationPath: site + "/Content")
        try FileManager.default.createSymbolicLink(atPath: links + "/site", withDestinationPath: site)
        let refused: [(String, String)] = [
            ("/", "root of the file system"),
            ("/usr", "system folder"),
            ("/tmp/../etc", "system folder"),
            (ProcessInfo.processInfo.environment["HOME"] ?? "/root", "home folder"),
            (site, "site's own folder"),
            (site + "/Content", "Content/ folder"),
            (site + "/Content/documents", "inside the site's Content/"),
            (site + "/Content/new-folder", "inside the site's Content/"),
            (site + "/Themes", "Themes/ folder"),
            (site + "/Themes/default/static", "Themes/"),
            (FileIO.parentPath(site), "contains the site"),
            (site + "/Public/../Content", "Content/ folder"),
            (links + "/content", "Content/ folder"),
            (links + "/site", "site's own folder"),
            (links + "/site/Content/../Content", "Content/ folder"),
        ]
        for (output, reason) in refused {
            for force in [false, true] {
                let problems = try #require(failure(site, output: output, force: force), "\(output) was built into")
                let text = problems.map(\.description).joined()
                #expect(text.contains("Loa will not write its output here") && text.contains(reason), "\(output): \(text)")
            }
        }
        #expect(TestSupport.snapshot(site + "/Content") == content)
        #expect(!FileIO.exists(site + "/Content/new-folder"))
    }

    @Test func theReportNeverReplacesAFileItDidNotWrite() throws {
        let site = TestSupport.site("bilingual")
        let folder = TestSupport.temporaryFolder("report")
        func build(report: String) -> [Diagnostic]? {
            var options = SiteBuilder.Options(siteRoot: site, output: folder + "/out")
            options.reportPath = report
            do { _ = try SiteBuilder.build(options); return nil } catch { return error.diagnostics }
        }
        let configuration = try #require(TestSupport.read(site + "/Content/site.yaml"))
        let inside = try #require(build(report: site + "/Content/site.yaml"))
        #expect(inside.map(\.description).joined().contains("inside the site's Content/ folder"))
        #expect(TestSupport.read(site + "/Content/site.yaml") == configuration)
        TestSupport.write("notes\n", to: folder + "/notes.json")
        let foreign = try #require(build(report: folder + "/notes.json"))
        #expect(foreign.map(\.description).joined().contains("is not a report of an earlier build"))
        #expect(TestSupport.read(folder + "/notes.json") == "notes\n")
        #expect(!FileIO.exists(folder + "/out"))
        // A report of an earlier build is replaced.
        #expect(build(report: folder + "/report.json") == nil)
        #expect(build(report: folder + "/report.json") == nil)
    }

    @Test func aFileIsNoOutputFolder() throws {
        let site = TestSupport.site("bilingual")
        let file = TestSupport.temporaryFolder("file") + "/out"
        TestSupport.write("x", to: file)
        let problems = try #require(failure(site, output: file, force: true))
        #expect(problems.map(\.description).joined().contains("is a file, not a folder"))
        #expect(TestSupport.read(file) == "x")
    }

    @Test func aSymbolicLinkToTheOutputIsFollowed() throws {
        let site = TestSupport.site("bilingual")
        let real = TestSupport.temporaryFolder("real") + "/www"
        #expect(failure(site, output: real) == nil)
        let link = TestSupport.temporaryFolder("link") + "/public"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        TestSupport.write("---\ntitle: Mới\ndate: 2021-04\ndistrict: dong-anh\nsummary: Mới.\n---\n\nMới.\n",
                          to: site + "/Content/press-releases/moi.vi.md")
        #expect(failure(site, output: link) == nil)
        // The link is still a link, and the folder it names has the new page.
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(FileIO.exists(real + "/press-releases/moi/index.html"))
    }

    @Test func leftoversOfKilledBuildsGoOnlyWhenMarked() throws {
        let site = TestSupport.site("bilingual")
        let parent = TestSupport.temporaryFolder("leftovers")
        let out = parent + "/out"
        TestSupport.write("x", to: parent + "/out.loa-staging-99999/" + OutputGuard.markerName)
        TestSupport.write("page", to: parent + "/out.loa-staging-99999/index.html")
        TestSupport.write("mine", to: parent + "/out.loa-previous-12345/keep.txt")
        #expect(failure(site, output: out) == nil)
        #expect(!FileIO.exists(parent + "/out.loa-staging-99999"))
        #expect(TestSupport.read(parent + "/out.loa-previous-12345/keep.txt") == "mine")
    }

    @Test func newAndImportWriteOnlyInsideContent() throws {
        let site = TestSupport.site("bilingual")
        let elsewhere = TestSupport.temporaryFolder("elsewhere")
        try FileManager.default.moveItem(atPath: site + "/Content/documents", toPath: elsewhere + "/documents")
        try FileManager.default.createSymbolicLink(atPath: site + "/Content/documents", withDestinationPath: elsewhere + "/documents")
        let before = TestSupport.snapshot(elsewhere)
        #expect(throws: BuildFailure.self) {
            _ = try NewContent.create(siteRoot: site, .init(kind: .document, title: "Kế hoạch mới", district: "dong-anh"))
        }
        #expect(TestSupport.snapshot(elsewhere) == before)
        #expect(OutputGuard.contentWriteProblem(folder: site + "/Content/documents", siteRoot: site) != nil)
        #expect(OutputGuard.contentWriteProblem(folder: site + "/Content/press-releases", siteRoot: site) == nil)
        #expect(OutputGuard.contentWriteProblem(folder: site + "/Content/../Themes", siteRoot: site) != nil)
    }

    /// kill -9 at many moments of a full build: the output is always the old site or the new one,
    /// complete, and the next build cleans up and succeeds.
    @Test func aKilledBuildLeavesTheOldOutputOrTheNewOne() throws {
        let binary = TestSupport.repositoryRoot + "/.build/debug/loa"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "run swift build first")
        let site = TestSupport.site("bilingual")
        func version(_ v: Int) {
            for i in 1...600 {
                TestSupport.write("---\ntitle: Thông cáo \(i) bản \(v)\ndate: 2021-03-01\ndistrict: dong-anh\nsummary: Tóm tắt \(i).\n---\n\nNội dung \(i), bản \(v).\n",
                                  to: site + "/Content/press-releases/tc-\(i).vi.md")
            }
        }
        func run(_ output: String, killAfter delay: Double?) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["build", "--site", site, "--output", output, "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if let delay {
                Thread.sleep(forTimeInterval: delay)
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            return process.terminationStatus
        }
        func tree(_ folder: String) -> [String: Data] { TestSupport.snapshot(folder).filter { $0.key != OutputGuard.markerName } }
        let references = TestSupport.temporaryFolder("references")
        var expected: [[String: Data]] = []
        for v in 0...1 {
            version(v)
            #expect(try run(references + "/\(v)", killAfter: nil) == 0)
            expected.append(tree(references + "/\(v)"))
        }
        #expect(expected[0] != expected[1] && expected[0].count > 600)
        try FileManager.default.removeItem(atPath: site + "/.loa-cache")

        let out = TestSupport.temporaryFolder("killed") + "/out"
        version(0)
        #expect(try run(out, killAfter: nil) == 0)
        var sawOld = false, sawNew = false
        for step in 0..<12 {
            // Each round asks for the version the output does not have, as a full build.
            let current = tree(out) == expected[0] ? 0 : 1
            version(1 - current)
            try? FileManager.default.removeItem(atPath: site + "/.loa-cache")
            _ = try run(out, killAfter: 0.05 * Double(step))
            let after = tree(out)
            let which = expected.firstIndex(of: after)
            #expect(which != nil, "after a kill at \(0.05 * Double(step)) s the output is neither the old site nor the new one (\(after.count) files)")
            if which == current { sawOld = true } else if which != nil { sawNew = true }
        }
        #expect(sawOld, "no kill landed before the swap: the test did not test")
        // The next build succeeds and removes the staging folders the kills left.
        #expect(try run(out, killAfter: nil) == 0)
        let parent = FileIO.parentPath(out)
        #expect(FileIO.list(parent).filter { !$0.hasPrefix(".") } == ["out"])  // the spare (hidden) may stay
        #expect(tree(out) == expected[0] || tree(out) == expected[1])
        _ = sawNew  // a kill after the swap is timing; a kill before it is not (sawOld)

        // Incremental builds bring the spare to the new site and exchange it with the output in
        // one step too: killed at any moment, the output is the old site or the new one, and the
        // next build brings it to exactly the site as it is.
        var sawOldAfterIncremental = false
        for step in 0..<8 {
            let current = tree(out) == expected[0] ? 0 : 1
            version(1 - current)
            _ = try run(out, killAfter: 0.04 * Double(step))
            let after = tree(out)
            let which = expected.firstIndex(of: after)
            #expect(which != nil, "after a kill at \(0.04 * Double(step)) s of an incremental build the output is neither the old site nor the new one (\(after.count) files)")
            if which == current { sawOldAfterIncremental = true }
            #expect(try run(out, killAfter: nil) == 0)
            #expect(tree(out) == expected[1 - current], "after a kill at \(0.04 * Double(step)) s the next build did not finish the change")
        }
        #expect(sawOldAfterIncremental, "no kill landed before the exchange: the test did not test")
        #expect(FileIO.list(parent).filter { !$0.hasPrefix(".") } == ["out"])
    }
}

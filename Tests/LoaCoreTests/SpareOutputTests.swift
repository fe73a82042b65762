import Foundation
import Testing
@testable import LoaCore

/// An incremental build brings the output's spare to the new site and exchanges the two folders:
/// the spare is then exactly the previous output, unchanged files are shared between both, and
/// a spare that is not as its manifest says never reaches the output.
@Suite struct SpareOutputTests {
    func tree(_ folder: String) -> [String: Data] {
        TestSupport.snapshot(folder).filter { $0.key != OutputGuard.markerName }
    }

    /// What a clean build of the site gives.
    func clean(_ site: String, search: Bool? = nil) throws -> [String: Data] {
        let output = TestSupport.temporaryFolder("clean") + "/out"
        var options = SiteBuilder.Options(siteRoot: site, output: output)
        options.incremental = false
        options.search = search
        _ = try SiteBuilder.build(options)
        return TestSupport.withoutSearchIndex(tree(output))
    }

    func inode(_ path: String) -> UInt64? {
        var st = stat()
        return stat(path, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    func rename(_ site: String, title from: String, to: String) throws {
        let path = site + "/Content/press-releases/thong-cao.vi.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(from))
        try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func anIncrementalBuildExchangesTheOutputWithItsSpare() throws {
        let site = TestSupport.site("bilingual")
        let output = TestSupport.temporaryFolder("spare") + "/out"
        let spare = FileIO.parentPath(output) + "/.out.loa-spare"
        let manifest = BuildManifest.location(siteRoot: site, output: output)
        func build() throws -> SiteBuilder.Result { try SiteBuilder.build(.init(siteRoot: site, output: output)) }
        try TestSupport.makeHourOld(site + "/Content")

        _ = try build()
        #expect(!FileIO.exists(spare), "a full build keeps no spare")
        let first = tree(output)

        try rename(site, title: "Thông cáo chỉ có tiếng Việt", to: "Thông cáo bản hai")
        let second = try build()
        #expect(second.filesWritten > 0 && second.filesWritten < 20)
        #expect(TestSupport.withoutSearchIndex(tree(output)) == (try clean(site)))
        #expect(tree(spare) == first, "the spare is the previous output, exactly")
        #expect(FileManager.default.fileExists(atPath: SpareOutput.manifestLocation(manifest)))
        // Unchanged files are one file in both trees (hard links), not copies.
        let unchanged = "en/places/den/index.html"
        #expect(inode(output + "/" + unchanged) != nil && inode(output + "/" + unchanged) == inode(spare + "/" + unchanged))
        let outputAfterSecond = tree(output)

        try rename(site, title: "Thông cáo bản hai", to: "Thông cáo bản ba")
        _ = try build()
        #expect(TestSupport.withoutSearchIndex(tree(output)) == (try clean(site)))
        #expect(tree(spare) == outputAfterSecond)

        // A file of the spare changed by hand never reaches the output: the spare's copy is
        // used only when it is the file its manifest records.
        try Data("edited by hand".utf8).write(to: URL(fileURLWithPath: spare + "/" + unchanged))
        try rename(site, title: "Thông cáo bản ba", to: "Thông cáo bản bốn")
        _ = try build()
        #expect(TestSupport.withoutSearchIndex(tree(output)) == (try clean(site)))

        // A spare whose manifest is lost (a build killed while patching it) is made again.
        try Data("left by a killed build".utf8).write(to: URL(fileURLWithPath: spare + "/" + unchanged))
        SpareOutput.forget(outputManifest: manifest)
        try rename(site, title: "Thông cáo bản bốn", to: "Thông cáo bản năm")
        _ = try build()
        #expect(TestSupport.withoutSearchIndex(tree(output)) == (try clean(site)))

        // A page removed by hand from the output is made again by the build after.
        try FileManager.default.removeItem(atPath: output + "/" + unchanged)
        try rename(site, title: "Thông cáo bản năm", to: "Thông cáo bản sáu")
        _ = try build()
        _ = try build()
        #expect(TestSupport.withoutSearchIndex(tree(output)) == (try clean(site)))
    }

    @Test func aFolderOfTheUsersWhereTheSpareGoesIsNeverRemoved() throws {
        let site = TestSupport.site("bilingual")
        let output = TestSupport.temporaryFolder("spare-foreign") + "/out"
        let spare = FileIO.parentPath(output) + "/.out.loa-spare"
        _ = try SiteBuilder.build(.init(siteRoot: site, output: output))
        let before = tree(output)
        try FileManager.default.createDirectory(atPath: spare, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: spare + "/notes.txt"))
        try rename(site, title: "Thông cáo chỉ có tiếng Việt", to: "Thông cáo bản hai")
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(.init(siteRoot: site, output: output)) }
        #expect(FileManager.default.contents(atPath: spare + "/notes.txt") == Data("mine".utf8))
        #expect(tree(output) == before, "a failed build leaves the output as it was")
    }

    @Test func theSearchIndexFollowsTheExchange() throws {
        // Without search, a folder `pagefind/` left by a build with search goes from the output.
        let site = TestSupport.site("bilingual")
        let output = TestSupport.temporaryFolder("spare-search") + "/out"
        var options = SiteBuilder.Options(siteRoot: site, output: output)
        options.search = false
        _ = try SiteBuilder.build(options)
        try FileManager.default.createDirectory(atPath: output + "/pagefind", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: output + "/pagefind/pagefind-entry.json"))
        try rename(site, title: "Thông cáo chỉ có tiếng Việt", to: "Thông cáo bản hai")
        _ = try SiteBuilder.build(options)
        #expect(!FileIO.exists(output + "/pagefind"))
        #expect(TestSupport.withoutSearchIndex(tree(output)) == (try clean(site, search: false)))
    }
}

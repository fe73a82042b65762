import Foundation
import Testing
@testable import LoaCore

/// Each invalid fixture has one fault; the build must name it at its place, and change nothing.
@Suite struct InvalidInputTests {
    static let cases: [(fixture: String, expected: String)] = [
        ("invalid-yaml", "Content/press-releases/a.vi.md:5:13: error: malformed YAML: mapping values are not allowed in this context"),
        ("invalid-district", "Content/press-releases/a.vi.md:4:11: error: unknown district 'Triệu Sơn'; did you mean 'trieu-son'?"),
        ("invalid-missing-field", "Content/press-releases/a.vi.md:1:1: error: missing required field 'title' (the page's title)"),
        ("invalid-duplicate-address", "Content/press-releases/b.vi.md:6:7: error: two items have the same address /press-releases/a/: this file and Content/press-releases/a.vi.md; rename one or give it another 'slug'"),
        ("invalid-encoding", "Content/press-releases/a.vi.md:5:14: error: the file is not valid UTF-8 text"),
        ("invalid-link", "Content/press-releases/a.vi.md:10:1: error: link to a file that does not exist: '../documents/khong-co.vi.md' (looked for Content/documents/khong-co.vi.md)"),
        ("invalid-date", "Content/press-releases/a.vi.md:3:7: error: field 'date' is not a date: '2023-02-30'; write YYYY-MM-DD, or YYYY-MM when the day is not known"),
    ]

    @Test(arguments: cases.map(\.fixture))
    func faultIsReportedAtItsPlaceAndOutputIsKept(_ fixture: String) throws {
        let expected = Self.cases.first { $0.fixture == fixture }!.expected
        let site = TestSupport.site(fixture)
        TestSupport.write("earlier build\n", to: site + "/Public/index.html")
        TestSupport.write("marker\n", to: site + "/Public/" + OutputGuard.markerName)  // an earlier build's output
        TestSupport.write("kept\n", to: site + "/Public/old/page.html")
        let before = TestSupport.snapshot(site + "/Public")
        let errors = TestSupport.errors(site)
        #expect(errors.contains { $0.description.hasPrefix(expected) }, "got: \(errors.map(\.description))")
        #expect(TestSupport.snapshot(site + "/Public") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site).filter { $0.contains("loa-staging") || $0.contains("loa-previous") }
        #expect(leftovers.isEmpty)
    }

    @Test func badByteInABodyIsReportedAtItsPlaceFromRendering() throws {
        // Bodies are decoded only when rendered; the error must still name the line and column.
        let site = TestSupport.site("valid")
        TestSupport.write("earlier build\n", to: site + "/Public/index.html")
        TestSupport.write("marker\n", to: site + "/Public/" + OutputGuard.markerName)  // an earlier build's output
        let before = TestSupport.snapshot(site + "/Public")
        var bytes = Array("---\ntitle: Trang\n---\n\nDòng một.\nHai ".utf8)
        bytes += [0xC3, 0x28] + Array(" ba.\n".utf8)
        try FileIO.write(bytes, to: site + "/Content/pages/hong.vi.md")
        let errors = TestSupport.errors(site)
        #expect(errors.map(\.description).contains { $0.hasPrefix("Content/pages/hong.vi.md:6:5: error: the file is not valid UTF-8 text") }, "\(errors)")
        #expect(TestSupport.snapshot(site + "/Public") == before)
    }

    @Test func unknownTopicIsReportedAtTheEntry() {
        let errors = TestSupport.errors(TestSupport.site("invalid-district"))
        #expect(errors.contains { $0.description.hasPrefix("Content/press-releases/a.vi.md:5:19: error: unknown topic 'du-lich'") })
    }

    @Test func everyProblemOfTheBuildIsReportedAtOnce() {
        let site = TestSupport.site("valid")
        let root = site + "/Content/"
        TestSupport.write("---\ntitle: [unclosed\n---\n", to: root + "pages/broken.vi.md")
        TestSupport.write("---\ntitle: T\ndate: 2023-01-01\nsummary: s\ndistrict: nowhere\n---\n", to: root + "press-releases/x.vi.md")
        TestSupport.write("---\ntitle: T\nposition: P\nagency: A\n---\nSee [x](gone.vi.md)\n", to: root + "spokespersons/y.vi.md")
        let errors = TestSupport.errors(site)
        let files = Set(errors.map(\.location.path))
        #expect(files == ["Content/pages/broken.vi.md", "Content/press-releases/x.vi.md", "Content/spokespersons/y.vi.md"], "\(errors)")
        #expect(errors.count >= 4)
        #expect(errors == errors.sorted { ($0.location, $0.message) < ($1.location, $1.message) }, "sorted for stable output")
    }

    @Test func configurationErrorsHaveTheirPlace() {
        let site = TestSupport.site("valid")
        TestSupport.write("""
        base_url: ftp://example
        page_size: many
        languages:
          - code: vi
            title: T
        districts:
          - slug: Triệu Sơn
            name: Triệu Sơn
        topics: []
        """, to: site + "/Content/site.yaml")
        let messages = TestSupport.errors(site).map(\.description)
        #expect(messages.contains { $0.hasPrefix("Content/site.yaml:1:11: error: base URL 'ftp://example/' must start with https://") })
        #expect(messages.contains { $0.hasPrefix("Content/site.yaml:2:12: error: field 'page_size' must be a whole number") })
        #expect(messages.contains { $0.hasPrefix("Content/site.yaml:7:11: error: 'Triệu Sơn' is not an address segment") && $0.contains("'trieu-son'") })
    }

    @Test func remoteImagesAreRefusedBecauseTheyContactAnotherHost() {
        let site = TestSupport.site("valid")
        TestSupport.write("---\ntitle: T\n---\n\n![logo](https://cdn.example.com/logo.png)\n", to: site + "/Content/pages/logo.vi.md")
        let errors = TestSupport.errors(site)
        #expect(errors.contains { $0.location.line == 5 && $0.message.contains("on another site") })
    }

    @Test func pagesCannotTakeTheAddressesOfGeneratedSections() {
        let site = TestSupport.site("valid")
        TestSupport.write("---\ntitle: T\n---\n", to: site + "/Content/pages/districts.vi.md")
        #expect(TestSupport.errors(site).contains { $0.message.contains("/districts/ is used by the portal itself") })
    }

    @Test func theCommandExitsWithStatusOneAndPrintsCompilerStyleErrors() throws {
        let binary = TestSupport.repositoryRoot + "/.build/debug/loa"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "run swift build first")
        let site = TestSupport.site("invalid-link")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["build", "--site", site]
        let stderr = Pipe(), stdout = Pipe()
        process.standardError = stderr
        process.standardOutput = stdout
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(text.contains("Content/press-releases/a.vi.md:10:1: error: link to a file that does not exist"))
        #expect(text.contains("build failed: 1 error; the output folder was not changed"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Public"))
    }
}

import Foundation
import Testing
@testable import LoaCore

@Suite struct NewContentTests {
    static let now = ISO8601DateFormatter().date(from: "2023-06-15T03:00:00Z")!

    @Test func createsAFoldedFileWithEveryFieldOfItsKind() throws {
        let site = TestSupport.site("valid")
        let path = try NewContent.create(siteRoot: site, .init(kind: .document, title: "Kế hoạch Đối ngoại năm 2024",
                                                              district: "trieu-son", topics: ["bao-chi"], now: Self.now))
        #expect(path == "Content/documents/ke-hoach-doi-ngoai-nam-2024.vi.md")
        let text = try #require(TestSupport.read(site + "/" + path))
        for field in ["title: \"Kế hoạch Đối ngoại năm 2024\"", "district: trieu-son", "topics: [\"bao-chi\"]", "document_kind:  # required",
                      "number:", "issue_date:", "place:", "issuer:  # required", "period:", "references: []", "recipients: []",
                      "signing_lines: []", "signer:", "attachments: []", "summary:", "source:", "draft: true"] {
            #expect(text.contains(field), "missing \(field)")
        }
        // The file is valid: it loads, and only the marked required fields are reported.
        let (item, problems) = ContentLoader.decode(bytes: Array(text.utf8), path: path, kind: .document, languages: ["vi"], defaultLanguage: "vi")
        #expect(item?.draft == true)
        #expect(Set(problems.map(\.message)) == ["missing required field 'document_kind' (one of: report, plan, decision, official-letter, notice, submission)",
                                                 "missing required field 'issuer' (the issuing body, e.g. Ủy ban nhân dân huyện Triệu Sơn)"])
    }

    @Test func pressReleasesAreDatedTodayAndEveryKindHasItsFields() throws {
        let site = TestSupport.site("valid")
        let expectations: [(ContentKind, [String])] = [
            (.pressRelease, ["date: 2023-06-15", "summary:  # required"]),
            (.spokesperson, ["name:", "position:  # required", "agency:  # required", "phone:", "email:", "since:"]),
            (.place, ["place_kind:  # required", "recognition:", "commune:", "coordinates:", "visiting:"]),
            (.page, ["menu:"]),
        ]
        for (kind, fields) in expectations {
            let path = try NewContent.create(siteRoot: site, .init(kind: kind, title: "Mục mới \(kind.key)", district: "bach-thong", now: Self.now))
            let text = try #require(TestSupport.read(site + "/" + path))
            for field in fields { #expect(text.contains(field), "\(kind): missing \(field)") }
        }
    }

    @Test func neverOverwritesAndChecksDistrictsAndTopics() throws {
        let site = TestSupport.site("valid")
        #expect(throws: BuildFailure.self) { try NewContent.create(siteRoot: site, .init(kind: .pressRelease, title: "Tin cũ", now: Self.now)) }
        #expect(TestSupport.read(site + "/Content/press-releases/tin-cu.vi.md")?.contains("Tin cũ nhất.") == true)
        do {
            _ = try NewContent.create(siteRoot: site, .init(kind: .pressRelease, title: "X", district: "Triệu Sơn", now: Self.now))
            Issue.record("an unknown district must fail")
        } catch {
            #expect(error.diagnostics.first?.message == "unknown district 'Triệu Sơn'; did you mean 'trieu-son'?")
        }
        #expect(throws: BuildFailure.self) { try NewContent.create(siteRoot: site, .init(kind: .page, title: "Y", topics: ["khong-co"], now: Self.now)) }
    }

    @Test func aTranslationSharesTheNameAndLanguageIndependentFields() throws {
        let site = TestSupport.site("bilingual")
        let path = try NewContent.create(siteRoot: site, .init(kind: .pressRelease, title: "Press release in English",
                                                              language: "en", translationOf: "thong-cao", now: Self.now))
        #expect(path == "Content/press-releases/thong-cao.en.md")
        let text = try #require(TestSupport.read(site + "/" + path))
        #expect(text.contains("district: dong-anh") && text.contains("date: 2021-03"))
        #expect(throws: BuildFailure.self) {
            try NewContent.create(siteRoot: site, .init(kind: .pressRelease, title: "Again", language: "en", translationOf: "thong-cao", now: Self.now))
        }
    }
}

@Suite struct CheckTests {
    @Test func reportsWarningsAndTranslationStatusWithoutWriting() throws {
        let site = TestSupport.site("bilingual")
        let root = site + "/Content/"
        TestSupport.write("---\ntitle: Người phát ngôn\nposition: P\nagency: A\ndistrict: dong-anh\n---\n\n![](anh.png) [cổng](https://example.gov.vn/portal/documents/ke-hoach/) [mất](/khong-co/) [có](/documents/ke-hoach/)\n", to: root + "spokespersons/np.vi.md")
        TestSupport.write("PNG", to: root + "spokespersons/anh.png")
        TestSupport.write("---\ntitle: Hẹn\ndate: 2999-01-01\ndistrict: dong-anh\nsummary: s\n---\n", to: root + "press-releases/hen.vi.md")
        TestSupport.write("---\ntitle: Nháp\ndate: 2020-01-01\ndistrict: dong-anh\nsummary: s\ndraft: true\n---\n\n[x](khong-co.vi.md)\n", to: root + "press-releases/nhap.vi.md")
        let report = SiteChecker.check(.init(siteRoot: site))
        let lines = report.diagnostics.map(\.description)
        func has(_ prefix: String) -> Bool { lines.contains { $0.hasPrefix(prefix) } }
        #expect(has("Content/spokespersons/np.vi.md:8:1: warning: image 'anh.png' has no alternative text"))
        #expect(has("Content/spokespersons/np.vi.md:8:1: warning: link to this portal by its full address"))
        #expect(has("Content/spokespersons/np.vi.md:8:1: warning: link '/khong-co/' leads to no page"))
        #expect(!lines.contains { $0.contains("'/documents/ke-hoach/' leads to no page") })
        #expect(has("Content/spokespersons/np.vi.md:1:1: warning: spokesperson has no published contact"))
        #expect(has("Content/press-releases/hen.vi.md:3:7: warning: scheduled: dated 2999-01-01"))
        #expect(has("Content/press-releases/nhap.vi.md:1:1: warning: draft"))
        #expect(has("Content/press-releases/nhap.vi.md:9:1: error: link to a file that does not exist"), "errors in drafts are found before they go live")
        #expect(has("Content/places/den.en.md:1:1: warning: only in English: no translation in Tiếng Việt"))
        #expect(has("Content/documents/ke-hoach.en.md:1:1: note: not stated in the document: number, place, period, signer, recipients"))
        #expect(report.errorCount == 1 && !report.passes(strict: false))
        let places = try #require(report.translations.first { $0.kind == .place })
        #expect(places.counts == ["vi": 0, "en": 1])
        #expect(places.missing.map(\.name) == ["den"])
        #expect(!FileManager.default.fileExists(atPath: site + "/Public"))
        let json = try JSONSerialization.jsonObject(with: Data(SiteChecker.json(report, strict: false).utf8)) as! [String: Any]
        #expect(json["errors"] as? Int == 1 && json["passed"] as? Bool == false)
        #expect((json["diagnostics"] as? [[String: Any]])?.contains { $0["severity"] as? String == "note" } == true)
        #expect(SiteChecker.text(report).contains("places          0     1     1"))
    }

    /// `check` keeps where pages go, not the pages: the same paths and links as an analysis that
    /// keeps every file, and the same finding when two files would go to one place.
    @Test func checkingKeepsPathsNotPages() throws {
        let site = TestSupport.site("bilingual")
        let kept = SiteBuilder.analyse(.init(siteRoot: site))
        let paths = SiteBuilder.analyse(.init(siteRoot: site), keepingContents: false)
        #expect(kept.files.count > 20)
        #expect(paths.files.isEmpty)
        #expect(paths.outputPaths == Set(kept.files.map(\.path)))
        #expect(kept.outputPaths == paths.outputPaths)
        #expect(paths.links.mapValues { $0.map(\.destination) } == kept.links.mapValues { $0.map(\.destination) })

        // A file of Content/ published where the portal writes its own.
        TestSupport.write("User-agent: *\n", to: site + "/Content/robots.txt")
        for keeping in [true, false] {
            let clash = SiteBuilder.analyse(.init(siteRoot: site), keepingContents: keeping).diagnostics.errors.map(\.description)
            #expect(clash == ["Content/robots.txt:1:1: error: two files would be written to robots.txt; rename the content or theme file"], "\(clash)")
        }
        #expect(SiteChecker.check(.init(siteRoot: site)).errorCount == 1)
        // A build says so too, and leaves no output (a first build) or the last one (incremental).
        let errors = TestSupport.errors(site).map(\.description)
        #expect(errors == ["Content/robots.txt:1:1: error: two files would be written to robots.txt; rename the content or theme file"], "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: site + "/Public/index.html"))
        try FileManager.default.removeItem(atPath: site + "/Content/robots.txt")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let before = TestSupport.snapshot(site + "/Public")
        TestSupport.write("User-agent: *\n", to: site + "/Content/robots.txt")
        #expect(TestSupport.errors(site).map(\.description) == errors)
        #expect(TestSupport.snapshot(site + "/Public") == before)
    }

    @Test func strictTurnsWarningsIntoFailuresButNotNotes() {
        let site = TestSupport.site("bilingual")
        let report = SiteChecker.check(.init(siteRoot: site))
        #expect(report.errorCount == 0)
        #expect(report.warningCount > 0)
        #expect(report.passes(strict: false) && !report.passes(strict: true))
        let onlyNotes = SiteChecker.Report(diagnostics: [.note(at: SourceLocation(path: "a"), "n")], languages: [], translations: [])
        #expect(onlyNotes.passes(strict: true))
    }
}

@Suite struct BuildReportTests {
    @Test func reportsAddedChangedUnchangedAndRemovedFilesWithHashes() throws {
        let site = TestSupport.site("valid")
        let reportPath = site + "/report.json"
        let first = try SiteBuilder.build(.init(siteRoot: site, reportPath: reportPath))
        #expect(first.report?.count(.added) == first.filesWritten)
        TestSupport.write("---\ntitle: Tin cũ (sửa)\ndate: 2021-01-05\ndistrict: bach-thong\nsummary: Tin cũ nhất.\n---\n\nNội dung.\n", to: site + "/Content/press-releases/tin-cu.vi.md")
        try FileManager.default.removeItem(atPath: site + "/Content/places/na-tu.vi.md")
        let second = try #require(try SiteBuilder.build(.init(siteRoot: site, reportPath: reportPath)).report)
        #expect(second.written.first { $0.path == "press-releases/tin-cu/index.html" }?.status == .changed)
        #expect(second.written.first { $0.path == "documents/bao-cao-2022/index.html" }?.status == .unchanged)
        #expect(second.removed == ["places/na-tu/index.html"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath))) as! [String: Any]
        let written = json["written"] as! [[String: String]]
        let css = try #require(written.first { $0["path"] == "css/loa.css" })
        let data = try Data(contentsOf: URL(fileURLWithPath: site + "/Public/css/loa.css"))
        #expect(css["sha256"] == SHA256.hex(data))
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

import Foundation
import Testing
@testable import LoaCore

/// A press release that restates a document and gives no `date` of its own takes the document's
/// issue date, and says it is the document's date, never the release's (see `SourceDates`).
@Suite struct SourceDateTests {
    static let release = "Content/press-releases/theo-bao-cao.vi.md"

    static func site(_ frontMatter: String) -> String {
        let site = TestSupport.site("valid")
        TestSupport.write("---\ntitle: Theo báo cáo\ndistrict: trieu-son\nsummary: Tin theo báo cáo.\n\(frontMatter)---\n\nNội dung.\n",
                          to: site + "/" + release)
        return site
    }

    @Test func aReleaseWithoutADateTakesItsSourceDocumentsIssueDateAndSaysWhose() throws {
        let site = Self.site("source: ../documents/bao-cao-2022.vi.md\n")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let (_, resolved, diagnostics) = SiteBuilder.plan(.init(siteRoot: site))
        #expect(!diagnostics.hasErrors)
        let item = try #require(resolved?.items.first { $0.item.sourcePath == Self.release }?.item)
        #expect(item.date == PartialDate(year: 2022, month: 6))
        #expect(item.dateFromSource == .report)
        let page = try #require(TestSupport.read(site + "/Public/press-releases/theo-bao-cao/index.html"))
        #expect(page.contains("<dt>Ngày của báo cáo</dt><dd><time datetime=\"2022-06\">tháng 6 năm 2022</time></dd>"))
        #expect(!page.contains("<dt>Ngày</dt>"))
        #expect(page.contains("href=\"/documents/bao-cao-2022/\""), "the page links the document whose date it shows")
        // Neither JSON-LD nor Open Graph calls it the release's publication date.
        #expect(!page.contains("datePublished") && !page.contains("article:published_time"))
        // Lists say it too, and sort by it as by any date.
        let list = ["", "page/2/"].compactMap { TestSupport.read(site + "/Public/press-releases/\($0)index.html") }.joined()
        #expect(list.contains("<span class=\"card-date\">Ngày của báo cáo: <time datetime=\"2022-06\">tháng 6 năm 2022</time></span>"))
        let order = ["ra-mat-chuyen-muc", "theo-bao-cao", "tin-cu"].compactMap { list.range(of: "/press-releases/\($0)/")?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "newest first: 2023-02-21, 2022-06, 2021-01-05")
    }

    @Test func aReleaseWithItsOwnDateKeepsItEvenWithASource() throws {
        let site = Self.site("date: 2023-03-01\nsource: ../documents/bao-cao-2022.vi.md\n")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let (_, resolved, _) = SiteBuilder.plan(.init(siteRoot: site))
        let item = try #require(resolved?.items.first { $0.item.sourcePath == Self.release }?.item)
        #expect(item.date == PartialDate(year: 2023, month: 3, day: 1) && item.dateFromSource == nil)
        let page = try #require(TestSupport.read(site + "/Public/press-releases/theo-bao-cao/index.html"))
        #expect(page.contains("<dt>Ngày</dt><dd><time datetime=\"2023-03-01\">"))
        #expect(page.contains("\"datePublished\":\"2023-03-01\""))
    }

    @Test func withoutADateOrASourceTheDateIsRequired() {
        let errors = TestSupport.errors(Self.site(""))
        #expect(errors.contains { $0.location.path == Self.release && $0.message.contains("missing required field 'date'") },
                "got: \(errors.map(\.description))")
    }

    @Test func aSourceThatIsNotADatedDocumentIsAnErrorAtTheSourceField() {
        let cases = [("source: ../documents/ke-hoach-2021.vi.md\n", "states no issue date"),
                     ("source: tin-cu.vi.md\n", "is not a document"),
                     ("source: https://example.gov.vn/bao-cao\n", "is not a document")]
        for (field, message) in cases {
            let errors = TestSupport.errors(Self.site(field))
            #expect(errors.contains { $0.location.path == Self.release && $0.location.line == 5 && $0.message.contains(message) },
                    "\(field): got \(errors.map(\.description))")
        }
    }

    @Test func aChangedIssueDateReachesTheReleaseOnTheNextBuild() throws {
        let site = Self.site("source: ../documents/bao-cao-2022.vi.md\n")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let document = site + "/Content/documents/bao-cao-2022.vi.md"
        let text = try #require(TestSupport.read(document))
        TestSupport.write(text.replacingOccurrences(of: "issue_date: 2022-06\n", with: "issue_date: 2022-07-04\n"), to: document)
        if case .failure(let f) = TestSupport.build(site) { Issue.record("\(f.diagnostics.map(\.description))") }
        let page = try #require(TestSupport.read(site + "/Public/press-releases/theo-bao-cao/index.html"))
        #expect(page.contains("<dt>Ngày của báo cáo</dt><dd><time datetime=\"2022-07-04\">ngày 04 tháng 7 năm 2022</time></dd>"))
    }

    @Test func everySamplePressReleaseIsDatedByTheReportItRestates() throws {
        let (output, site) = SamplePortalTests.built
        let releases = site.items.filter { $0.item.kind == .pressRelease }
        #expect(releases.count >= 8)
        for r in releases {
            let source = try #require(site.items.first { $0.path == r.sourcePath }, "\(r.item.sourcePath) names no source page")
            #expect(r.item.dateFromSource == .report && r.item.date == source.item.document?.issueDate, "\(r.item.sourcePath)")
            let label = r.item.language == "vi" ? "Ngày của báo cáo" : "Date of the report"
            let page = try #require(TestSupport.read(output + "/" + r.path + "index.html"))
            #expect(page.contains("<dt>\(label)</dt>"), "\(r.path)")
        }
    }
}

extension SourceDateTests {
    /// `loa new` for a translation: the original's date is its source document's, not its own,
    /// so the translation gets no date line to copy it into.
    @Test func aTranslationOfADocumentDatedReleaseCopiesNoDate() throws {
        let site = Self.site("source: ../documents/bao-cao-2022.vi.md\n")
        let config = try #require(TestSupport.read(site + "/Content/site.yaml"))
        TestSupport.write(config.replacingOccurrences(of: "    title: Cổng thử nghiệm\n", with: "    title: Cổng thử nghiệm\n  - code: en\n    name: English\n    title: Test portal\n"),
                          to: site + "/Content/site.yaml")
        let path = try NewContent.create(siteRoot: site, .init(kind: .pressRelease, title: "According to the report", language: "en",
                                                              translationOf: "theo-bao-cao", now: Date()))
        let text = try #require(TestSupport.read(site + "/" + path))
        #expect(text.contains("\ndate:  # none: the date of the document named in 'source'\n"), "\(text)")
    }
}

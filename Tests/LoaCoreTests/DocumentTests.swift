import Foundation
import Testing
@testable import LoaCore

/// Documents as Decree 42/2022/NĐ-CP lists them (effective date, abstract, field, signed file)
/// and the document index's filter pages, on the `documents` fixture: six Vietnamese documents
/// (three reports, a plan, an undated decision), two of them translated, `page_size: 2`.
@Suite struct DocumentTests {
    func built() throws -> (site: String, output: String) {
        let site = TestSupport.site("documents")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        return (site, site + "/Public")
    }

    func page(_ output: String, _ path: String) throws -> String {
        try #require(TestSupport.read(output + "/" + path + "index.html"), "no page \(path)")
    }

    /// The titles of the cards a list page shows, in order.
    func cards(_ html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"<h3 class="card-title"><a href="[^"]*">([^<]*)</a>"#)
        return LinkChecker.values(regex, in: html)
    }

    /// The labels of one filter group (`kind`, `issuer`, `year`, `field`), in order.
    func filterLabels(_ html: String, _ facet: String) -> [String] {
        guard let start = html.range(of: "id=\"filter-\(facet)\"") else { return [] }
        let rest = html[start.upperBound...]
        let group = rest[..<(rest.range(of: "</ul>")?.lowerBound ?? rest.endIndex)]
        let regex = try! NSRegularExpression(pattern: #"<li><a href="[^"]*"(?: aria-current="page")?>([^<]*)</a>"#)
        return LinkChecker.values(regex, in: String(group))
    }

    // MARK: - Fields

    @Test func theNewFieldsAreDecoded() throws {
        let (item, problems) = TestSupport.decode("""
        ---
        title: Báo cáo công tác thông tin đối ngoại
        document_kind: report
        abstract: Công tác thông tin đối ngoại 6 tháng đầu năm 2023
        issue_date: 2023-06-20
        effective_date: 2023-07-01
        field: Thông tin đối ngoại
        issuer: Ủy ban nhân dân huyện Bạch Thông
        district: bach-thong
        recipients_note: "Gửi bản điện tử:"
        recipients: [Sở TT&TT (b/c);]
        ---
        """, kind: .document)
        #expect(problems.isEmpty, "\(problems)")
        let doc = try #require(item?.document)
        #expect(doc.effectiveDate == PartialDate(year: 2023, month: 7, day: 1))
        #expect(doc.abstract == "Công tác thông tin đối ngoại 6 tháng đầu năm 2023")
        #expect(doc.field == "Thông tin đối ngoại")
        #expect(doc.recipientsNote == "Gửi bản điện tử:")
        #expect(doc.recipients == ["Sở TT&TT (b/c);"], "the note is not a recipient")
        #expect(DocumentFacet.field.value(of: doc) == "thong-tin-doi-ngoai")
        #expect(DocumentFacet.issuer.value(of: doc) == "uy-ban-nhan-dan-huyen-bach-thong")
        #expect(DocumentFacet.year.value(of: doc) == "2023")
    }

    @Test func withoutAnAbstractTheTitleIsShownAndNothingIsInvented() throws {
        let (item, problems) = TestSupport.decode("---\ntitle: Kế hoạch năm 2021\ndocument_kind: plan\nissuer: UBND\ndistrict: x\n---\n", kind: .document)
        #expect(problems.isEmpty)
        let doc = try #require(item?.document)
        #expect(doc.abstract == nil && doc.effectiveDate == nil && doc.field == nil && doc.recipientsNote == nil)
        #expect(doc.shownAbstract(title: "Kế hoạch năm 2021") == "Kế hoạch năm 2021")
        #expect(DocumentFacet.year.value(of: doc) == nil && DocumentFacet.field.value(of: doc) == nil)
    }

    @Test func errorsOfTheNewFieldsAreReportedAtTheirPlacesAllAtOnce() {
        let site = TestSupport.site("documents")
        TestSupport.write("""
        ---
        title: Văn bản sai
        document_kind: report
        issuer: Ủy ban nhân dân huyện Triệu Sơn
        district: trieu-son
        issue_date: 2023-06-20
        effective_date: 2023-06-19
        abstract: [một, hai]
        field: "—"
        recipients_note: {gui: ban}
        attachments:
          - title: Bản ký số
            file: files/khong-co.pdf
        ---

        Nội dung.
        """, to: site + "/Content/documents/sai.vi.md")
        TestSupport.write("---\ntitle: T\ndocument_kind: plan\nissuer: UBND\ndistrict: trieu-son\neffective_date: 2023-02-30\n---\n",
                          to: site + "/Content/documents/sai-ngay.vi.md")
        let errors = TestSupport.errors(site).map(\.description)
        let expected = [
            "Content/documents/sai-ngay.vi.md:6:17: error: field 'effective_date' is not a date: '2023-02-30'",
            "Content/documents/sai.vi.md:7:17: error: effective_date 2023-06-19 is before the issue_date 2023-06-20",
            "Content/documents/sai.vi.md:8:11: error: field 'abstract' must be a single text value, not a list",
            "Content/documents/sai.vi.md:9:8: error: field 'field' needs letters or digits",
            "Content/documents/sai.vi.md:10:18: error: field 'recipients_note' must be a single text value, not a group of fields",
            "Content/documents/sai.vi.md:13:11: error: attachment: link to a file that does not exist: 'files/khong-co.pdf'",
        ]
        for e in expected { #expect(errors.contains { $0.hasPrefix(e) }, "missing \(e) in \(errors)") }
        #expect(errors.count == expected.count, "\(errors)")
    }

    @Test func aMonthIsNotBeforeADayInIt() {
        let june = PartialDate(year: 2022, month: 6), june15 = PartialDate(year: 2022, month: 6, day: 15)
        #expect(!june.isBefore(june15) && !june15.isBefore(june))
        #expect(PartialDate(year: 2022, month: 5, day: 31).isBefore(june))
        #expect(!PartialDate(year: 2022, month: 6, day: 16).isBefore(june15))
    }

    @Test func aDocumentCannotTakeAFilterSegmentAsItsAddress() {
        let site = TestSupport.site("documents")
        TestSupport.write("---\ntitle: T\ndocument_kind: plan\nissuer: UBND\ndistrict: trieu-son\nslug: year\n---\n", to: site + "/Content/documents/nam.vi.md")
        let errors = TestSupport.errors(site).map(\.description)
        #expect(errors.contains { $0.hasPrefix("Content/documents/nam.vi.md:6:7: error: the address /documents/year/ would sit among the document filter pages") }, "\(errors)")
    }

    // MARK: - The document's page

    @Test func theSignedFilesAreShownWithTypeAndSizeAndPublished() throws {
        let (site, output) = try built()
        let html = try page(output, "documents/bc-2023-a/")
        #expect(html.contains("<a href=\"/documents/files/bc-2023-a.pdf\" download>Bản ký số</a> <span class=\"file-info\">(PDF, 16 byte)</span>"))
        #expect(html.contains("<a href=\"/documents/files/phu-luc.docx\" download>Phụ lục</a> <span class=\"file-info\">(DOCX, 2 KB)</span>"))
        for file in ["documents/files/bc-2023-a.pdf", "documents/files/phu-luc.docx"] {
            #expect(FileManager.default.contents(atPath: output + "/" + file) == FileManager.default.contents(atPath: site + "/Content/" + file),
                    "\(file) is published as it is")
        }
        let en = try page(output, "en/documents/bc-2023-a/")
        #expect(en.contains("<a href=\"/documents/files/bc-2023-a.pdf\" download>Signed original</a> <span class=\"file-info\">(PDF, 16 bytes)</span>"))
        #expect(LinkChecker(output: output, baseURL: "https://example.gov.vn/").check().map(\.description) == [])
    }

    @Test func thePageShowsTheFactsTheDecreeLists() throws {
        let (_, output) = try built()
        let html = try page(output, "documents/bc-2023-a/")
        #expect(html.contains("<dt>Trích yếu</dt><dd>Công tác thông tin đối ngoại 6 tháng đầu năm 2023</dd>"))
        #expect(html.contains("<dt>Ngày có hiệu lực</dt><dd><time datetime=\"2023-07-01\">ngày 01 tháng 7 năm 2023</time></dd>"))
        #expect(html.contains("<dt>Lĩnh vực</dt><dd><a href=\"/documents/field/thong-tin-doi-ngoai/\">Thông tin đối ngoại</a></dd>"))
        #expect(html.contains("<a href=\"/documents/issuer/uy-ban-nhan-dan-huyen-bach-thong/\">Ủy ban nhân dân huyện Bạch Thông</a>"))
        #expect(html.contains("<a href=\"/documents/kind/report/\">Báo cáo</a>"))
        // The delivery note stands above the list, and is not one of its entries.
        let recipients = try #require(html.range(of: "<section class=\"recipients\"").map { String(html[$0.lowerBound...].prefix(600)) })
        #expect(recipients.contains("<p class=\"recipients-note\">Gửi bản điện tử:</p>\n      <ul><li>Sở TT&amp;TT (b/c);</li>"), "\(recipients)")
        #expect(!recipients.contains("<li class=\"group\">Gửi bản điện tử:</li>"))

        // A document without abstract, effective date or field: the title, and "not stated".
        let plan = try page(output, "documents/kh-2021/")
        #expect(plan.contains("<dt>Trích yếu</dt><dd>Kế hoạch công tác thông tin đối ngoại năm 2021</dd>"))
        #expect(plan.contains("<dt>Ngày có hiệu lực</dt><dd><span class=\"not-stated\">Văn bản không ghi</span></dd>"))
        let undated = try page(output, "documents/qd-khong-ngay/")
        #expect(undated.contains("<dt>Lĩnh vực</dt><dd><span class=\"not-stated\">Văn bản không ghi</span></dd>"))
        #expect(!undated.contains("/documents/year/"))
    }

    // MARK: - Filter pages

    @Test func eachFilterListsItsDocumentsInListOrderPaginated() throws {
        let (_, output) = try built()
        #expect(cards(try page(output, "documents/kind/report/")) == ["Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2023",
                                                                       "Báo cáo tình hình du lịch quý I năm 2023"])
        let second = try page(output, "documents/kind/report/page/2/")
        #expect(cards(second) == ["Báo cáo kết quả thu hút đầu tư năm 2022"])
        #expect(second.contains("<a href=\"/documents/kind/report/\" rel=\"prev\">"))
        #expect(!FileManager.default.fileExists(atPath: output + "/documents/kind/report/page/3/index.html"))
        #expect(cards(try page(output, "documents/kind/plan/")) == ["Kế hoạch công tác thông tin đối ngoại năm 2021"])
        #expect(cards(try page(output, "documents/kind/decision/")) == ["Quyết định thành lập tổ thông tin đối ngoại"])
        #expect(cards(try page(output, "documents/year/2023/")) == ["Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2023",
                                                                     "Báo cáo tình hình du lịch quý I năm 2023"])
        #expect(cards(try page(output, "documents/year/2022/")) == ["Báo cáo kết quả thu hút đầu tư năm 2022"])
        #expect(cards(try page(output, "documents/issuer/uy-ban-nhan-dan-huyen-trieu-son/")) == ["Báo cáo tình hình du lịch quý I năm 2023",
                                                                                                 "Báo cáo kết quả thu hút đầu tư năm 2022"])
        #expect(cards(try page(output, "documents/field/thong-tin-doi-ngoai/")) == ["Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2023",
                                                                                    "Kế hoạch công tác thông tin đối ngoại năm 2021"])
        #expect(cards(try page(output, "documents/field/dau-tu/")) == ["Báo cáo kết quả thu hút đầu tư năm 2022"])
        // The undated decision has no year, and no field: no list of its own for them.
        let years = try FileManager.default.contentsOfDirectory(atPath: output + "/documents/year").sorted()
        #expect(years == ["2021", "2022", "2023"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: output + "/documents/field").sorted() == ["dau-tu", "du-lich", "thong-tin-doi-ngoai"])
        let title = try page(output, "documents/year/2023/")
        #expect(title.contains("<h1>Năm ban hành: 2023</h1>"))
    }

    @Test func theFiltersAreInVietnameseOrderAndMarkTheListShown() throws {
        let (_, output) = try built()
        let index = try page(output, "documents/")
        // Đ after D, as in every Vietnamese list (code point order would put "Đầu tư" last).
        #expect(filterLabels(index, "field") == ["Du lịch", "Đầu tư", "Thông tin đối ngoại"])
        #expect(filterLabels(index, "issuer") == ["Ban Thường vụ Huyện ủy Triệu Sơn", "Ủy ban nhân dân huyện Bạch Thông", "Ủy ban nhân dân huyện Triệu Sơn"])
        #expect(filterLabels(index, "year") == ["2023", "2022", "2021"], "newest first")
        #expect(filterLabels(index, "kind") == ["Báo cáo", "Kế hoạch", "Quyết định"])
        #expect(index.contains("<a href=\"/documents/\" aria-current=\"page\">Tất cả văn bản</a>"))
        #expect(index.contains("<li><a href=\"/documents/field/du-lich/\">Du lịch</a> <span class=\"count\">(1)</span></li>"))
        let filtered = try page(output, "documents/field/du-lich/")
        #expect(filtered.contains("<a href=\"/documents/field/du-lich/\" aria-current=\"page\">Du lịch</a>"))
        #expect(filtered.contains("<a href=\"/documents/\">Tất cả văn bản</a>"))
        // Without JavaScript: plain links, no script on the page.
        #expect(!filtered.contains("<script src"))
    }

    @Test func filterPagesAreInBothLanguagesAndTranslateEachOther() throws {
        let (_, output) = try built()
        let en = try page(output, "en/documents/field/external-information/")
        #expect(cards(en) == ["Report on external information work in the first half of 2023", "External information plan for 2021"])
        #expect(en.contains("<h1>Field: External information</h1>"))
        #expect(filterLabels(try page(output, "en/documents/"), "kind") == ["Plan", "Report"])
        // A field written in each language: its lists are each other's translations.
        #expect(en.contains("hreflang=\"vi\" href=\"https://example.gov.vn/documents/field/thong-tin-doi-ngoai/\""))
        let vi = try page(output, "documents/field/thong-tin-doi-ngoai/")
        #expect(vi.contains("hreflang=\"en\" href=\"https://example.gov.vn/en/documents/field/external-information/\""))
        #expect(try page(output, "documents/kind/report/").contains("hreflang=\"en\" href=\"https://example.gov.vn/en/documents/kind/report/\""))
        // No English decision: the Vietnamese list has no English alternate.
        let decisions = try page(output, "documents/kind/decision/")
        #expect(!decisions.contains("rel=\"alternate\" hreflang=\"en\""))
        #expect(!FileManager.default.fileExists(atPath: output + "/en/documents/kind/decision/index.html"))
        let sitemap = try #require(TestSupport.read(output + "/sitemap.xml"))
        for path in ["documents/kind/report/page/2/", "documents/year/2021/", "en/documents/issuer/bach-thong-district-people-s-committee/"] {
            #expect(sitemap.contains("<loc>https://example.gov.vn/\(path)</loc>"), "\(path) in the sitemap")
        }
        #expect(LinkChecker(output: output, baseURL: "https://example.gov.vn/").check().map(\.description) == [])
    }

    // MARK: - Incremental builds

    @Test func aChangedKindYearOrFieldUpdatesTheFilterPagesAsACleanBuildWould() throws {
        let site = TestSupport.site("documents")
        let output = site + "/Public"
        let root = site + "/Content/documents/"
        try TestSupport.makeHourOld(site + "/Content")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        func clean() throws -> [String: Data] {
            let out = TestSupport.temporaryFolder("clean") + "/out"
            var options = SiteBuilder.Options(siteRoot: site, output: out)
            options.incremental = false
            _ = try SiteBuilder.build(options)
            return TestSupport.withoutSearchIndex(TestSupport.snapshot(out))
        }
        func edit(_ file: String, _ old: String, _ new: String) throws {
            let text = try #require(TestSupport.read(root + file))
            #expect(text.contains(old))
            TestSupport.write(text.replacingOccurrences(of: old, with: new), to: root + file)
            _ = try SiteBuilder.build(.init(siteRoot: site))
            #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(output).filter { $0.key != ".gitkeep" }) == (try clean()), "incremental output differs after \(old) → \(new)")
        }
        // The kind: the report moves to the plans, and the report list loses its second page.
        try edit("bc-2022.vi.md", "document_kind: report", "document_kind: plan")
        #expect(cards(try page(output, "documents/kind/plan/")) == ["Báo cáo kết quả thu hút đầu tư năm 2022", "Kế hoạch công tác thông tin đối ngoại năm 2021"])
        #expect(!FileManager.default.fileExists(atPath: output + "/documents/kind/report/page/2/index.html"))
        // The year: a new year's list, the old one gone.
        try edit("bc-2022.vi.md", "issue_date: 2022-12-15", "issue_date: 2020-12-15")
        #expect(cards(try page(output, "documents/year/2020/")) == ["Báo cáo kết quả thu hút đầu tư năm 2022"])
        #expect(!FileManager.default.fileExists(atPath: output + "/documents/year/2022/index.html"))
        #expect(filterLabels(try page(output, "documents/kind/report/"), "year") == ["2023", "2021", "2020"])
        // The field, on a document that is not on the first page of any list it is in.
        try edit("bc-2022.vi.md", "field: Đầu tư", "field: Du lịch")
        #expect(cards(try page(output, "documents/field/du-lich/")) == ["Báo cáo tình hình du lịch quý I năm 2023", "Báo cáo kết quả thu hút đầu tư năm 2022"])
        #expect(!FileManager.default.fileExists(atPath: output + "/documents/field/dau-tu/index.html"))
        #expect(!(try page(output, "documents/page/3/")).contains("Đầu tư"))
        // A field translated differently: the translation link follows the documents.
        try edit("kh-2021.en.md", "field: External information", "field: Foreign information")
        #expect(try page(output, "documents/field/thong-tin-doi-ngoai/").contains("hreflang=\"en\" href=\"https://example.gov.vn/en/documents/field/external-information/\""))
    }

    // MARK: - loa check

    @Test func checkListsDocumentsWithoutTheirSignedFileAndTheAbstractsTakenFromTitles() throws {
        let site = TestSupport.site("documents")
        TestSupport.write("""
        ---
        title: Báo cáo có ghi chú lẫn vào nơi nhận
        document_kind: report
        issuer: Ủy ban nhân dân huyện Triệu Sơn
        district: trieu-son
        recipients:
          - "Gửi bản điện tử:"
          - Sở TT&TT (b/c);
        ---
        """, to: site + "/Content/documents/ghi-chu.vi.md")
        let report = SiteChecker.check(.init(siteRoot: site))
        let lines = report.diagnostics.map(\.description)
        let withoutFile = lines.filter { $0.contains("warning: no signed file") }.map { String($0.prefix { $0 != ":" }) }
        #expect(withoutFile == ["Content/documents/bc-2022.vi.md", "Content/documents/bc-2023-b.vi.md", "Content/documents/ghi-chu.vi.md",
                                "Content/documents/kh-2021.en.md", "Content/documents/kh-2021.vi.md", "Content/documents/qd-khong-ngay.vi.md"],
                "every document without an attachment, and only those: \(lines)")
        #expect(lines.contains("Content/documents/kh-2021.vi.md:1:1: note: no 'abstract' (trích yếu): the page shows the title as the document's abstract"))
        #expect(!lines.contains { $0.hasPrefix("Content/documents/bc-2023-a.vi.md") && $0.contains("abstract") })
        #expect(lines.contains("Content/documents/qd-khong-ngay.vi.md:1:1: note: not stated in the document: number, issue_date, place, period, signer, recipients, effective_date, field"))
        #expect(lines.contains { $0.hasPrefix("Content/documents/ghi-chu.vi.md:7:5: warning: 'Gửi bản điện tử:' is a delivery note, not a recipient: write it as 'recipients_note") }, "\(lines)")
        #expect(report.errorCount == 0 && report.passes(strict: false) && !report.passes(strict: true))
    }
}

import Foundation
import Testing
@testable import LoaCore

/// The organisation kind (`Content/organisations/`): its fields, their errors, its page, its
/// JSON-LD, `loa new organisation` and incremental builds.
@Suite struct OrganisationTests {
    static let full = """
    ---
    title: "Ủy ban nhân dân huyện Triệu Sơn"
    organisation_kind: people-committee
    district: trieu-son
    parent: "Ủy ban nhân dân tỉnh Thanh Hóa"
    address: "Số 1, thị trấn Triệu Sơn"
    phone: "+84 237 3865 000"
    fax: "0237 3865 001"
    email: vanphong@example.gov.vn
    working_hours: "Thứ Hai – Thứ Sáu"
    officials:
      - name: "Lê Quang Trung"
        position: "Phó Chủ tịch UBND huyện"
        unit: "UBND huyện"
        phone: "0237 3865 002"
        email: pct@example.gov.vn
      - position: "Chủ tịch UBND huyện"
    chart:
      - "Văn phòng HĐND và UBND huyện"
      - name: "Phòng Văn hóa và Thông tin"
        units:
          - "Tổ thông tin"
          - name: "Nhóm cơ sở"
            units: ["Bản tin xã"]
    chart_image: {file: ../pages/images/logo.png, alt: "Sơ đồ cơ cấu tổ chức của UBND huyện"}
    source: "../documents/bao-cao-2022.vi.md"
    ---

    Chức năng, nhiệm vụ.
    """

    @Test func everyFieldIsDecoded() throws {
        let (item, problems) = TestSupport.decode(Self.full, kind: .organisation, path: "Content/organisations/ubnd.vi.md")
        #expect(problems.isEmpty, "\(problems)")
        let org = try #require(item?.organisation)
        #expect(org.organisationKind == .peopleCommittee)
        #expect(org.parent == "Ủy ban nhân dân tỉnh Thanh Hóa")
        #expect(org.address == "Số 1, thị trấn Triệu Sơn" && org.phone == "+84 237 3865 000" && org.fax == "0237 3865 001")
        #expect(org.email == "vanphong@example.gov.vn" && org.workingHours == "Thứ Hai – Thứ Sáu")
        #expect(org.officials == [
            Official(name: "Lê Quang Trung", position: "Phó Chủ tịch UBND huyện", unit: "UBND huyện", phone: "0237 3865 002", email: "pct@example.gov.vn"),
            Official(name: nil, position: "Chủ tịch UBND huyện", unit: nil, phone: nil, email: nil),
        ])
        #expect(org.chart == [
            OrganisationUnit(name: "Văn phòng HĐND và UBND huyện", units: []),
            OrganisationUnit(name: "Phòng Văn hóa và Thông tin", units: [
                OrganisationUnit(name: "Tổ thông tin", units: []),
                OrganisationUnit(name: "Nhóm cơ sở", units: [OrganisationUnit(name: "Bản tin xã", units: [])]),
            ]),
        ])
        #expect(org.chartImage?.file == "../pages/images/logo.png" && org.chartImage?.alt == "Sơ đồ cơ cấu tổ chức của UBND huyện")
        #expect(item?.district == "trieu-son")

        // The content cache and the site snapshot keep every field.
        let decoded = try #require(item)
        let bytes = BinaryWriter.encoding { $0.item(decoded) }
        #expect(BinaryReader.read(bytes) { r throws(BinaryReader.Corrupt) in try r.item() } == decoded)
    }

    @Test func everyFaultIsReportedAtItsFieldAllAtOnce() {
        let text = """
        ---
        title: "Ủy ban nhân dân huyện Triệu Sơn"
        organisation_kind: committee
        district: trieu-son
        email: vanphong-at-example
        phone: "gọi văn phòng"
        officials:
          - "Lê Quang Trung"
          - name: "Nguyễn Văn A"
            email: "a@"
          - unit: "Văn phòng"
            rank: 3
        chart:
          - "Văn phòng"
          - [a, b]
          - name: "Phòng"
            units: "Tổ"
        chart_image: {file: so-do.pdf}
        ---
        """
        let (_, problems) = TestSupport.decode(text, kind: .organisation, path: "Content/organisations/ubnd.vi.md")
        let messages = problems.map(\.description)
        let expected = [
            "Content/organisations/ubnd.vi.md:3:20: error: field 'organisation_kind' has an unknown value 'committee'",
            "Content/organisations/ubnd.vi.md:5:8: error: 'vanphong-at-example' does not look like an e-mail address",
            "Content/organisations/ubnd.vi.md:6:8: error: 'gọi văn phòng' does not look like a phone number",
            "Content/organisations/ubnd.vi.md:8:5: error: each entry of 'officials' must be a group of fields (key: value lines)",
            "Content/organisations/ubnd.vi.md:10:12: error: 'a@' does not look like an e-mail address",
            "Content/organisations/ubnd.vi.md:11:5: error: an official needs at least a 'name' or a 'position'",
            "Content/organisations/ubnd.vi.md:12:5: warning: unknown field 'rank' is ignored",
            "Content/organisations/ubnd.vi.md:15:5: error: each entry of 'chart' must be a unit's name or a group with 'name' and 'units'",
            "Content/organisations/ubnd.vi.md:17:12: error: field 'units' must be a list of units",
            "Content/organisations/ubnd.vi.md:18:14: error: missing required field 'alt'",
            "Content/organisations/ubnd.vi.md:18:21: error: chart_image 'so-do.pdf' must be a picture",
        ]
        for e in expected { #expect(messages.contains { $0.hasPrefix(e) }, "missing \(e) in \(messages)") }
        #expect(problems.filter { $0.severity == .error }.count == expected.count - 1, "\(messages)")
    }

    @Test func aChartNestedTooDeepIsAnError() {
        var chart = "chart:\n"
        for level in 0..<9 {
            let indent = String(repeating: "    ", count: level)
            chart += "\(indent)  - name: \"Cấp \(level + 1)\"\n\(indent)    units:\n"
        }
        chart += String(repeating: "    ", count: 9) + "  - \"Cuối\"\n"
        let (_, problems) = TestSupport.decode("---\ntitle: T\norganisation_kind: other\ndistrict: trieu-son\n\(chart)---\n", kind: .organisation)
        #expect(problems.map(\.message).contains { $0.contains("nested more than 8 levels") }, "\(problems)")
    }

    /// The `valid` fixture has an organisation with every field (the text above), its
    /// spokesperson, a document it issued, and its parent body with no other field.
    static func site() -> String {
        let site = TestSupport.site("valid")
        #expect(TestSupport.read(site + "/Content/organisations/ubnd-trieu-son.vi.md") == full + "\n")
        return site
    }

    static let built: String = {
        let site = Self.site()
        _ = try! SiteBuilder.build(.init(siteRoot: site))
        return site + "/Public"
    }()

    func page(_ path: String) throws -> String {
        try #require(TestSupport.read(Self.built + "/" + path), "no \(path)")
    }

    @Test func unknownDistrictIsReportedAtItsLine() {
        let site = TestSupport.site("valid")
        TestSupport.write("---\ntitle: UBND\norganisation_kind: other\ndistrict: trieu-sn\n---\n", to: site + "/Content/organisations/x.vi.md")
        let errors = TestSupport.errors(site).map(\.description)
        #expect(errors.contains { $0.hasPrefix("Content/organisations/x.vi.md:4:11: error: unknown district 'trieu-sn'; did you mean 'trieu-son'?") }, "\(errors)")
    }

    @Test func aMissingChartPictureIsAnErrorAtItsLine() {
        let site = TestSupport.site("valid")
        TestSupport.write("---\ntitle: UBND\norganisation_kind: other\ndistrict: trieu-son\nchart_image:\n  file: so-do.png\n  alt: Sơ đồ\n---\n",
                          to: site + "/Content/organisations/x.vi.md")
        let errors = TestSupport.errors(site).map(\.description)
        #expect(errors.contains { $0.hasPrefix("Content/organisations/x.vi.md:6:9: error: chart_image: link to a file that does not exist: 'so-do.png'") }, "\(errors)")
    }

    @Test func thePageShowsTheChartAsANamedTreeOfNestedLists() throws {
        let html = try page("organisations/ubnd-trieu-son/index.html")
        let tree = try #require(html.range(of: "<ul class=\"org-tree\" aria-labelledby=\"organisation-chart-heading\">"))
        #expect(html.contains("<h2 id=\"organisation-chart-heading\">Cơ cấu tổ chức</h2>"))
        let rest = String(html[tree.lowerBound...])
        let end = try #require(rest.range(of: "</section>"))
        let markup = String(rest[..<end.lowerBound]).replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "  ", with: "")
        #expect(markup.contains("<li><span class=\"org-unit\">Phòng Văn hóa và Thông tin</span><ul><li><span class=\"org-unit\">Tổ thông tin</span></li><li><span class=\"org-unit\">Nhóm cơ sở</span><ul><li><span class=\"org-unit\">Bản tin xã</span></li></ul></li></ul></li>"), "\(markup)")
        #expect(markup.contains("<img src=\"/pages/images/logo.png\" alt=\"Sơ đồ cơ cấu tổ chức của UBND huyện\">"), "the picture, beside the tree")
        // Lists nest properly: as many lists open as close.
        #expect(markup.components(separatedBy: "<ul").count == markup.components(separatedBy: "</ul>").count)
    }

    @Test func thePageLinksItsSpokespersonTheDocumentsItIssuedAndItsParent() throws {
        let html = try page("organisations/ubnd-trieu-son/index.html")
        #expect(html.contains("<a href=\"/spokespersons/nguoi-phat-ngon-trieu-son/\">"), "the spokesperson whose agency is this body")
        #expect(html.contains("href=\"/documents/bao-cao-2022/\""), "the document it issued")
        #expect(!html.contains("href=\"/documents/ke-hoach-2021/\""), "a document another body issued")
        #expect(html.contains("<a href=\"/organisations/ubnd-tinh/\">Ủy ban nhân dân tỉnh Thanh Hóa</a>"), "the parent body's page")
        #expect(html.contains("<a class=\"contact-link\" href=\"tel:+842373865000\">+84 237 3865 000</a>"))
        #expect(html.contains("<a class=\"contact-link\" href=\"mailto:pct@example.gov.vn\">pct@example.gov.vn</a>"))
        // The official without a name or phone shows that, not the body's phone.
        #expect(html.contains("<td><span class=\"not-stated\">Chưa công bố họ tên</span></td><td>Chủ tịch UBND huyện</td><td><span class=\"not-stated\">Văn bản nguồn không nêu</span></td><td><span class=\"not-stated\">Văn bản nguồn không nêu</span></td>"))
        // Every link of the page leads somewhere.
        let problems = LinkChecker(output: Self.built, baseURL: "https://example.gov.vn/").check()
        #expect(problems.isEmpty, "\(problems)")
        // The parent, without a body of its own, says what is not stated.
        let parent = try page("organisations/ubnd-tinh/index.html")
        #expect(parent.contains("Văn bản nguồn không nêu cơ cấu tổ chức của cơ quan này."))
        #expect(parent.contains("Cổng chưa đăng văn bản nào do cơ quan này ban hành."))
    }

    @Test func documentAndSpokespersonPagesLinkBackToTheirOrganisation() throws {
        let document = try page("documents/bao-cao-2022/index.html")
        #expect(document.contains("<a class=\"filter-link\" href=\"/organisations/ubnd-trieu-son/\">(giới thiệu cơ quan)</a>"), "the issuer's page")
        let other = try page("documents/ke-hoach-2021/index.html")
        #expect(!other.contains("(giới thiệu cơ quan)"), "a body without a page of its own links nowhere")
        let spokesperson = try page("spokespersons/nguoi-phat-ngon-trieu-son/index.html")
        #expect(spokesperson.contains("<dd><a href=\"/organisations/ubnd-trieu-son/\">Ủy ban nhân dân huyện Triệu Sơn</a></dd>"))
    }

    @Test func bodyNamesMatchWrittenOutOrAbbreviated() {
        #expect(BodyName.key("UBND huyện Triệu Sơn") == BodyName.key("Ủy ban nhân dân huyện Triệu Sơn"))
        #expect(BodyName.key("HĐND huyện Bạch Thông") == BodyName.key("Hội đồng nhân dân huyện Bạch Thông"))
        #expect(BodyName.key("Ủy ban MTTQ huyện Triệu Sơn") == BodyName.key("Ủy ban Mặt trận Tổ quốc huyện Triệu Sơn"))
        #expect(BodyName.key("UBND huyện Triệu Sơn") != BodyName.key("HĐND huyện Triệu Sơn"))
        #expect(BodyName.key("UBND huyện Triệu Sơn") != BodyName.key("UBND huyện Thạch Thành"))
    }

    @Test func aDocumentIssuedUnderTheAbbreviatedNameIsTheBodysToo() throws {
        let site = Self.site()
        TestSupport.write("""
        ---
        title: Kế hoạch tuyên truyền năm 2023
        document_kind: plan
        issue_date: 2023-02
        issuer: "UBND huyện Triệu Sơn"
        district: trieu-son
        ---

        Nội dung.
        """, to: site + "/Content/documents/ke-hoach-2023.vi.md")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let organisation = try #require(TestSupport.read(site + "/Public/organisations/ubnd-trieu-son/index.html"))
        #expect(organisation.contains("href=\"/documents/ke-hoach-2023/\""), "listed among the documents it issued")
        #expect(organisation.contains("href=\"/documents/bao-cao-2022/\""))
        let document = try #require(TestSupport.read(site + "/Public/documents/ke-hoach-2023/index.html"))
        #expect(document.contains("href=\"/organisations/ubnd-trieu-son/\""))
        // One issuer list for both spellings.
        let issuerPath = "documents/issuer/" + BodyName.key("Ủy ban nhân dân huyện Triệu Sơn") + "/index.html"
        let list = try #require(TestSupport.read(site + "/Public/" + issuerPath), "no \(issuerPath)")
        #expect(list.contains("/documents/ke-hoach-2023/") && list.contains("/documents/bao-cao-2022/"))
    }

    @Test func theJSONLDIsAGovernmentOrganizationWithContactPoints() throws {
        let graph = try StructuredDataTests.graph(try page("organisations/ubnd-trieu-son/index.html"))
        let org = try #require(graph.first { $0["@type"] as? String == "GovernmentOrganization" })
        #expect(org["name"] as? String == "Ủy ban nhân dân huyện Triệu Sơn")
        #expect(org["url"] as? String == "https://example.gov.vn/organisations/ubnd-trieu-son/")
        #expect(org["telephone"] as? String == "+84 237 3865 000" && org["faxNumber"] as? String == "0237 3865 001")
        #expect((org["address"] as? [String: Any])?["streetAddress"] as? String == "Số 1, thị trấn Triệu Sơn")
        #expect((org["areaServed"] as? [String: Any])?["name"] as? String == "Triệu Sơn")
        #expect((org["parentOrganization"] as? [String: Any])?["url"] as? String == "https://example.gov.vn/organisations/ubnd-tinh/")
        let units = try #require(org["subOrganization"] as? [[String: Any]])
        #expect(units.map { $0["name"] as? String } == ["Văn phòng HĐND và UBND huyện", "Phòng Văn hóa và Thông tin"])
        #expect(((units[1]["subOrganization"] as? [[String: Any]])?.count) == 2)
        let contacts = try #require(org["contactPoint"] as? [[String: Any]])
        #expect(contacts.allSatisfy { $0["@type"] as? String == "ContactPoint" })
        #expect(contacts.count == 4, "the body, its spokesperson, two officials")
        let press = try #require(contacts.first { $0["contactType"] as? String == "press" })
        #expect(press["url"] as? String == "https://example.gov.vn/spokespersons/nguoi-phat-ngon-trieu-son/")
        let official = try #require(contacts.first { $0["name"] as? String == "Lê Quang Trung" })
        #expect(official["contactType"] as? String == "Phó Chủ tịch UBND huyện" && official["email"] as? String == "pct@example.gov.vn")
        let unnamed = try #require(contacts.first { $0["contactType"] as? String == "Chủ tịch UBND huyện" })
        #expect(unnamed["name"] == nil && unnamed["telephone"] == nil, "nothing made up")
        for object in StructuredDataTests.typedObjects(graph) {
            let type = try #require(object["@type"] as? String)
            let allowed = try #require(StructuredDataTests.allowed[type], "unexpected type \(type)")
            #expect(Set(object.keys).subtracting(allowed).isEmpty, "\(type) has \(Set(object.keys).subtracting(allowed).sorted())")
        }
        // A body that states nothing has no contact points and no address.
        let bare = try #require(try StructuredDataTests.graph(try page("organisations/ubnd-tinh/index.html")).first { $0["@type"] as? String == "GovernmentOrganization" })
        #expect(bare["contactPoint"] == nil && bare["address"] == nil && bare["telephone"] == nil)
    }

    @Test func organisationsAreListedAndIndexedPerDistrictButNotFed() throws {
        let list = try page("organisations/index.html")
        #expect(list.contains("href=\"/organisations/ubnd-trieu-son/\"") && list.contains("href=\"/organisations/ubnd-tinh/\""))
        #expect(list.contains("<span class=\"card-kind\">Ủy ban nhân dân</span>"))
        let district = try page("districts/trieu-son/index.html")
        #expect(district.contains("id=\"group-organisation\"") && district.contains("href=\"/organisations/ubnd-trieu-son/\""))
        #expect(try page("index.html").contains("href=\"/organisations/\""), "in the main navigation")
        #expect(try page("sitemap.xml").contains("https://example.gov.vn/organisations/ubnd-trieu-son/"))
        #expect(!(try page("feed.xml")).contains("organisations/"), "undated: not in feeds")
    }

    @Test func newOrganisationFileIsValid() throws {
        let site = TestSupport.site("valid")
        let now = ISO8601DateFormatter().date(from: "2023-06-15T03:00:00Z")!
        let path = try NewContent.create(siteRoot: site, .init(kind: .organisation, title: "Phòng Văn hóa và Thông tin", district: "trieu-son", now: now))
        #expect(path == "Content/organisations/phong-van-hoa-va-thong-tin.vi.md")
        let text = try #require(TestSupport.read(site + "/" + path))
        for field in ["organisation_kind:  # required", "parent:", "address:", "phone:", "fax:", "email:", "working_hours:",
                      "officials: []", "chart: []", "chart_image:", "district: trieu-son", "draft: true"] {
            #expect(text.contains(field), "missing \(field)")
        }
        let (item, problems) = ContentLoader.decode(bytes: Array(text.utf8), path: path, kind: .organisation, languages: ["vi"], defaultLanguage: "vi")
        #expect(item?.draft == true)
        #expect(problems.map(\.message) == ["missing required field 'organisation_kind' (one of: people-committee, people-council, specialised-agency, public-service-unit, party-committee, other)"])
        #expect(NewContent.kindNames["organisation"] == .organisation)
    }

    @Test func checkNotesWhatAnOrganisationDoesNotState() {
        let report = SiteChecker.check(.init(siteRoot: Self.site()))
        let notes = report.diagnostics.filter { $0.severity == .note && $0.location.path.hasPrefix("Content/organisations/") }.map(\.description)
        #expect(notes == ["Content/organisations/ubnd-tinh.vi.md:1:1: note: not stated in the sources: address, phone, fax, email, working_hours (Decree 42/2022/NĐ-CP Art. 4.1.e asks for them)"], "\(notes)")
        #expect(report.passes(strict: false))
    }

    /// A change to an organisation's front matter rewrites its page and its district's index,
    /// and a change to its body (which a reused site cannot render: it lists other items'
    /// fields) still gives what a clean build gives; so does a change to a document it issued.
    @Test func incrementalBuildsFollowOrganisationChanges() throws {
        let site = Self.site()
        let output = site + "/Public"
        try TestSupport.makeHourOld(site + "/Content")
        func clean() throws -> [String: Data] {
            var options = SiteBuilder.Options(siteRoot: site, output: TestSupport.temporaryFolder("clean") + "/out")
            options.incremental = false
            _ = try SiteBuilder.build(options)
            return TestSupport.withoutSearchIndex(TestSupport.snapshot(options.output!))
        }
        func edit(_ relative: String, _ from: String, _ to: String) throws {
            let path = site + "/Content/" + relative
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(from))
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: false, encoding: .utf8)
        }
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let page = output + "/organisations/ubnd-trieu-son/index.html"
        let district = output + "/districts/trieu-son/index.html"

        try edit("organisations/ubnd-trieu-son.vi.md", "Ủy ban nhân dân huyện Triệu Sơn\"", "Ủy ban nhân dân huyện Triệu Sơn (mới)\"")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        #expect(TestSupport.read(page)?.contains("<h1>Ủy ban nhân dân huyện Triệu Sơn (mới)</h1>") == true)
        #expect(TestSupport.read(district)?.contains("Ủy ban nhân dân huyện Triệu Sơn (mới)") == true)
        #expect(TestSupport.read(page)?.contains("Cổng chưa đăng văn bản nào do cơ quan này ban hành.") == true, "no longer the issuer's name")
        #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(output).filter { $0.key != ".gitkeep" }) == (try clean()))

        try edit("organisations/ubnd-trieu-son.vi.md", "Ủy ban nhân dân huyện Triệu Sơn (mới)\"", "Ủy ban nhân dân huyện Triệu Sơn\"")
        try edit("organisations/ubnd-trieu-son.vi.md", "Chức năng, nhiệm vụ.", "Chức năng, nhiệm vụ đã sửa.")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        #expect(TestSupport.read(page)?.contains("Chức năng, nhiệm vụ đã sửa.") == true)
        #expect(TestSupport.read(page)?.contains("<article class=\"card card-document\">") == true, "the issuer's name again")
        #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(output).filter { $0.key != ".gitkeep" }) == (try clean()))

        // A body edit renders only the document's page, from a site read in part: the link
        // back to its organisation stays.
        try edit("documents/bao-cao-2022.vi.md", "\n## ", "\nĐoạn mới.\n\n## ")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        #expect(TestSupport.read(output + "/documents/bao-cao-2022/index.html")?.contains("href=\"/organisations/ubnd-trieu-son/\"") == true)
        #expect(TestSupport.snapshot(output).filter { $0.key != ".gitkeep" } == (try clean()))

        try edit("documents/bao-cao-2022.vi.md", "title: ", "title: Đã sửa – ")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        #expect(TestSupport.read(page)?.contains("Đã sửa – ") == true, "the issued document's new title on the organisation's page")
        #expect(TestSupport.withoutSearchIndex(TestSupport.snapshot(output).filter { $0.key != ".gitkeep" }) == (try clean()))
    }
}

import Foundation
import Testing
@testable import LoaCore

/// `loa check --compliance`: the checklist on the sample portal, and on a site that carries
/// every item from which each item is taken away in turn.
@Suite struct ComplianceTests {
    static let ids = ["documents", "document-search", "online-public-services", "policy-information", "plans", "organisation",
                      "agency-contacts", "contact-officials", "spokesperson", "questions-and-answers", "search", "agency-links",
                      "print-and-save"]

    /// A one-district site in two languages that carries everything the checklist asks for.
    static func completeSite(copyTheme: Bool = false) throws -> String {
        let site = TestSupport.temporaryFolder("loa-compliance")
        if copyTheme {
            try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Themes", toPath: site + "/Themes")
        } else {
            try FileManager.default.createSymbolicLink(atPath: site + "/Themes", withDestinationPath: TestSupport.repositoryRoot + "/Themes")
        }
        // Any program will do for the checklist: it asks only whether the build would index.
        TestSupport.write("#!/bin/sh\nexit 0\n", to: site + "/bin/pagefind")
        chmod(site + "/bin/pagefind", 0o755)
        let c = site + "/Content/"
        TestSupport.write("""
        base_url: https://portal.example.gov.vn/
        search: true
        pagefind: bin/pagefind
        languages:
          - {code: vi, name: Tiếng Việt, title: Cổng thử}
          - {code: en, name: English, title: Test portal}
        districts:
          - {slug: trieu-son, name: Triệu Sơn}
        service_portals:
          - name: {vi: Cổng Dịch vụ công, en: Public Service Portal}
            url: https://services.example.org/
            provides: [online-public-services, feedback]
        """, to: c + "site.yaml")
        for (l, title) in [("vi", "Kế hoạch năm 2024"), ("en", "Plan for 2024")] {
            TestSupport.write("""
            ---
            title: "\(title)"
            document_kind: plan
            number: 12/KH-UBND
            issue_date: 2024-01-05
            effective_date: 2024-01-05
            abstract: "\(title)"
            issuer: "Ủy ban nhân dân huyện Triệu Sơn"
            district: trieu-son
            attachments: [{title: "Bản ký", file: files/plan.pdf}]
            ---

            Nội dung.
            """, to: c + "documents/ke-hoach.\(l).md")
            TestSupport.write("""
            ---
            title: "\(title) released"
            date: 2024-01-06
            district: trieu-son
            summary: "A summary."
            ---

            Text. [Provincial portal](https://thanhhoa.gov.vn/)
            """, to: c + "press-releases/thong-cao.\(l).md")
            TestSupport.write("""
            ---
            title: "Spokesperson"
            name: "Lê Văn A"
            position: "Chủ tịch UBND huyện"
            agency: "Ủy ban nhân dân huyện Triệu Sơn"
            phone: "0237 3865 000"
            email: nguoiphatngon@example.gov.vn
            district: trieu-son
            ---

            Text.
            """, to: c + "spokespersons/nguoi-phat-ngon.\(l).md")
            TestSupport.write("""
            ---
            title: "UBND huyện Triệu Sơn \(l)"
            organisation_kind: people-committee
            district: trieu-son
            address: "Thị trấn Triệu Sơn"
            phone: "0237 3865 001"
            fax: "0237 3865 002"
            email: vanphong@example.gov.vn
            officials:
              - {name: "Lê Văn B", position: "Chánh Văn phòng", unit: "Văn phòng", phone: "0237 3865 003", email: b@example.gov.vn}
            chart: ["Văn phòng HĐND và UBND huyện"]
            ---

            Chức năng, nhiệm vụ.
            """, to: c + "organisations/ubnd.\(l).md")
        }
        TestSupport.write("%PDF-1.4\n", to: c + "documents/files/plan.pdf")
        return site
    }

    static func checklist(_ site: String) -> ComplianceChecklist.Report {
        var options = SiteBuilder.Options(siteRoot: site)
        options.environment = ["PATH": "/nonexistent"]
        return ComplianceChecklist.check(options)
    }

    /// Language → the ids of the items that are not present.
    static func gaps(_ report: ComplianceChecklist.Report) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for section in report.sections {
            let ids = section.items.filter { $0.status != .present }.map(\.id)
            if !ids.isEmpty { out[section.language] = ids }
        }
        return out
    }

    static func edit(_ path: String, _ change: (String) -> String) {
        let text = TestSupport.read(path)!
        let changed = change(text)
        precondition(changed != text, "the edit of \(path) changed nothing")
        TestSupport.write(changed, to: path)
    }

    @Test func aSiteThatCarriesEverythingIsComplete() throws {
        let report = Self.checklist(try Self.completeSite())
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.sections.map(\.language) == ["vi", "en"])
        #expect(report.sections[0].items.map(\.id) == Self.ids)
        #expect(report.sections[1].items.map(\.id) == Self.ids + ["english"])
        #expect(Self.gaps(report) == [:], "\(ComplianceChecklist.text(report))")
        #expect(report.passes(strict: true))
    }

    /// Each change takes away one item (or the items that follow from it), in the languages named.
    static let removals: [(what: String, expected: [String: [String]], change: @Sendable (String) -> Void)] = [
        ("a document's date of effect", ["vi": ["documents"]], { s in
            edit(s + "/Content/documents/ke-hoach.vi.md") { $0.replacingOccurrences(of: "effective_date: 2024-01-05\n", with: "") }
        }),
        ("the signed file", ["en": ["documents"]], { s in
            edit(s + "/Content/documents/ke-hoach.en.md") { $0.replacingOccurrences(of: "attachments: [{title: \"Bản ký\", file: files/plan.pdf}]\n", with: "") }
        }),
        ("search", ["vi": ["document-search", "search"], "en": ["document-search", "search"]], { s in
            edit(s + "/Content/site.yaml") { $0.replacingOccurrences(of: "search: true", with: "search: false") }
        }),
        ("the online public services", ["vi": ["online-public-services"], "en": ["online-public-services"]], { s in
            edit(s + "/Content/site.yaml") { $0.replacingOccurrences(of: "[online-public-services, feedback]", with: "[feedback]") }
        }),
        ("the questions and answers", ["vi": ["questions-and-answers"], "en": ["questions-and-answers"]], { s in
            edit(s + "/Content/site.yaml") { $0.replacingOccurrences(of: "[online-public-services, feedback]", with: "[online-public-services]") }
        }),
        ("the press releases", ["vi": ["policy-information", "agency-links"]], { s in
            try? FileManager.default.removeItem(atPath: s + "/Content/press-releases/thong-cao.vi.md")
        }),
        ("the plans", ["vi": ["plans"], "en": ["plans"]], { s in
            for l in ["vi", "en"] { edit(s + "/Content/documents/ke-hoach.\(l).md") { $0.replacingOccurrences(of: "document_kind: plan", with: "document_kind: report") } }
        }),
        ("the chart", ["vi": ["organisation"]], { s in
            edit(s + "/Content/organisations/ubnd.vi.md") { $0.replacingOccurrences(of: "chart: [\"Văn phòng HĐND và UBND huyện\"]\n", with: "") }
        }),
        ("the functions and tasks", ["en": ["organisation", "english"]], { s in
            edit(s + "/Content/organisations/ubnd.en.md") { $0.replacingOccurrences(of: "Chức năng, nhiệm vụ.", with: "") }
        }),
        ("the agency's fax", ["vi": ["agency-contacts"]], { s in
            edit(s + "/Content/organisations/ubnd.vi.md") { $0.replacingOccurrences(of: "fax: \"0237 3865 002\"\n", with: "") }
        }),
        ("the official's phone and email", ["vi": ["contact-officials"]], { s in
            edit(s + "/Content/organisations/ubnd.vi.md") { $0.replacingOccurrences(of: ", phone: \"0237 3865 003\", email: b@example.gov.vn", with: "") }
        }),
        ("the spokesperson's email", ["en": ["spokesperson"]], { s in
            edit(s + "/Content/spokespersons/nguoi-phat-ngon.en.md") { $0.replacingOccurrences(of: "email: nguoiphatngon@example.gov.vn\n", with: "") }
        }),
        ("the link to another agency", ["en": ["agency-links"]], { s in
            edit(s + "/Content/press-releases/thong-cao.en.md") { $0.replacingOccurrences(of: " [Provincial portal](https://thanhhoa.gov.vn/)", with: "") }
        }),
        ("the organisation in English", ["en": ["organisation", "agency-contacts", "contact-officials", "english"]], { s in
            try? FileManager.default.removeItem(atPath: s + "/Content/organisations/ubnd.en.md")
        }),
    ]

    @Test(arguments: 0..<removals.count)
    func takingAnItemAwayShowsItAndOnlyIt(_ index: Int) throws {
        let removal = Self.removals[index]
        let site = try Self.completeSite()
        removal.change(site)
        let report = Self.checklist(site)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(Self.gaps(report) == removal.expected, "without \(removal.what):\n\(ComplianceChecklist.text(report))")
        #expect(!report.passes(strict: true) && report.passes(strict: false))
    }

    @Test func aThemeWithoutAPrintStylesheetIsMissingPrint() throws {
        let site = try Self.completeSite(copyTheme: true)
        for css in FileIO.walk(site + "/Themes/default/static") where css.hasSuffix(".css") {
            Self.edit(site + "/Themes/default/static/" + css) { $0.replacingOccurrences(of: "@media print", with: "@media speech") }
        }
        let report = Self.checklist(site)
        #expect(Self.gaps(report) == ["vi": ["print-and-save"], "en": ["print-and-save"]], "\(ComplianceChecklist.text(report))")
    }

    @Test func aSiteWithoutEnglishIsToldToAddIt() throws {
        let site = try Self.completeSite()
        Self.edit(site + "/Content/site.yaml") { $0.replacingOccurrences(of: "  - {code: en, name: English, title: Test portal}\n", with: "") }
        for folder in ["documents", "press-releases", "spokespersons", "organisations"] {
            for file in FileIO.walk(site + "/Content/" + folder) where file.hasSuffix(".en.md") {
                try FileManager.default.removeItem(atPath: site + "/Content/" + folder + "/" + file)
            }
        }
        let report = Self.checklist(site)
        #expect(report.sections.map(\.language) == ["vi"])
        let english = try #require(report.sections[0].items.first { $0.id == "english" })
        #expect(english.status == .missing && english.detail.contains("add 'en' under 'languages'"), "\(english)")
    }

    @Test func pagefindNotInstalledMakesSearchIncomplete() throws {
        let site = try Self.completeSite()
        try FileManager.default.removeItem(atPath: site + "/bin/pagefind")
        let report = Self.checklist(site)
        let search = try #require(report.sections[0].items.first { $0.id == "search" })
        #expect(search.status == .incomplete && search.detail.contains("Pagefind is not installed"), "\(search)")
    }

    @Test func theSamplePortalSaysWhatIsStillMissing() throws {
        var options = SiteBuilder.Options(siteRoot: TestSupport.repositoryRoot)
        options.search = false
        let report = ComplianceChecklist.check(options)
        #expect(report.errors.isEmpty)
        let vi = Dictionary(uniqueKeysWithValues: report.sections[0].items.map { ($0.id, $0) })
        let en = Dictionary(uniqueKeysWithValues: report.sections[1].items.map { ($0.id, $0) })
        // The sources name no contact official and no agency phone: the checklist says so.
        #expect(vi["contact-officials"]?.status == .missing)
        #expect(vi["contact-officials"]?.detail.contains("3 of 3 districts publish none") == true, "\(vi["contact-officials"]!)")
        #expect(vi["agency-contacts"]?.status == .incomplete)
        #expect(vi["spokesperson"]?.detail.contains("no spokesperson for Thạch Thành") == true, "\(vi["spokesperson"]!)")
        #expect(vi["online-public-services"]?.status == .present && vi["online-public-services"]?.detail.contains("Cổng Dịch vụ công quốc gia") == true)
        #expect(en["online-public-services"]?.detail.contains("National Public Service Portal") == true)
        #expect(vi["plans"]?.status == .present && en["plans"]?.status == .missing)
        #expect(vi["search"]?.status == .missing)
        #expect(en["english"]?.status == .incomplete)
        #expect(vi["print-and-save"]?.status == .present)
    }

    @Test func jsonGivesEveryItemWithItsClause() throws {
        let report = Self.checklist(try Self.completeSite())
        let data = Data(ComplianceChecklist.json(report, strict: true).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["passed"] as? Bool == true && object["complete"] as? Bool == true)
        let sections = try #require(object["sections"] as? [[String: Any]])
        let items = try #require(sections.first?["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == Self.ids)
        #expect(items.first { $0["id"] as? String == "organisation" }?["clause"] as? String == "Decree 42/2022/NĐ-CP Art. 4.1.e")
        #expect(items.first { $0["id"] as? String == "online-public-services" }?["outside_static_site"] as? Bool == true)
    }

    @Test func servicePortalsAreLinkedInEveryFooter() throws {
        let site = try Self.completeSite()
        Self.edit(site + "/Content/site.yaml") { $0.replacingOccurrences(of: "search: true", with: "search: false") }  // the stand-in Pagefind indexes nothing
        let output = site + "/Public"
        if case .failure(let f) = TestSupport.build(site, output: output) { Issue.record("\(f.diagnostics)"); return }
        for (page, name) in [("index.html", "Cổng Dịch vụ công"), ("en/index.html", "Public Service Portal"),
                             ("documents/ke-hoach/index.html", "Cổng Dịch vụ công")] {
            let html = try #require(TestSupport.read(output + "/" + page))
            let start = try #require(html.range(of: "<footer"))
            let footer = String(html[start.lowerBound...])
            #expect(footer.contains("<li><a href=\"https://services.example.org/\">\(name)</a></li>"), "\(page)")
        }
    }

    @Test func aWrongServicePortalIsAnErrorAtItsLine() throws {
        let site = try Self.completeSite()
        Self.edit(site + "/Content/site.yaml") {
            $0.replacingOccurrences(of: "url: https://services.example.org/", with: "url: services.example.org")
                .replacingOccurrences(of: "[online-public-services, feedback]", with: "[online-public-services, questions]")
        }
        let messages = Self.checklist(site).errors.map(\.description)
        #expect(messages == [
            "Content/site.yaml:11:10: error: a service portal's url must start with https:// or http://, not 'services.example.org'",
            "Content/site.yaml:12:40: error: 'questions' is not a service a portal provides here: use one of online-public-services, feedback",
        ], "\(messages)")
    }
}

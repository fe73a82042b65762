import Foundation
import Testing
@testable import LoaCore

@Suite struct BilingualTests {
    @Test func translationsLinkToEachOther() throws {
        let site = TestSupport.site("bilingual")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let vi = try #require(TestSupport.read(site + "/Public/documents/ke-hoach/index.html"))
        let en = try #require(TestSupport.read(site + "/Public/en/documents/ke-hoach/index.html"))
        #expect(vi.contains("<html lang=\"vi\">") && en.contains("<html lang=\"en\">"))
        #expect(vi.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.gov.vn/portal/en/documents/ke-hoach/\">"))
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"vi\" href=\"https://example.gov.vn/portal/documents/ke-hoach/\">"))
        #expect(en.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/portal/en/documents/ke-hoach/\">"))
        #expect(vi.contains("<a href=\"/portal/en/documents/ke-hoach/\" hreflang=\"en\" lang=\"en\">English</a></li>"))
        #expect(en.contains("<a href=\"/portal/documents/ke-hoach/\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a></li>"))
        #expect(en.contains("5 February 2021") && vi.contains("ngày 05 tháng 02 năm 2021"))
        #expect(LinkChecker(output: site + "/Public", baseURL: "https://example.gov.vn/portal/").check().map(\.description) == [])
    }

    @Test func untranslatedPagesSendTheSwitcherHomeWithAVisibleNote() throws {
        let site = TestSupport.site("bilingual")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let viOnly = try #require(TestSupport.read(site + "/Public/press-releases/thong-cao/index.html"))
        #expect(viOnly.contains("<a href=\"/portal/en/\" hreflang=\"en\" lang=\"en\">English</a> <span class=\"not-translated\" lang=\"en\">(this page is not available in English)</span>"))
        #expect(!viOnly.contains("hreflang=\"en\" href="), "no alternate link to a translation that does not exist")
        let enOnly = try #require(TestSupport.read(site + "/Public/en/places/den/index.html"))
        #expect(enOnly.contains("<a href=\"/portal/\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a> <span class=\"not-translated\" lang=\"vi\">(trang này chưa có bản Tiếng Việt)</span>"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Public/en/press-releases/thong-cao/index.html"))
    }

    @Test func districtsFollowEachLanguagesOrder() throws {
        let site = TestSupport.site("bilingual")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        func order(_ file: String, _ names: [String]) throws -> Bool {
            let html = try #require(TestSupport.read(site + "/Public/" + file))
            let positions = names.compactMap { html.range(of: ">\($0)<")?.lowerBound }
            return positions.count == names.count && positions == positions.sorted()
        }
        #expect(try order("districts/index.html", ["Duy Tiên", "Đà Bắc", "Điện Biên", "Đông Anh", "Thạch Thành"]))
        #expect(try order("en/districts/index.html", ["Đà Bắc", "Điện Biên", "Dong Anh", "Duy Tiên", "Thạch Thành"]))
    }

    @Test func aThirdLanguageNeedsOnlyConfiguration() throws {
        let site = TestSupport.site("bilingual")
        var config = try #require(TestSupport.read(site + "/Content/site.yaml"))
        config = config.replacingOccurrences(of: "districts:", with: "  - code: fr\n    name: Français\n    title: Portail bilingue\ndistricts:")
        TestSupport.write(config, to: site + "/Content/site.yaml")
        let result = try SiteBuilder.build(.init(siteRoot: site))
        #expect(result.warnings.contains { $0.message.contains("no interface strings for language 'fr'") })
        let home = try #require(TestSupport.read(site + "/Public/fr/index.html"))
        #expect(home.contains("<html lang=\"fr\">"))
        #expect(home.contains("Portail bilingue"))
        let vi = try #require(TestSupport.read(site + "/Public/documents/ke-hoach/index.html"))
        #expect(vi.contains("href=\"/portal/fr/\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
        #expect(FileManager.default.fileExists(atPath: site + "/Public/fr/districts/dong-anh/index.html"))
        #expect(LinkChecker(output: site + "/Public", baseURL: "https://example.gov.vn/portal/").check().map(\.description) == [])
    }
}

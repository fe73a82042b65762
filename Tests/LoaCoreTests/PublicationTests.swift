import Foundation
import Testing
@testable import LoaCore

@Suite struct PublicationTests {
    /// 2023-06-15 10:00 in Vietnam.
    static let now = ISO8601DateFormatter().date(from: "2023-06-15T03:00:00Z")!

    func site() -> String {
        let site = TestSupport.site("valid")
        let root = site + "/Content/press-releases/"
        TestSupport.write("---\ntitle: Nháp\ndate: 2023-01-01\ndistrict: trieu-son\nsummary: s\ndraft: true\n---\n", to: root + "nhap.vi.md")
        TestSupport.write("---\ntitle: Sắp đăng\ndate: 2023-06-16\ndistrict: trieu-son\nsummary: s\n---\n", to: root + "sap-dang.vi.md")
        TestSupport.write("---\ntitle: Hẹn giờ\ndate: 2023-01-01\npublish_date: 2023-07-01\ndistrict: trieu-son\nsummary: s\n---\n", to: root + "hen-gio.vi.md")
        TestSupport.write("---\ntitle: Hết hạn\ndate: 2023-01-01\nexpiry_date: 2023-06-14\ndistrict: trieu-son\nsummary: s\n---\n", to: root + "het-han.vi.md")
        TestSupport.write("---\ntitle: Còn hạn\ndate: 2023-01-01\nexpiry_date: 2023-06-15\ndistrict: trieu-son\nsummary: s\n---\n", to: root + "con-han.vi.md")
        return site
    }

    func published(_ options: SiteBuilder.Options) throws -> Set<String> {
        _ = try SiteBuilder.build(options)
        let list = TestSupport.snapshot(options.siteRoot + "/Public").keys
        return Set(list.filter { $0.hasPrefix("press-releases/") && $0.hasSuffix("/index.html") && !$0.contains("page/") }
            .map { String($0.dropFirst("press-releases/".count).dropLast("/index.html".count)) }.filter { !$0.isEmpty })
    }

    @Test func draftsScheduledAndExpiredItemsAreLeftOutByDefault() throws {
        let site = site()
        let pages = try published(.init(siteRoot: site, now: Self.now))
        #expect(pages.contains("con-han"), "an item is shown on its expiry day")
        #expect(pages.isDisjoint(with: ["nhap", "sap-dang", "hen-gio", "het-han"]))
        let feed = try #require(TestSupport.read(site + "/Public/feed.xml"))
        #expect(!feed.contains("nhap") && !feed.contains("sap-dang"))
    }

    @Test func eachKindCanBeAskedFor() throws {
        #expect(try published(.init(siteRoot: site(), includeDrafts: true, now: Self.now)).contains("nhap"))
        let future = try published(.init(siteRoot: site(), includeFuture: true, now: Self.now))
        #expect(future.isSuperset(of: ["sap-dang", "hen-gio"]) && !future.contains("nhap"))
        #expect(try published(.init(siteRoot: site(), includeExpired: true, now: Self.now)).contains("het-han"))
    }

    @Test func draftsAreMarkedOnTheirPageAndInLists() throws {
        let site = site()
        _ = try SiteBuilder.build(.init(siteRoot: site, includeDrafts: true, now: Self.now))
        let page = try #require(TestSupport.read(site + "/Public/press-releases/nhap/index.html"))
        #expect(page.contains("class=\"draft-banner\""))
        // The district's full press release list runs over two pages (page_size 2).
        let lists = TestSupport.snapshot(site + "/Public/districts/trieu-son/press-releases").values.map { String(decoding: $0, as: UTF8.self) }
        #expect(lists.contains { $0.contains("nhap/\">Nháp</a> <span class=\"badge-draft\">Bản nháp</span>") })
        let other = try #require(TestSupport.read(site + "/Public/press-releases/ra-mat-chuyen-muc/index.html"))
        #expect(!other.contains("draft-banner"))
    }

    @Test func aLinkToAnUnpublishedItemIsAnError() {
        let site = site()
        TestSupport.write("---\ntitle: Giới thiệu\n---\n\nXem [tin](../press-releases/nhap.vi.md).\n", to: site + "/Content/pages/gioi-thieu.vi.md")
        let errors = TestSupport.errors(site)
        #expect(errors.contains { $0.location.line == 5 && $0.message.contains("which is a draft and not published in this build") })
    }

    @Test func todayIsTakenInTheSitesTimeZone() {
        // 18:00 UTC on 14 June is already 15 June in Vietnam.
        let evening = ISO8601DateFormatter().date(from: "2023-06-14T18:00:00Z")!
        #expect(PublicationPolicy.today(at: "+07:00", now: evening) == PartialDate(year: 2023, month: 6, day: 15))
        #expect(PublicationPolicy.today(at: "+00:00", now: evening) == PartialDate(year: 2023, month: 6, day: 14))
    }
}

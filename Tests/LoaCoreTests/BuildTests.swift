import Foundation
import Testing
@testable import LoaCore

@Suite struct BuildTests {
    @Test func validSiteBuildsEveryKindOfPage() throws {
        let site = TestSupport.site("valid")
        let output = site + "/Public"
        let result = try SiteBuilder.build(.init(siteRoot: site))
        #expect(result.outputPath == output)
        let files = Set(TestSupport.snapshot(output).keys)
        for expected in [
            "index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml", "css/loa.css",
            "press-releases/index.html", "press-releases/page/2/index.html", "documents/index.html",
            "spokespersons/index.html", "places/index.html",
            "documents/bao-cao-2022/index.html", "documents/ke-hoach-2021/index.html",
            "press-releases/ra-mat-chuyen-muc/index.html", "spokespersons/nguoi-phat-ngon-trieu-son/index.html",
            "places/na-tu/index.html", "gioi-thieu/index.html",
            "districts/index.html", "districts/trieu-son/index.html", "districts/trieu-son/feed.xml",
            "topics/index.html", "topics/du-lich/index.html", "topics/du-lich/feed.xml",
            "documents/files/bao-cao.pdf", "pages/images/logo.png",
        ] {
            #expect(files.contains(expected), "missing \(expected)")
        }
        #expect(result.warnings.map(\.description) == [
            "Content/press-releases/ra-mat-chuyen-muc.vi.md:14:1: warning: a 'javascript:' link could run code in readers' browsers, so it is removed (sites can allow it with allow_raw_html: true)",
        ])
        #expect(LinkChecker(output: output, baseURL: "https://example.gov.vn/").check().map(\.description) == [])
    }

    @Test func documentPageShowsEveryField() throws {
        let site = TestSupport.site("valid")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let html = try #require(TestSupport.read(site + "/Public/documents/bao-cao-2022/index.html"))
        for text in ["Báo cáo", "/BC-UBND", "số để trống trong bản gốc", "tháng 6 năm 2022", "Triệu Sơn",
                     "Ủy ban nhân dân huyện Triệu Sơn", "6 tháng đầu năm 2022", "Công văn số 1143/STTTT-BCXB ngày 03/6/2022",
                     "Sở TT&amp;TT (b/c);", "Lưu: VT, VHTT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Quang Trung",
                     "href=\"/documents/files/bao-cao.pdf\"", "(PDF, 25 byte)", "Bản scan",
                     "<h2 id=\"i-dac-diem-tinh-hinh\">", "<h2 id=\"don-phu-thong-1\">",
                     "href=\"/documents/ke-hoach-2021/#ii-noi-dung\"", "“báo cáo” – xem"] {
            #expect(html.contains(text), "document page lacks \(text)")
        }
        let plan = try #require(TestSupport.read(site + "/Public/documents/ke-hoach-2021/index.html"))
        #expect(plan.components(separatedBy: "Văn bản không ghi").count - 1 >= 4, "number, date, place, period and signer say 'not stated'")
    }

    @Test func spokespersonPlaceAndReleasePagesShowTheirFields() throws {
        let site = TestSupport.site("valid")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let unnamed = try #require(TestSupport.read(site + "/Public/spokespersons/nguoi-phat-ngon-trieu-son/index.html"))
        #expect(unnamed.contains("Chưa công bố họ tên"))
        #expect(unnamed.contains("Cơ quan chưa công bố số điện thoại và thư điện tử"))
        #expect(unnamed.contains("href=\"/documents/bao-cao-2022/\""), "source link")
        let named = try #require(TestSupport.read(site + "/Public/spokespersons/nguoi-phat-ngon-bach-thong/index.html"))
        for text in ["Nguyễn Văn A", "Chánh Văn phòng", "href=\"tel:+842093850000\"", "href=\"mailto:vanphong@example.gov.vn\"", "ngày 15 tháng 01 năm 2023"] {
            #expect(named.contains(text), "spokesperson page lacks \(text)")
        }
        let place = try #require(TestSupport.read(site + "/Public/places/na-tu/index.html"))
        for text in ["Di tích lịch sử", "Di tích cấp quốc gia", "xã Cẩm Giàng", "Bạch Thông", "Bắc Kạn", "22.25, 105.875",
                     "https://www.openstreetmap.org/?mlat=22.25&amp;mlon=105.875", "Mở cửa hằng ngày."] {
            #expect(place.contains(text), "place page lacks \(text)")
        }
        let release = try #require(TestSupport.read(site + "/Public/press-releases/ra-mat-chuyen-muc/index.html"))
        for text in ["ngày 21 tháng 02 năm 2023", "href=\"/districts/trieu-son/\"", "href=\"/topics/bao-chi/\"", "href=\"/topics/du-lich/\"",
                     "Huyện mở chuyên mục cung cấp thông tin báo chí."] {
            #expect(release.contains(text), "press release lacks \(text)")
        }
        #expect(!release.contains("<script>alert"), "raw HTML is dropped by default")
        #expect(!release.contains("javascript:"))
    }

    @Test func districtAndTopicPagesListTheirItemsInVietnameseOrder() throws {
        let site = TestSupport.site("valid")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let overview = try #require(TestSupport.read(site + "/Public/districts/index.html"))
        let order = ["Bạch Thông", "Đắk Glong", "Triệu Sơn"].map { overview.range(of: ">\($0)<")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order[0]! < order[1]! && order[1]! < order[2]!)
        let trieuSon = try #require(TestSupport.read(site + "/Public/districts/trieu-son/index.html"))
        #expect(trieuSon.contains("/press-releases/ra-mat-chuyen-muc/"))
        #expect(trieuSon.contains("/documents/bao-cao-2022/"))
        #expect(trieuSon.contains("/spokespersons/nguoi-phat-ngon-trieu-son/"))
        #expect(!trieuSon.contains("/places/na-tu/"))
        let tourism = try #require(TestSupport.read(site + "/Public/topics/du-lich/index.html"))
        #expect(tourism.contains("/places/na-tu/") && tourism.contains("/press-releases/du-lich-dak-glong/"))
        #expect(!tourism.contains("/documents/bao-cao-2022/"))
    }

    @Test func listsArePaginatedNewestFirst() throws {
        let site = TestSupport.site("valid")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let first = try #require(TestSupport.read(site + "/Public/press-releases/index.html"))
        let second = try #require(TestSupport.read(site + "/Public/press-releases/page/2/index.html"))
        let a = try #require(first.range(of: "du-lich-dak-glong")), b = try #require(first.range(of: "ra-mat-chuyen-muc"))
        #expect(a.lowerBound < b.lowerBound)
        #expect(second.contains("tin-cu") && !first.contains("/press-releases/tin-cu/"))
        #expect(first.contains("href=\"/press-releases/page/2/\" rel=\"next\""))
        #expect(second.contains("href=\"/press-releases/\" rel=\"prev\""))
    }

    @Test func longListsLinkAWindowOfPagesNotEveryPage() {
        #expect(SiteRenderer.pageWindow(1, of: 1) == [1])
        #expect(SiteRenderer.pageWindow(2, of: 3) == [1, 2, 3])
        #expect(SiteRenderer.pageWindow(1, of: 10) == [1, 2, 3, 0, 10])
        // A gap of one page shows that page rather than an ellipsis.
        #expect(SiteRenderer.pageWindow(5, of: 10) == [1, 2, 3, 4, 5, 6, 7, 0, 10])
        #expect(SiteRenderer.pageWindow(10, of: 10) == [1, 0, 8, 9, 10])
        #expect(SiteRenderer.pageWindow(250, of: 500).count == 9)
    }

    @Test func feedsSitemapAndRobots() throws {
        let site = TestSupport.site("valid")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let feed = try #require(TestSupport.read(site + "/Public/feed.xml"))
        #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">"))
        #expect(feed.contains("<updated>2023-05-01T00:00:00+07:00</updated>"))
        #expect(feed.contains("<id>https://example.gov.vn/documents/bao-cao-2022/</id>"))
        #expect(feed.contains("<updated>2022-06-01T00:00:00+07:00</updated>"), "a month-only date stands at its first day")
        #expect(!feed.contains("ke-hoach-2021"), "undated documents are not in feeds")
        #expect(!feed.contains("spokespersons/"))
        let districtFeed = try #require(TestSupport.read(site + "/Public/districts/bach-thong/feed.xml"))
        #expect(districtFeed.contains("tin-cu") && !districtFeed.contains("ra-mat-chuyen-muc"))
        let sitemap = try #require(TestSupport.read(site + "/Public/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.gov.vn/places/na-tu/</loc>"))
        #expect(!sitemap.contains("404"))
        let robots = try #require(TestSupport.read(site + "/Public/robots.txt"))
        #expect(robots.contains("Sitemap: https://example.gov.vn/sitemap.xml"))
    }

    @Test func buildingTwiceGivesIdenticalBytes() throws {
        let site = TestSupport.site("bilingual")
        _ = try SiteBuilder.build(.init(siteRoot: site, output: site + "/one"))
        _ = try SiteBuilder.build(.init(siteRoot: site, output: site + "/two"))
        let one = TestSupport.snapshot(site + "/one"), two = TestSupport.snapshot(site + "/two")
        #expect(one.count > 20)
        #expect(one == two)
    }

    @Test func outputAndBaseURLCanBeGivenForAStagingCopy() throws {
        let site = TestSupport.site("valid")
        let output = TestSupport.temporaryFolder("staging") + "/out"
        _ = try SiteBuilder.build(.init(siteRoot: site, output: output, baseURL: "https://staging.example.org/preview"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Public"))
        let home = try #require(TestSupport.read(output + "/index.html"))
        #expect(home.contains("<link rel=\"canonical\" href=\"https://staging.example.org/preview/\">"))
        #expect(home.contains("href=\"/preview/css/loa.css\""))
        #expect(LinkChecker(output: output, baseURL: "https://staging.example.org/preview/").check().map(\.description) == [])
    }
}

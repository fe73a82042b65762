import Foundation
import Testing
@testable import LoaCore

/// What the default theme puts in every page for machines: schema.org JSON-LD, Open Graph and
/// Twitter card tags; and the footer's "last updated".
@Suite struct StructuredDataTests {
    static let built: (output: String, site: ResolvedSite) = {
        let root = TestSupport.site("valid")
        _ = try! SiteBuilder.build(.init(siteRoot: root))
        let (_, site, _) = SiteBuilder.plan(.init(siteRoot: root))
        return (root + "/Public", site!)
    }()

    /// The properties each schema.org type may use here: only real schema.org properties of that
    /// type (or of the types it inherits from), so a typo or an invented property fails.
    static let allowed: [String: Set<String>] = {
        let thing: Set<String> = ["@type", "name", "description", "url"]
        let creativeWork = thing.union(["inLanguage", "datePublished", "about", "author", "publisher", "genre", "headline",
                                        "mainEntityOfPage", "contentLocation", "locationCreated", "spatialCoverage",
                                        "temporalCoverage", "associatedMedia"])
        let place = thing.union(["address", "geo", "hasMap", "containedInPlace"])
        return [
            "BreadcrumbList": ["@type", "itemListElement"],
            "ListItem": ["@type", "position", "name", "item"],
            "WebSite": thing.union(["inLanguage"]),
            "WebPage": thing.union(["inLanguage"]),
            "NewsArticle": creativeWork,
            "Report": creativeWork.union(["reportNumber"]),
            "MediaObject": ["@type", "name", "contentUrl", "contentSize"],
            "GovernmentOrganization": thing.union(["areaServed", "address", "telephone", "faxNumber", "email", "contactPoint",
                                                   "parentOrganization", "subOrganization"]),
            "AdministrativeArea": place,
            "Place": place,
            "Thing": thing,
            "Person": thing.union(["jobTitle", "worksFor", "contactPoint"]),
            "ContactPoint": thing.union(["contactType", "telephone", "email", "areaServed", "faxNumber", "hoursAvailable"]),
            "OpeningHoursSpecification": ["@type", "description"],
            "LandmarksOrHistoricalBuildings": place,
            "TouristAttraction": place,
            "PostalAddress": ["@type", "streetAddress", "addressLocality", "addressRegion", "addressCountry"],
            "GeoCoordinates": ["@type", "latitude", "longitude"],
        ]
    }()

    static func jsonLD(_ html: String) throws -> [String: Any] {
        let open = "<script type=\"application/ld+json\">"
        let start = try #require(html.range(of: open), "no JSON-LD script")
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let text = String(html[start.upperBound..<end.lowerBound])
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    static func graph(_ html: String) throws -> [[String: Any]] {
        let ld = try jsonLD(html)
        #expect(ld["@context"] as? String == "https://schema.org")
        return try #require(ld["@graph"] as? [[String: Any]])
    }

    /// Every typed object in a JSON-LD value, depth first.
    static func typedObjects(_ value: Any) -> [[String: Any]] {
        if let dict = value as? [String: Any] {
            return (dict["@type"] != nil ? [dict] : []) + dict.sorted { $0.key < $1.key }.flatMap { typedObjects($0.value) }
        }
        if let list = value as? [Any] { return list.flatMap(typedObjects) }
        return []
    }

    func page(_ path: String) throws -> String {
        try #require(TestSupport.read(Self.built.output + "/" + path), "no \(path)")
    }

    @Test func everyPageHasJSONLDWithABreadcrumbListAndOnlyRealProperties() throws {
        let pages = LinkChecker(output: Self.built.output, baseURL: "https://example.gov.vn/").htmlPages()
        #expect(pages.count > 20)
        for path in pages {
            let graph = try Self.graph(try page(path))
            #expect(graph.contains { $0["@type"] as? String == "BreadcrumbList" }, "\(path) has no BreadcrumbList")
            for object in Self.typedObjects(graph) {
                let type = try #require(object["@type"] as? String)
                let allowed = try #require(Self.allowed[type], "\(path): unexpected type \(type)")
                let extra = Set(object.keys).subtracting(allowed)
                #expect(extra.isEmpty, "\(path): \(type) has \(extra.sorted())")
            }
        }
    }

    @Test func eachKindHasItsSchemaType() throws {
        func main(_ path: String) throws -> [String: Any] {
            let graph = try Self.graph(try page(path))
            return try #require(graph.first { $0["@type"] as? String != "BreadcrumbList" }, "\(path) has no main entity")
        }
        let release = try main("press-releases/ra-mat-chuyen-muc/index.html")
        #expect(release["@type"] as? String == "NewsArticle")
        #expect(release["datePublished"] as? String != nil && release["headline"] as? String != nil)

        let report = try main("documents/bao-cao-2022/index.html")
        #expect(report["@type"] as? String == "Report")
        #expect(report["reportNumber"] as? String == "/BC-UBND")
        #expect(report["datePublished"] as? String == "2022-06")
        let publisher = try #require(report["publisher"] as? [String: Any])
        #expect(publisher["@type"] as? String == "GovernmentOrganization")
        #expect(publisher["name"] as? String == "Ủy ban nhân dân huyện Triệu Sơn")
        let media = try #require((report["associatedMedia"] as? [[String: Any]])?.first)
        #expect(media["contentUrl"] as? String == "https://example.gov.vn/documents/files/bao-cao.pdf")

        let named = try main("spokespersons/nguoi-phat-ngon-bach-thong/index.html")
        #expect(named["@type"] as? String == "Person")
        #expect(named["name"] as? String == "Nguyễn Văn A")
        #expect(named["jobTitle"] as? String == "Chánh Văn phòng")
        let contact = try #require(named["contactPoint"] as? [String: Any])
        #expect(contact["@type"] as? String == "ContactPoint")
        #expect(contact["telephone"] as? String == "+84 209 3850 000")
        #expect(contact["email"] as? String == "vanphong@example.gov.vn")
        #expect((named["worksFor"] as? [String: Any])?["@type"] as? String == "GovernmentOrganization")

        let unnamed = try main("spokespersons/nguoi-phat-ngon-trieu-son/index.html")
        #expect(unnamed["@type"] as? String == "Person")
        #expect(unnamed["name"] == nil, "an unpublished name is not made up from the page title")
        let unnamedContact = try #require(unnamed["contactPoint"] as? [String: Any])
        #expect(unnamedContact["telephone"] == nil && unnamedContact["email"] == nil)

        let place = try main("places/na-tu/index.html")
        #expect(place["@type"] as? String == "LandmarksOrHistoricalBuildings")
        let geo = try #require(place["geo"] as? [String: Any])
        #expect(geo["@type"] as? String == "GeoCoordinates")
        #expect((geo["latitude"] as? NSNumber)?.doubleValue == 22.25 && (geo["longitude"] as? NSNumber)?.doubleValue == 105.875)
        let address = try #require(place["address"] as? [String: Any])
        #expect(address["addressCountry"] as? String == "VN" && address["addressRegion"] as? String == "Bắc Kạn")
        #expect(address["addressLocality"] as? String == "xã Cẩm Giàng, Bạch Thông")

        let home = try Self.graph(try page("index.html"))
        #expect(home.contains { $0["@type"] as? String == "WebSite" })
        let crumbs = try #require(try Self.graph(try page("documents/bao-cao-2022/index.html")).first { $0["@type"] as? String == "BreadcrumbList" })
        let items = try #require(crumbs["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["position"] as? Int } == [1, 2, 3])
        #expect(items.map { $0["item"] as? String } == ["https://example.gov.vn/", "https://example.gov.vn/documents/",
                                                         "https://example.gov.vn/documents/bao-cao-2022/"])
    }

    @Test func aPlaceOfAnotherKindIsATouristAttractionWithoutMadeUpCoordinates() throws {
        let site = TestSupport.site("valid")
        TestSupport.write("""
        ---
        title: Làng thử
        place_kind: craft-village
        district: trieu-son
        ---

        Nội dung.
        """, to: site + "/Content/places/lang.vi.md")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let graph = try Self.graph(try #require(TestSupport.read(site + "/Public/places/lang/index.html")))
        let place = try #require(graph.first { $0["@type"] as? String == "TouristAttraction" })
        #expect(place["geo"] == nil && place["hasMap"] == nil)
    }

    @Test func scriptTextCannotCloseItsElement() throws {
        let text = StructuredData.script([["@type": "Thing", "name": "a</script><script>alert(1)</script><!--"]])
        #expect(!text.contains("</"))
        #expect(!text.contains("<!--"))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let name = ((parsed?["@graph"] as? [[String: Any]])?.first?["name"]) as? String
        #expect(name == "a</script><script>alert(1)</script><!--")
        #expect(text == StructuredData.script([["name": "a</script><script>alert(1)</script><!--", "@type": "Thing"]]), "keys are sorted")
    }

    @Test func jsonTextEscapesWhatJSONAndHTMLNeedAndKeepsVietnamese() throws {
        let tricky = "Đồng \"Tháp\" \\ a\tb\nc\u{1}\u{2028}\u{2029} <&> 😀"
        let text = JSONText.encode(["z": .int(1), "a": [.bool(true), .bool(false), .double(2.5), .double(3.0)], "s": .string(tricky)])
        #expect(text.hasPrefix("{\"a\":[true,false,2.5,3],\"s\":"))
        #expect(text.contains("Đồng \\\"Tháp\\\" \\\\ a\\tb\\nc\\u0001\\u2028\\u2029 \\u003c\\u0026\\u003e 😀"))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["s"] as? String == tricky)
    }

    @Test func openGraphAndTwitterTags() throws {
        let html = try page("documents/bao-cao-2022/index.html")
        for tag in [
            "<meta property=\"og:type\" content=\"article\">",
            "<meta property=\"og:url\" content=\"https://example.gov.vn/documents/bao-cao-2022/\">",
            "<meta property=\"og:title\" content=\"Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2022\">",
            "<meta property=\"og:site_name\" content=\"Cổng thử nghiệm\">",
            "<meta property=\"og:locale\" content=\"vi_VN\">",
            "<meta property=\"article:published_time\" content=\"2022-06\">",
            "<meta name=\"twitter:card\" content=\"summary\">",
            "<meta name=\"twitter:title\" content=\"Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2022\">",
        ] {
            #expect(html.contains(tag), "missing \(tag)")
        }
        #expect(html.contains("<meta property=\"og:description\" content=\""))
        let home = try page("index.html")
        #expect(home.contains("<meta property=\"og:type\" content=\"website\">"))
        #expect(!home.contains("og:locale:alternate"), "a one-language site has no alternate locale")
    }

    @Test func bilingualPagesNameTheOtherLocale() throws {
        let site = TestSupport.site("bilingual")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let en = try #require(TestSupport.read(site + "/Public/en/documents/ke-hoach/index.html"))
        #expect(en.contains("<meta property=\"og:locale\" content=\"en_GB\">"))
        #expect(en.contains("<meta property=\"og:locale:alternate\" content=\"vi_VN\">"))
        #expect(try Self.graph(en).first { $0["@type"] as? String == "Report" }?["inLanguage"] as? String == "en")
    }

    @Test func footerSaysWhenTheNewestContentIsDated() throws {
        let newest = try #require(Self.built.site.items.compactMap(\.item.date).max())
        let html = try page("gioi-thieu/index.html")
        #expect(html.contains("<time datetime=\"\(newest.description)\">"), "last updated \(newest)")
        #expect(html.contains("Cập nhật lần cuối"))
    }
}

/// The spokesperson's contact card file.
@Suite struct VCardTests {
    @Test func escapesTextAndEndsLinesWithCRLF() {
        let card = VCard.card(.init(name: "Trần Thị B; Phó, kiêm nhiệm\\x", position: "Chánh Văn phòng", agency: "UBND huyện A;B",
                                    phone: "0255 3000 000", email: "vp@example.gov.vn", role: "Người phát ngôn",
                                    url: "https://example.gov.vn/spokespersons/a/", language: "vi"))
        #expect(card.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
        #expect(card.hasSuffix("END:VCARD\r\n"))
        #expect(!card.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feeds")
        #expect(card.contains("\r\nFN:Trần Thị B\\; Phó\\, kiêm nhiệm\\\\x\r\n"))
        #expect(card.contains("\r\nORG:UBND huyện A\\;B\r\n"))
        #expect(card.contains("\r\nTEL;VALUE=uri;TYPE=work,voice:tel:02553000000\r\n"))
        #expect(card.contains("\r\nEMAIL;TYPE=work:vp@example.gov.vn\r\n"))
        #expect(card.contains("\r\nTITLE:Chánh Văn phòng\r\n"))
    }

    @Test func onlyPublishedFieldsAndAFormattedNameWithoutAName() {
        let card = VCard.card(.init(name: nil, position: "Chủ tịch UBND huyện", agency: "Ủy ban nhân dân huyện Triệu Sơn"))
        #expect(card.contains("\r\nFN:Chủ tịch UBND huyện – Ủy ban nhân dân huyện Triệu Sơn\r\n"))
        #expect(!card.contains("TEL") && !card.contains("EMAIL") && !card.contains("\r\nN:"))
    }

    @Test func longLinesFoldAt75OctetsWithoutSplittingACharacter() throws {
        let agency = String(repeating: "Ủy ban nhân dân huyện Đắk Glong ", count: 6)
        let card = VCard.card(.init(name: nil, position: "Phó Chủ tịch", agency: agency))
        for line in card.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)")
        }
        // Unfolding (RFC 6350 §3.2) gives the line back whole.
        let unfolded = card.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("\r\nORG:" + VCard.escape(agency) + "\r\n"))
    }

    @Test func theSpokespersonPageLinksItsDownloadableCard() throws {
        let site = TestSupport.site("valid")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let folder = site + "/Public/spokespersons/nguoi-phat-ngon-bach-thong/"
        let card = try #require(TestSupport.read(folder + "contact.vcf"))
        #expect(card.contains("\r\nFN:Nguyễn Văn A\r\n"))
        #expect(card.contains("\r\nTEL;VALUE=uri;TYPE=work,voice:tel:+842093850000\r\n"))
        #expect(card.contains("\r\nURL:https://example.gov.vn/spokespersons/nguoi-phat-ngon-bach-thong/\r\n"))
        let html = try #require(TestSupport.read(folder + "index.html"))
        #expect(html.contains("href=\"/spokespersons/nguoi-phat-ngon-bach-thong/contact.vcf\" download=\"nguoi-phat-ngon-bach-thong.vcf\""))
        let unnamed = try #require(TestSupport.read(site + "/Public/spokespersons/nguoi-phat-ngon-trieu-son/contact.vcf"))
        #expect(unnamed.contains("\r\nFN:Chủ tịch UBND huyện – Ủy ban nhân dân huyện Triệu Sơn\r\n"))
        #expect(!unnamed.contains("TEL") && !unnamed.contains("EMAIL"))
    }
}

/// Old addresses: item aliases and districts' former names.
@Suite struct RedirectTests {
    @Test func aliasesAndFormerNamesGetRedirectPagesAndAnNginxMap() throws {
        let site = TestSupport.site("redirects")
        let result = try SiteBuilder.build(.init(siteRoot: site))
        #expect(result.warnings.map(\.description) == [])
        let out = site + "/Public/"
        let pages: [(String, String, String)] = [
            ("tin-tuc/ra-mat/index.html", "/press-releases/ra-mat/", "vi"),
            ("tin-tuc/ra-mat-cu.html", "/press-releases/ra-mat/", "vi"),
            ("en/news/launch/index.html", "/en/press-releases/ra-mat/", "en"),
            ("van-ban/ke-hoach/index.html", "/documents/ke-hoach/", "vi"),
            ("districts/thuong-ha/index.html", "/districts/son-ha/", "vi"),
            ("en/districts/thuong-ha/index.html", "/en/districts/son-ha/", "en"),
        ]
        for (file, target, language) in pages {
            let html = try #require(TestSupport.read(out + file), "no redirect page \(file)")
            #expect(html.contains("<html lang=\"\(language)\">"))
            #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(target)\">"), "\(file)")
            #expect(html.contains("<link rel=\"canonical\" href=\"https://example.gov.vn\(target)\">"), "\(file)")
            #expect(html.contains("<a href=\"\(target)\">"), "\(file) has a link for readers")
        }
        // "Sơn Hạ" folds to the district's own address: nothing to redirect.
        #expect(TestSupport.read(out + "districts/son-ha/index.html")?.contains("http-equiv=\"refresh\"") == false)

        let map = try #require(TestSupport.read(out + "redirects.nginx"))
        let lines = map.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init)
        #expect(lines == lines.sorted())
        #expect(lines == [
            "location = /districts/thuong-ha { return 301 /districts/son-ha/; }",
            "location = /districts/thuong-ha/ { return 301 /districts/son-ha/; }",
            "location = /districts/thuong-ha/feed.xml { return 301 /districts/son-ha/feed.xml; }",
            "location = /en/districts/thuong-ha { return 301 /en/districts/son-ha/; }",
            "location = /en/districts/thuong-ha/ { return 301 /en/districts/son-ha/; }",
            "location = /en/districts/thuong-ha/feed.xml { return 301 /en/districts/son-ha/feed.xml; }",
            "location = /en/news/launch { return 301 /en/press-releases/ra-mat/; }",
            "location = /en/news/launch/ { return 301 /en/press-releases/ra-mat/; }",
            "location = /tin-tuc/ra-mat { return 301 /press-releases/ra-mat/; }",
            "location = /tin-tuc/ra-mat-cu.html { return 301 /press-releases/ra-mat/; }",
            "location = /tin-tuc/ra-mat/ { return 301 /press-releases/ra-mat/; }",
            "location = /van-ban/ke-hoach { return 301 /documents/ke-hoach/; }",
            "location = /van-ban/ke-hoach/ { return 301 /documents/ke-hoach/; }",
        ])

        let sitemap = try #require(TestSupport.read(out + "sitemap.xml"))
        for old in ["tin-tuc", "news/launch", "van-ban", "thuong-ha"] { #expect(!sitemap.contains(old), "\(old) in sitemap") }
        #expect(LinkChecker(output: out, baseURL: "https://example.gov.vn/").check().map(\.description) == [])
    }

    @Test func redirectsKeepTheBasePath() throws {
        let site = TestSupport.site("redirects")
        let output = site + "/Staging"
        _ = try SiteBuilder.build(.init(siteRoot: site, output: output, baseURL: "https://example.gov.vn/portal/"))
        let html = try #require(TestSupport.read(output + "/tin-tuc/ra-mat/index.html"))
        #expect(html.contains("content=\"0; url=/portal/press-releases/ra-mat/\""))
        let map = try #require(TestSupport.read(output + "/redirects.nginx"))
        #expect(map.contains("location = /portal/tin-tuc/ra-mat/ { return 301 /portal/press-releases/ra-mat/; }\n"))
    }

    @Test func anOldAddressThatIsAPageIsAnErrorAtItsLine() throws {
        let site = TestSupport.site("redirects")
        let file = site + "/Content/press-releases/ra-mat.vi.md"
        let text = try #require(TestSupport.read(file))
        TestSupport.write(text.replacingOccurrences(of: "aliases: [/tin-tuc/ra-mat/, /tin-tuc/ra-mat-cu.html]",
                                                    with: "aliases: [/tin-tuc/ra-mat/, /places/den/]"), to: file)
        let errors = TestSupport.errors(site)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.location.path == "Content/press-releases/ra-mat.vi.md")
        #expect(error.location.line == 6)
        #expect(error.message.contains("/places/den/"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Public"), "a failed build writes nothing")
    }

    @Test func aFormerNameThatIsAnotherDistrictIsAnErrorInSiteYAML() throws {
        let site = TestSupport.site("redirects")
        let file = site + "/Content/site.yaml"
        let text = try #require(TestSupport.read(file))
        TestSupport.write(text.replacingOccurrences(of: "topics:", with: """
          - slug: thuong-ha
            name: Thượng Hà
            province: Quảng Ngãi
        topics:
        """), to: file)
        let errors = TestSupport.errors(site)
        #expect(errors.count >= 1)
        #expect(errors.allSatisfy { $0.location.path == "Content/site.yaml" && $0.location.line > 1 })
        #expect(errors.contains { $0.message.contains("/districts/thuong-ha/") })
    }

    @Test func aliasesAStaticPageCannotAnswerAreErrors() throws {
        let site = TestSupport.site("redirects")
        let file = site + "/Content/documents/ke-hoach.vi.md"
        let text = try #require(TestSupport.read(file))
        TestSupport.write(text.replacingOccurrences(of: "aliases: [\"/van-ban/ke-hoach\"]",
                                                    with: "aliases: [\"/index.php?id=5\", \"/a/../b/\", \"/\"]"), to: file)
        let errors = TestSupport.errors(site)
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0.location.path == "Content/documents/ke-hoach.vi.md" && $0.location.line == 8 })
    }

    @Test func twoItemsClaimingOneOldAddressIsAnError() throws {
        let site = TestSupport.site("redirects")
        let file = site + "/Content/documents/ke-hoach.vi.md"
        let text = try #require(TestSupport.read(file))
        TestSupport.write(text.replacingOccurrences(of: "aliases: [\"/van-ban/ke-hoach\"]", with: "aliases: [\"/tin-tuc/ra-mat\"]"), to: file)
        let errors = TestSupport.errors(site)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("already leads to /press-releases/ra-mat/") == true)
    }
}

/// A site theme that names `parent: default` and overrides one partial, one string and one asset.
@Suite struct ThemeOverrideTests {
    static func site() -> String {
        let folder = TestSupport.temporaryFolder("theme-override")
        let fixture = TestSupport.fixture("theme-override")
        try! FileManager.default.copyItem(atPath: fixture + "/Content", toPath: folder + "/Content")
        try! FileManager.default.copyItem(atPath: fixture + "/Themes", toPath: folder + "/Themes")
        try! FileManager.default.createSymbolicLink(atPath: folder + "/Themes/default", withDestinationPath: TestSupport.repositoryRoot + "/Themes/default")
        return folder
    }

    @Test func theSiteThemeWinsAndEverythingElseComesFromDefault() throws {
        let site = Self.site()
        let result = try SiteBuilder.build(.init(siteRoot: site))
        #expect(result.warnings.map(\.description) == [])
        let vi = try #require(TestSupport.read(site + "/Public/gioi-thieu/index.html"))
        // The overridden partial…
        #expect(vi.contains("<footer class=\"site-footer province-footer\">"))
        #expect(vi.contains("<p class=\"province-contact\">Liên hệ: <a href=\"/spokespersons/\">Danh sách người phát ngôn</a></p>"))
        #expect(!vi.contains("footer-columns"))
        // …the other partials and templates of the default theme…
        #expect(vi.contains("class=\"official-banner\"") && vi.contains("class=\"breadcrumbs\""))
        // …the overridden string, and the other strings of the default theme.
        #expect(vi.contains(">Bỏ qua phần đầu trang</a>"))
        #expect(vi.contains("aria-label=\"Điều hướng chính\""))
        let en = try #require(TestSupport.read(site + "/Public/en/index.html"))
        #expect(en.contains(">Skip to main content</a>"), "English strings are the default theme's")
        // The overridden asset.
        let css = try #require(TestSupport.read(site + "/Public/css/loa.css"))
        #expect(css.hasPrefix("/* The province's own style sheet"))
    }

    @Test func withoutTheOverridesTheDefaultThemeIsUsed() throws {
        let site = Self.site()
        try FileManager.default.removeItem(atPath: site + "/Themes/province/templates")
        try FileManager.default.removeItem(atPath: site + "/Themes/province/i18n")
        try FileManager.default.removeItem(atPath: site + "/Themes/province/static")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let vi = try #require(TestSupport.read(site + "/Public/gioi-thieu/index.html"))
        #expect(vi.contains("footer-columns") && vi.contains(">Chuyển đến nội dung chính</a>"))
        let css = try #require(TestSupport.read(site + "/Public/css/loa.css"))
        #expect(css == TestSupport.read(TestSupport.repositoryRoot + "/Themes/default/static/css/loa.css"))
    }
}

/// The default theme's style sheet: dark and print styles, nothing fetched from elsewhere.
@Suite struct StyleSheetTests {
    static let css = TestSupport.read(TestSupport.repositoryRoot + "/Themes/default/static/css/loa.css") ?? ""

    @Test func hasDarkAndPrintStylesAndFetchesNothing() {
        #expect(Self.css.contains("@media (prefers-color-scheme: dark)"))
        #expect(Self.css.contains("@media print"))
        for forbidden in ["@import", "@font-face", "url(", "http:", "https:"] {
            #expect(!Self.css.contains(forbidden), "the style sheet must not contain \(forbidden)")
        }
    }

    @Test func printHidesNavigation() throws {
        let start = try #require(Self.css.range(of: "@media print"))
        let print = Self.css[start.lowerBound...]
        for selector in [".main-nav", ".language-switcher", ".breadcrumbs", ".site-footer", ".skip-link"] {
            #expect(print.contains(selector), "print styles do not mention \(selector)")
        }
    }

    @Test func pagesLoadNothingFromAnotherHost() throws {
        let site = TestSupport.site("valid")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let output = site + "/Public"
        let source = try NSRegularExpression(pattern: #"<(?:script|img|link|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(?:https?:)?//"#)
        for page in LinkChecker(output: output, baseURL: "https://example.gov.vn/").htmlPages() {
            let html = TestSupport.read(output + "/" + page) ?? ""
            let loads = source.matches(in: html, range: NSRange(location: 0, length: (html as NSString).length)).map {
                (html as NSString).substring(with: $0.range)
            }
            // canonical and alternate links name addresses; they load nothing.
            #expect(loads.filter { !$0.contains("rel=\"canonical\"") && !$0.contains("rel=\"alternate\"") } == [], "\(page)")
        }
    }
}

/// A district listed without its province (site.yaml allows it) shows only its name.
@Suite struct DistrictWithoutProvinceTests {
    @Test func noEmptyParenthesesWhereTheProvinceIsNotGiven() throws {
        let site = TestSupport.site("valid")
        let file = site + "/Content/site.yaml"
        let text = try #require(TestSupport.read(file))
        TestSupport.write(text.replacingOccurrences(of: "    name: Đắk Glong\n    province: Đắk Nông\n", with: "    name: Đắk Glong\n"), to: file)
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let page = try #require(TestSupport.read(site + "/Public/press-releases/du-lich-dak-glong/index.html"))
        #expect(page.contains(">Đắk Glong</a></dd>"), "the district's name, then nothing")
        // Outside scripts (the print button's inline script calls functions: "fill()").
        let visible = page.replacingOccurrences(of: "<script>[\\s\\S]*?</script>", with: "", options: .regularExpression)
        #expect(visible.contains("Đắk Glong") && !visible.contains("()"))
        // With its province, the province follows in parentheses.
        let other = try #require(TestSupport.read(site + "/Public/documents/bao-cao-2022/index.html"))
        #expect(other.contains(">Triệu Sơn</a> (Thanh Hóa)</dd>"))
    }
}

/// Every item page can be printed (and saved as PDF from the print dialog): a real button,
/// hidden until its inline script shows it, the date printed, and the page's address on paper.
@Suite struct PrintTests {
    static let strings: [String: Strings] = {
        let (theme, _) = Theme.load(siteRoot: TestSupport.repositoryRoot, name: "default", languages: ["vi", "en"])
        return theme!.strings.mapValues { Strings(values: $0) }
    }()

    @Test func everyItemPageOfEveryKindHasTheButtonTheDateAndTheAddress() throws {
        let (output, site) = SamplePortalTests.built
        #expect(Set(site.items.map(\.item.kind)) == Set(ContentKind.allCases))
        for r in site.items {
            let html = try #require(TestSupport.read(output + "/" + r.path + "index.html"))
            let s = try #require(Self.strings[r.item.language])
            #expect(s["print_button"] != "print_button" && s["printed_on"] != "printed_on")
            // A button, not a link; hidden until the script finds window.print, and its label in the page's language.
            #expect(html.contains("<p class=\"print-action\" id=\"print-action\" hidden data-pagefind-ignore>"
                                  + "<button type=\"button\" class=\"print-button\">\(Escape.html(s["print_button"]))</button></p>"), "\(r.path)")
            #expect(html.contains("<p class=\"print-only print-date\" id=\"print-date\" hidden data-pagefind-ignore data-format=\"\(Escape.html(s["date_format"]))\""), "\(r.path)")
            #expect(html.contains(">\(Escape.html(s["printed_on"])): <span class=\"print-date-value\"></span></p>"), "\(r.path)")
            #expect(html.contains("typeof window.print === \"function\"") && html.contains("window.print();")
                    && html.contains("addEventListener(\"beforeprint\", fill)"), "\(r.path)")
            let address = URLPaths.absolute(site.configuration.baseURL, r.path)
            #expect(html.contains("<p class=\"print-only print-address\" data-pagefind-ignore>\(Escape.html(s["print_address"])): \(address)</p>"), "\(r.path)")
            // Nothing more is fetched for it: no script file on an item page.
            #expect(!html.contains("<script src") && !html.contains("<script type=\"module\""), "\(r.path)")
        }
        #expect(Self.strings["vi"]?["print_button"] != Self.strings["en"]?["print_button"])
    }

    @Test func listsHaveNoPrintButton() throws {
        let (output, _) = SamplePortalTests.built
        for page in ["index.html", "documents/index.html", "en/press-releases/index.html", "districts/bach-thong/index.html", "404.html"] {
            let html = try #require(TestSupport.read(output + "/" + page))
            #expect(!html.contains("print-action") && !html.contains("window.print"), "\(page)")
        }
    }

    @Test func printShowsTheMetadataAndHidesTheButton() throws {
        let css = StyleSheetTests.css
        let start = try #require(css.range(of: "@media print {"))
        let end = try #require(css.range(of: "\n}\n", range: start.upperBound..<css.endIndex))
        let print = String(css[start.upperBound..<end.lowerBound])
        #expect(print.contains(".print-only { display: block; }"))
        #expect(print.contains(".print-only[hidden], .print-action { display: none !important; }"))
        // The rules that hide things on paper name neither metadata block nor the signature.
        let hiding = print.split(separator: "}").filter { $0.contains("display: none") }.joined()
        for block in [".document-facts", ".item-meta", ".place-facts", ".contact-card", ".signature", ".recipients", ".print-address", ".print-date", "dl"] {
            #expect(!hiding.contains(block), "print hides \(block)")
        }
    }
}

import Foundation
import Testing
@testable import LoaCore

/// Builds the real sample portal in Content/ and follows every link in every page.
@Suite struct SamplePortalTests {
    static let built: (output: String, site: ResolvedSite) = {
        let output = TestSupport.temporaryFolder("sample") + "/Public"
        var options = SiteBuilder.Options(siteRoot: TestSupport.repositoryRoot, output: output)
        options.incremental = false  // a throwaway folder: leave no manifest in the repository
        _ = try! SiteBuilder.build(options)
        let (_, site, _) = SiteBuilder.plan(.init(siteRoot: TestSupport.repositoryRoot))
        return (output, site!)
    }()

    @Test func everyInternalLinkAndAssetResolves() {
        let (output, site) = Self.built
        let problems = LinkChecker(output: output, baseURL: site.configuration.baseURL).check()
        #expect(problems.map(\.description) == [])
        #expect(LinkChecker(output: output, baseURL: site.configuration.baseURL).htmlPages().count > 50)
    }

    @Test func everyItemHasItsPageAndTranslationsLinkEachOther() throws {
        let (output, site) = Self.built
        var translated = 0
        for r in site.items {
            let html = try #require(TestSupport.read(output + "/" + r.path + "index.html"), "no page for \(r.item.sourcePath)")
            #expect(html.contains("<html lang=\"\(r.item.language)\">"))
            #expect(html.contains(Escape.html(r.item.title)))
            for (language, path) in r.translations {
                translated += 1
                let href = URLPaths.absolute(site.configuration.baseURL, path)
                #expect(html.contains("<link rel=\"alternate\" hreflang=\"\(language)\" href=\"\(href)\">"), "\(r.path) → \(path)")
                let other = try #require(TestSupport.read(output + "/" + path + "index.html"))
                #expect(other.contains("hreflang=\"\(r.item.language)\" href=\"\(URLPaths.absolute(site.configuration.baseURL, r.path))\""))
            }
        }
        #expect(translated >= 10)
    }

    @Test func districtAndTopicPagesListExactlyTheirItems() throws {
        let (output, site) = Self.built
        for language in site.languages {
            let prefix = site.prefix(language)
            for district in site.configuration.districts {
                let html = try #require(TestSupport.read(output + "/\(prefix)districts/\(district.slug)/index.html"))
                for r in site.items where r.item.language == language && r.item.kind != .page {
                    let listed = html.contains("href=\"/\(r.path)\"")
                    #expect(listed == (r.item.district == district.slug), "\(r.path) on district \(district.slug)")
                }
            }
            for topic in site.configuration.topics {
                let html = try #require(TestSupport.read(output + "/\(prefix)topics/\(topic.slug)/index.html"))
                for r in site.items where r.item.language == language && r.item.kind != .page {
                    let listed = html.contains("href=\"/\(r.path)\"")
                    #expect(listed == r.item.topics.contains(topic.slug), "\(r.path) on topic \(topic.slug)")
                }
            }
        }
    }

    @Test func theSampleIsRealBilingualContent() {
        let (_, site) = Self.built
        let kinds = Set(site.items.map(\.item.kind))
        #expect(kinds == Set(ContentKind.allCases))
        #expect(site.configuration.districts.count >= 3 && site.configuration.topics.count >= 6)
        // A topic registered in site.yaml and used by no item is an empty index page.
        for topic in site.configuration.topics {
            #expect(site.items.contains { $0.item.topics.contains(topic.slug) }, "topic \(topic.slug) is registered but no item has it")
        }
        let documents = site.items.filter { $0.item.kind == .document }
        #expect(documents.contains { $0.item.language == "en" })
        #expect(site.items.contains { $0.translations.isEmpty }, "some items are in one language only")
        // Published faithfully: the blank number and month-only date of the Triệu Sơn report.
        let trieuSon = documents.first { $0.item.district == "trieu-son" && $0.item.language == "vi" }?.item.document
        #expect(trieuSon?.number == "/BC-UBND")
        #expect(trieuSon?.issueDate == PartialDate(year: 2022, month: 6))
        #expect(trieuSon?.signer == "Lê Quang Trung")
    }
}

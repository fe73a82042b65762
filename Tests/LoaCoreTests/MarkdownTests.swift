import Testing
@testable import LoaCore

@Suite struct MarkdownTests {
    func render(_ md: String, unsafe: Bool = false, resolve: (LinkReference) -> LinkResolution = { _ in .keep }) -> RenderedMarkdown {
        MarkdownRenderer(allowRawHTML: unsafe).render(md, path: "Content/pages/a.vi.md", firstLine: 5, resolve: resolve)
    }

    @Test func headingsGetStableFoldedUniqueIDs() {
        let html = render("## Đồn Phủ Thông\n\n## Đồn Phủ Thông\n\n### `Mã` *số*\n\n## !!!\n").html
        #expect(html.contains("<h2 id=\"don-phu-thong\">"))
        #expect(html.contains("<h2 id=\"don-phu-thong-1\">"))
        #expect(html.contains("<h3 id=\"ma-so\">"))
        #expect(html.contains("<code>Mã</code>"))
        #expect(html.contains("<h2 id=\"section\">"))
    }

    @Test func rawHTMLIsDroppedUnlessTheSiteOptsIn() {
        let md = "<script>alert(1)</script>\n\nText <b>bold</b>\n"
        let safe = render(md).html
        #expect(!safe.contains("<script>"))
        #expect(!safe.contains("<b>"))
        let unsafe = render(md, unsafe: true).html
        #expect(unsafe.contains("<script>alert(1)</script>"))
    }

    @Test func javascriptURLsAreRemovedInSafeMode() {
        let html = render("[x](javascript:alert(1)) [y](JAVASCRIPT:alert(2))").html
        #expect(!html.lowercased().contains("javascript:"))
    }

    @Test func smartPunctuation() {
        let html = render("\"Trích dẫn\" -- và...").html
        #expect(html.contains("“Trích dẫn”"))
        #expect(html.contains("–"))
        #expect(html.contains("…"))
    }

    @Test func linksAreOfferedForRewritingWithTheirLine() {
        var seen: [LinkReference] = []
        let result = render("Para.\n\nSee [a](../documents/x.vi.md#part) and ![pic](p.png).\n\n[bad](missing.md)\n") { ref in
            seen.append(ref)
            if ref.destination.hasPrefix("missing") { return .error("no such file") }
            return ref.destination.hasSuffix("#part") ? .replace("/documents/x/#part") : .keep
        }
        #expect(result.html.contains("href=\"/documents/x/#part\""))
        #expect(result.html.contains("src=\"p.png\""))
        #expect(seen.map(\.destination) == ["../documents/x.vi.md#part", "p.png", "missing.md"])
        #expect(seen[1].isImage && seen[1].text == "pic")
        #expect(seen[0].location.line == 7)
        #expect(result.diagnostics.map(\.description) == ["Content/pages/a.vi.md:9:1: error: no such file"])
    }
}

@Suite struct URLPathTests {
    @Test func schemesAreASCIIWordsBeforeAColon() {
        #expect(URLPaths.scheme(of: "JavaScript:alert(1)") == "javascript")
        #expect(URLPaths.scheme(of: "https://example.org/a:b") == "https")
        #expect(URLPaths.scheme(of: "svc+ssh.v-2:x") == "svc+ssh.v-2")
        #expect(URLPaths.scheme(of: "../documents/a.vi.md") == nil)
        #expect(URLPaths.scheme(of: "2024:report") == nil)
        #expect(URLPaths.scheme(of: "đ:x") == nil)
        #expect(URLPaths.scheme(of: "no colon") == nil)
    }

    @Test func suffixesAndJoins() {
        #expect(URLPaths.splitSuffix("../a/b.vi.md#muc-1") == ("../a/b.vi.md", "#muc-1"))
        #expect(URLPaths.splitSuffix("tệp.pdf?x=1#y") == ("tệp.pdf", "?x=1#y"))
        #expect(URLPaths.splitSuffix("plain") == ("plain", ""))
        #expect(URLPaths.join("Content/press-releases", "../documents/./bao-cao.vi.md") == "Content/documents/bao-cao.vi.md")
        #expect(URLPaths.join("Content", "../../x") == nil)
        #expect(URLPaths.join("Content/pages", "/images/logo.png") == "images/logo.png")
    }
}

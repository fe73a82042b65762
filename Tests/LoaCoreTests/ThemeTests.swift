import Foundation
import Testing
@testable import LoaCore

@Suite struct ThemeTests {
    @Test func interfaceStringsAreFoundByDottedKey() {
        let s = Strings(values: [
            "home": "Trang chủ",
            "kinds": ["document": ["one": "Văn bản"] as [String: Any & Sendable]] as [String: Any & Sendable],
            "a.b": "never reached",
            "months": ["Một", "Hai"],
        ])
        #expect(s["home"] == "Trang chủ")
        #expect(s["kinds.document.one"] == "Văn bản")
        #expect(s["kinds.document"] == "kinds.document", "a group is not a text: the key shows")
        #expect(s["missing"] == "missing")
        #expect(s["a.b"] == "a.b", "a key with a dot cannot be reached by a path")
        #expect(s.list("months") == ["Một", "Hai"])
        #expect(s.list("home").isEmpty)
    }

    @Test func templateErrorsAreReportedAtTheirLine() throws {
        let site = TestSupport.site("valid")
        try FileManager.default.removeItem(atPath: site + "/Themes")
        try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Themes", toPath: site + "/Themes")
        TestSupport.write("<p>\n{{title}}\n{{#items}}unclosed\n", to: site + "/Themes/default/templates/404.mustache")
        let errors = TestSupport.errors(site)
        #expect(errors.contains { $0.location.path == "Themes/default/templates/404.mustache" && $0.location.line == 3 && $0.location.column == 1 && $0.message.contains("{{#items}} is never closed") }, "\(errors)")
    }

    @Test func escapingMatchesHTMLRules() {
        #expect(Escape.html("Sở TT&TT <b>\"a\" 'b'</b>") == "Sở TT&amp;TT &lt;b&gt;&quot;a&quot; &#39;b&#39;&lt;/b&gt;")
        #expect(Escape.html("Đồn Phủ Thông") == "Đồn Phủ Thông")
        let templates = try! { var t = TemplateLibrary(); try t.register("<a title=\"{{t}}\">{{{raw}}}</a>", named: "x"); return t }()
        #expect(templates.render("x", context: ["t": "\"TT&TT\" <'>", "raw": "<b>"]) == "<a title=\"&quot;TT&amp;TT&quot; &lt;&#39;&gt;\"><b></a>")
    }
}

import Foundation
import Testing
@testable import LoaCore

@Suite struct ThemeTests {
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

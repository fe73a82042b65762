import Foundation
import Mustache
import Testing
@testable import LoaCore

/// Loa's template engine against the output written out (spec cases), against swift-mustache
/// 2.1.1, which it replaces and must match byte for byte (differential cases, theme templates),
/// and its syntax errors.
@Suite struct TemplateEngineTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var template: String
        var context: TemplateValue = [:]
        var partials: [String: String] = [:]
        /// nil: only compared with swift-mustache.
        var expected: String?
        /// A known difference from swift-mustache: not compared with it.
        var differs = false

        var testDescription: String { name }
    }

    static let people: TemplateValue = [
        "title": "People",
        "people": [
            ["name": "Ánh", "age": 31, "admin": true],
            ["name": "Bảo <b>", "age": 0, "admin": false],
            ["name": "Chi", "age": 7],
        ],
    ]

    static let data: TemplateValue = [
        "a": "Hà Nội & <Huế> \"quoted\" 'single'",
        "b": "hello wORLD",
        "s": "",
        "n": 41,
        "z": 0,
        "neg": -12,
        "t": true,
        "f": false,
        "e": [],
        "ls": ["pear", "apple", "Zebra", "éclair"],
        "li": [3, 1, 20, 2],
        "lb": [true, false],
        "o": ["a": "inner a", "b": "inner b", "n": 5],
        "o1": ["only": "one"],
        "empty": [:],
        "x": "root x",
        "p": ["o": [:]],
        "dn": "part",
        "body": "<p>one</p>\n<p>two</p>",
    ]

    // MARK: - Spec cases

    static let specCases: [Case] = [
        // Interpolation
        Case(name: "escaped", template: "{{a}}", context: data, expected: "Hà Nội &amp; &lt;Huế&gt; &quot;quoted&quot; &#39;single&#39;"),
        Case(name: "triple mustache is raw", template: "{{{a}}}", context: data, expected: "Hà Nội & <Huế> \"quoted\" 'single'"),
        Case(name: "ampersand is raw", template: "{{&a}}|{{& a }}", context: data, expected: "Hà Nội & <Huế> \"quoted\" 'single'|Hà Nội & <Huế> \"quoted\" 'single'"),
        Case(name: "blanks inside tags", template: "[{{ n }}][{{{ n }}}]", context: data, expected: "[41][41]"),
        Case(name: "dotted names", template: "{{o.a}}/{{o.n}}/{{o.missing}}/{{missing.a}}", context: data, expected: "inner a/5//"),
        Case(name: "dotted names do not climb after the first", template: "{{#p}}[{{o.a}}][{{x}}]{{/p}}", context: data, expected: "[][root x]"),
        Case(name: "leading dot looks only at the top", template: "{{#o}}{{.a}}|{{.x}}|{{x}}{{/o}}", context: data, expected: "inner a||root x"),
        Case(name: "missing is empty", template: "[{{nothing}}][{{{nothing}}}]", context: data, expected: "[][]"),
        Case(name: "numbers", template: "{{n}} {{z}} {{neg}}", context: data, expected: "41 0 -12"),
        Case(name: "flags", template: "{{t}} {{f}}", context: data, expected: "true false"),
        Case(name: "lists print as Swift arrays", template: "{{ls}} {{{li}}} {{lb}} {{e}}", context: data,
             expected: "[&quot;pear&quot;, &quot;apple&quot;, &quot;Zebra&quot;, &quot;éclair&quot;] [3, 1, 20, 2] [true, false] []"),
        // swift-mustache prints a dictionary, in hash order: no page can rely on that.
        Case(name: "objects print nothing", template: "[{{o}}][{{#ls}}{{/ls}}{{.}}]", context: data, expected: "[][]", differs: true),
        Case(name: "dot is the current element", template: "{{#ls}}{{.}},{{/ls}}", context: data, expected: "pear,apple,Zebra,éclair,"),

        // Sections
        Case(name: "list section", template: "{{#people}}<{{name}}:{{age}}>{{/people}}", context: people, expected: "<Ánh:31><Bảo &lt;b&gt;:0><Chi:7>"),
        Case(name: "empty list renders nothing", template: "[{{#e}}x{{/e}}]", context: data, expected: "[]"),
        Case(name: "flag sections", template: "{{#t}}yes{{/t}}{{#f}}no{{/f}}", context: data, expected: "yes"),
        Case(name: "a flag does not push itself", template: "{{#ls}}{{#t}}{{.}}{{/t}}{{/ls}}", context: data, expected: "pearappleZebraéclair"),
        Case(name: "object section pushes", template: "{{#o}}{{a}}+{{b}}{{/o}}", context: data, expected: "inner a+inner b"),
        Case(name: "empty text is true and pushed", template: "{{#s}}[{{.}}]{{/s}}", context: data, expected: "[]"),
        Case(name: "zero is true and pushed", template: "{{#z}}({{.}}){{/z}}", context: data, expected: "(0)"),
        Case(name: "empty object is true", template: "{{#empty}}yes{{/empty}}", context: data, expected: "yes"),
        Case(name: "nested sections climb the stack", template: "{{#people}}{{#admin}}{{name}} of {{title}};{{/admin}}{{/people}}", context: people,
             expected: "Ánh of People;"),
        Case(name: "missing field in element falls back to outer", template: "{{#people}}{{title}}{{/people}}", context: people,
             expected: "PeoplePeoplePeople"),

        // Inverted sections
        Case(name: "inverted", template: "{{^missing}}m{{/missing}}{{^f}}f{{/f}}{{^e}}e{{/e}}{{^t}}t{{/t}}{{^s}}s{{/s}}{{^z}}z{{/z}}{{^o}}o{{/o}}",
             context: data, expected: "mfe"),
        Case(name: "inverted pushes the empty list", template: "{{^e}}{{.}}{{/e}}", context: data, expected: "[]"),

        // Comments
        Case(name: "inline comment", template: "a{{! hi }}b", expected: "ab"),
        Case(name: "standalone comment", template: "a\n  {{! x\n y }}  \nb", expected: "a\nb"),
        Case(name: "comment keeps blanks when not alone", template: "a\n  {{! x }} c\n", expected: "a\n   c\n"),

        // Standalone lines
        Case(name: "standalone section lines", template: "a\n  {{#t}}\n  x\n  {{/t}}\nb\n", context: data, expected: "a\n  x\nb\n"),
        Case(name: "standalone lines with CRLF", template: "a\r\n{{#t}}\r\nx\r\n{{/t}}\r\nb", context: data, expected: "a\r\nx\r\nb"),
        Case(name: "tags not alone keep their line", template: "a {{#t}}x{{/t}} b\n", context: data, expected: "a x b\n"),
        Case(name: "standalone inverted", template: "|\n{{^f}}\nyes\n{{/f}}\n|", context: data, expected: "|\nyes\n|"),
        Case(name: "standalone tag at the end of the file", template: "a\n{{#t}}b\n{{/t}}", context: data, expected: "a\nb\n"),
        Case(name: "blanks at the very end are dropped (swift-mustache)", template: "a\n  ", expected: "a\n"),
        Case(name: "variables never stand alone", template: "  {{n}}\n", context: data, expected: "  41\n"),

        // Partials
        Case(name: "partial", template: "[{{>part}}]", context: data, partials: ["part": "{{n}}"], expected: "[41]"),
        Case(name: "missing partial", template: "[{{>nope}}]", expected: "[]"),
        Case(name: "standalone partial indents every line", template: "a\n  {{>part}}\nb", context: data,
             partials: ["part": "x\ny {{n}}\n"], expected: "a\n  x\n  y 41\nb"),
        Case(name: "inline partial is not indented", template: "a {{>part}} b", partials: ["part": "x\ny"], expected: "a x\ny b"),
        Case(name: "nested partials add up indentation", template: "{{>outer}}", partials: ["outer": "o\n  {{>inner}}\n", "inner": "i1\n  i2\n"],
             expected: "o\n  i1\n    i2\n"),
        Case(name: "values are not indented", template: "  {{>part}}\n", context: data, partials: ["part": "{{{body}}}\n"],
             expected: "  <p>one</p>\n<p>two</p>\n"),
        // swift-mustache indents per rendered scope: a list's second element starts unindented.
        Case(name: "indentation inside list sections (swift-mustache)", template: "  {{>part}}\n", context: data,
             partials: ["part": "{{#ls}}\n- {{.}}\n{{/ls}}\n"], expected: "  - pear\n- apple\n- Zebra\n- éclair\n"),
        Case(name: "no indentation after CRLF (swift-mustache)", template: "  {{>part}}\r\n", partials: ["part": "x\r\ny\r\n"],
             expected: "  x\r\ny\r\n"),
        Case(name: "partials see the caller's stack", template: "{{#o}}{{>part}}{{/o}}", context: data, partials: ["part": "{{a}}/{{x}}"],
             expected: "inner a/root x"),
        Case(name: "recursive partial", template: "{{>tree}}",
             context: ["name": "root", "children": [["name": "a", "children": [["name": "a1", "children": []]]], ["name": "b", "children": []]]],
             partials: ["tree": "{{name}}{{#children}}({{>tree}}){{/children}}"], expected: "root(a(a1))(b)"),
        // swift-mustache recurses until it crashes.
        Case(name: "endless recursion stops", template: "x{{>main}}", expected: String(repeating: "x", count: 65), differs: true),
        Case(name: "dynamic partial", template: "{{>*dn}}", context: data, partials: ["part": "dyn {{n}}"], expected: "dyn 41"),

        // Delimiters
        Case(name: "set delimiters", template: "{{=<% %>=}}<% n %>{{n}}<%={{ }}=%>{{n}}", context: data, expected: "41{{n}}41"),
        Case(name: "standalone delimiter change", template: "a\n  {{=| |=}}  \n|n|\n", context: data, expected: "a\n41\n"),
        Case(name: "delimiters inside a section end with it (swift-mustache)", template: "{{#t}}{{=<% %>=}}<%n%><%/t%>{{n}}", context: data,
             expected: "4141"),

        // Inheritance
        Case(name: "block override", template: "{{<parent}}{{$title}}Mine{{/title}}{{/parent}}",
             partials: ["parent": "<h1>{{$title}}Default{{/title}}</h1>"], expected: "<h1>Mine</h1>"),
        Case(name: "block default", template: "{{<parent}}{{/parent}}", partials: ["parent": "<h1>{{$title}}Default{{/title}}</h1>"],
             expected: "<h1>Default</h1>"),
        Case(name: "blocks outside parents render their default", template: "{{$x}}default {{n}}{{/x}}", context: data, expected: "default 41"),
        Case(name: "nested parents: the outermost child wins", template: "{{<mid}}{{$a}}ca{{/a}}{{/mid}}",
             partials: ["grand": "{{$a}}ga{{/a}}|{{$b}}gb{{/b}}|{{$c}}gc{{/c}}", "mid": "{{<grand}}{{$a}}ma{{/a}}{{$b}}mb{{/b}}{{/grand}}"],
             expected: "ca|mb|gc"),
        Case(name: "blocks inside a parent's partials", template: "{{<layout}}{{$title}}X{{/title}}{{/layout}}",
             partials: ["layout": "{{>header}}body", "header": "<h>{{$title}}T{{/title}}</h>"], expected: "<h>X</h>body"),
        Case(name: "overrides render with the parent's stack", template: "{{<parent}}{{$item}}{{name}};{{/item}}{{/parent}}", context: people,
             partials: ["parent": "{{#people}}{{$item}}?{{/item}}{{/people}}"], expected: "Ánh;Bảo &lt;b&gt;;Chi;"),
        Case(name: "standalone override lines", template: "{{<base}}\n{{$content}}\n<h1>{{title}}</h1>\n<p>x</p>\n{{/content}}\n{{/base}}\n",
             context: people, partials: ["base": "<main>\n{{$content}}{{/content}}\n</main>\n"],
             // The parent's `{{$content}}{{/content}}` line is not standalone: its line break stays.
             expected: "<main>\n<h1>People</h1>\n<p>x</p>\n\n</main>\n"),
        Case(name: "override's first-line indentation is removed from its lines (swift-mustache)",
             template: "{{<base}}\n{{$content}}\n    <a>\n      <b>\n    </a>\n{{/content}}\n{{/base}}",
             partials: ["base": "{{$content}}{{/content}}"], expected: "<a>\n  <b>\n</a>\n"),
        Case(name: "text between overrides is ignored", template: "{{<parent}}ignored{{$title}}Mine{{/title}} also{{/parent}}",
             partials: ["parent": "{{$title}}Default{{/title}}"], expected: "Mine"),

        // Sequence context
        Case(name: "first and last", template: "{{#ls}}{{#first()}}[{{/first()}}{{.}}{{^last()}},{{/last()}}{{#last()}}]{{/last()}}{{/ls}}",
             context: data, expected: "[pear,apple,Zebra,éclair]"),
        Case(name: "index, even, odd", template: "{{#ls}}{{index()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{plusone(index())}} {{/ls}}",
             context: data, expected: "0e1 1o2 2e3 3o4 "),
        Case(name: "single element is first and last", template: "{{#ls}}{{/ls}}{{#o1}}{{/o1}}{{#people}}{{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{/people}}",
             context: ["people": [["name": "x"]]], expected: "FL"),
        Case(name: "no sequence context in object sections or partials", template: "{{#ls}}{{#o}}[{{index()}}]{{/o}}{{>part}}{{#t}}{{index()}}{{/t}}{{/ls}}",
             context: data, partials: ["part": "({{index()}})"], expected: "[]()0[]()1[]()2[]()3"),
        Case(name: "no sequence context outside lists", template: "[{{index()}}{{#first()}}x{{/first()}}]", expected: "[]"),

        // Transforms
        Case(name: "text transforms", template: "{{uppercased(b)}}|{{lowercased(b)}}|{{capitalized(b)}}|{{reversed(b)}}|{{uppercased(a)}}|{{#empty(s)}}E{{/empty(s)}}{{^empty(b)}}N{{/empty(b)}}",
             context: data, expected: "HELLO WORLD|hello world|Hello World|DLROw olleh|HÀ NỘI &amp; &lt;HUẾ&gt; &quot;QUOTED&quot; &#39;SINGLE&#39;|EN"),
        Case(name: "list transforms", template: "{{first(ls)}} {{last(ls)}} {{count(ls)}} {{#reversed(ls)}}{{.}},{{/reversed(ls)}} {{#sorted(ls)}}{{.}},{{/sorted(ls)}} {{#sorted(li)}}{{.}},{{/sorted(li)}} {{#empty(e)}}E{{/empty(e)}}{{#empty(ls)}}X{{/empty(ls)}} {{count(e)}}",
             context: data, expected: "pear éclair 4 éclair,Zebra,apple,pear, Zebra,apple,pear,éclair, 1,2,3,20, E 0"),
        Case(name: "first of an empty list is missing", template: "[{{first(e)}}]{{^last(e)}}none{{/last(e)}}", context: data, expected: "[]none"),
        Case(name: "object transforms", template: "{{count(o)}} {{#empty(empty)}}E{{/empty(empty)}}{{^empty(o)}}N{{/empty(o)}} {{#enumerated(o1)}}{{key}}={{value}}{{/enumerated(o1)}} {{#sorted(o)}}{{key}}:{{value}};{{/sorted(o)}}",
             context: data, expected: "3 EN only=one a:inner a;b:inner b;n:5;"),
        Case(name: "number transforms", template: "{{#equalzero(z)}}Z{{/equalzero(z)}}{{^equalzero(n)}}N{{/equalzero(n)}} {{plusone(n)}} {{minusone(n)}} {{#even(n)}}E{{/even(n)}}{{#odd(n)}}O{{/odd(n)}} {{plusone(neg)}}",
             context: data, expected: "ZN 42 40 O -11"),
        Case(name: "chained transforms apply inside out", template: "{{plusone(count(ls))}} {{uppercased(first(sorted(ls)))}} {{uppercased(reversed(b))}}",
             context: data, expected: "5 ZEBRA DLROW OLLEH"),
        Case(name: "a transform that does not apply makes the value missing",
             template: "[{{uppercased(n)}}][{{plusone(a)}}][{{empty(t)}}]{{^uppercased(n)}}none{{/uppercased(n)}}{{#sorted(lb)}}x{{/sorted(lb)}}",
             context: data, expected: "[][][]none"),
        Case(name: "unknown transform in an inverted section", template: "{{^foo(a)}}shown{{/foo(a)}}", context: data, expected: "shown"),

        // Content type pragma
        Case(name: "TEXT content type turns escaping off", template: "{{a}}\n{{% CONTENT_TYPE: TEXT }}\n{{a}}", context: data,
             expected: "Hà Nội &amp; &lt;Huế&gt; &quot;quoted&quot; &#39;single&#39;\nHà Nội & <Huế> \"quoted\" 'single'"),
        Case(name: "Loa's pragma line", template: "{{% CONTENT_TYPE: LOA_HTML }}\n<b>{{a}}</b>\n", context: data,
             expected: "<b>Hà Nội &amp; &lt;Huế&gt; &quot;quoted&quot; &#39;single&#39;</b>\n"),
        Case(name: "partials start escaping again", template: "{{% CONTENT_TYPE: TEXT }}{{a}}|{{>part}}", context: data, partials: ["part": "{{a}}"],
             expected: "Hà Nội & <Huế> \"quoted\" 'single'|Hà Nội &amp; &lt;Huế&gt; &quot;quoted&quot; &#39;single&#39;"),
    ]

    /// Corners where swift-mustache departs from the Mustache spec; compared with it only.
    static let quirkCases: [Case] = [
        Case(name: "start delimiter before a line break is dropped", template: "a{{\nb"),
        Case(name: "start delimiter at the end is dropped", template: "a{{"),
        Case(name: "empty tag prints the top", template: "{{#ls}}{{}}{{ }}{{/ls}}", context: data),
        Case(name: "section closed on a line with a later tag", template: "{{#t}}\nx{{/t}}  {{! c }}\nz", context: data),
        Case(name: "non-standalone block indents", template: "  {{$b}}x\ny\n{{/b}}", context: data),
        Case(name: "standalone partial after text", template: "a {{>part}}\nb", partials: ["part": "x\ny\n"]),
        Case(name: "standalone section inside indented partial", template: "    {{>part}}\n", context: data,
             partials: ["part": "a\n{{#t}}\n  b\n{{/t}}\nc {{n}}\n{{#ls}}{{.}}\n{{/ls}}"]),
        Case(name: "lone CR and other line breaks", template: "a\r{{#t}}\rb\u{2028}{{/t}}\u{2028}c\u{85}", context: data),
        Case(name: "unicode blanks in tags", template: "[{{\u{A0}n\u{A0}}}]", context: data),
        Case(name: "lone CR inside indented partial", template: "  {{>part}}\n", partials: ["part": "a\rb\n{{! c }}\r\nc\n"]),
        Case(name: "blocks in parent with indentation", template: "{{<parent}}\n  {{$a}}\n    one\n    two\n  {{/a}}\n{{/parent}}\n",
             partials: ["parent": "<div>\n  {{$a}}\n  default\n  {{/a}}\n</div>\n"]),
        Case(name: "override used in nested partial with indentation", template: "{{<parent}}{{$a}}A1\nA2\n{{/a}}{{/parent}}",
             partials: ["parent": "x\n  {{>inner}}\n", "inner": "i\n  {{$a}}\n  d\n  {{/a}}\n"]),
        Case(name: "comment after section close", template: "{{#ls}}\n{{.}}\n{{/ls}}{{! trailing }}\nend\n", context: data),
        Case(name: "partial inside list inside indented partial", template: "  {{>outer}}\n", context: people,
             partials: ["outer": "{{#people}}\n{{>row}}\n{{/people}}\n", "row": "<li>\n{{name}}\n</li>\n"]),
        Case(name: "dotted section names", template: "{{#o.a}}[{{.}}]{{/o.a}}{{^o.zz}}none{{/o.zz}}", context: data),
        Case(name: "set delimiters with same start and end", template: "{{=%% %%=}}%%n%% %%#t%%yes%%/t%%", context: data),
        Case(name: "escaped ampersand entity in text is untouched", template: "&amp; {{a}} &lt;", context: data),
        Case(name: "block defaults nested in sections", template: "{{<p}}{{$x}}X{{/x}}{{/p}}", context: people,
             partials: ["p": "{{#people}}{{$x}}-{{/x}}{{name}}{{/people}}"]),
        Case(name: "list of lists", template: "{{#l}}[{{#.}}{{.}}{{/.}}]{{/l}}", context: ["l": [["a", "b"], [1, 2], []]]),
        Case(name: "section with transform in a partial with indentation", template: "  {{>part}}\n", context: data,
             partials: ["part": "{{#reversed(ls)}}\n{{uppercased(.)}}\n{{/reversed(ls)}}\n"]),
    ]

    // MARK: - Tests

    @Test(arguments: specCases) func spec(_ c: Case) throws {
        #expect(try Self.render(c) == c.expected)
    }

    @Test(arguments: (specCases + quirkCases).filter { !$0.differs }) func sameAsSwiftMustache(_ c: Case) throws {
        #expect(try Self.render(c) == (try Self.renderWithSwiftMustache(c)))
    }

    @Test func tableIsLargeEnough() {
        #expect((Self.specCases + Self.quirkCases).filter { !$0.differs }.count >= 40)
    }

    @Test func libraryAPI() throws {
        var library = TemplateLibrary()
        try library.register("b{{x}}", named: "b")
        try library.register("a{{>b}}", named: "a")
        #expect(library.names == ["a", "b"])
        #expect(library.contains("a") && !library.contains("c"))
        var output: [UInt8] = Array("start:".utf8)
        #expect(library.render("a", context: ["x": 1], into: &output))
        #expect(String(decoding: output, as: UTF8.self) == "start:ab1")
        #expect(!library.render("c", context: [:], into: &output))
        #expect(library.render("c", context: [:]) == nil)
        try library.register("new", named: "b")
        #expect(library.render("a", context: [:]) == "anew")
    }

    // MARK: - The default theme

    @Test(arguments: [0, 1]) func defaultThemeSameAsSwiftMustache(variant: Int) throws {
        let folder = TestSupport.repositoryRoot + "/Themes/default/templates"
        var mine = TemplateLibrary()
        var minePrefixed = TemplateLibrary()
        var theirs = MustacheLibrary()
        ReferenceHTML.register
        var names: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let source = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            try mine.register(source, named: name)
            try minePrefixed.register(ReferenceHTML.pragma + "\n" + source, named: name)
            try theirs.register(ReferenceHTML.pragma + "\n" + source, named: name)
            names.append(name)
        }
        #expect(names.count >= 19)
        let context = variant == 0 ? Self.themeContext : Self.themeContextSparse
        let reference = Self.mustacheValue(context)
        for name in names {
            let expected = try #require(theirs.render(reference, withTemplate: name))
            #expect(mine.render(name, context: context) == expected, "\(name)")
            #expect(minePrefixed.render(name, context: context) == expected, "\(name) with the pragma line")
            if variant == 0, ["home", "list", "document", "place", "spokesperson", "press-release", "term"].contains(name) {
                #expect(expected.utf8.count > 2000, "\(name) renders the page")
            }
        }
    }

    static func card(_ i: Int) -> TemplateValue {
        [
            "kind": i % 2 == 0 ? "document" : "place", "url": .text("/items/\(i)/"), "title": .text("Quyết định số \(i) về <quy chế> & \"mẫu\""),
            "draft": .bool(i % 3 == 0), "document_kind": i % 2 == 0 ? "Quyết định" : false, "place_kind": i % 4 == 1 ? "Di tích" : false,
            "kind_label": "Mục", "number": i % 2 == 0 ? .text("\(i)/QĐ-UBND") : false, "date": i % 5 == 0 ? false : "12/03/2024",
            "date_iso": "2024-03-12", "district": i % 3 == 1 ? ["url": "/districts/dp/", "name": "Đồn Phủ"] : false,
            "position": i % 4 == 3 ? "Chánh Văn phòng" : false, "agency": "UBND tỉnh", "summary": i % 2 == 1 ? .text("Tóm tắt 'số' \(i)") : "",
        ]
    }

    static let themeStrings: TemplateValue = [
        "skip_to_content": "Bỏ qua", "draft_banner": "Bản nháp <chưa đăng>", "print_address": "Địa chỉ", "breadcrumbs": "Đường dẫn",
        "language_switcher": "Ngôn ngữ", "main_navigation": "Điều hướng chính", "footer_navigation": "Liên kết", "feed": "Tin RSS",
        "last_updated": "Cập nhật", "made_with": "Làm bằng Loa", "nothing_yet": "Chưa có gì", "pagination": "Phân trang",
        "previous_page": "Trang trước", "next_page": "Trang sau", "draft": "Nháp", "number_prefix": "Số", "not_found_text": "Không tìm thấy",
        "districts": "Huyện", "topics": "Chủ đề", "district": "Huyện", "date": "Ngày", "not_stated": "Không ghi", "source": "Nguồn",
        "province": "Tỉnh",
        "footer": ["contact": "Liên hệ", "contact_text": "Gọi 0123 & gửi thư", "spokespersons": "Người phát ngôn"],
        "document": ["kind": "Loại", "number": "Số", "number_blank": "để trống", "issue_date": "Ngày ban hành", "place": "Nơi ban hành",
                     "issuer": "Cơ quan", "period": "Thời kỳ", "references": "Căn cứ", "attachments": "Tệp đính kèm",
                     "recipients": "Nơi nhận", "signature": "Chữ ký"],
        "place": ["kind": "Loại", "recognition": "Xếp hạng", "location": "Vị trí", "coordinates": "Tọa độ", "open_map": "Mở bản đồ",
                  "visiting": "Tham quan"],
        "spokesperson": ["contact_card": "Liên hệ", "name": "Họ tên", "position": "Chức vụ", "agency": "Cơ quan", "since": "Từ",
                         "phone": "Điện thoại", "email": "Thư", "not_published": "Không công bố", "no_contact": "Không có liên hệ",
                         "vcard": "Tải vCard", "vcard_note": "danh bạ"],
        "redirect": ["title": "Đã chuyển", "text": "Trang đã chuyển tới"],
    ]

    static let topics: TemplateValue = [["url": "/topics/a/", "name": "Giáo dục"], ["url": "/topics/b/", "name": "Y tế & <sức khỏe>"]]

    /// Every field the default theme reads, most of them set.
    static let themeContext: TemplateValue = [
        "lang": "vi", "t": themeStrings, "json_ld": "{\"@context\":\"https://schema.org\",\"name\":\"A & B\"}",
        "site": ["title": "Cổng thông tin <tỉnh>", "description": "Mô tả 'trang'", "feed_url": "/feed.xml", "css_url": "/style.css",
                 "authority": "UBND tỉnh", "home_url": "/", "spokespersons_url": "/spokespersons/",
                 "last_updated": ["iso": "2024-03-12", "text": "12/03/2024"]],
        "page": ["head_title": "Trang – Cổng", "title": "Trang \"chính\"", "description": "Mô tả", "canonical": "https://example.gov.vn/x/?a=1&b=2"],
        "og": ["type": "article", "locale": "vi_VN", "locale_alternates": ["en_US", "fr_FR"], "published_time": "2024-03-12T00:00:00Z"],
        "alternates": [["lang": "en", "href": "/en/x/"], ["lang": "fr", "href": "/fr/x/"]],
        "switcher": [["current": true, "lang": "vi", "name": "Tiếng Việt"],
                     ["current": false, "lang": "en", "name": "English", "url": "/en/", "translated": false, "note": "not translated"],
                     ["current": false, "lang": "fr", "name": "Français", "url": "/fr/", "translated": true]],
        "nav": .list((0..<5).map { ["url": .text("/s\($0)/"), "label": .text("Mục \($0)"), "current": .bool($0 == 2)] }),
        "menu": .list((0..<3).map { ["url": .text("/m\($0)/"), "title": .text("Menu \($0)"), "current": .bool($0 == 0)] }),
        "is_draft": true, "has_breadcrumbs": true,
        "breadcrumbs": [["url": "/", "label": "Trang chủ"], ["url": "/docs/", "label": "Văn bản"], ["url": false, "label": "Quyết định 12"]],
        "heading": "Văn bản <mới>", "count_label": "20 văn bản", "is_empty": false, "feed_url": "/docs/feed.xml",
        "items": .list((0..<20).map(card)),
        "pagination": ["label": "Trang 2/3", "prev_url": "/docs/", "next_url": "/docs/3/",
                       "pages": [["current": false, "number": 1, "url": "/docs/"], ["current": true, "number": 2], ["current": false, "number": 3, "url": "/docs/3/"]]],
        "homes": [["url": "/", "lang": "vi", "label": "Trang chủ"], ["url": "/en/", "lang": "en", "label": "Home"]],
        "sections": [["kind": "document", "heading": "Văn bản", "items": .list((0..<4).map(card)), "more_url": "/docs/", "more_label": "Thêm"],
                     ["kind": "place", "heading": "Địa điểm", "items": .list((4..<6).map(card)), "more_url": "/places/", "more_label": "Thêm"]],
        "districts": [["url": "/d/1/", "name": "Đồn Phủ", "province": "Hà Tĩnh"], ["url": "/d/2/", "name": "Kỳ Anh", "province": false]],
        "topics": topics,
        "term": ["province": "Hà Tĩnh"],
        "groups": [["kind": "document", "heading": "Văn bản", "count_label": "3", "items": .list((0..<3).map(card)), "more_url": "/d/1/docs/",
                    "more_label": "Thêm"],
                   ["kind": "place", "heading": "Địa điểm", "count_label": "1", "items": [card(7)], "more_url": false]],
        "terms": [["url": "/t/1/", "name": "Giáo dục", "province": false, "count_label": "12"],
                  ["url": "/t/2/", "name": "Đồn Phủ", "province": "Hà Tĩnh", "count_label": "3"]],
        "redirect": ["canonical": "https://example.gov.vn/new/", "url": "/new/"],
        "item": [
            "title": "Quyết định về <việc> \"ban hành\"", "kind_label": "Thông cáo", "document_kind": "Quyết định", "place_kind": "Di tích",
            "number_stated": true, "number": "12/QĐ-UBND", "number_blank": true, "issue_date_stated": true, "issue_date_iso": "2024-03-12",
            "issue_date": "12/03/2024", "place": "Hà Tĩnh", "issuer": "UBND tỉnh", "period": "2024–2025",
            "district": ["url": "/d/1/", "name": "Đồn Phủ", "province": "Hà Tĩnh"], "has_topics": true, "topics": topics,
            "has_references": true, "references": ["Luật <Tổ chức>", "Nghị định 'số 1'"],
            "body": "<p>Đoạn một &amp; hai.</p>\n  <pre>\n  thụt\n</pre>\n<p>Hết</p>",
            "has_attachments": true, "attachments": [["url": "/a.pdf", "title": "Tệp <1>", "type": "PDF", "size": "12 KB"]],
            "has_recipients": true, "recipients": [["is_group": true, "text": "Nơi nhận:"], ["is_group": false, "text": "- Như trên;"]],
            "has_signature": true, "signing_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "signer": "Nguyễn Văn A",
            "date": "12/03/2024", "date_iso": "2024-03-12", "summary": "Tóm tắt & \"ý\"",
            "source": ["url": "https://source.example/", "title": "Nguồn <gốc>"],
            "recognition": "Di tích quốc gia", "commune": "Xã A", "province": "Hà Tĩnh",
            "coordinates": ["latitude": "18.1", "longitude": "105.9", "map_url": "https://maps.example/?q=18.1,105.9&z=12"],
            "visiting": "Mở cửa 7:00–17:00", "name_published": true, "name": "Trần Thị B", "position": "Chánh Văn phòng",
            "agency": "UBND", "since": "2020", "phone": "0123 456", "phone_uri": "tel:+84123456", "email": "b@example.gov.vn",
            "email_uri": "mailto:b@example.gov.vn", "has_contact": true, "vcard": ["url": "/b.vcf", "filename": "b.vcf"],
        ],
    ]

    /// The other branches: flags off, lists empty, optional fields missing.
    static let themeContextSparse: TemplateValue = [
        "lang": "en", "t": themeStrings, "json_ld": "{}",
        "site": ["title": "Portal", "feed_url": "/feed.xml", "css_url": "/style.css", "authority": "Authority", "home_url": "/",
                 "spokespersons_url": "/sp/"],
        "page": ["head_title": "Page", "title": "Page", "description": "", "canonical": "https://example.gov.vn/"],
        "og": ["type": "website", "locale": "en_US", "locale_alternates": []],
        "alternates": [], "switcher": [], "nav": [], "menu": [], "is_draft": false, "has_breadcrumbs": false,
        "heading": "Nothing", "count_label": "0 items", "is_empty": true, "items": [], "homes": [], "sections": [],
        "districts": [], "topics": [], "groups": [], "terms": [], "term": [:],
        "redirect": ["canonical": "https://example.gov.vn/", "url": "/"],
        "item": [
            "title": "Untitled", "number_stated": false, "number": "(none)", "issue_date_stated": false, "issue_date": "(none)",
            "has_topics": false, "has_references": false, "has_attachments": false, "has_recipients": false, "has_signature": false,
            "body": "", "name_published": false, "name": "(withheld)", "has_contact": false, "recognition": false, "visiting": "",
        ],
    ]

    // MARK: - Syntax errors

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var template: String
        var line: Int
        var column: Int
        var message: String
        /// swift-mustache accepts unknown transforms (and renders nothing for them).
        var swiftMustacheFails = true
        var testDescription: String { template.debugDescription }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(template: "<p>\n  {{#items}}\n{{title}}\n", line: 2, column: 3,
                  message: "a section {{#items}} is never closed with {{/items}} (the file ends first)"),
        ErrorCase(template: "{{^items}}{{#a}}{{/a}}", line: 1, column: 1,
                  message: "a section {{^items}} is never closed with {{/items}} (the file ends first)"),
        ErrorCase(template: "{{#items}}\r\n  x {{/item}}", line: 2, column: 5,
                  message: "{{/item}} closes a section, but the open section is {{#items}}"),
        ErrorCase(template: "{{#reversed(items)}}{{/items}}", line: 1, column: 21,
                  message: "{{/items}} closes a section, but the open section is {{#reversed(items)}}"),
        ErrorCase(template: "Hà Nội {{/x}}", line: 1, column: 8, message: "{{/x}} closes a section, but no section is open"),
        ErrorCase(template: "a\nb {{title\nc", line: 2, column: 3, message: "a tag is not closed with }}"),
        ErrorCase(template: "{{page title}}", line: 1, column: 1,
                  message: "{{page title}} is not a valid tag: a name may contain only letters, digits and . _ - ? * (no spaces)"),
        ErrorCase(template: "x\n{{upper(title}}", line: 2, column: 1,
                  message: "{{upper(title}} is not a valid tag: a transform is written {{transform(name)}}, for example {{uppercased(title)}}"),
        ErrorCase(template: "{{{body}}", line: 1, column: 1, message: "a tag {{{body}} is not closed with }}}"),
        ErrorCase(template: "a {{! note\n", line: 1, column: 3, message: "a comment {{! … is not closed with }}"),
        ErrorCase(template: "{{=<% %>}}", line: 1, column: 1, message: "a delimiter change {{=… …=}} is malformed"),
        ErrorCase(template: "{{=<%%>=}}", line: 1, column: 1, message: "a delimiter change {{=… …=}} is malformed"),
        ErrorCase(template: "{{=<% %>=}}\n<%#a%>\n", line: 2, column: 1, message: "a section <%#a%> is never closed with <%/a%> (the file ends first)"),
        ErrorCase(template: "{{<base}}\n{{$content}}x{{/content}}\n  {{title}}\n{{/base}}", line: 3, column: 3,
                  message: "inside {{<base}} … {{/base}} only block overrides {{$name}}…{{/name}} may appear"),
        ErrorCase(template: "{{<base}}\n{{$content}}x{{/content}}\n", line: 1, column: 1,
                  message: "a parent {{<base}} is never closed with {{/base}} (the file ends first)"),
        ErrorCase(template: "{{$content}}x", line: 1, column: 1, message: "a block {{$content}} is never closed with {{/content}} (the file ends first)"),
        ErrorCase(template: "{{$uppercased(x)}}{{/uppercased(x)}}", line: 1, column: 1, message: "a block {{$uppercased(x)}} cannot have a transform"),
        ErrorCase(template: "a\n {{foo(x)}}", line: 2, column: 2, message: "unknown transform 'foo' in {{foo(x)}}", swiftMustacheFails: false),
        ErrorCase(template: "{{#upper(items)}}{{/upper(items)}}", line: 1, column: 1, message: "unknown transform 'upper' in {{#upper(items)}}",
                  swiftMustacheFails: false),
        ErrorCase(template: "{{{plusone(foo(n))}}}", line: 1, column: 1, message: "unknown transform 'foo' in {{{plusone(foo(n))}}}",
                  swiftMustacheFails: false),
        ErrorCase(template: "{{% CONTENT_TYPE: XML }}", line: 1, column: 1,
                  message: "a pragma {{% … }} is malformed or unknown (only {{% CONTENT_TYPE: HTML }} and {{% CONTENT_TYPE: TEXT }} exist)"),
        ErrorCase(template: "{{% DELIMITERS }}", line: 1, column: 1,
                  message: "a pragma {{% … }} is malformed or unknown (only {{% CONTENT_TYPE: HTML }} and {{% CONTENT_TYPE: TEXT }} exist)"),
        ErrorCase(template: "body { color: red }\na {", line: 2, column: 3,
                  message: "the file ends with a lone ‘{’, which reads as the start of an unfinished tag {{ (end the file with a line break)"),
    ]

    @Test(arguments: errorCases) func syntaxError(_ c: ErrorCase) {
        var library = TemplateLibrary()
        #expect(throws: TemplateSyntaxError(line: c.line, column: c.column, message: c.message)) {
            try library.register(c.template, named: "t")
        }
        #expect(!library.contains("t"))
        // The same templates fail in swift-mustache, so no theme that worked breaks.
        #expect((try? MustacheTemplate(string: c.template)) == nil || !c.swiftMustacheFails)
    }

    // MARK: - Helpers

    static func render(_ c: Case) throws -> String? {
        var library = TemplateLibrary()
        try library.register(c.template, named: "main")
        for (name, source) in c.partials { try library.register(source, named: name) }
        return library.render("main", context: c.context)
    }

    static func renderWithSwiftMustache(_ c: Case) throws -> String? {
        ReferenceHTML.register
        var library = MustacheLibrary()
        try library.register(c.template, named: "main")
        for (name, source) in c.partials { try library.register(source, named: name) }
        return library.render(mustacheValue(c.context), withTemplate: "main")
    }

    /// The plain Swift values swift-mustache reads. Lists of only texts or only numbers are typed
    /// arrays, so that its `sorted` applies to them.
    static func mustacheValue(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): return text
        case .markup(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .bool(let flag): return flag
        case .int(let number): return number
        case .list(let items):
            let texts = items.compactMap { if case .text(let text) = $0 { text } else { nil } }
            if !items.isEmpty, texts.count == items.count { return texts }
            let numbers = items.compactMap { if case .int(let number) = $0 { number } else { nil } }
            if !items.isEmpty, numbers.count == items.count { return numbers }
            return items.map(mustacheValue)
        case .object(let fields): return fields.mapValues(mustacheValue)
        }
    }
}

/// Loa's escaping under the pragma name Loa's theme loader gives swift-mustache.
private struct ReferenceHTML: MustacheContentType {
    static let pragma = "{{% CONTENT_TYPE: LOA_HTML }}"
    static let register: Void = { MustacheContentTypes.register(ReferenceHTML(), named: "LOA_HTML") }()
    func escapeText(_ text: String) -> String { Escape.html(text) }
}

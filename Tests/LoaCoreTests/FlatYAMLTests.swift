import Foundation
import Testing
import Yams
@testable import LoaCore

/// Front matter in the usual shape is parsed without Yams (`FlatYAML`); whatever it accepts
/// must read exactly as Yams reads it, marks included, and anything else must go to Yams.
@Suite struct FlatYAMLTests {
    /// The node as text: kind, plain or quoted, line:column, nested.
    static func dump(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        let at = "@\(node.line):\(node.column)"
        switch node.value {
        case .scalar(let text, let plain): return (plain ? "plain" : "quoted") + "(\(text.debugDescription))" + at
        case .sequence(let items): return "[" + items.map { dump($0) }.joined(separator: ", ") + "]" + at
        case .mapping(let pairs): return "{" + pairs.map { dump($0.key) + ": " + dump($0.value) }.joined(separator: ", ") + "}" + at
        case .alias: return "alias" + at
        }
    }

    static func yams(_ yaml: String) throws -> String {
        dump(try Yams.compose(yaml: yaml, .basic, .default, .utf8).map(YAMLNode.init))
    }

    /// Accepted by the fast path, and read exactly as Yams reads it.
    static func expectSame(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let fast = FlatYAML.parse(yaml)
        #expect(fast != nil, "the fast path should accept:\n\(yaml)", sourceLocation: sourceLocation)
        #expect(dump(fast) == (try yams(yaml)), "\(yaml)", sourceLocation: sourceLocation)
    }

    @Test func usualFrontMatterReadsAsYamsReadsIt() throws {
        try Self.expectSame("""
            title: "Hội đồng đã một với cho kháng chiến quyết định"
            date: 2020-03-15T05:51:48+07:00
            district: bim-son
            topics: [xay-dung-dang]
            summary: "Là cho hội đồng di tích, đô thị: qua tập thể."
            """)
        try Self.expectSame("""
            # a comment first

            title: Báo cáo công tác, 6 tháng đầu năm 2022   
            number: 12/BC-UBND
            issuer: 'Ủy ban nhân dân huyện ''Bá Thước'''
            signer: ~
            draft: false
            topics: [ giao-duc , y-te,dau-tu ]
            aliases: []
            empty_list: [ ]
            note: C# and a#b stay, this is cut # a comment
            place: "Thanh Hóa"  # after a quoted value
            recipients:
              - Như trên;
              - "Lưu: VT."
              - 'Sở Nội vụ'
            references:
            - Luật Báo chí 2016
            # between
            - Nghị định 09/2017/NĐ-CP
            url-like: https://example.gov.vn/a?b=c#top
            """)
        // Marks count Unicode scalars, as libyaml does: a value after Vietnamese text in a list.
        try Self.expectSame("topics: [giáo-dục, y-tế, đầu-tư]\ntitle: Đồng Tháp\n")
    }

    @Test func everyFrontMatterOfTheSampleAndFixturesReadsAlike() throws {
        var accepted = 0, all = 0
        for root in [TestSupport.repositoryRoot + "/Content", TestSupport.repositoryRoot + "/Tests/LoaCoreTests/Fixtures"] {
            // Not the files as `loa new` writes them (loa-new/): their empty fields with a note go to Yams.
            for rel in FileIO.walk(root) where (rel.hasSuffix(".md") || rel.hasSuffix("site.yaml")) && !rel.hasPrefix("loa-new/") {
                guard let bytes = FileIO.read(root + "/" + rel), case .success(let text) = SourceText.decode(bytes, path: rel) else { continue }
                let yaml: String
                if rel.hasSuffix(".md") {
                    guard case .success(let split) = SourceText.splitFrontMatter(text, path: rel) else { continue }
                    yaml = split.yaml
                } else {
                    yaml = text
                }
                all += 1
                guard let fast = FlatYAML.parse(yaml) else { continue }
                accepted += 1
                #expect(Self.dump(fast) == (try Self.yams(yaml)), "\(rel)")
            }
        }
        // Most content is in the usual shape; site.yaml (nested fields) is not.
        #expect(all > 20)
        #expect(accepted * 2 > all, "\(accepted) of \(all) accepted")
    }

    @Test func anythingElseGoesToYams() {
        for yaml in [
            "summary: |\n  a block\n",
            "summary: >\n  folded\n",
            "summary: first line\n  continued\n",
            "title: \"with \\\" escape\"\n",
            "title: \"two\nlines\"\n",
            "title: 'two\nlines'\n",
            "coordinates:\n  latitude: 20.1\n",
            "name: {vi: Việt, en: English}\n",
            "a: &x 1\nb: *x\n",
            "title: a\ntitle: b\n",
            "title:\tvalue\n",
            "\ttitle: value\n",
            "title:\n",
            "title: value: more\n",
            "title: value:\n",
            "key:value\n",
            "topics: [a, [b]]\n",
            "topics: [a, 'b']\n",
            "topics: [a,]\n",
            "topics: [a\n",
            "- a\n- b\n",
            "\"quoted key\": 1\n",
            "? complex\n: key\n",
            "title: -5\n",
            "title: !tag x\n",
            "",
            "# only a comment\n",
            "title: a\u{1}b\n",
            "title: a\u{7F}b\n",
            "title: a\u{85}b\n",
            "title: a\u{2028}b\n",
            "title: \"a\u{2029}b\"\n",
            "title: a\u{FFFE}\n",
        ] {
            #expect(FlatYAML.parse(yaml) == nil, "should go to Yams: \(yaml.debugDescription)")
        }
    }

    @Test func errorsStillComeFromYamsAtTheirPlace() {
        let file = "---\ntitle: ok\ntitle: twice\n---\nBody\n"
        let (item, problems) = ContentLoader.decode(bytes: Array(file.utf8), path: "Content/pages/a.vi.md", kind: .page,
                                                    languages: ["vi"], defaultLanguage: "vi")
        #expect(item == nil)
        #expect(problems.map(\.description).contains { $0.contains("Content/pages/a.vi.md:2:") && $0.contains("written twice") },
                "\(problems.map(\.description))")
    }
}

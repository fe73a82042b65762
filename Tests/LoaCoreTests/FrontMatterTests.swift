import Testing
@testable import LoaCore

@Suite struct FrontMatterTests {
    @Test func decodesADocumentWithBlankNumberAndMonthPrecision() throws {
        let text = """
        ---
        title: Báo cáo
        document_kind: report
        number: "/BC-UBND"
        issue_date: 2022-06
        issuer: Ủy ban nhân dân huyện Triệu Sơn
        district: trieu-son
        topics: [bao-chi, du-lich]
        signing_lines: [KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]
        signer: Lê Quang Trung
        recipients:
          - "Gửi bản điện tử:"
          - Sở TT&TT (b/c);
        ---

        Body line.
        """
        let (item, problems) = TestSupport.decode(text, kind: .document, path: "Content/documents/bao-cao.vi.md")
        #expect(problems.isEmpty, "\(problems)")
        let doc = try #require(item?.document)
        #expect(item?.language == "vi")
        #expect(item?.name == "bao-cao")
        #expect(doc.number == "/BC-UBND")
        #expect(doc.numberIsBlank)
        #expect(doc.issueDate == PartialDate(year: 2022, month: 6))
        #expect(doc.signingLines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect(doc.recipients == ["Gửi bản điện tử:", "Sở TT&TT (b/c);"])
        #expect(item?.topics == ["bao-chi", "du-lich"])
        #expect(item?.bodyFirstLine == 15)
        #expect(item?.body.contains("Body line.") == true)
        #expect(item?.fieldLocations["topics.1"] == SourceLocation(path: "Content/documents/bao-cao.vi.md", line: 8, column: 19))
    }

    @Test func missingRequiredFieldsAreAllReported() {
        let text = "---\ndate: 2023-01-01\n---\nBody\n"
        let (_, problems) = TestSupport.decode(text, kind: .pressRelease, path: "Content/press-releases/a.vi.md")
        let messages = problems.map(\.description)
        #expect(messages.contains { $0.hasPrefix("Content/press-releases/a.vi.md:1:1: error: missing required field 'title'") })
        #expect(messages.contains { $0.contains("missing required field 'district'") })
        #expect(messages.contains { $0.contains("missing required field 'summary'") })
    }

    @Test func typeErrorsPointAtTheValue() {
        let text = "---\ntitle: Tin\ndate: 2023-01-01\ndistrict: trieu-son\nsummary: S\ntopics:\n  bao-chi: yes\n---\n"
        let (_, problems) = TestSupport.decode(text, kind: .pressRelease)
        let problem = problems.first { $0.message.contains("'topics' must be a list") }
        #expect(problem?.location.line == 7)
        #expect(problem?.location.column == 3)
    }

    @Test func malformedYAMLIsReportedAtItsLineInTheFile() {
        let text = "---\ntitle: Tin\nsummary: Tin: có dấu\n---\n"
        let (item, problems) = TestSupport.decode(text, kind: .pressRelease)
        #expect(item == nil)
        #expect(problems.count == 1)
        #expect(problems.first?.location.line == 3)
        #expect(problems.first?.message.contains("malformed YAML") == true)
        #expect(problems.first?.message.contains("quotes") == true)
    }

    @Test func frontMatterMustBeOpenedAndClosed() {
        #expect(TestSupport.decode("title: x\n", kind: .page).1.first?.message.contains("must start with front matter") == true)
        #expect(TestSupport.decode("---\ntitle: x\n", kind: .page).1.first?.message.contains("never closed") == true)
    }

    @Test func badDatesAndChoicesAreExplained() {
        let text = "---\ntitle: T\ndocument_kind: memo\nissue_date: 2023-02-30\nissuer: UBND\ndistrict: d\n---\n"
        let problems = TestSupport.decode(text, kind: .document).1
        #expect(problems.contains { $0.location.line == 3 && $0.message.contains("unknown value 'memo'") && $0.message.contains("report, plan") })
        #expect(problems.contains { $0.location.line == 4 && $0.message.contains("not a date") })
    }

    @Test func unknownFieldsWarnWithASuggestion() {
        let text = "---\ntitle: T\ndate: 2023-01-01\ndistrict: d\nsummary: s\ntopic: [a]\n---\n"
        let problems = TestSupport.decode(text, kind: .pressRelease).1
        let warning = problems.first { $0.severity == .warning }
        #expect(warning?.message == "unknown field 'topic' is ignored (did you mean 'topics'?)")
        #expect(warning?.location.line == 6)
    }

    @Test func nonUTF8TextIsAnErrorAtTheBadByte() {
        var bytes = Array("---\ntitle: T\nsummary: ".utf8)
        bytes += [0xE0, 0x20, 0x63]
        let (item, problems) = ContentLoader.decode(bytes: bytes, path: "Content/pages/a.vi.md", kind: .page, languages: ["vi"], defaultLanguage: "vi")
        #expect(item == nil)
        #expect(problems.first?.description.hasPrefix("Content/pages/a.vi.md:3:10: error: the file is not valid UTF-8") == true)
    }

    @Test func frontMatterAndBodyAreDecodedApart() throws {
        let nfd = "Đồn Phủ Thông".decomposedStringWithCanonicalMapping
        for ending in ["\n", "\r\n"] {
            let text = ["---", "title: \(nfd)", "---", "", "Nội dung \(nfd).", ""].joined(separator: ending)
            let bytes = Array(text.utf8)
            let head = try SourceText.decode(.frontMatter, of: bytes, path: "a.md").get()
            #expect(head.yaml == "title: Đồn Phủ Thông" && head.body.isEmpty && head.yamlFirstLine == 2 && head.bodyFirstLine == 4)
            let body = try SourceText.decode(.body, of: bytes, path: "a.md").get()
            #expect(body.body == "\nNội dung Đồn Phủ Thông.\n" && body.yaml.isEmpty && body.bodyFirstLine == 4)
            #expect(body.body.unicodeScalars.count == "\nNội dung Đồn Phủ Thông.\n".unicodeScalars.count)
        }
        // A bad byte in the body spoils only the body, and is found at its place.
        let bad = Array("---\ntitle: T\n---\nab".utf8) + [0xFF] + Array("\n".utf8)
        #expect((try? SourceText.decode(.frontMatter, of: bad, path: "a.md").get())?.yaml == "title: T")
        guard case .failure(let problem) = SourceText.decode(.body, of: bad, path: "a.md") else { Issue.record("no error"); return }
        #expect(problem.location.line == 4 && problem.location.column == 3)
        // A file without front matter is still told so, from either part.
        guard case .failure(let missing) = SourceText.decode(.body, of: Array("just text\n".utf8), path: "a.md") else { Issue.record("no error"); return }
        #expect(missing.message.hasPrefix("the file must start with front matter"))
    }

    @Test func aPlainBodyIsTakenAsItIsAndAnyOtherIsDecoded() throws {
        let nfc = "Nội dung Đồn Phủ Thông – “trích” © 2024."
        let plain = Array("---\ntitle: T\n---\n\(nfc)\n".utf8)
        let range = try #require(SourceText.plainBody(of: plain, path: "a.md"))
        #expect(String(decoding: plain[range], as: UTF8.self) == "\(nfc)\n")
        let nfd = Array("---\ntitle: T\n---\n\(nfc.decomposedStringWithCanonicalMapping)\n".utf8)
        #expect(SourceText.plainBody(of: nfd, path: "a.md") == nil, "decomposed: must be normalised")
        #expect(SourceText.plainBody(of: Array("---\r\ntitle: T\r\n---\r\nBody\r\n".utf8), path: "a.md") == nil)
        for bad: [UInt8] in [[0xE1, 0xBA], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98, 0x80]] {
            #expect(SourceText.plainBody(of: Array("---\ntitle: T\n---\nab".utf8) + bad, path: "a.md") == nil, "\(bad)")
        }
        // Built, a decomposed body comes out composed, like a plain one.
        let site = TestSupport.site("valid")
        TestSupport.write("---\ntitle: Trang\n---\n\(nfc.decomposedStringWithCanonicalMapping)\n", to: site + "/Content/pages/nfd.vi.md")
        TestSupport.write("---\ntitle: Trang\n---\n\(nfc)\n", to: site + "/Content/pages/nfc.vi.md")
        _ = try SiteBuilder.build(.init(siteRoot: site))
        for name in ["nfd", "nfc"] {
            let page = try #require(TestSupport.read(site + "/Public/\(name)/index.html"))
            #expect(page.contains("<p>Nội dung Đồn Phủ Thông – “trích” © 2024.</p>"), "\(name)")
            #expect(page.unicodeScalars.elementsEqual(page.precomposedStringWithCanonicalMapping.unicodeScalars), "\(name)")
        }
    }

    @Test func decomposedTextIsNormalisedAndCRLFAccepted() throws {
        let text = "---\r\ntitle: \("Đồn Phủ Thông".decomposedStringWithCanonicalMapping)\r\n---\r\nBody\r\n"
        let item = try #require(TestSupport.decode(text, kind: .page).0)
        #expect(item.title == "Đồn Phủ Thông")
        #expect(item.title.unicodeScalars.count == "Đồn Phủ Thông".unicodeScalars.count)
    }

    @Test func languageComesFromTheFileName() {
        #expect(TestSupport.decode("---\ntitle: T\n---\n", kind: .page, path: "Content/pages/about.en.md").0?.language == "en")
        #expect(TestSupport.decode("---\ntitle: T\n---\n", kind: .page, path: "Content/pages/about.md").0?.language == "vi")
        let unknown = TestSupport.decode("---\ntitle: T\n---\n", kind: .page, path: "Content/pages/about.fr.md").1
        #expect(unknown.contains { $0.message.contains("language 'fr'") })
        let badName = TestSupport.decode("---\ntitle: T\n---\n", kind: .page, path: "Content/pages/Giới thiệu.vi.md").1
        #expect(badName.contains { $0.message.contains("'gioi-thieu.vi.md'") })
    }

    @Test func spokespersonContactsAreChecked() {
        let text = "---\ntitle: T\nposition: P\nagency: A\ndistrict: d\nphone: call me\nemail: nobody\n---\n"
        let problems = TestSupport.decode(text, kind: .spokesperson).1
        #expect(problems.contains { $0.location.line == 6 && $0.message.contains("phone number") })
        #expect(problems.contains { $0.location.line == 7 && $0.message.contains("e-mail") })
    }
}

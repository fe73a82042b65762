import Foundation
import Testing
@testable import LoaCore

@Suite struct FrontMatterDocumentTests {
    /// Every content file of the sample portal and the test fixtures, with its kind.
    static func sampleFiles() -> [(path: String, kind: ContentKind)] {
        var out: [(String, ContentKind)] = []
        let root = TestSupport.repositoryRoot
        for folder in ["Content", "Tests"] {
            for relative in FileIO.walk(root + "/" + folder) where relative.hasSuffix(".md") && !relative.contains("/Expected/") {
                let parts = relative.split(separator: "/").map(String.init)
                guard parts.count >= 2, let kind = ContentKind(rawValue: parts[parts.count - 2]) else { continue }
                out.append((root + "/" + folder + "/" + relative, kind))
            }
        }
        return out
    }

    static func decode(_ text: String, _ kind: ContentKind) -> (ContentItem?, [Diagnostic]) {
        TestSupport.decode(text, kind: kind, path: "Content/\(kind.folder)/a.vi.md")
    }

    /// Reading a file and setting every field to its current value gives the identical bytes,
    /// with LF and with CRLF line endings.
    @Test func settingEveryFieldToItsValueChangesNoByte() {
        var files = 0, fields = 0
        for (path, kind) in Self.sampleFiles() {
            guard let original = TestSupport.read(path) else {
                #expect(path.contains("invalid-encoding"), "\(path) should read as UTF-8")
                continue
            }
            for text in [original, original.replacingOccurrences(of: "\n", with: "\r\n")] {
                guard var document = try? FrontMatterDocument(text: text, path: path, kind: kind) else {
                    #expect(path.contains("invalid-"), "\(path) should open")
                    continue
                }
                for key in document.keys {
                    document.set(key, document.value(of: key), kind: kind)
                    fields += 1
                }
                #expect(document.text == text, "\(path)")
                files += 1
            }
        }
        #expect(files > 100 && fields > 800, "\(files) files, \(fields) fields")
    }

    /// Every field of every sample file written again from its value (removed, then set): the
    /// loader reads the same value and reports the same problems.
    @Test func everyFieldWrittenAgainReadsTheSame() {
        var rewritten = 0
        for (path, kind) in Self.sampleFiles() {
            guard let text = TestSupport.read(path), let document = try? FrontMatterDocument(text: text, path: path, kind: kind) else { continue }
            let problems = Set(Self.decode(text, kind).1.map(\.message))
            for key in document.keys {
                guard let value = document.value(of: key) else { continue }
                var changed = document
                changed.set(key, nil, kind: kind)
                #expect(changed.value(of: key) == nil)
                changed.set(key, value, kind: kind)
                guard let again = try? FrontMatterDocument(text: changed.text, kind: kind) else {
                    Issue.record("\(path): \(key) written as YAML that does not parse:\n\(changed.text)")
                    continue
                }
                #expect(again.value(of: key) == value, "\(path): \(key)")
                #expect(Set(Self.decode(changed.text, kind).1.map(\.message)) == problems, "\(path): \(key)")
                rewritten += 1
            }
        }
        #expect(rewritten > 400)
    }

    static let document = """
        ---
        # Kế hoạch: sửa theo văn bản gốc
        title: 'Kế hoạch năm 2021'
        document_kind: plan  # as printed
        issuer: Ủy ban nhân dân huyện Thạch Thành
        district: thach-thanh
        topics: [van-hoa, du-lich]

        weight: 3
        period: "năm 2021"   # the plan's year
        recipients:
          - "UBND tỉnh (b/c)"
          # the province's copy first
          - Lưu VT
        custom_note: kept as it is
        ---

        Nội dung.

        """

    @Test func editingOneFieldLeavesEveryOtherLineAndComment() throws {
        var document = try FrontMatterDocument(text: Self.document, kind: .document)
        document.set("period", .text("năm 2022: cả năm"), kind: .document)
        document.set("document_kind", .text("decision"), kind: .document)
        let before = Self.document.split(separator: "\n", omittingEmptySubsequences: false)
        let after = document.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after.count == before.count)
        let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(changed == [3, 9])
        #expect(after[3] == "document_kind: decision  # as printed")
        #expect(after[9] == "period: \"năm 2022: cả năm\"   # the plan's year")
        let (item, problems) = Self.decode(document.text, .document)
        #expect(problems.map(\.message) == ["unknown field 'custom_note' is ignored"])
        #expect(item?.document?.period == "năm 2022: cả năm")
        #expect(item?.document?.documentKind == .decision)
        #expect(item?.body == "\nNội dung.\n")
        #expect(document.line(of: "period") == 10)
        #expect(document.unknownKeys == ["weight", "custom_note"])
    }

    @Test func aValueWrittenDifferentlyButMeaningTheSameIsNotRewritten() throws {
        var document = try FrontMatterDocument(text: Self.document, kind: .document)
        document.set("title", .text("  Kế hoạch năm 2021 "), kind: .document)
        document.set("topics", .list(["van-hoa", "du-lich", ""]), kind: .document)
        document.set("topics", .list(["du-lich", "van-hoa"]), kind: .document)  // a form's order: topics are a set
        document.set("recipients", .list(["UBND tỉnh (b/c)", "Lưu VT"]), kind: .document)
        document.set("number", nil, kind: .document)
        document.set("draft", .text("false"), kind: .document)
        #expect(document.text == Self.document)
        let notDraft = "---\ntitle: T\nnumber:\nreferences: []\ndraft: false\n---\n"
        var other = try FrontMatterDocument(text: notDraft, kind: .document)
        for key in ["number", "references", "draft"] { other.set(key, nil, kind: .document) }
        #expect(other.text == notDraft)
        other.set("draft", .text("true"), kind: .document)
        #expect(other.text == "---\ntitle: T\nnumber:\nreferences: []\ndraft: true\n---\n")
        // In NFD, as some keyboards type it: the loader reads NFC.
        document.set("issuer", .text("Ủy ban nhân dân huyện Thạch Thành".decomposedStringWithCanonicalMapping), kind: .document)
        #expect(document.text == Self.document)
    }

    @Test func topicsKeepTheFilesOrderAndNewOnesComeLast() throws {
        var document = try FrontMatterDocument(text: Self.document, kind: .document)
        document.set("topics", .list(["bao-chi", "du-lich", "van-hoa"]), kind: .document)
        #expect(document.text.contains("\ntopics: [van-hoa, du-lich, bao-chi]\n"))
        document.set("topics", .list(["bao-chi"]), kind: .document)
        #expect(document.text.contains("\ntopics: [bao-chi]\n"))
    }

    @Test func removingAFieldRemovesItsLinesOnly() throws {
        var document = try FrontMatterDocument(text: Self.document, kind: .document)
        document.set("recipients", nil, kind: .document)
        document.set("period", .list([]), kind: .document)
        #expect(document.text == Self.document.replacingOccurrences(of: "period: \"năm 2021\"   # the plan's year\n", with: "")
            .replacingOccurrences(of: "recipients:\n  - \"UBND tỉnh (b/c)\"\n  # the province's copy first\n  - Lưu VT\n", with: ""))
        let (item, _) = Self.decode(document.text, .document)
        #expect(item?.document?.recipients == [] && item?.document?.period == nil)
    }

    @Test func aNewFieldGoesWhereTheSchemaPutsIt() throws {
        var document = try FrontMatterDocument(text: Self.document, kind: .document)
        document.set("number", .text("12/KH-UBND"), kind: .document)       // after document_kind
        document.set("summary", .text("Tóm tắt."), kind: .document)        // after title
        document.set("draft", .text("true"), kind: .document)              // after the last schema field
        document.set("signing_lines", .list(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]), kind: .document)  // after recipients
        let lines = document.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines[2...6]) == ["title: 'Kế hoạch năm 2021'", "summary: \"Tóm tắt.\"", "document_kind: plan  # as printed",
                                        "number: \"12/KH-UBND\"", "issuer: Ủy ban nhân dân huyện Thạch Thành"])
        #expect(Array(lines[13...19]) == ["  - \"UBND tỉnh (b/c)\"", "  # the province's copy first", "  - Lưu VT",
                                          "signing_lines:", "  - \"KT. CHỦ TỊCH\"", "  - \"PHÓ CHỦ TỊCH\"", "draft: true"])
        #expect(lines[20] == "custom_note: kept as it is")
        let (item, _) = Self.decode(document.text, .document)
        #expect(item?.document?.number == "12/KH-UBND" && item?.summary == "Tóm tắt." && item?.draft == true)
        #expect(item?.document?.signingLines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
    }

    @Test func listsRecordsAndChartsAreWrittenAsTheLoaderReadsThem() throws {
        let new = try NewContent.draft(siteRoot: NewFromSchemaTests.sampleSite(), .init(kind: .organisation, title: "Sở Văn hóa", district: "trieu-son"))
        var document = try FrontMatterDocument(text: new.text, kind: .organisation)
        let chart: [OrganisationUnitValue] = [.init(name: "Văn phòng Sở"), .init(name: "Phòng: \"Quản lý\"", units: [.init(name: "Tổ #1")])]
        document.set("chart", .units(chart), kind: .organisation)
        document.set("officials", .records([["name": .text("Lê Văn A"), "phone": .text("0237 3851 234")], ["position": .text("Giám đốc")]]), kind: .organisation)
        document.set("chart_image", .record(["file": .text("images/so do.png"), "alt": .text("Sơ đồ, các phòng")]), kind: .organisation)
        document.set("organisation_kind", .text("specialised-agency"), kind: .organisation)
        document.set("draft", nil, kind: .organisation)
        let text = document.text
        #expect(text.contains("\nchart:  # units, nested: [Văn phòng, {name: Phòng …, units: [Tổ …]}]\n  - \"Văn phòng Sở\"\n  - name: \"Phòng: \\\"Quản lý\\\"\"\n    units:\n      - \"Tổ #1\"\n"))
        #expect(text.contains("\norganisation_kind: specialised-agency  # required; people-committee,"))
        #expect(!text.contains("draft"))
        let (item, problems) = Self.decode(text, .organisation)
        #expect(problems.isEmpty, "\(problems)")
        let organisation = try #require(item?.organisation)
        #expect(organisation.chart == [.init(name: "Văn phòng Sở", units: []), .init(name: "Phòng: \"Quản lý\"", units: [.init(name: "Tổ #1", units: [])])])
        #expect(organisation.officials == [Official(name: "Lê Văn A", phone: "0237 3851 234"), Official(position: "Giám đốc")])
        #expect(organisation.chartImage?.file == "images/so do.png" && organisation.chartImage?.alt == "Sơ đồ, các phòng")
        #expect(organisation.organisationKind == .specialisedAgency)
        // And they read back as what was set.
        let again = try FrontMatterDocument(text: text, kind: .organisation)
        #expect(again.value(of: "chart") == .units(chart))
        #expect(again.value(of: "chart_image") == .record(["file": .text("images/so do.png"), "alt": .text("Sơ đồ, các phòng")]))
    }

    @Test func crlfStaysCRLF() throws {
        let text = Self.document.replacingOccurrences(of: "\n", with: "\r\n")
        var document = try FrontMatterDocument(text: text, kind: .document)
        document.set("recipients", .list(["A", "B", "C"]), kind: .document)
        document.set("number", .text("5/KH"), kind: .document)
        document.set("weight", nil, kind: .document)
        let out = document.text
        #expect(!out.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(out.contains("\r\nrecipients:\r\n  - \"A\"\r\n  - \"B\"\r\n  - \"C\"\r\n  # the province's copy first\r\ncustom_note"))
        let (item, _) = Self.decode(out, .document)
        #expect(item?.document?.recipients == ["A", "B", "C"] && item?.document?.number == "5/KH")
    }

    @Test func aFileWithoutFrontMatterIsAnErrorAtItsLine() {
        func error(_ text: String) -> String? {
            do { _ = try FrontMatterDocument(text: text, path: "Content/pages/a.vi.md"); return nil } catch { return error.diagnostics.first?.description }
        }
        #expect(error("\n# Tiêu đề\n") == "Content/pages/a.vi.md:2:1: error: the file must start with front matter: a line '---', fields such as 'title: …', and another '---' line")
        #expect(error("---\ntitle: A\n") == "Content/pages/a.vi.md:1:1: error: the front matter is not closed: add a line '---' after its last field")
        #expect(error("---\ntitle: A\ntopics: [a\n---\n")?.hasPrefix("Content/pages/a.vi.md:4:1: error: malformed YAML") == true)
        #expect(error("---\n- a\n---\n") == "Content/pages/a.vi.md:2:1: error: the front matter must be fields written as 'name: value' lines")
    }

    @Test func aNewDocumentHasItsFieldsInSchemaOrderAndABody() throws {
        var document = FrontMatterDocument.new(kind: .pressRelease, fields: ["draft": .text("true"), "title": .text("Tin"), "date": .text("2024-05"),
                                                                          "district": .text("trieu-son"), "summary": .text("S")], body: "\nNội dung.\n")
        #expect(document.text == "---\ntitle: \"Tin\"\nsummary: \"S\"\ndistrict: trieu-son\ndate: 2024-05\ndraft: true\n---\n\nNội dung.\n")
        document.body = "\nKhác.\n"
        #expect(document.text.hasSuffix("---\n\nKhác.\n"))
        let (item, problems) = Self.decode(document.text, .pressRelease)
        #expect(problems.isEmpty && item?.date == PartialDate(year: 2024, month: 5))
    }
}

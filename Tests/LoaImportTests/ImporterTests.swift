import Foundation
import LoaCore
import Testing
@testable import LoaImport

/// The command's behaviour: where files go, what is never overwritten, what a failure leaves.
@Suite struct ImporterTests {
    static let report = "Số: /BC-UBND\nTriệu Sơn, ngày tháng 6 năm 2022\n\nBÁO CÁO\nCông tác thông tin đối ngoại năm 2022\n\nUBND huyện Triệu Sơn báo cáo.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Quang Trung\n"
    static let target = "Content/documents/bao-cao-cong-tac-thong-tin-doi-ngoai-nam-2022.vi.md"

    static func site(with inputs: [String: String]) throws -> String {
        let root = try Fixture.makeSite()
        for (name, text) in inputs { try Fixture.write(text, to: root + "/in/" + name) }
        return root
    }

    @Test func importWritesOneContentFileNamedByTheFoldedTitle() throws {
        let root = try Self.site(with: ["a.txt": Self.report])
        let outcome = DocumentImporter.run(inputs: ["in/a.txt"], options: .init(siteRoot: root), currentDirectory: root)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.written == [Self.target])
        #expect(FileIO.exists(root + "/" + Self.target))
        // The site still builds: the file is a valid document.
        let (loaded, problems) = ContentLoader.load(siteRoot: root, configuration: ConfigurationLoader.load(siteRoot: root).0!)
        #expect(!problems.hasErrors, "\(problems.all)")
        let item = try #require(loaded.items.first)
        #expect(item.document?.number == "/BC-UBND")
        #expect(item.date == PartialDate(year: 2022, month: 6))
        #expect(item.district == "trieu-son")
    }

    @Test func itNeverOverwrites() throws {
        let root = try Self.site(with: ["a.txt": Self.report])
        try Fixture.write("hand-edited\n", to: root + "/" + Self.target)
        let outcome = DocumentImporter.run(inputs: ["in/a.txt"], options: .init(siteRoot: root), currentDirectory: root)
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors[0].message.contains("already exists"))
        #expect(outcome.errors[0].location.path == "in/a.txt")
        #expect(FileIO.read(root + "/" + Self.target) == Array("hand-edited\n".utf8))
    }

    @Test func oneBadInputMeansNothingIsWritten() throws {
        let root = try Self.site(with: ["a.txt": Self.report, "empty.txt": ""])
        let outcome = DocumentImporter.run(inputs: ["in/a.txt", "in/empty.txt", "in/missing.txt"], options: .init(siteRoot: root), currentDirectory: root)
        #expect(outcome.errors.map(\.location.path) == ["in/empty.txt", "in/missing.txt"])
        #expect(outcome.errors.allSatisfy { $0.severity == .error })
        #expect(outcome.errors.map(\.description)[0].hasPrefix("in/empty.txt:1:1: error: "))
        #expect(outcome.written.isEmpty)
        #expect(!FileIO.exists(root + "/" + Self.target))
    }

    @Test func twoInputsWithTheSameTitleAreAnError() throws {
        let root = try Self.site(with: ["a.txt": Self.report, "b.txt": Self.report])
        let outcome = DocumentImporter.run(inputs: ["in/a.txt", "in/b.txt"], options: .init(siteRoot: root), currentDirectory: root)
        #expect(outcome.errors.count == 1 && outcome.errors[0].message.contains("same title"))
        #expect(!FileIO.exists(root + "/" + Self.target))
    }

    @Test func aDryRunWritesNothingAndReportsJSON() throws {
        let root = try Self.site(with: ["a.txt": Self.report, "b.txt": "Chỉ một đoạn văn.\n"])
        let outcome = DocumentImporter.run(inputs: ["in/a.txt", "in/b.txt"], options: .init(siteRoot: root, dryRun: true), currentDirectory: root)
        #expect(outcome.errors.isEmpty)
        #expect(outcome.written.isEmpty)
        #expect(!FileIO.isDirectory(root + "/Content/documents"))
        let json = DocumentImporter.json(outcome)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        let keys = ["kind", "number", "place", "date", "title", "references", "period", "issuer", "district",
                    "recipients", "signing_lines", "signer", "not_stated", "warnings"]
        for object in objects { #expect(Set(keys).isSubset(of: Set(object.keys))) }
        #expect(objects[0]["date"] as? [String: String] == ["value": "2022-06", "precision": "month"])
        #expect(objects[0]["number"] as? String == "/BC-UBND")
        #expect(objects[0]["not_stated"] as? [String] == ["references", "recipients"])
        #expect(objects[0]["period"] as? String == "năm 2022")
        #expect(objects[1]["date"] is NSNull)
        #expect((objects[1]["not_stated"] as? [String])?.contains("title") == true)
        // Sorted keys: the same input prints the same bytes.
        #expect(json == DocumentImporter.json(outcome))
        #expect(json.range(of: "\"date\"")!.lowerBound < json.range(of: "\"district\"")!.lowerBound)
    }

    static let partyReport = """
        ĐẢNG BỘ TỈNH THANH HÓA\tĐẢNG CỘNG SẢN VIỆT NAM
        HUYỆN ỦY QUAN HÓA
        *
        Số 123-BC/HU\tQuan Hóa, ngày 05 tháng 7 năm 2024

        BÁO CÁO
        Kết quả công tác tuyên truyền quý II năm 2024

        Nội dung.

        T/M BAN THƯỜNG VỤ
        BÍ THƯ

        Phạm Văn B
        """
    static let partyTarget = "Content/documents/bao-cao-ket-qua-cong-tac-tuyen-truyen-quy-ii-nam-2024.vi.md"
    static let quanHoaLines = "  - slug: quan-hoa\n    name: Quan Hóa\n    province: Thanh Hóa"

    @Test func aDistrictNotInTheRegistryWritesNothingAndGivesTheLinesToAdd() throws {
        let root = try Self.site(with: ["party.txt": Self.partyReport, "a.txt": Self.report])
        let outcome = DocumentImporter.run(inputs: ["in/a.txt", "in/party.txt"], options: .init(siteRoot: root), currentDirectory: root)
        #expect(outcome.written.isEmpty)
        #expect(!FileIO.isDirectory(root + "/Content/documents"))
        #expect(outcome.errors.map(\.description) == [
            "in/party.txt:2:1: error: not written: the document names the district 'Quan Hóa', which is not in the site's registry; add these lines under 'districts:' in Content/site.yaml, or pass --district:\n" + Self.quanHoaLines,
        ])
        // The error says it all: the warning with the same lines is not printed twice.
        #expect(!outcome.warnings.contains { $0.message.contains("not in the site's registry") })

        // A dry run writes nothing either, and gives the lines as a warning and in the JSON.
        let dry = DocumentImporter.run(inputs: ["in/party.txt"], options: .init(siteRoot: root, dryRun: true), currentDirectory: root)
        #expect(dry.errors.isEmpty && dry.written.isEmpty)
        #expect(dry.warnings.map(\.description) == [
            "in/party.txt:2:1: warning: the document names the district 'Quan Hóa', which is not in the site's registry (Content/site.yaml); to add it, put these lines under 'districts:' there, or pass --district:\n" + Self.quanHoaLines,
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(DocumentImporter.json(dry).utf8)) as? [[String: Any]]).first
        #expect(object?["district"] is NSNull)
        let unregistered = try #require(object?["district_not_in_registry"] as? [String: Any])
        #expect(unregistered["name"] as? String == "Quan Hóa" && unregistered["province"] as? String == "Thanh Hóa")
        #expect(unregistered["slug"] as? String == "quan-hoa" && unregistered["line"] as? Int == 2)
        #expect(unregistered["site_yaml"] as? String == Self.quanHoaLines + "\n")
        #expect(object?["issuer"] as? String == "Ban Thường vụ Huyện ủy Quan Hóa")
    }

    @Test func theLinesToAddMakeTheImportWork() throws {
        let root = try Self.site(with: ["party.txt": Self.partyReport])
        let config = String(decoding: FileIO.read(root + "/Content/site.yaml")!, as: UTF8.self)
        try FileIO.write(config.replacingOccurrences(of: "\ntopics:", with: Self.quanHoaLines + "\n\ntopics:"), to: root + "/Content/site.yaml")
        let outcome = DocumentImporter.run(inputs: ["in/party.txt"], options: .init(siteRoot: root), currentDirectory: root)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.written == [Self.partyTarget])
        let (loaded, problems) = ContentLoader.load(siteRoot: root, configuration: ConfigurationLoader.load(siteRoot: root).0!)
        #expect(!problems.hasErrors, "\(problems.all)")
        let item = try #require(loaded.items.first)
        #expect(item.district == "quan-hoa")
        #expect(item.document?.issuer == "Ban Thường vụ Huyện ủy Quan Hóa")
    }

    @Test func theDistrictFlagLetsADocumentOfAnUnlistedDistrictBeWritten() throws {
        let root = try Self.site(with: ["party.txt": Self.partyReport])
        let outcome = DocumentImporter.run(inputs: ["in/party.txt"], options: .init(siteRoot: root, district: "trieu-son"), currentDirectory: root)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.written == [Self.partyTarget])
        #expect(outcome.warnings.contains { $0.message.contains("but --district says 'trieu-son'") })
    }

    @Test func withoutATitleThereIsNoFileToWrite() throws {
        let root = try Self.site(with: ["b.txt": "Chỉ một đoạn văn.\n"])
        let outcome = DocumentImporter.run(inputs: ["in/b.txt"], options: .init(siteRoot: root), currentDirectory: root)
        #expect(outcome.errors.count == 1 && outcome.errors[0].message.contains("no title"))
    }

    @Test func theDistrictAndLanguageOptionsAreChecked() throws {
        let root = try Self.site(with: ["a.txt": Self.report])
        let badDistrict = DocumentImporter.run(inputs: ["in/a.txt"], options: .init(siteRoot: root, district: "ha-noi"), currentDirectory: root)
        #expect(badDistrict.errors.first?.location.path == "--district")
        let badLanguage = DocumentImporter.run(inputs: ["in/a.txt"], options: .init(siteRoot: root, language: "fr"), currentDirectory: root)
        #expect(badLanguage.errors.first?.location.path == "--lang")
        let english = DocumentImporter.run(inputs: ["in/a.txt"], options: .init(siteRoot: root, district: "Triệu Sơn", language: "en"), currentDirectory: root)
        #expect(english.written == [Self.target.replacingOccurrences(of: ".vi.md", with: ".en.md")])
    }

    @Test func withoutASiteThereIsAClearError() throws {
        let outcome = DocumentImporter.run(inputs: ["a.txt"], options: .init(siteRoot: NSTemporaryDirectory() + "no-such-site-" + UUID().uuidString))
        #expect(outcome.errors.first?.message.contains("no site configuration") == true)
    }

    @Test func frontMatterStringsAreQuotedSafely() throws {
        var doc = ImportedDocument(sourcePath: "x.txt")
        doc.title = "Báo cáo \"đặc biệt\": #1 \\ - yes"
        doc.kind = .report
        doc.issuer = "Ủy ban nhân dân huyện Triệu Sơn"
        doc.district = "trieu-son"
        doc.recipients = ["- Như trên;", "Lưu: VT."]
        doc.body = "Nội dung.\n"
        let text = ContentFileWriter.render(doc)
        let (item, problems) = ContentLoader.decode(bytes: Array(text.utf8), path: "Content/documents/x.vi.md", kind: .document,
                                                    languages: ["vi"], defaultLanguage: "vi")
        #expect(problems.isEmpty, "\(problems)")
        #expect(item?.title == doc.title)
        #expect(item?.document?.recipients == doc.recipients)
        #expect(text.contains("# not stated in the document: number, place, issue_date, references, period, signing_lines, signer"))
    }

    @Test func aVeryLongTitleGivesAShortenedNameAndSaysSo() {
        let (name, shortened) = ContentFileWriter.name(for: "Báo cáo " + String(repeating: "công tác thông tin ", count: 20))
        #expect(shortened && name.count <= ContentFileWriter.maximumNameLength && !name.hasSuffix("-"))
    }
}

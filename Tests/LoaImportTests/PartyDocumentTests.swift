import Foundation
import LoaCore
import Testing
@testable import LoaImport

/// Documents the shared sample never showed (issue #16): Party committee reports and districts
/// the site's registry does not list, each convention in several layouts — header present or
/// missing, bold or plain, district known or not — with every field compared.
@Suite struct PartyDocumentTests {
    static let partyHeader = """
        ĐẢNG BỘ TỈNH THANH HÓA\tĐẢNG CỘNG SẢN VIỆT NAM
        HUYỆN ỦY QUAN HÓA
        *
        Số 123-BC/HU\tQuan Hóa, ngày 05 tháng 7 năm 2024

        """

    static let standingBoardSignature = """

        Nơi nhận:
        - Ban Tuyên giáo Tỉnh ủy (b/c),
        - Các chi, đảng bộ (thực hiện);
        - Lưu VP.

        T/M BAN THƯỜNG VỤ
        BÍ THƯ

        Phạm Văn B
        """

    static let partyRecipients = ["Ban Tuyên giáo Tỉnh ủy (b/c)", "Các chi, đảng bộ (thực hiện)", "Lưu VP"]

    // MARK: 1. The district from the text, in the registry or not

    @Test func aPartyReportOfADistrictTheRegistryLacksReportsItAsPrinted() throws {
        let doc = try Fixture.parse(Self.partyHeader + """
            BÁO CÁO
            Kết quả công tác tuyên truyền quý II năm 2024

            Thực hiện Công văn số 12-CV/BTGTU ngày 06/3/2023 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ Huyện ủy báo cáo như sau:

            Công tác tuyên truyền về quê hương, con người Quan Hóa được đẩy mạnh.
            """ + Self.standingBoardSignature)
        #expect(Fields(doc) == Fields(
            kind: .report, number: "123-BC/HU", place: "Quan Hóa", date: PartialDate(year: 2024, month: 7, day: 5),
            title: "Báo cáo kết quả công tác tuyên truyền quý II năm 2024",
            references: ["Công văn số 12-CV/BTGTU ngày 06/3/2023 của Ban Tuyên giáo Tỉnh ủy"],
            period: "quý II năm 2024", issuer: "Ban Thường vụ Huyện ủy Quan Hóa", district: nil,
            unregisteredDistrict: UnregisteredDistrict(name: "Quan Hóa", province: "Thanh Hóa", line: 2),
            recipients: Self.partyRecipients, signingLines: ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], signer: "Phạm Văn B"))
        #expect(doc.notStated == [])
        let warning = try #require(doc.warnings.first { $0.message.contains("not in the site's registry") })
        #expect(warning.description == """
            test.txt:2:1: warning: the document names the district 'Quan Hóa', which is not in the site's registry (Content/site.yaml); to add it, put these lines under 'districts:' there, or pass --district:
              - slug: quan-hoa
                name: Quan Hóa
                province: Thanh Hóa
            """)
        #expect(doc.warnings.count == 1)
    }

    @Test func withoutAHeaderTheDistrictAndProvinceComeFromTheText() throws {
        let doc = try Fixture.parse("""
            BÁO CÁO
            Sơ kết 6 tháng đầu năm 2022

            Ban Thường vụ Huyện ủy báo cáo kết quả lãnh đạo 6 tháng đầu năm 2022 của huyện Mường Lát, tỉnh Thanh Hóa.

            Hình ảnh quê hương, con người Mường Lát được quảng bá.

            T/M BAN THƯỜNG VỤ
            PHÓ BÍ THƯ

            Hà Văn C
            """)
        #expect(Fields(doc) == Fields(
            kind: .report, title: "Báo cáo sơ kết 6 tháng đầu năm 2022", period: "6 tháng đầu năm 2022",
            issuer: "Ban Thường vụ Huyện ủy Mường Lát",
            unregisteredDistrict: UnregisteredDistrict(name: "Mường Lát", province: "Thanh Hóa", line: 4),
            signingLines: ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], signer: "Hà Văn C"))
        #expect(doc.notStated == ["number", "place", "date", "references", "recipients"])
    }

    @Test func aBoldReportWithoutAProvinceGivesRegistryLinesWithoutOne() throws {
        let doc = try Fixture.parse("""
            **BÁO CÁO**
            **Công tác dân vận năm 2023**

            Đảng bộ và nhân dân Na Rì đã đạt nhiều kết quả; huyện Na Rì hoàn thành các chỉ tiêu.

            **T/M BAN CHẤP HÀNH**
            **BÍ THƯ**

            **Lý Văn D**
            """)
        let unregistered = UnregisteredDistrict(name: "Na Rì", province: nil, line: 4)
        #expect(Fields(doc) == Fields(
            kind: .report, title: "Báo cáo công tác dân vận năm 2023", period: "năm 2023",
            issuer: "Ban Chấp hành Đảng bộ huyện Na Rì", unregisteredDistrict: unregistered,
            signingLines: ["T/M BAN CHẤP HÀNH", "BÍ THƯ"], signer: "Lý Văn D"))
        #expect(unregistered.registryLines == "  - slug: na-ri\n    name: Na Rì\n")
    }

    @Test func aKnownDistrictNamedOnlyByItsPeopleIsMatchedFolded() throws {
        let doc = try Fixture.parse("""
            KẾ HOẠCH
            Tuyên truyền năm 2024

            Quảng bá hình ảnh quê hương, con người Trieu Son.

            T/M BAN THƯỜNG VỤ
            BÍ THƯ

            Lê Văn E
            """)
        #expect(Fields(doc) == Fields(
            kind: .plan, title: "Kế hoạch tuyên truyền năm 2024", period: "năm 2024",
            issuer: "Ban Thường vụ Huyện ủy Triệu Sơn", district: "trieu-son",
            signingLines: ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], signer: "Lê Văn E"))
        #expect(doc.warnings.isEmpty)
    }

    @Test func theWordsAroundADistrictAreNotPartOfItsName() throws {
        let mentions = DistrictMentions.districts(in: "Huyện ủy, HĐND, UBND huyện Quan Hóa (Thanh Hóa) và Huyện Đoàn, huyện Mường Lát - tỉnh Thanh Hóa; huyện TT.", line: 3)
        #expect(mentions == [DistrictMention(name: "Quan Hóa", province: nil, line: 3),
                             DistrictMention(name: "Mường Lát", province: "Thanh Hóa", line: 3)])
        #expect(DistrictMentions.districts(in: "HUYỆN ỦY QUAN HÓA", line: 1) == [DistrictMention(name: "Quan Hóa", province: nil, line: 1, printedInCapitals: true)])
        #expect(DistrictMentions.province(in: "ĐẢNG BỘ TỈNH THANH HÓA") == "Thanh Hóa")
        #expect(DistrictMentions.people(in: "quê hương, con người Quan Hóa¹ và nhân dân các dân tộc", line: 5) == [DistrictMention(name: "Quan Hóa", province: nil, line: 5)])
    }

    @Test func aTitleInCapitalsNamesOnlyADistrictTheRegistryHas() throws {
        let unknown = try Fixture.parse("BÁO CÁO\nCÔNG TÁC TUYÊN TRUYỀN CỦA HUYỆN QUAN HÓA NĂM 2024\n\nNội dung.\n")
        #expect(unknown.district == nil && unknown.unregisteredDistrict == nil)
        let known = try Fixture.parse("BÁO CÁO\nCÔNG TÁC TUYÊN TRUYỀN CỦA HUYỆN TRIỆU SƠN NĂM 2024\n\nNội dung.\n")
        #expect(known.district == "trieu-son")
        #expect(known.title == "Báo cáo công tác tuyên truyền của huyện Triệu Sơn năm 2024")
    }

    @Test func aPeopleThatIsNoDistrictIsNotTakenForOne() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác đối ngoại năm 2023\n\nTình hữu nghị giữa nhân dân Việt Nam và nhân dân Lào.\n")
        #expect(doc.district == nil && doc.unregisteredDistrict == nil)
        #expect(doc.notStated.contains("district"))
    }

    @Test func twoDistrictsOneOfThemUnknownAreAWarningNotAGuess() throws {
        let doc = try Fixture.parse("THÔNG BÁO\nKết luận hội nghị\n\nHội nghị giữa huyện Triệu Sơn và huyện Quan Hóa, tỉnh Thanh Hóa.\n")
        #expect(doc.district == nil && doc.unregisteredDistrict == nil)
        #expect(doc.warnings.contains { $0.location.line == 4 && $0.message.contains("several districts: 'Triệu Sơn' (line 4), 'Quan Hóa' (line 4)") })
    }

    @Test func aPartyReportInWordWithItsHeaderAndSignatureInTables() throws {
        typealias W = Word
        let header = W.table([[
            [W.paragraph(W.run("ĐẢNG BỘ TỈNH THANH HÓA")), W.paragraph(W.run("HUYỆN ỦY QUAN HÓA", bold: true)),
             W.paragraph(W.run("*")), W.paragraph(W.run("Số 123-BC/HU"))],
            [W.paragraph(W.run("ĐẢNG CỘNG SẢN VIỆT NAM", bold: true)),
             W.paragraph(W.run("Quan Hóa, ngày 05 tháng 7 năm 2024", italic: true))],
        ]])
        let signature = W.table([[
            [W.paragraph(W.run("Nơi nhận:", bold: true)), W.paragraph(W.run("- Ban Tuyên giáo Tỉnh ủy (b/c),")),
             W.paragraph(W.run("- Lưu Văn phòng Huyện ủy."))],
            [W.paragraph(W.run("T/M BAN THƯỜNG VỤ", bold: true)), W.paragraph(W.run("BÍ THƯ", bold: true)),
             W.paragraph(W.run("Phạm Văn B", bold: true))],
        ]])
        let body = [
            header,
            W.paragraph(W.run("BÁO CÁO", bold: true)),
            W.paragraph(W.run("kết quả công tác tuyên truyền quý II năm 2024;", bold: true)),
            W.paragraph(W.run("phương hướng nhiệm vụ quý III năm 2024", bold: true)),
            W.paragraph(W.run("Thực hiện Công văn số 12-CV/BTGTU ngày 06/3/2023 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ Huyện ủy báo cáo như sau:")),
            W.paragraph(W.run("I - TÌNH HÌNH CHUNG", bold: true)),
            W.paragraph(W.run("Quê hương, con người Quan Hóa được quảng bá."),
                        "<w:r><w:footnoteReference w:id=\"2\"/></w:r>"),
            signature,
        ].joined()
        let footnotes = "<w:footnote w:id=\"2\"><w:p><w:r><w:t>Theo Ban Tuyên giáo Huyện ủy.</w:t></w:r></w:p></w:footnote>"
        let doc = try DocumentImporter.parse(bytes: Array(W.docx(body: body, footnotes: footnotes)), path: "bao-cao.docx", registry: Fixture.registry)
        #expect(Fields(doc) == Fields(
            kind: .report, number: "123-BC/HU", place: "Quan Hóa", date: PartialDate(year: 2024, month: 7, day: 5),
            title: "Báo cáo kết quả công tác tuyên truyền quý II năm 2024; phương hướng nhiệm vụ quý III năm 2024",
            references: ["Công văn số 12-CV/BTGTU ngày 06/3/2023 của Ban Tuyên giáo Tỉnh ủy"],
            period: "quý II năm 2024", issuer: "Ban Thường vụ Huyện ủy Quan Hóa",
            unregisteredDistrict: UnregisteredDistrict(name: "Quan Hóa", province: "Thanh Hóa", line: 2),
            recipients: ["Ban Tuyên giáo Tỉnh ủy (b/c)", "Lưu Văn phòng Huyện ủy"],
            signingLines: ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], signer: "Phạm Văn B"))
        #expect(doc.body.contains("## I - TÌNH HÌNH CHUNG") && doc.body.contains("## Chú thích\n\n1. Theo Ban Tuyên giáo Huyện ủy."))
        #expect(doc.warnings.map(\.location.line) == [2])
    }

    @Test func theFlagNamesTheDistrictOfADocumentWhoseDistrictTheRegistryLacks() throws {
        let doc = try Fixture.parse(Self.partyHeader + "BÁO CÁO\nCông tác năm 2024\n\nNội dung.\n", district: "trieu-son")
        #expect(doc.district == "trieu-son" && doc.unregisteredDistrict == nil)
        #expect(doc.issuer == "Huyện ủy Quan Hóa")
        #expect(doc.warnings.contains { $0.location.line == 2 && $0.message.contains("'Quan Hóa', which is not in the site's registry, but --district says 'trieu-son'") })
    }

    // MARK: 2. The issuer from the signing lines

    @Test(arguments: [
        ("T/M BAN THƯỜNG VỤ\nBÍ THƯ", "Ban Thường vụ Huyện ủy Triệu Sơn", "Ban Thường vụ Huyện ủy"),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Ủy ban nhân dân huyện Triệu Sơn", "Ủy ban nhân dân"),
        ("TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH", "Hội đồng nhân dân huyện Triệu Sơn", "Hội đồng nhân dân"),
        ("T/M BAN CHẤP HÀNH\nBÍ THƯ", "Ban Chấp hành Đảng bộ huyện Triệu Sơn", "Ban Chấp hành Đảng bộ"),
        ("TL. BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG", "Ban Thường vụ Huyện ủy Triệu Sơn", "Ban Thường vụ Huyện ủy"),
        ("TUQ. CHỦ TỊCH UBND HUYỆN\nCHÁNH VĂN PHÒNG", "Ủy ban nhân dân huyện Triệu Sơn", "Ủy ban nhân dân"),
    ])
    func theSigningLineNamesTheIssuerWithOrWithoutTheDistrict(_ signing: String, _ withDistrict: String, _ without: String) throws {
        let lines = signing.split(separator: "\n").map(String.init)
        let known = try Fixture.parse("BÁO CÁO\nCông tác năm 2024\n\nNội dung ở huyện Triệu Sơn.\n\n\(signing)\n\nNguyễn Văn A\n")
        #expect(Fields(known) == Fields(kind: .report, title: "Báo cáo công tác năm 2024", period: "năm 2024", issuer: withDistrict,
                                        district: "trieu-son", signingLines: lines, signer: "Nguyễn Văn A"))
        #expect(known.warnings.isEmpty)
        let unnamed = try Fixture.parse("BÁO CÁO\nCông tác năm 2024\n\nNội dung.\n\n\(signing)\n\nNguyễn Văn A\n")
        #expect(Fields(unnamed) == Fields(kind: .report, title: "Báo cáo công tác năm 2024", period: "năm 2024", issuer: without,
                                          signingLines: lines, signer: "Nguyễn Văn A"))
        #expect(unnamed.warnings.map(\.location.line) == [6])
        #expect(unnamed.warnings.first?.message.contains("of a district the document does not name") == true)
    }

    @Test func aSigningLineForAPersonLeavesTheIssuerToTheHeaderOrTheText() throws {
        let withHeader = try Fixture.parse(LayoutTests.fullHeader + "THÔNG BÁO\nLịch tiếp dân năm 2023\n\nNội dung.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Thị F\n")
        #expect(withHeader.issuer == "Ủy ban nhân dân huyện Triệu Sơn")
        #expect(withHeader.signingLines == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"])
        let fromText = try Fixture.parse("THÔNG BÁO\nLịch tiếp dân năm 2023\n\nUBND huyện Bạch Thông thông báo lịch tiếp dân.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Thị F\n")
        #expect(fromText.issuer == "Ủy ban nhân dân huyện Bạch Thông" && fromText.district == "bach-thong")
        #expect(fromText.warnings.isEmpty)
    }

    @Test func aPartyCommitteeHeaderSignedByItsStandingBoard() throws {
        let doc = try Fixture.parse("""
            ĐẢNG BỘ TỈNH THANH HÓA\tĐẢNG CỘNG SẢN VIỆT NAM
            HUYỆN ỦY TRIỆU SƠN
            *
            Số: 45-KH/HU\tTriệu Sơn, ngày 10 tháng 3 năm 2024

            KẾ HOẠCH
            Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ
            """ + Self.standingBoardSignature)
        #expect(Fields(doc) == Fields(
            kind: .plan, number: "45-KH/HU", place: "Triệu Sơn", date: PartialDate(year: 2024, month: 3, day: 10),
            title: "Kế hoạch tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
            issuer: "Ban Thường vụ Huyện ủy Triệu Sơn", district: "trieu-son",
            recipients: Self.partyRecipients, signingLines: ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], signer: "Phạm Văn B"))
        #expect(doc.warnings.isEmpty)
    }

    @Test(arguments: [
        ("T/M BAN CHẤP HÀNH\nBÍ THƯ", "HUYỆN ỦY TRIỆU SƠN", "Huyện ủy Triệu Sơn", "trieu-son"),
        ("TL. BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG", "HUYỆN ỦY TRIỆU SƠN", "Ban Thường vụ Huyện ủy Triệu Sơn", "trieu-son"),
        ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "TỈNH ỦY THANH HÓA", "Ban Thường vụ Tỉnh ủy Thanh Hóa", nil),
        ("TL. BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG", "HUYỆN ỦY TRIỆU SƠN\nVĂN PHÒNG", "Văn phòng Huyện ủy Triệu Sơn", "trieu-son"),
    ] as [(String, String, String, String?)])
    func aPartyCommitteeHeaderAndItsSigningLines(_ signing: String, _ header: String, _ issuer: String, _ district: String?) throws {
        let doc = try Fixture.parse("\(header)\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 8-TB/HU\n\nTHÔNG BÁO\nKết luận hội nghị\n\nNội dung.\n\n\(signing)\n\nĐỗ Văn N\n")
        #expect(Fields(doc) == Fields(kind: .notice, number: "8-TB/HU", title: "Thông báo kết luận hội nghị", issuer: issuer, district: district,
                                      signingLines: signing.split(separator: "\n").map(String.init), signer: "Đỗ Văn N"))
        #expect(doc.warnings.isEmpty)
    }

    @Test func aHeaderAndASignatureForDifferentBodiesKeepTheHeaderAndSaySo() throws {
        let doc = try Fixture.parse(LayoutTests.fullHeader + "KẾ HOẠCH\nCông tác năm 2023\n\nNội dung.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Văn G\n")
        #expect(doc.issuer == "Ủy ban nhân dân huyện Triệu Sơn")
        #expect(doc.warnings.map(\.location.line) == [9])
        #expect(doc.warnings.first?.message.contains("kept the header's") == true)
    }

    // MARK: 3. Party document conventions

    @Test func aPartyBoardUnderItsCommitteeInTheHeader() throws {
        let doc = try Fixture.parse("""
            TỈNH ỦY THANH HÓA
            BAN TUYÊN GIÁO
            *
            Số 12-CV/BTGTU
            V/v tuyên truyền kết quả quý I năm 2023
            ĐẢNG CỘNG SẢN VIỆT NAM
            Thanh Hóa, ngày 06 tháng 3 năm 2023

            Kính gửi: Ban Tuyên giáo các huyện ủy, thị ủy, thành ủy.

            Ban Tuyên giáo Tỉnh ủy đề nghị các đơn vị tuyên truyền.

            Nơi nhận:
            - Như trên;
            - Lưu VT.

            K/T TRƯỞNG BAN
            PHÓ TRƯỞNG BAN

            Trần Văn H
            """)
        #expect(Fields(doc) == Fields(
            kind: .officialLetter, number: "12-CV/BTGTU", place: "Thanh Hóa", date: PartialDate(year: 2023, month: 3, day: 6),
            title: "Công văn về việc tuyên truyền kết quả quý I năm 2023", period: "quý I năm 2023",
            issuer: "Ban Tuyên giáo Tỉnh ủy Thanh Hóa",
            recipients: ["Như trên", "Lưu VT"], signingLines: ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], signer: "Trần Văn H"))
        #expect(doc.warnings.isEmpty)
    }

    @Test func aDistrictBoardUnderTheDistrictCommittee() throws {
        let doc = try Fixture.parse("HUYỆN ỦY BẠCH THÔNG\tĐẢNG CỘNG SẢN VIỆT NAM\nBAN TUYÊN GIÁO\n*\nSố 7-BC/BTGHU\n\nBÁO CÁO\nCông tác tuyên giáo năm 2023\n\nNội dung.\n")
        #expect(doc.issuer == "Ban Tuyên giáo Huyện ủy Bạch Thông")
        #expect(doc.district == "bach-thong" && doc.number == "7-BC/BTGHU" && doc.kind == .report)
        #expect(!doc.body.contains("ĐẢNG CỘNG SẢN") && !doc.body.contains("BAN TUYÊN GIÁO"))
    }

    @Test(arguments: [("123-BC/HU", DocumentKind.report), ("45-KH/HU", .plan), ("12-CV/BTGTU", .officialLetter), ("3-TB/HU", .notice)])
    func partyNumbersWithOrWithoutTheColon(_ number: String, _ kind: DocumentKind) throws {
        for line in ["Số \(number)", "Số: \(number)", "**Số \(number)**"] {
            let doc = try Fixture.parse("HUYỆN ỦY TRIỆU SƠN\tĐẢNG CỘNG SẢN VIỆT NAM\n\(line)\n\nNội dung.\n")
            #expect(doc.number == number, "\(line)")
            #expect(doc.kind == kind, "\(line)")
            #expect(doc.issuer == "Huyện ủy Triệu Sơn")
        }
    }

    @Test(arguments: [
        ("I - TÌNH HÌNH CHUNG", "II– KẾT QUẢ", "III. NHIỆM VỤ", "III - KIẾN NGHỊ"),
        ("**I - TÌNH HÌNH CHUNG**", "**II– KẾT QUẢ**", "**III. NHIỆM VỤ**", "**III - KIẾN NGHỊ**"),
        ("## I - TÌNH HÌNH CHUNG", "### **II– KẾT QUẢ**", "III. NHIỆM VỤ", "# III - KIẾN NGHỊ"),
    ])
    func headingsWrittenWithADashOrADot(_ one: String, _ two: String, _ three: String, _ four: String) throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác năm 2024\n\n\(one)\n\nĐoạn một.\n\n\(two)\n\n1. Kết quả nổi bật\n\nĐoạn hai.\n\n\(three)\n\nĐoạn ba.\n\n\(four)\n\nĐoạn bốn.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Văn M\n", district: "thach-thanh")
        #expect(Fields(doc) == Fields(kind: .report, title: "Báo cáo công tác năm 2024", period: "năm 2024",
                                      issuer: "Ban Thường vụ Huyện ủy Thạch Thành", district: "thach-thanh",
                                      signingLines: ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], signer: "Lê Văn M"))
        #expect(doc.body == """
            ## I - TÌNH HÌNH CHUNG

            Đoạn một.

            ## II– KẾT QUẢ

            ### 1. Kết quả nổi bật

            Đoạn hai.

            ## III. NHIỆM VỤ

            Đoạn ba.

            ## III - KIẾN NGHỊ

            Đoạn bốn.

            """)
        #expect(doc.warnings.map(\.location.line) == [18])
        #expect(doc.warnings.first?.message.contains("heading 'III -' follows 'III.'") == true)
    }

    @Test func numberedHeadingsWithADashUnderARomanOne() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác năm 2022\n\nI- KẾT QUẢ THỰC HIỆN\n\n1- Công tác tuyên truyền\n\nĐoạn một.\n\n2- Công tác giáo dục lý luận chính trị\n\nĐoạn hai.\n\n3- Một câu có dấu chấm ở cuối, không phải tiêu đề. Câu thứ hai.\n")
        #expect(doc.body == """
            ## I- KẾT QUẢ THỰC HIỆN

            ### 1- Công tác tuyên truyền

            Đoạn một.

            ### 2- Công tác giáo dục lý luận chính trị

            Đoạn hai.

            3- Một câu có dấu chấm ở cuối, không phải tiêu đề. Câu thứ hai.

            """)
    }

    @Test(arguments: ["", "HUYỆN ỦY TRIỆU SƠN\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 9-BC/HU\n\n"])
    func footnoteMarkersWithTheirNotesAtThePageFoot(_ header: String) throws {
        // A note at the foot of a page, between the two halves of a paragraph, and one at the foot
        // of the last page, under the signature.
        let doc = try Fixture.parse(header + """
            BÁO CÁO
            Công tác năm 2024

            Toàn huyện tổ chức 12 hội nghị¹ với nhiều đại biểu và

            ¹ Theo số liệu của Ban Tuyên giáo Huyện ủy.

            cán bộ, đảng viên tham dự⁽²⁾.

            T/M BAN THƯỜNG VỤ
            BÍ THƯ

            Lê Văn I

            ⁽²⁾ Không kể các hội nghị trực tuyến.
            """, district: header.isEmpty ? "trieu-son" : nil)
        #expect(doc.body == """
            Toàn huyện tổ chức 12 hội nghị[\\[1\\]](#chu-thich) với nhiều đại biểu và cán bộ, đảng viên tham dự[\\[2\\]](#chu-thich).

            ## Chú thích

            1. Theo số liệu của Ban Tuyên giáo Huyện ủy.
            2. Không kể các hội nghị trực tuyến.

            """)
        #expect(Fields(doc) == Fields(kind: .report, number: header.isEmpty ? nil : "9-BC/HU", title: "Báo cáo công tác năm 2024",
                                      period: "năm 2024", issuer: "Ban Thường vụ Huyện ủy Triệu Sơn", district: "trieu-son",
                                      signingLines: ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], signer: "Lê Văn I"))
        #expect(doc.warnings.isEmpty)
    }

    @Test(arguments: [
        "BÁO CÁO\nKết quả công tác tuyên truyền quý II năm 2024;\nPhương hướng nhiệm vụ quý III năm 2024\n\nNội dung.\n",
        "**BÁO CÁO**\n**Kết quả công tác tuyên truyền quý II năm 2024;**\n**Phương hướng nhiệm vụ quý III năm 2024**\n\nNội dung.\n",
        "BÁO CÁO\nKết quả công tác tuyên truyền quý II năm 2024;\n\nPhương hướng nhiệm vụ quý III năm 2024\n\nNội dung.\n",
    ])
    func aTitleSplitBySemicolonsOverTwoLines(_ text: String) throws {
        let doc = try Fixture.parse(text)
        #expect(doc.title == "Báo cáo kết quả công tác tuyên truyền quý II năm 2024; Phương hướng nhiệm vụ quý III năm 2024")
        #expect(doc.period == "quý II năm 2024")
        #expect(doc.body == "Nội dung.\n")
    }

    @Test func aTitleSplitBySemicolonsOverThreeLinesInCapitals() throws {
        let doc = try Fixture.parse("BÁO CÁO\nSƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM 2022;\nPHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022;\nKIẾN NGHỊ VỚI HUYỆN ỦY TRIỆU SƠN\n\nNội dung.\n")
        #expect(doc.title == "Báo cáo sơ kết công tác 6 tháng đầu năm 2022; phương hướng nhiệm vụ 6 tháng cuối năm 2022; kiến nghị với Huyện ủy Triệu Sơn")
        #expect(doc.period == "6 tháng đầu năm 2022")
    }

    // MARK: 4. As printed

    @Test func thePeriodIsAPhraseTheDocumentPrints() throws {
        // Title without the year; the text prints the phrase with it.
        let fromText = try Fixture.parse("BÁO CÁO\nKết quả 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2022\n\nTrong 6 tháng đầu năm 2021, … Trong 6 tháng đầu năm 2022, toàn huyện đạt kết quả.\n")
        #expect(fromText.period == "6 tháng đầu năm 2022")
        #expect(!fromText.warnings.contains { $0.message.contains("period") })
        // Nowhere printed with its year: the phrase as printed, and a warning; never "6 tháng đầu năm 2022".
        let notPrinted = try Fixture.parse("BÁO CÁO\nKết quả 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2022\n\nNội dung.\n")
        #expect(notPrinted.period == "6 tháng đầu năm")
        #expect(notPrinted.warnings.contains { $0.location.line == 1 && $0.message.contains("never prints it with one") })
        let quarter = try Fixture.parse("**BÁO CÁO**\n**Tình hình dư luận xã hội quý II năm 2024**\n\nNội dung.\n")
        #expect(quarter.period == "quý II năm 2024")
    }

    @Test func eachReferenceIsTheCitedDocumentNotTheRestOfTheSentence() throws {
        let doc = try Fixture.parse("""
            BÁO CÁO
            Công tác năm 2023

            Thực hiện Công văn số 12-CV/BTGTU ngày 06/3/2023 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ Huyện ủy báo cáo như sau:

            Căn cứ Hướng dẫn số 5-HD/BTGTU ngày 01/02/2023 của Ban Tuyên giáo Tỉnh ủy về tuyên truyền năm 2023 và Kế hoạch số 45-KH/HU ngày 10/3/2023 của Ban Thường vụ Huyện ủy, Ban Tuyên giáo Huyện ủy xây dựng kế hoạch như sau.
            """)
        #expect(Fields(doc) == Fields(kind: .report, title: "Báo cáo công tác năm 2023", references: [
            "Công văn số 12-CV/BTGTU ngày 06/3/2023 của Ban Tuyên giáo Tỉnh ủy",
            "Hướng dẫn số 5-HD/BTGTU ngày 01/02/2023 của Ban Tuyên giáo Tỉnh ủy về tuyên truyền năm 2023",
            "Kế hoạch số 45-KH/HU ngày 10/3/2023 của Ban Thường vụ Huyện ủy",
        ], period: "năm 2023", issuer: "Ban Thường vụ Huyện ủy"))
    }

    @Test func recipientLinesLoseTheListPunctuationButKeepTheirNotes() throws {
        let doc = try Fixture.parse("""
            BÁO CÁO
            Công tác năm 2023

            Nội dung.

            Nơi nhận:
            Gửi bản điện tử:
            - Ban Tuyên giáo Tỉnh ủy (để b/c),
            - Thường trực Huyện ủy (b/c);
            - Các chi, đảng bộ (thực hiện);
            - Lưu Văn phòng Huyện ủy./.

            T/M BAN THƯỜNG VỤ
            BÍ THƯ

            Lê Văn K
            """, district: "bach-thong")
        #expect(Fields(doc) == Fields(
            kind: .report, title: "Báo cáo công tác năm 2023", period: "năm 2023", issuer: "Ban Thường vụ Huyện ủy Bạch Thông",
            district: "bach-thong", recipientsNote: "Gửi bản điện tử:",
            recipients: ["Ban Tuyên giáo Tỉnh ủy (để b/c)", "Thường trực Huyện ủy (b/c)", "Các chi, đảng bộ (thực hiện)", "Lưu Văn phòng Huyện ủy"],
            signingLines: ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], signer: "Lê Văn K"))
        #expect(doc.notStated == ["number", "place", "date", "references"])
        #expect(ContentFileWriter.render(doc).contains("recipients_note: \"Gửi bản điện tử:\"\nrecipients:\n  - \"Ban Tuyên giáo Tỉnh ủy (để b/c)\"\n"))
    }

    @Test(arguments: [
        ("- Sở TT&TT (b/c);", "Sở TT&TT (b/c)"), ("+ UBND các xã,", "UBND các xã"), ("- Lưu: VT, VHTT.", "Lưu: VT, VHTT"),
        ("- Lưu VT./.", "Lưu VT"), ("- Như trên (để thực hiện);", "Như trên (để thực hiện)"), ("Gửi bản giấy:", "Gửi bản giấy:"),
        ("- Các đơn vị khác...", "Các đơn vị khác..."),
    ])
    func aRecipientLineAsPrintedWithoutTheListPunctuation(_ printed: String, _ recipient: String) {
        #expect(DocumentParser.recipient(printed) == recipient)
    }

    @Test func aDeliveryNoteInsideTheListStaysAGroupHeadingWithAWarning() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác\n\nNội dung.\n\nNơi nhận:\n- Sở TT&TT (b/c);\nGửi bản giấy:\n- Lưu: VT.\n")
        #expect(doc.recipientsNote == nil)
        #expect(doc.recipients == ["Sở TT&TT (b/c)", "Gửi bản giấy:", "Lưu: VT"])
        #expect(doc.warnings.contains { $0.location.line == 8 && $0.message.contains("delivery note inside the recipient list") })
    }
}

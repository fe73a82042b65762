import Foundation
import LoaCore
import Testing
@testable import LoaImport

/// Small synthetic documents, one layout variant each, as real documents print them.
@Suite struct LayoutTests {
    static let fullHeader = """
        ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        HUYỆN TRIỆU SƠN\tĐộc lập - Tự do - Hạnh phúc
        Số: 46/KH-UBND\tTriệu Sơn, ngày 21 tháng 02 năm 2023

        """

    static let signature = """

        Nơi nhận:
        - Sở TT&TT (b/c);
        - Lưu: VT.

        KT. CHỦ TỊCH
        PHÓ CHỦ TỊCH

        Lê Quang Trung
        """

    // MARK: Header

    @Test func aFullHeaderGivesIssuerNumberPlaceAndDayPreciseDate() throws {
        let doc = try Fixture.parse(Self.fullHeader + "KẾ HOẠCH\nHoạt động thông tin đối ngoại năm 2023\n\nNội dung.\n" + Self.signature)
        #expect(doc.issuer == "Ủy ban nhân dân huyện Triệu Sơn")
        #expect(doc.number == "46/KH-UBND")
        #expect(doc.place == "Triệu Sơn")
        #expect(doc.date == PartialDate(year: 2023, month: 2, day: 21))
        #expect(doc.dateObject == ["value": "2023-02-21", "precision": "day"])
        #expect(doc.district == "trieu-son")
        #expect(doc.kind == .plan)
        #expect(doc.title == "Kế hoạch hoạt động thông tin đối ngoại năm 2023")
        #expect(doc.notStated == ["references"])
        #expect(doc.warnings.isEmpty)
        #expect(!doc.body.contains("CỘNG HÒA") && !doc.body.contains("Số:") && !doc.body.contains("KẾ HOẠCH"))
    }

    @Test func aHeaderWhoseColumnsWereMergedIntoOneLineStillReads() throws {
        let doc = try Fixture.parse("""
            UỶ BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            HUYỆN THẠCH THÀNH Độc lập - Tự do - Hạnh phúc
            Số: 7/BC-UBND Thạch Thành, ngày 3 tháng 7 năm 2021
            BÁO CÁO
            Kết quả công tác năm 2021

            Nội dung.
            """)
        #expect(doc.issuer == "Ủy ban nhân dân huyện Thạch Thành")
        #expect(doc.number == "7/BC-UBND")
        #expect(doc.place == "Thạch Thành")
        #expect(doc.date == PartialDate(year: 2021, month: 7, day: 3))
        #expect(doc.district == "thach-thanh")
    }

    @Test func aMissingHeaderLeavesNumberPlaceAndDateNotStated() throws {
        let doc = try Fixture.parse("KẾ HOẠCH\nCông tác năm 2021\n\nUBND huyện ban hành kế hoạch trên địa bàn huyện Thạch Thành như sau:\n\n- Việc một.\n" + Self.signature)
        #expect(doc.number == nil && doc.place == nil && doc.date == nil)
        #expect(doc.notStated.starts(with: ["number", "place", "date"]))
        #expect(doc.issuer == "Ủy ban nhân dân huyện Thạch Thành")
        #expect(doc.district == "thach-thanh")
    }

    @Test func aBlankNumberIsKeptAsPrinted() throws {
        let doc = try Fixture.parse("Số:      /BC-UBND\n\nBÁO CÁO\nVề việc A\n\nUBND huyện Triệu Sơn báo cáo.\n")
        #expect(doc.number == "/BC-UBND")
        let empty = try Fixture.parse("Số:\n\nBÁO CÁO\nVề việc A\n\nNội dung.\n")
        #expect(empty.number == nil)
        #expect(empty.warnings.contains { $0.message.contains("gives no number") && $0.location.line == 1 })
    }

    @Test func aDateWithoutADayHasMonthPrecision() throws {
        let doc = try Fixture.parse("Số: /BC-UBND\nTriệu Sơn, ngày tháng 6 năm 2022\n\nBÁO CÁO\nCông tác 6 tháng đầu năm 2022\n\nNội dung.\n")
        #expect(doc.date == PartialDate(year: 2022, month: 6))
        #expect(doc.dateObject == ["value": "2022-06", "precision": "month"])
        #expect(doc.place == "Triệu Sơn")
        // Dots left for the day are a blank too.
        let dotted = try Fixture.parse("Triệu Sơn, ngày ..... tháng 6 năm 2022\n\nBÁO CÁO\nCông tác\n\nNội dung.\n")
        #expect(dotted.date == PartialDate(year: 2022, month: 6))
    }

    @Test func aDateWithoutAMonthIsNotStatedAndSaysWhy() throws {
        let doc = try Fixture.parse("Triệu Sơn, ngày tháng năm 2022\n\nBÁO CÁO\nCông tác\n\nNội dung.\n")
        #expect(doc.date == nil)
        #expect(doc.notStated.contains("date"))
        #expect(doc.warnings.contains { $0.location.line == 1 && $0.message.contains("no month") })
        let invalid = try Fixture.parse("Triệu Sơn, ngày 31 tháng 2 năm 2022\n\nBÁO CÁO\nCông tác\n\nNội dung.\n")
        #expect(invalid.date == nil)
        #expect(invalid.warnings.contains { $0.message.contains("not a valid date") })
    }

    @Test func oneParagraphPerLineAsWordsPlainTextExportWritesIt() throws {
        let doc = try Fixture.parse("""
            ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            HUYỆN BẠCH THÔNG\tĐộc lập - Tự do - Hạnh phúc
            Số: 1234/QĐ-UBND\tBạch Thông, ngày 15 tháng 8 năm 2023
            QUYẾT ĐỊNH
            Về việc kiện toàn người phát ngôn
            CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BẠCH THÔNG
            Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
            Căn cứ Nghị định số 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ;
            QUYẾT ĐỊNH:
            I. NGƯỜI PHÁT NGÔN
            Chủ tịch UBND huyện là người phát ngôn, cung cấp thông tin
            cho báo chí.
            - Điện thoại: không công bố.
            - Thư điện tử: không công bố.
            Nơi nhận:
            - Lưu: VT.
            CHỦ TỊCH
            Nguyễn Văn A
            """)
        #expect(doc.kind == .decision)
        #expect(doc.title == "Quyết định về việc kiện toàn người phát ngôn")
        #expect(doc.references == ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                                   "Nghị định số 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ"])
        #expect(doc.recipients == ["Lưu: VT"])
        #expect(doc.signingLines == ["CHỦ TỊCH"])
        #expect(doc.signer == "Nguyễn Văn A")
        #expect(doc.body == """
            CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BẠCH THÔNG

            Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

            Căn cứ Nghị định số 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ;

            QUYẾT ĐỊNH:

            ## I. NGƯỜI PHÁT NGÔN

            Chủ tịch UBND huyện là người phát ngôn, cung cấp thông tin
            cho báo chí.

            - Điện thoại: không công bố.
            - Thư điện tử: không công bố.

            """)
    }

    // MARK: Title

    @Test func aBoldTitleSplitOverSeveralLines() throws {
        let doc = try Fixture.parse("**BÁO CÁO**  \n**Công tác thông tin đối ngoại 6 tháng đầu năm 2022 và**  \n**nhiệm vụ 6 tháng cuối năm 2022**\n\nNội dung.\n")
        #expect(doc.title == "Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2022 và nhiệm vụ 6 tháng cuối năm 2022")
        #expect(doc.period == "6 tháng đầu năm 2022")
        #expect(!doc.body.contains("BÁO CÁO"))
    }

    @Test func aPlainTitleWithItsSubjectInTheNextParagraph() throws {
        let doc = try Fixture.parse("BÁO CÁO\n\nCông tác thông tin đối ngoại 6 tháng đầu năm, phương hướng\n\nnhiệm vụ 6 tháng cuối năm 2023\n\nThực hiện Văn bản số 653/STTTT-TTBCXB, ngày 26/5/2023 của Sở về việc báo cáo 6 tháng đầu năm 2023; UBND huyện Bạch Thông báo cáo như sau:\n")
        #expect(doc.title == "Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2023")
        #expect(doc.period == "6 tháng đầu năm 2023")
        #expect(doc.issuer == "Ủy ban nhân dân huyện Bạch Thông")
        #expect(doc.references == ["Văn bản số 653/STTTT-TTBCXB, ngày 26/5/2023 của Sở về việc báo cáo 6 tháng đầu năm 2023"])
    }

    @Test func aTitleInCapitalsIsLoweredButNamesKeepTheirCapitals() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCÔNG TÁC THÔNG TIN ĐỐI NGOẠI HUYỆN TRIỆU SƠN NĂM 2022\n\nNội dung.\n")
        #expect(doc.title == "Báo cáo công tác thông tin đối ngoại huyện Triệu Sơn năm 2022")
        #expect(doc.warnings.contains { $0.message.contains("capitals") && $0.location.line == 2 })
    }

    @Test(arguments: [
        ("BÁO CÁO", DocumentKind.report), ("KẾ HOẠCH", .plan), ("QUYẾT ĐỊNH", .decision),
        ("CÔNG VĂN", .officialLetter), ("THÔNG BÁO", .notice), ("TỜ TRÌNH", .submission),
    ])
    func everyKindWord(_ word: String, _ kind: DocumentKind) throws {
        let doc = try Fixture.parse("\(word)\nVề việc tổ chức hội nghị\n\nNội dung.\n")
        #expect(doc.kind == kind)
        #expect(doc.title == VText.sentenceCase(word) + " về việc tổ chức hội nghị")
    }

    @Test func anOfficialLetterHasItsSubjectUnderTheNumber() throws {
        let doc = try Fixture.parse("""
            Số: 45/UBND-VHTT
            V/v cung cấp thông tin về hoạt động
            đối ngoại năm 2023

            Kính gửi: Sở Thông tin và Truyền thông tỉnh Thanh Hóa.

            UBND huyện Triệu Sơn cung cấp thông tin như sau.
            """ + Self.signature)
        #expect(doc.kind == .officialLetter)
        #expect(doc.title == "Công văn về việc cung cấp thông tin về hoạt động đối ngoại năm 2023")
        #expect(doc.issuer == "Ủy ban nhân dân huyện Triệu Sơn")
        #expect(doc.body.hasPrefix("Kính gửi:"))
    }

    @Test func theKindFromTheNumberWhenNoKindWordAndAWarningWhenTheyDisagree() throws {
        #expect(Vocabulary.kind(ofNumber: "46/KH-UBND") == .plan)
        #expect(Vocabulary.kind(ofNumber: "123-BC/HU") == .report)
        #expect(Vocabulary.kind(ofNumber: "848-CV/BTGTU") == .officialLetter)
        #expect(Vocabulary.kind(ofNumber: "12/QĐ-UBND") == .decision)
        #expect(Vocabulary.kind(ofNumber: "3/TTr-UBND") == .submission)
        let doc = try Fixture.parse("Số: 12/KH-UBND\n\nBÁO CÁO\nCông tác\n\nNội dung.\n")
        #expect(doc.kind == .report)
        #expect(doc.warnings.contains { $0.location.line == 1 && $0.message.contains("plan") })
    }

    @Test func aSubjectEndsWhereALineStartsWithACapital() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác thông tin đối ngoại năm 2022 và\nnhiệm vụ năm 2023\nUBND huyện Triệu Sơn báo cáo như sau:\n")
        #expect(doc.title == "Báo cáo công tác thông tin đối ngoại năm 2022 và nhiệm vụ năm 2023")
        #expect(doc.body == "UBND huyện Triệu Sơn báo cáo như sau:\n")
        #expect(doc.issuer == "Ủy ban nhân dân huyện Triệu Sơn")
    }

    @Test func capitalsAtTheTopWithoutAHeaderStayInTheBody() throws {
        let doc = try Fixture.parse("TÌNH HÌNH CHUNG\n\nNội dung.\n")
        #expect(doc.issuer == nil)
        #expect(doc.body == "TÌNH HÌNH CHUNG\n\nNội dung.\n")
    }

    @Test func noTitleIsReportedNotInvented() throws {
        let doc = try Fixture.parse("Một đoạn văn không có tiêu đề.\n\nĐoạn thứ hai.\n")
        #expect(doc.title == nil)
        #expect(doc.kind == nil)
        #expect(doc.notStated.contains("title") && doc.notStated.contains("kind"))
        #expect(doc.warnings.contains { $0.message.contains("no title") })
    }

    // MARK: References

    @Test func referencesAreTheDocumentsTheTextAnswers() throws {
        let doc = try Fixture.parse("""
            KẾ HOẠCH
            Công tác năm 2021

            Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

            Thực hiện Kế hoạch số 219/KH-UBND ngày 12/10/2020 của UBND tỉnh; Kế hoạch số 261/KH-UBND ngày 04/12/2020 của UBND tỉnh về thông tin đối ngoại. UBND huyện ban hành kế hoạch như sau:

            Thực hiện chỉ đạo của UBND tỉnh tại Công văn số 5/UBND-VX ngày 01/01/2021.
            """)
        #expect(doc.references == [
            "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
            "Kế hoạch số 219/KH-UBND ngày 12/10/2020 của UBND tỉnh",
            "Kế hoạch số 261/KH-UBND ngày 04/12/2020 của UBND tỉnh về thông tin đối ngoại",
            "Công văn số 5/UBND-VX ngày 01/01/2021",
        ])
    }

    // MARK: Recipients and signature

    @Test(arguments: ["Nơi nhận:", "**Nơi nhận:**", "### **Nơi nhận:**", "## Nơi nhận:"])
    func recipientsAsPlainBoldOrHeading(_ heading: String) throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác\n\nNội dung./.\n\n\(heading)\n\nGửi bản điện tử:\n\n- Sở TT&TT (B/c);\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Duy Luân\n")
        // The delivery note above the list is not a recipient; the list loses its printed punctuation.
        #expect(doc.recipientsNote == "Gửi bản điện tử:")
        #expect(doc.recipients == ["Sở TT&TT (B/c)", "Lưu: VT"])
        #expect(doc.signingLines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect(doc.signer == "Nguyễn Duy Luân")
        #expect(doc.body == "Nội dung./.\n")
    }

    @Test func boldSigningLinesOverABoldName() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác\n\nNội dung.\n\n**KT. CHỦ TỊCH  \nPHÓ CHỦ TỊCH**\n\n**Lê Quang Trung**\n")
        #expect(doc.signingLines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect(doc.signer == "Lê Quang Trung")
        #expect(doc.recipients.isEmpty)
        #expect(doc.body == "Nội dung.\n")
    }

    @Test func aSignatureBeforeTheRecipientsAndAPlaceholderForTheSignature() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác\n\nUBND huyện Triệu Sơn báo cáo.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nLê Văn A\n\nNơi nhận:\n- Như trên;\n")
        #expect(doc.signingLines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
        #expect(doc.signer == "Lê Văn A")
        #expect(doc.recipients == ["Như trên"])
        #expect(doc.body == "UBND huyện Triệu Sơn báo cáo.\n")
    }

    @Test func recipientsAndSignatureSideBySideOnOneLine() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác\n\nNội dung.\n\nNơi nhận:\tKT. CHỦ TỊCH\n- Sở TT&TT;\tPHÓ CHỦ TỊCH\n- Lưu: VT.\n\n\tLê Quang Trung\n")
        #expect(doc.recipients == ["Sở TT&TT", "Lưu: VT"])
        #expect(doc.signingLines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect(doc.signer == "Lê Quang Trung")
    }

    @Test func aNameInCapitalsIsWrittenAsANameWithAWarning() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác\n\nNội dung.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLÊ QUANG TRUNG\n")
        #expect(doc.signingLines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect(doc.signer == "Lê Quang Trung")
        #expect(doc.warnings.contains { $0.message.contains("capitals") && $0.location.line == 9 })
    }

    @Test func signingLinesWithoutANameLeaveTheSignerNotStated() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác\n\nNội dung.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")
        #expect(doc.signer == nil)
        #expect(doc.notStated.contains("signer"))
        #expect(doc.warnings.contains { $0.message.contains("no name") })
    }

    // MARK: Issuer and district

    @Test func onBehalfOfThePeoplesCommitteeIsTheDistrictPeoplesCommittee() throws {
        let doc = try Fixture.parse("BÁO CÁO\nCông tác\n\nTrên địa bàn huyện Bạch Thông có 02 di tích.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n")
        #expect(doc.issuer == "Ủy ban nhân dân huyện Bạch Thông")
        #expect(doc.district == "bach-thong")
    }

    @Test func onBehalfOfTheStandingBoardIsTheDistrictPartyCommitteesStandingBoard() throws {
        let doc = try Fixture.parse("BÁO CÁO\nTình hình năm 2022\n\nHuyện ủy Triệu Sơn lãnh đạo công tác ở huyện Triệu Sơn.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn B\n")
        #expect(doc.issuer == "Ban Thường vụ Huyện ủy Triệu Sơn")
        #expect(doc.signingLines == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"])
    }

    @Test func aPartyHeaderNamesTheDistrictPartyCommittee() throws {
        let doc = try Fixture.parse("ĐẢNG BỘ TỈNH THANH HÓA\tĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY TRIỆU SƠN\n*\nSố 123-BC/HU\tTriệu Sơn, ngày 5 tháng 1 năm 2023\n\nBÁO CÁO\nTình hình năm 2022\n\nNội dung.\n")
        #expect(doc.issuer == "Huyện ủy Triệu Sơn")
        #expect(doc.number == "123-BC/HU")
        #expect(doc.kind == .report)
        #expect(doc.district == "trieu-son")
    }

    @Test func districtNamesMatchFoldedAndTheFlagNamesADistrictTheTextDoesNot() throws {
        #expect(Fixture.registry.lookup("Trieu Son")?.slug == "trieu-son")
        #expect(Fixture.registry.lookup("TRIỆU SƠN")?.slug == "trieu-son")
        #expect(Fixture.registry.lookup("trieu-son")?.slug == "trieu-son")
        #expect(Fixture.registry.lookup("Hà Nội") == nil)
        let text = "BÁO CÁO\nCông tác\n\nNội dung.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n"
        let unnamed = try Fixture.parse(text)
        // The signing line states the body, not its district: the issuer is what it states.
        #expect(unnamed.district == nil && unnamed.issuer == "Ủy ban nhân dân")
        #expect(unnamed.notStated.contains("district"))
        #expect(unnamed.warnings.contains { $0.location.line == 6 && $0.message.contains("--district") })
        let named = try Fixture.parse(text, district: "Trieu Son")
        #expect(named.district == "trieu-son")
        #expect(named.issuer == "Ủy ban nhân dân huyện Triệu Sơn")
    }

    @Test func severalDistrictsAreAWarningNotAGuess() throws {
        let doc = try Fixture.parse("THÔNG BÁO\nKết luận cuộc họp\n\nNội dung ở huyện Triệu Sơn và huyện Thạch Thành.\n")
        #expect(doc.district == nil)
        #expect(doc.warnings.contains { $0.location.line == 4 && $0.message.contains("several districts") })
    }

    @Test func aDistrictTheSiteDoesNotKnowIsAWarning() throws {
        let doc = try Fixture.parse("ỦY BAN NHÂN DÂN\nHUYỆN QUAN HÓA\nSố: 1/BC-UBND\n\nBÁO CÁO\nCông tác\n\nNội dung về huyện Triệu Sơn.\n")
        #expect(doc.issuer == "Ủy ban nhân dân huyện Quan Hóa")
        #expect(doc.district == nil)
        // The header outranks a district the text mentions; it is reported as printed.
        #expect(doc.unregisteredDistrict == UnregisteredDistrict(name: "Quan Hóa", province: nil, line: 2))
        #expect(doc.warnings.contains { $0.location.line == 2 && $0.message.contains("not in the site's registry") })
        #expect(!doc.notStated.contains("district"))
    }

    @Test func theFlagDisagreeingWithTheTextIsAWarning() throws {
        let doc = try Fixture.parse(Self.fullHeader + "BÁO CÁO\nCông tác\n\nNội dung.\n", district: "bach-thong")
        #expect(doc.district == "bach-thong")
        #expect(doc.warnings.contains { $0.message.contains("--district says 'bach-thong'") })
    }
}

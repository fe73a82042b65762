import Foundation
import LoaCore
import Testing
@testable import LoaImport

/// A .docx built here (zip + WordprocessingML), laid out as district documents are in Word:
/// header and signature in two-column tables, bold runs, automatic numbering, a footnote.
@Suite struct DocxTests {
    typealias W = Word

    static let numbering = """
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="2">
          <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
          <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num>
        """

    static var document: Data {
        let header = W.table([[
            [W.paragraph(W.run("ỦY BAN NHÂN DÂN", bold: true)), W.paragraph(W.run("HUYỆN BẠCH THÔNG", bold: true)),
             W.paragraph(W.run("Số: 46/KH-UBND"))],
            [W.paragraph(W.run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true)),
             W.paragraph(W.run("Độc lập - Tự do - Hạnh phúc", bold: true)),
             W.paragraph(W.run("Bạch Thông, ngày 21 tháng 02 năm 2023", italic: true))],
        ]])
        let signature = W.table([[
            [W.paragraph(W.run("Nơi nhận:", bold: true, italic: true)),
             W.paragraph(W.run("- Sở TT&TT (b/c);")), W.paragraph(W.run("- Lưu: VT."))],
            [W.paragraph(W.run("TM. ỦY BAN NHÂN DÂN", bold: true), "<w:r><w:br/></w:r>", W.run("KT. CHỦ TỊCH", bold: true)),
             W.paragraph(W.run("PHÓ CHỦ TỊCH", bold: true)),
             W.paragraph(W.run("Nguyễn Duy ", bold: true), W.run("Luân", bold: true))],
        ]])
        let body = [
            header,
            W.paragraph(W.run("KẾ HOẠCH", bold: true)),
            W.paragraph(W.run("Hoạt động thông tin đối ngoại năm 2023", bold: true)),
            W.paragraph(W.run("Thực hiện Công văn số 100/STTTT-TTBCXB ngày 01/02/2023 của Sở Thông tin và Truyền thông; UBND huyện ban hành kế hoạch như sau:")),
            W.paragraph(W.run("MỤC ĐÍCH, YÊU CẦU", bold: true), numbering: (5, 0)),
            W.paragraph(W.run("Mục đích", bold: true), numbering: (5, 1)),
            W.paragraph(W.run("Quảng bá hình ảnh huyện"), W.run("[1]", bold: false), W.run(" có "),
                        W.run("02", bold: true), W.run(" di tích"),
                        "<w:r><w:footnoteReference w:id=\"2\"/></w:r>", W.run(" và dấu * giữ nguyên.")),
            W.paragraph(W.run("Việc một;"), numbering: (6, 0)),
            W.paragraph(W.run("Việc hai, gồm:"), numbering: (6, 0)),
            W.paragraph(W.run("ý nhỏ."), numbering: (6, 1)),
            W.paragraph(W.run("NỘI DUNG", bold: true), numbering: (5, 0)),
            W.paragraph(W.run("Nội dung chính.")),
            signature,
        ].joined()
        let footnotes = """
            <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
            <w:footnote w:id="2"><w:p><w:r><w:t>Nà Tu và Đồn Phủ Thông.</w:t></w:r></w:p></w:footnote>
            """
        return W.docx(body: body, footnotes: footnotes, numbering: numbering)
    }

    @Test func aWordDocumentImportsWithEveryField() throws {
        let doc = try DocumentImporter.parse(bytes: Array(Self.document), path: "ke-hoach.docx", registry: Fixture.registry)
        #expect(doc.kind == .plan)
        #expect(doc.number == "46/KH-UBND")
        #expect(doc.place == "Bạch Thông")
        #expect(doc.date == PartialDate(year: 2023, month: 2, day: 21))
        #expect(doc.title == "Kế hoạch hoạt động thông tin đối ngoại năm 2023")
        #expect(doc.references == ["Công văn số 100/STTTT-TTBCXB ngày 01/02/2023 của Sở Thông tin và Truyền thông"])
        #expect(doc.period == "năm 2023")
        #expect(doc.issuer == "Ủy ban nhân dân huyện Bạch Thông")
        #expect(doc.district == "bach-thong")
        #expect(doc.recipients == ["Sở TT&TT (b/c)", "Lưu: VT"])
        #expect(doc.signingLines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect(doc.signer == "Nguyễn Duy Luân")
        #expect(doc.notStated.isEmpty)
        #expect(doc.warnings.isEmpty, "\(doc.warnings)")
    }

    @Test func theWordBodyKeepsNumberingListsEmphasisAndFootnotes() throws {
        let doc = try DocumentImporter.parse(bytes: Array(Self.document), path: "ke-hoach.docx", registry: Fixture.registry)
        #expect(doc.body == """
            Thực hiện Công văn số 100/STTTT-TTBCXB ngày 01/02/2023 của Sở Thông tin và Truyền thông; UBND huyện ban hành kế hoạch như sau:

            ## I. MỤC ĐÍCH, YÊU CẦU

            ### 1. Mục đích

            Quảng bá hình ảnh huyện[1] có **02** di tích[\\[1\\]](#chu-thich) và dấu \\* giữ nguyên.

            - Việc một;
            - Việc hai, gồm:
              + ý nhỏ.

            ## II. NỘI DUNG

            Nội dung chính.

            ## Chú thích

            1. Nà Tu và Đồn Phủ Thông.

            """)
    }

    @Test func decomposedLettersFromWordAreNormalised() throws {
        let nfd = { (s: String) in s.decomposedStringWithCanonicalMapping }
        let body = W.paragraph(W.run(nfd("BÁO CÁO"), bold: true)) + W.paragraph(W.run(nfd("Công tác ở huyện Triệu Sơn"), bold: true))
            + W.paragraph(W.run("Nội dung."))
        let doc = try DocumentImporter.parse(bytes: Array(W.docx(body: body)), path: "x.docx", registry: Fixture.registry)
        #expect(doc.title == "Báo cáo công tác ở huyện Triệu Sơn")
        #expect(doc.title?.unicodeScalars.count == "Báo cáo công tác ở huyện Triệu Sơn".unicodeScalars.count)
        #expect(doc.district == "trieu-son")
    }

    @Test func paragraphNumbersLocateWarnings() throws {
        let body = [
            W.paragraph(W.run("BÁO CÁO", bold: true)),
            W.paragraph(W.run("Công tác", bold: true)),
            W.paragraph(W.run("Nội dung.")),
            W.paragraph(W.run("KT. CHỦ TỊCH")),
            W.paragraph(W.run("PHÓ CHỦ TỊCH")),
        ].joined()
        let doc = try DocumentImporter.parse(bytes: Array(W.docx(body: body)), path: "x.docx", registry: Fixture.registry)
        #expect(doc.signingLines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect(doc.warnings.contains { $0.location.line == 4 && $0.message.contains("no name") })
    }
}

import Foundation
import LoaCore
import Testing
@testable import LoaImport

/// The body: mended, structured, and renderable by the site's own Markdown renderer.
@Suite struct BodyTests {
    static func body(_ text: String) throws -> ImportedDocument {
        try Fixture.parse("BÁO CÁO\nCông tác\n\n" + text)
    }

    @Test func aParagraphSplitByAPageBreakIsJoined() throws {
        let doc = try Self.body("- Các tổ chức thực hiện đúng cam kết. Các\n\ndự án khi triển khai đều đúng thủ tục.\n\nHướng dẫn, kiểm tra. Tổng\n\nhợp, báo cáo định kỳ.\n")
        #expect(doc.body == "- Các tổ chức thực hiện đúng cam kết. Các dự án khi triển khai đều đúng thủ tục.\n\nHướng dẫn, kiểm tra. Tổng hợp, báo cáo định kỳ.\n")
    }

    @Test func aSuspectSplitBeforeACapitalIsAWarningNotAJoin() throws {
        let doc = try Self.body("Các hoạt động thông tin đối ngoại phải bám sát vào chủ trương, đường lối của Đảng, của tỉnh và của huyện trong\n\nThanh Hóa có nhiều tiềm năng.\n")
        #expect(doc.body.contains("trong\n\nThanh Hóa"))
        #expect(doc.warnings.contains { $0.location.line == 6 && $0.message.contains("page break") })
    }

    @Test func numberedAndBoldHeadingsGetTheirDepthFromTheNumbering() throws {
        // The export's own marks are inconsistent ("## **2.", "### **III."): depth comes from numbering.
        let doc = try Self.body("""
            **I. ĐẶC ĐIỂM**

            Đoạn một.

            ## **II. KẾT QUẢ**

            ### **1. Kết quả triển khai**

            - Việc một.

            ## **2. Bố trí nhân lực**

            Đoạn hai.

            2.1. Tại huyện:

            Đoạn ba.

            a) Cấp xã

            Đoạn bốn.

            **Ghi chú chung**

            Đoạn năm.

            ### **III. NHIỆM VỤ**

            Đoạn sáu.
            """)
        #expect(doc.body == """
            ## I. ĐẶC ĐIỂM

            Đoạn một.

            ## II. KẾT QUẢ

            ### 1. Kết quả triển khai

            - Việc một.

            ### 2. Bố trí nhân lực

            Đoạn hai.

            #### 2.1. Tại huyện:

            Đoạn ba.

            ##### a) Cấp xã

            Đoạn bốn.

            ###### Ghi chú chung

            Đoạn năm.

            ## III. NHIỆM VỤ

            Đoạn sáu.

            """)
        #expect(!doc.warnings.contains { $0.message.contains("numbering") })
    }

    @Test func numberedSentencesFollowingEachOtherAreAnOrderedListWithTheirSubItems() throws {
        let doc = try Self.body("""
            IV. PHƯƠNG HƯỚNG

            1. Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền.

            2. Tăng cường tuyên truyền các nội dung:

            - Kỷ niệm 75 năm.
            - Bảo vệ biên giới.

            Trên đây là báo cáo./.
            """)
        #expect(doc.body == """
            ## IV. PHƯƠNG HƯỚNG

            1. Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền.

            2. Tăng cường tuyên truyền các nội dung:

               - Kỷ niệm 75 năm.
               - Bảo vệ biên giới.

            Trên đây là báo cáo./.

            """)
    }

    @Test func plusItemsUnderADashItemEndingInAColonAreNested() throws {
        let doc = try Self.body("- Có **02** dự án, cụ thể:\n\n+ Dự án một.\n\n+ Dự án hai.\n\nĐoạn sau.\n\n- Việc khác.\n")
        #expect(doc.body == "- Có **02** dự án, cụ thể:\n\n  + Dự án một.\n\n  + Dự án hai.\n\nĐoạn sau.\n\n- Việc khác.\n")
    }

    @Test func aRepeatedHeadingNumberIsAWarningWithItsLine() throws {
        let doc = try Self.body("I. A\n\n1. Một\n\nx.\n\n3. Ba\n\ny.\n\n3. Ba nữa\n\nz.\n")
        #expect(doc.warnings.filter { $0.message.contains("numbering") }.map(\.location.line) == [10, 14])
    }

    @Test func footnoteMarkersBecomeLinksToTheNotes() throws {
        let doc = try Self.body("Theo Kết luận[^1] và Quyết định[2], diện tích 20 m².\n\n[^1]: Kết luận số 16-KL/TW.\n\n[2] Quyết định số 1879/2013/QĐ-UBND.\n")
        #expect(doc.body == """
            Theo Kết luận[\\[1\\]](#chu-thich) và Quyết định[\\[2\\]](#chu-thich), diện tích 20 m².

            ## Chú thích

            1. Kết luận số 16-KL/TW.
            2. Quyết định số 1879/2013/QĐ-UBND.

            """)
        var rendered = MarkdownRenderer(allowRawHTML: false).render(doc.body, path: "x.md", firstLine: 1) { _ in .keep }
        rendered.html = rendered.html.replacingOccurrences(of: "\n", with: "")
        #expect(rendered.html.contains("<a href=\"#chu-thich\">[1]</a>"))
        #expect(rendered.html.contains("<h2 id=\"chu-thich\">Chú thích</h2>"))
        #expect(rendered.html.contains("<li>Kết luận số 16-KL/TW.</li>"))
    }

    @Test func aFootnoteMarkerWithoutTextIsAWarning() throws {
        let doc = try Self.body("Theo Kết luận[^3].\n")
        #expect(doc.warnings.contains { $0.message.contains("[^3]") && $0.location.line == 4 })
    }

    @Test func theBodyRendersAndKeepsTheSourceWords() throws {
        let doc = try Fixture.parse("""
            **BÁO CÁO**
            **Công tác năm 2023**

            Nội dung có *chữ nghiêng* và **chữ đậm**.

            I. PHẦN MỘT

            1. Mục một

            - Ý một; ý hai.

            Nơi nhận:
            - Lưu: VT.

            KT. CHỦ TỊCH
            PHÓ CHỦ TỊCH

            Lê Quang Trung
            """)
        let html = MarkdownRenderer(allowRawHTML: false).render(doc.body, path: "x.md", firstLine: 1) { _ in .keep }.html
            .replacingOccurrences(of: "\n", with: "")
        #expect(html.contains("<em>chữ nghiêng</em>") && html.contains("<strong>chữ đậm</strong>"))
        #expect(html.contains("<h2 id=\"i-phan-mot\">I. PHẦN MỘT</h2>"))
        #expect(html.contains("<h3 id=\"1-muc-mot\">1. Mục một</h3>"))
        #expect(!html.contains("Nơi nhận") && !html.contains("Lê Quang Trung") && !html.contains("PHÓ CHỦ TỊCH"))
    }
}

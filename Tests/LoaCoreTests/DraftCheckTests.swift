import Foundation
import Testing
@testable import LoaCore

/// `DraftCheck`: what the build would say of a file's new text, before it is written (the
/// editor's check before saving).
@Suite struct DraftCheckTests {
    static let release = """
    ---
    title: Hội nghị báo chí quý I
    date: 2023-03-10
    district: trieu-son
    topics: [bao-chi]
    summary: Huyện tổ chức hội nghị cung cấp thông tin cho báo chí.
    source: ../documents/bao-cao-2022.vi.md
    ---

    Theo [báo cáo](../documents/bao-cao-2022.vi.md), hội nghị diễn ra.

    """

    @Test func aValidFileHasNoErrorAndItsBodyIsConvertedWithItsLinksResolved() {
        let site = TestSupport.site("valid")
        let result = DraftCheck.check(siteRoot: site, relativePath: "Content/press-releases/hoi-nghi.vi.md", text: Self.release)
        #expect(!result.hasErrors, "\(result.problems)")
        #expect(result.item?.title == "Hội nghị báo chí quý I")
        #expect(result.bodyHTML.contains("<a href=\"/documents/bao-cao-2022/\">báo cáo</a>"), "\(result.bodyHTML)")
        #expect(!FileManager.default.fileExists(atPath: site + "/Content/press-releases/hoi-nghi.vi.md"), "nothing is written")
    }

    @Test func everyProblemOfTheFileIsFoundAtOnceWithTheBuildsMessages() {
        let site = TestSupport.site("valid")
        let text = Self.release
            .replacingOccurrences(of: "summary: Huyện tổ chức hội nghị cung cấp thông tin cho báo chí.\n", with: "")
            .replacingOccurrences(of: "district: trieu-son", with: "district: trieu-sn")
            .replacingOccurrences(of: "topics: [bao-chi]", with: "topics: [bao-chi, khong-co]")
            .replacingOccurrences(of: "(../documents/bao-cao-2022.vi.md)", with: "(../documents/khong-co.vi.md)")
        let path = "Content/press-releases/hoi-nghi.vi.md"
        let result = DraftCheck.check(siteRoot: site, relativePath: path, text: text)
        let messages = result.problems.filter { $0.severity == .error }.map(\.description)
        #expect(messages.contains { $0.hasPrefix(path + ":1:1: error: missing required field 'summary'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix(path + ":4:11: error: unknown district 'trieu-sn'; did you mean 'trieu-son'?") }, "\(messages)")
        #expect(messages.contains { $0.contains(":5:") && $0.contains("unknown topic 'khong-co'") }, "\(messages)")
        #expect(messages.contains { $0.contains(":9:1: error: link to a file that does not exist") && $0.contains("khong-co.vi.md") }, "the body's broken link, at its line: \(messages)")
        // The same messages as the build, which finds them once the file is written.
        TestSupport.write(text, to: site + "/" + path)
        let built = Set(TestSupport.errors(site).filter { $0.location.path == path }.map(\.description))
        #expect(built == Set(messages))
    }

    @Test func onlyTheCheckedFilesProblemsAreReturnedAndTheOldVersionIsReplaced() {
        let site = TestSupport.site("valid")
        TestSupport.write("---\ntitle: Hỏng\ndistrict: khong-co\n---\n", to: site + "/Content/pages/hong.vi.md")
        // The file being edited exists with an error; its new text has none, and the other
        // file's error is not this file's.
        let path = "Content/press-releases/ra-mat-chuyen-muc.vi.md"
        TestSupport.write("---\ntitle: Cũ\n---\n", to: site + "/" + path)
        let result = DraftCheck.check(siteRoot: site, relativePath: path, text: Self.release)
        #expect(!result.hasErrors, "\(result.problems)")
        #expect(result.problems.allSatisfy { $0.location.path == path })
    }

    @Test func checksFindingsAreIncludedForDraftsAndDocuments() {
        let site = TestSupport.site("valid")
        let document = """
        ---
        title: Kế hoạch tuyên truyền
        document_kind: plan
        issuer: Ủy ban nhân dân huyện Triệu Sơn
        district: trieu-son
        draft: true
        ---

        Nội dung.
        """
        let path = "Content/documents/ke-hoach-tuyen-truyen.vi.md"
        let result = DraftCheck.check(siteRoot: site, relativePath: path, text: document)
        #expect(!result.hasErrors, "\(result.problems)")
        let warnings = result.problems.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings.contains { $0.hasPrefix("draft: not published") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("no signed file") }, "\(warnings)")
    }

    @Test func aFileOutsideTheContentFoldersIsRefused() {
        let site = TestSupport.site("valid")
        let result = DraftCheck.check(siteRoot: site, relativePath: "Themes/default/x.md", text: Self.release)
        #expect(result.hasErrors)
    }
}

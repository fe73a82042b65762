import Foundation
import LoaCore
import Testing
@testable import LoaImport

/// Encodings and bad input: a clear error at the place of the fault, never a mangled import.
@Suite struct InputTests {
    static let sample = "BÁO CÁO\nCông tác thông tin đối ngoại\n\nUBND huyện Triệu Sơn báo cáo.\n"

    static func parse(_ bytes: [UInt8], _ path: String = "in.txt") throws(Diagnostic) -> ImportedDocument {
        try DocumentImporter.parse(bytes: bytes, path: path, registry: Fixture.registry)
    }

    static func error(_ bytes: [UInt8], _ path: String = "in.txt") -> Diagnostic? {
        do { _ = try parse(bytes, path); return nil } catch { return error }
    }

    @Test func utf8WithAndWithoutAByteOrderMark() throws {
        #expect(try Self.parse(Array(Self.sample.utf8)).title == "Báo cáo công tác thông tin đối ngoại")
        #expect(try Self.parse([0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8)).title == "Báo cáo công tác thông tin đối ngoại")
    }

    @Test func utf16WithAByteOrderMarkInBothByteOrders() throws {
        let units = Array(Self.sample.replacingOccurrences(of: "\n", with: "\r\n").utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try Self.parse(little).issuer == "Ủy ban nhân dân huyện Triệu Sơn")
        #expect(try Self.parse(big).issuer == "Ủy ban nhân dân huyện Triệu Sơn")
    }

    @Test func decomposedTextIsNormalised() throws {
        let nfd = Self.sample.decomposedStringWithCanonicalMapping
        let doc = try Self.parse(Array(nfd.utf8))
        #expect(doc.title == "Báo cáo công tác thông tin đối ngoại")
        #expect(doc.district == "trieu-son")
    }

    @Test func legacyEncodingsAreRefusedAtTheFirstBadByte() throws {
        // "Báo cáo" in Windows-1258 on line 3.
        let bytes = Array("BÁO CÁO\nCông tác\n".utf8) + [0x42, 0xE1, 0x6F]
        let e = try #require(Self.error(bytes))
        #expect(e.severity == .error)
        #expect(e.location == SourceLocation(path: "in.txt", line: 3, column: 2))
        #expect(e.message.contains("not UTF-8"))
    }

    @Test func utf16WithoutAByteOrderMarkIsRefused() throws {
        let bytes = Array(Self.sample.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let e = try #require(Self.error(bytes))
        #expect(e.message.contains("UTF-16 without a byte order mark"))
    }

    @Test(arguments: ["", "   \n\n\t\n"])
    func anEmptyFileIsAnError(_ text: String) throws {
        let e = try #require(Self.error(Array(text.utf8)))
        #expect(e.message.contains("empty"))
        #expect(e.location.path == "in.txt")
    }

    @Test func aDocxThatIsNotAZipIsAnError() throws {
        let e = try #require(Self.error(Array(Self.sample.utf8), "report.docx"))
        #expect(e.message.contains("not a zip archive"))
        #expect(e.location.path == "report.docx")
    }

    @Test func aZipWithoutAWordDocumentIsAnError() throws {
        let zip = StoredZip.archive([("hello.txt", "hi")])
        let e = try #require(Self.error(Array(zip), "report.docx"))
        #expect(e.message.contains("word/document.xml"))
    }

    @Test func brokenXMLInADocxIsAnError() throws {
        let zip = StoredZip.archive([("word/document.xml", "<w:document><w:body><w:p>")])
        let e = try #require(Self.error(Array(zip), "report.docx"))
        #expect(e.message.contains("not well-formed XML"))
    }

    @Test(arguments: ["report.doc", "report.pdf"])
    func otherFormatsAreRefused(_ name: String) throws {
        let e = try #require(Self.error(Array(Self.sample.utf8), name))
        #expect(e.message.contains(name.hasSuffix(".doc") ? "save it as .docx" : "cannot import"))
    }

    @Test func markdownInputReadsLikeText() throws {
        let doc = try Self.parse(Array("# **BÁO CÁO**\n**Công tác năm 2023**\n\n1\\. Mục một\n\nNội dung.\n".utf8), "in.md")
        #expect(doc.title == "Báo cáo công tác năm 2023")
        #expect(doc.body.hasPrefix("## 1. Mục một"))  // the outermost numbering present is level 2
    }
}

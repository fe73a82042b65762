import Foundation
import LoaCore
import Testing
@testable import LoaImport

/// The real documents in ../shared/source-documents: every field against an expected file written
/// by reading the document, and against the copy already published in Content/documents.
@Suite struct SharedDocumentTests {
    /// Which published copy each source document became.
    static let publishedCopies = [
        "000_638f072508951de4.txt": "bao-cao-ttdn-6-thang-dau-nam-2022-trieu-son.vi.md",
        "001_0287044c10a6c105.txt": "bao-cao-ttdn-6-thang-dau-nam-2023-bach-thong.vi.md",
        "002_134572068d24dabd.txt": "ke-hoach-ttdn-2021-thach-thanh.vi.md",
    ]

    static func importShared(_ name: String) throws -> ImportedDocument {
        let bytes = try #require(FileIO.read(Fixture.sharedDocuments + "/" + name), "missing \(name) in ../shared/source-documents")
        return try DocumentImporter.parse(bytes: bytes, path: name, registry: Fixture.registry)
    }

    @Test func everySharedDocumentHasAnExpectedFileAndAPublishedCopy() {
        #expect(Fixture.sharedDocumentNames.count >= 3)
        for name in Fixture.sharedDocumentNames {
            let stem = String(name.dropLast(4))
            #expect(FileIO.exists(Fixture.expectedFolder + "/" + stem + ".json"), "no Expected/\(stem).json")
            #expect(Self.publishedCopies[name] != nil, "no published copy listed for \(name)")
        }
    }

    @Test(arguments: publishedCopies.keys.sorted())
    func fieldsMatchTheExpectedFile(_ name: String) throws {
        let doc = try Self.importShared(name)
        let stem = String(name.dropLast(4))
        let expectedBytes = try #require(FileIO.read(Fixture.expectedFolder + "/" + stem + ".json"))
        let expected = try JSONSerialization.jsonObject(with: Data(expectedBytes))
        let file = DocumentImporter.documentsFolder + "/" + ContentFileWriter.name(for: doc.title ?? "").name + ".vi.md"
        #expect(try Fixture.canonicalJSON(doc.jsonObject(file: file)) == Fixture.canonicalJSON(expected))
    }

    @Test(arguments: publishedCopies.keys.sorted())
    func metadataAgreesWithThePublishedCopy(_ source: String) throws {
        let doc = try Self.importShared(source)
        let path = "Content/documents/" + Self.publishedCopies[source]!
        let bytes = try #require(FileIO.read(Fixture.repositoryRoot + "/" + path))
        let (item, problems) = ContentLoader.decode(bytes: bytes, path: path, kind: .document, languages: ["vi", "en"], defaultLanguage: "vi")
        #expect(problems.filter { $0.severity == .error }.isEmpty)
        let published = try #require(item)
        let p = try #require(published.document)

        func loose(_ s: String?) -> String? { s.map { VText.collapse($0).lowercased() } }
        #expect(loose(doc.title) == loose(published.title))
        #expect(doc.kind == p.documentKind)
        #expect(doc.number == p.number)
        #expect(doc.date == p.issueDate)
        #expect(doc.place == p.place)
        #expect(doc.issuer == p.issuer)
        #expect(doc.district == published.district)
        #expect(doc.period == p.period)
        #expect(doc.references == p.references)
        #expect(doc.recipientsNote == p.recipientsNote)
        #expect(doc.recipients == p.recipients)
        #expect(doc.signingLines == p.signingLines)
        #expect(doc.signer == p.signer)

        // Nothing lost, nothing invented: the body says the same words in the same order.
        func words(_ markdown: String) -> [String] {
            VText.plain(markdown).split(whereSeparator: { $0.isWhitespace || "#*".contains($0) }).map(String.init)
        }
        #expect(words(doc.body) == words(published.body))
    }

    @Test func theWrittenFileDecodesToTheSameFields() throws {
        for name in Self.publishedCopies.keys.sorted() {
            let doc = try Self.importShared(name)
            let text = DocumentImporter.contentFile(doc)
            let (item, problems) = ContentLoader.decode(bytes: Array(text.utf8), path: "Content/documents/x.vi.md",
                                                        kind: .document, languages: ["vi", "en"], defaultLanguage: "vi")
            #expect(problems.isEmpty, "\(name): \(problems)")
            #expect(text.contains("recipients_note: ") == (doc.recipientsNote != nil))
            let decoded = try #require(item?.document)
            #expect(item?.title == doc.title)
            #expect(decoded.documentKind == doc.kind)
            #expect(decoded.number == doc.number)
            #expect(decoded.issueDate == doc.date)
            #expect(decoded.recipients == doc.recipients)
            #expect(decoded.recipientsNote == doc.recipientsNote)
            #expect(decoded.signingLines == doc.signingLines)
            #expect(item?.body.trimmingCharacters(in: .newlines) == doc.body.trimmingCharacters(in: .newlines))
        }
    }
}

import Foundation
import LoaCore
import Testing
@testable import LoaImport

/// `loa import` writes only inside the site's Content/, whatever links the folder holds.
@Suite struct WritePlaceTests {
    @Test func aDocumentsFolderThatLeadsOutsideContentIsRefused() throws {
        let root = try Fixture.makeSite()
        try Fixture.write(ImporterTests.report, to: root + "/in/a.txt")
        let elsewhere = NSTemporaryDirectory() + "elsewhere-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: root + "/Content/documents")
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/documents", withDestinationPath: elsewhere)
        let outcome = DocumentImporter.run(inputs: ["in/a.txt"], options: .init(siteRoot: root), currentDirectory: root)
        #expect(outcome.written.isEmpty)
        #expect(outcome.errors.contains { $0.message.contains("outside the site's Content/ folder") }, "\(outcome.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
    }
}

import Foundation
import LoaCore
import Testing

/// `loa import` as a person or a script runs it: output, exit status, files.
@Suite struct CommandTests {
    /// The `loa` built beside this test binary (whatever --scratch-path the build used).
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/loa"

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "no loa executable at \(Self.binary): run swift build first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func importWritesThenRefusesToOverwriteAndFailsCleanlyOnBadInput() throws {
        let site = try Fixture.makeSite()
        let source = Fixture.sharedDocuments + "/002_134572068d24dabd.txt"
        let target = site + "/Content/documents/ke-hoach-cong-tac-thong-tin-doi-ngoai-nam-2021.vi.md"

        let dry = try run(["import", "--site", site, "--dry-run", "--format", "json", source])
        #expect(dry.status == 0)
        let objects = try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [[String: Any]]
        #expect(objects?.first?["kind"] as? String == "plan")
        #expect(objects?.first?["not_stated"] as? [String] == ["number", "place", "date"])
        #expect(!FileIO.exists(target))

        let first = try run(["import", "--site", site, source])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("(written)") && first.stdout.contains("not stated in the document: number, place, date"))
        #expect(first.stderr.contains("002_134572068d24dabd.txt:86:1: warning: heading '3.' follows '3.'"))
        #expect(FileIO.exists(target))

        let again = try run(["import", "--site", site, source])
        #expect(again.status == 1)
        #expect(again.stderr.contains("error: Content/documents/ke-hoach-cong-tac-thong-tin-doi-ngoai-nam-2021.vi.md already exists"))

        try Fixture.write("", to: site + "/empty.txt")
        let bad = try run(["import", "--site", site, Fixture.sharedDocuments + "/000_638f072508951de4.txt", site + "/empty.txt"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("empty.txt:1:1: error: the file is empty"))
        #expect(FileIO.list(site + "/Content/documents") == ["ke-hoach-cong-tac-thong-tin-doi-ngoai-nam-2021.vi.md"])
    }

    @Test func aDistrictNotInTheRegistryIsRefusedWithTheLinesToPaste() throws {
        let site = try Fixture.makeSite()
        try Fixture.write(ImporterTests.partyReport, to: site + "/party.txt")
        let refused = try run(["import", "--site", site, site + "/party.txt"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("party.txt:2:1: error: not written: the document names the district 'Quan Hóa', which is not in the site's registry"))
        #expect(refused.stderr.contains("\n" + ImporterTests.quanHoaLines + "\n"))
        #expect(refused.stdout.contains("district: Quan Hóa (not in the site's registry)"))
        #expect(!FileIO.isDirectory(site + "/Content/documents"))
    }
}

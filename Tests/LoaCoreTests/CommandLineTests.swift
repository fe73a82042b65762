import Foundation
import Testing
@testable import LoaCore

/// The `loa` executable as scripts use it: exit status, JSON, quiet output.
@Suite struct CommandLineTests {
    func run(_ arguments: [String], in folder: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = TestSupport.repositoryRoot + "/.build/debug/loa"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "run swift build first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = "true"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func serveStopsOnTermAndInterrupt() throws {
        let binary = TestSupport.repositoryRoot + "/.build/debug/loa"
        for signal in [SIGTERM, SIGINT] {
            let site = TestSupport.site("valid")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--site", site, "--port", "0", "--no-edit"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Serving once it has printed its address.
            var printed = ""
            while !printed.contains("Serving"), process.isRunning {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                printed += String(decoding: chunk, as: UTF8.self)
            }
            #expect(printed.contains("Serving"), "\(printed)")
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning, Date() < deadline { usleep(50_000) }
            let stopped = !process.isRunning
            if !stopped { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            #expect(stopped, "loa serve still ran 30 s after signal \(signal)")
            #expect(stopped && process.terminationStatus == 0)
            // It cleaned up: its private build folder is gone.
            let left = FileIO.list(NSTemporaryDirectory()).filter { $0.hasPrefix("loa-serve-\(process.processIdentifier)-") }
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func buildRefusesAFolderOfOtherFilesUnlessForced() throws {
        let site = TestSupport.site("bilingual")
        let folder = TestSupport.temporaryFolder("deploy")
        TestSupport.write("mine\n", to: folder + "/thesis.txt")
        let refused = try run(["build", "--site", site, "--output", folder])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: \(folder) holds files that Loa did not write (e.g. thesis.txt)"))
        #expect(TestSupport.read(folder + "/thesis.txt") == "mine\n")
        let forced = try run(["build", "--site", site, "--output", folder, "--force-replace"])
        #expect(forced.status == 0)
        #expect(!FileIO.exists(folder + "/thesis.txt") && FileIO.exists(folder + "/index.html"))
        let content = try run(["build", "--site", site, "--output", site + "/Content", "--force-replace"])
        #expect(content.status == 1 && content.stderr.contains("Content/ folder"))
    }

    @Test func checkExitsZeroWithWarningsAndOneWhenStrict() throws {
        let site = TestSupport.site("bilingual")
        let plain = try run(["check", "--site", site])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("check: 0 errors"))
        let strict = try run(["check", "--site", site, "--strict", "--format", "json"])
        #expect(strict.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8)) as? [String: Any]
        #expect(json?["passed"] as? Bool == false)
        #expect((json?["warnings"] as? Int ?? 0) > 0)
        let broken = try run(["check"], in: TestSupport.site("invalid-link"))
        #expect(broken.status == 1 && broken.stdout.contains("error: link to a file that does not exist"))
    }

    @Test func complianceExitsZeroWhateverItFindsUnlessStrict() throws {
        let site = TestSupport.site("bilingual")
        let plain = try run(["check", "--compliance", "--site", site])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("Compliance checklist — "), "\(plain.stdout)")
        #expect(plain.stdout.contains("missing     Name, position, unit, phone and email of the officials to contact [Decree 42/2022/NĐ-CP Art. 4.1.e]"))
        let strict = try run(["check", "--compliance", "--strict", "--format", "json", "--site", site])
        #expect(strict.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8)) as? [String: Any]
        #expect(json?["passed"] as? Bool == false && json?["complete"] as? Bool == false)
        let broken = try run(["check", "--compliance"], in: TestSupport.site("invalid-link"))
        #expect(broken.status == 1 && broken.stdout.contains("error: link to a file that does not exist"))
    }

    @Test func newCreatesTheFileAndRefusesToOverwrite() throws {
        let site = TestSupport.site("valid")
        let first = try run(["new", "press-release", "Họp báo Quý III", "--district", "trieu-son", "--topic", "bao-chi", "--site", site])
        #expect(first.status == 0)
        #expect(first.stdout.contains("Content/press-releases/hop-bao-quy-iii.vi.md"))
        let again = try run(["new", "press-release", "Họp báo Quý III", "--site", site])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        let badKind = try run(["new", "memo", "X", "--site", site])
        #expect(badKind.status == 1 && badKind.stderr.contains("unknown kind 'memo'"))
    }

    @Test func buildInAPipePrintsOnlyTheSummaryAndQuietNothing() throws {
        let site = TestSupport.site("valid")
        let normal = try run(["build", "--site", site])
        #expect(normal.status == 0)
        #expect(normal.stdout.hasPrefix("Built ") && normal.stdout.split(separator: "\n").count == 1)
        #expect(!normal.stderr.contains("rendering"), "no progress lines in a pipe")
        let quiet = try run(["build", "--site", site, "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
        let verbose = try run(["build", "--site", site, "--verbose", "--report", site + "/r.json"])
        #expect(verbose.stderr.contains(" s  rendering"))
        #expect(verbose.stderr.split(separator: "\n").contains { $0.hasPrefix("loa:    0.") && $0.hasSuffix("  reading content") })
        #expect(verbose.stdout.contains("0 added") && verbose.stdout.contains("0 removed"))
    }
}

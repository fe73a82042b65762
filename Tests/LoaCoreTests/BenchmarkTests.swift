import Foundation
import Testing
@testable import LoaCore

/// The benchmark must run and count right; its figures are never asserted (machines are noisy).
@Suite struct BenchmarkTests {
    @Test func benchmarkRunsOnATinyCorpusAndCountsPages() throws {
        let root = TestSupport.repositoryRoot
        let bench = root + "/.build/debug/loa-bench", loa = root + "/.build/debug/loa"
        try #require(FileManager.default.isExecutableFile(atPath: bench) && FileManager.default.isExecutableFile(atPath: loa), "run swift build first")
        try #require(FileManager.default.fileExists(atPath: root + "/../shared/bench/gen_corpus.py"), "../shared/bench is beside the repository")
        let work = TestSupport.temporaryFolder("bench")
        let hugo = ["/usr/bin/hugo", "/usr/local/bin/hugo"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bench)
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.arguments = ["--items", "20", "--runs", "1", "--loa", loa, "--work", work, "--json", work + "/result.json"] + (hugo ? [] : ["--no-hugo"])
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let table = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(table.contains("| 20 | loa |"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work + "/result.json"))) as? [String: Any])
        #expect(json["items"] as? Int == 20)
        // With Pagefind installed (CI installs it), search has a line and figures of its own.
        if Pagefind.locate(environment: ProcessInfo.processInfo.environment) != nil {
            #expect(table.contains("N=20: search: loa --search"))
            let search = try #require(json["search"] as? [String: Double])
            #expect((search["loa_s"] ?? 0) > 0 && (search["loa_rebuild_s"] ?? 0) > 0)
        }
        let figures = try #require(json["loa"] as? [String: Any])
        let html = TestSupport.snapshot(work + "/out-loa-20-1").keys.filter { $0.hasSuffix(".html") }
        #expect(figures["pages"] as? Int == html.count)
        // The generator's split: 20 % documents, 7 % places, 3 % people, the rest press; two languages.
        let press = 20 - (20 * 20 / 100 + 20 * 7 / 100 + 20 * 3 / 100)
        #expect(html.filter { $0.contains("/press-releases/press-") || $0.hasPrefix("press-releases/press-") }.count == 2 * press)
        #expect(((figures["median_s"] as? Double) ?? 0) > 0 && ((figures["max_rss_kb"] as? Int) ?? 0) > 0)
        #expect(((figures["user_s"] as? Double) ?? 0) > 0 && figures["system_s"] is Double, "CPU time from wait4")
        #expect(((json["loa_incremental_s"] as? Double) ?? 0) > 0 && ((json["floor_s"] as? Double) ?? 0) > 0)
        if hugo {
            #expect(((json["hugo"] as? [String: Any])?["pages"] as? Int ?? 0) > 0)
        } else {
            #expect(json["hugo"] is NSNull)
        }
        // The converted site is a valid Loa site: links between items became content links.
        let converted = try String(contentsOfFile: work + "/loa-20/Content/press-releases/press-000001.vi.md", encoding: .utf8)
        #expect(!converted.contains("](/press/") && converted.contains("](../"))
    }
}

import ArgumentParser
import Foundation
import LoaCore

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the portal into Public/ (or --output). On any error nothing is changed.")

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: "Write the portal here instead of Public/ in the site folder.")
    var output: String?

    @Option(name: .customLong("base-url"), help: "Publish for this address instead of base_url in Content/site.yaml.")
    var baseURL: String?

    @Flag(help: "Also publish items marked draft: true.")
    var drafts = false

    @Flag(help: "Also publish items dated after today (scheduled).")
    var future = false

    @Flag(help: "Also publish items whose expiry_date has passed.")
    var expired = false

    @Flag(name: .shortAndLong, help: "Print only problems.")
    var quiet = false

    func run() throws {
        let start = Date()
        do {
            let result = try SiteBuilder.build(.init(siteRoot: siteOptions.siteRoot, output: output, baseURL: baseURL,
                                                  includeDrafts: drafts, includeFuture: future, includeExpired: expired))
            for warning in result.warnings { printError(warning.description) }
            if !quiet {
                let pages = result.pagesPerLanguage.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
                print("Built \(result.filesWritten) files (pages: \(pages)) into \(result.outputPath) in \(seconds) s")
            }
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            printError("build failed: \(count) error\(count == 1 ? "" : "s"); the output folder was not changed")
            throw ExitCode(1)
        }
    }
}


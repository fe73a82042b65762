import ArgumentParser
import Foundation
import LoaCore

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the portal into Public/ (or --output). On any error nothing is changed.")

    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var publication: PublicationOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("output"), help: "Write the portal here instead of Public/ in the site folder.")
    var outputFolder: String?

    @Option(name: .customLong("base-url"), help: "Publish for this address instead of base_url in Content/site.yaml.")
    var baseURL: String?

    @Flag(name: .customLong("force-replace"),
          help: "Replace the output folder even if it holds files Loa did not write. Warning: they are deleted.")
    var forceReplace = false

    @Flag(inversion: .prefixedNo,
          help: "Index the site for search with Pagefind (the default when Pagefind is found), or not, whatever 'search:' in Content/site.yaml says.")
    var search: Bool?

    @Option(help: "Write a JSON report of the files written, changed and removed since the last build.")
    var report: String?

    func run() throws {
        let start = Date()
        let console = Console(quiet: output.quiet, verbose: output.verbose)
        var options = SiteBuilder.Options(siteRoot: siteOptions.siteRoot, output: outputFolder, baseURL: baseURL,
                                          includeDrafts: publication.drafts, includeFuture: publication.future,
                                          includeExpired: publication.expired)
        options.reportPath = report.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
        options.progress = console.progress
        options.freesMemory = false  // the process ends right after
        options.forceReplace = forceReplace
        options.search = search
        do {
            let result = try SiteBuilder.build(options)
            console.clearProgress()
            for warning in result.warnings { console.problem(warning.description) }
            let pages = result.pagesPerLanguage.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
            var line = "Built \(result.filesWritten) files (pages: \(pages)) into \(result.outputPath) in \(seconds) s"
            if let r = result.report {
                line += "; \(r.count(.added)) added, \(r.count(.changed)) changed, \(r.removed.count) removed"
            }
            console.summary(line)
        } catch {
            console.clearProgress()
            for diagnostic in error.diagnostics { console.problem(diagnostic.description) }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            console.problem("build failed: \(count) error\(count == 1 ? "" : "s"); the output folder was not changed")
            throw ExitCode(1)
        }
    }
}

struct PublicationOptions: ParsableArguments {
    @Flag(help: "Also publish items marked draft: true.")
    var drafts = false

    @Flag(help: "Also publish items dated after today (scheduled).")
    var future = false

    @Flag(help: "Also publish items whose expiry_date has passed.")
    var expired = false
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only problems.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print each stage of the build.")
    var verbose = false
}

/// Output that fits where it goes: progress on a terminal, only the summary and problems in a
/// pipe or CI log, only problems with --quiet.
final class Console: Sendable {
    let quiet: Bool
    let verbose: Bool
    let interactive: Bool
    /// Verbose output says when each stage started, to see where a slow build spends its time.
    let start = ContinuousClock.now

    init(quiet: Bool, verbose: Bool) {
        self.quiet = quiet
        self.verbose = verbose
        interactive = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    var progress: @Sendable (String) -> Void {
        { [self] stage in
            if quiet { return }
            if verbose {
                let elapsed = (ContinuousClock.now - start).components
                let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
                printError("loa: \(String(format: "%7.2f s", seconds))  \(stage)")
            } else if interactive {
                FileHandle.standardError.write(Data("\r\u{1B}[2K\(stage)…".utf8))
            }
        }
    }

    func clearProgress() {
        if interactive && !quiet && !verbose { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    func problem(_ line: String) { printError(line) }

    func summary(_ line: String) {
        if !quiet { print(line) }
    }
}

import ArgumentParser
import Foundation
import LoaCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report everything wrong or missing in the site, without writing anything.",
        discussion: "Exit status 0 when there are no errors (warnings allowed unless --strict), 1 otherwise.")

    @OptionGroup var siteOptions: SiteOptions

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(help: "text (default) or json, for scripts.")
    var format: Format = .text

    @Flag(help: "Treat warnings as errors; with --compliance, anything not present.")
    var strict = false

    @Flag(help: "Print the checklist of what Decree 42/2022/NĐ-CP and Decree 09/2017/NĐ-CP ask the portal to carry, per language.")
    var compliance = false

    func run() throws {
        if compliance {
            let report = ComplianceChecklist.check(.init(siteRoot: siteOptions.siteRoot))
            switch format {
            case .text: print(ComplianceChecklist.text(report), terminator: "")
            case .json: print(ComplianceChecklist.json(report, strict: strict), terminator: "")
            }
            if !report.passes(strict: strict) { throw ExitCode(1) }
            return
        }
        let report = SiteChecker.check(.init(siteRoot: siteOptions.siteRoot))
        switch format {
        case .text: print(SiteChecker.text(report), terminator: "")
        case .json: print(SiteChecker.json(report, strict: strict), terminator: "")
        }
        if !report.passes(strict: strict) { throw ExitCode(1) }
    }
}

import ArgumentParser
import Foundation
import LoaCore
import LoaImport

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn official documents (.txt, .md, .docx) into document content files.",
        discussion: """
            Reads each document's kind, number, place and date, title, references, period, issuer, \
            district, recipients and signature, mends the body into Markdown and writes \
            Content/documents/<folded title>.<lang>.md. Fields the document does not state are left \
            out and listed, never guessed. Nothing is written if any input fails, and no file is \
            ever overwritten.
            """)

    @Argument(help: "The documents to import (.txt, .md or .docx).")
    var files: [String] = []

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: "The district (slug or name from Content/site.yaml) when the document does not name it, or names one the site does not list.")
    var district: String?

    @Option(name: .customLong("lang"), help: "Language of the content files (default: the site's first language).")
    var language: String?

    @Flag(name: .customLong("dry-run"), help: "Write nothing; print what was found.")
    var dryRun = false

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "How to print what was found: text or json.")
    var format: Format = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one document to import") }
    }

    func run() throws {
        let outcome = DocumentImporter.run(
            inputs: files,
            options: .init(siteRoot: siteOptions.siteRoot, district: district, language: language, dryRun: dryRun))
        switch format {
        case .json:
            print(DocumentImporter.json(outcome))
        case .text:
            for warning in outcome.warnings { printError(warning.description) }
            for (doc, file) in zip(outcome.documents, outcome.files) { print(Self.summary(doc, file: file, dryRun: dryRun, wrote: outcome.written.contains(file ?? ""))) }
        }
        for error in outcome.errors { printError(error.description) }
        if !outcome.errors.isEmpty {
            let n = outcome.errors.count
            printError("import failed: \(n) error\(n == 1 ? "" : "s"); nothing was written")
            throw ExitCode(1)
        }
    }

    static func summary(_ doc: ImportedDocument, file: String?, dryRun: Bool, wrote: Bool) -> String {
        let target = file ?? "(no file: no title)"
        var out = "\(doc.sourcePath) → \(target)\(wrote ? " (written)" : dryRun ? " (dry run: not written)" : "")\n"
        func row(_ name: String, _ value: String?) { if let value { out += "  \(name): \(value)\n" } }
        func rows(_ name: String, _ values: [String]) { if !values.isEmpty { out += "  \(name):\n" + values.map { "    - \($0)\n" }.joined() } }
        row("kind", doc.kind?.rawValue)
        row("number", doc.number)
        row("place", doc.place)
        row("date", doc.date.map { "\($0) (\($0.day == nil ? "month" : "day"))" })
        row("title", doc.title)
        rows("references", doc.references)
        row("period", doc.period)
        row("issuer", doc.issuer)
        row("district", doc.district ?? doc.unregisteredDistrict.map { "\($0.name) (not in the site's registry)" })
        row("recipients_note", doc.recipientsNote)
        rows("recipients", doc.recipients)
        rows("signing_lines", doc.signingLines)
        row("signer", doc.signer)
        if !doc.notStated.isEmpty { out += "  not stated in the document: \(doc.notStated.joined(separator: ", "))\n" }
        if !doc.warnings.isEmpty { out += "  \(doc.warnings.count) warning\(doc.warnings.count == 1 ? "" : "s") (above)\n" }
        return out
    }
}

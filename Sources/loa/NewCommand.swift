import ArgumentParser
import Foundation
import LoaCore

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a content file with every field of its kind.",
        discussion: """
        Kinds: press-release, document, spokesperson, place, organisation, page. The file is named after the
        folded title (Vietnamese diacritics removed) and starts as a draft. It never overwrites.
        Example: loa new press-release "Họp báo quý III" --district trieu-son --topic bao-chi
        Translation: loa new document "Report …" --lang en --translation-of bao-cao-ttdn-2022
        """)

    @OptionGroup var siteOptions: SiteOptions

    @Argument(help: "press-release, document, spokesperson, place or page.")
    var kind: String

    @Argument(help: "The title, in quotes.")
    var title: String

    @Option(help: "District slug from Content/site.yaml.")
    var district: String?

    @Option(name: .customLong("topic"), help: "Topic slug (repeat for several).")
    var topics: [String] = []

    @Option(help: "Language of the new file (default: the site's first language).")
    var lang: String?

    @Option(name: .customLong("translation-of"), help: "The name of the file this one translates.")
    var translationOf: String?

    func run() throws {
        guard let contentKind = NewContent.kindNames[kind] else {
            printError("loa new: error: unknown kind '\(kind)'; use one of: \(NewContent.kindNames.keys.sorted().joined(separator: ", "))")
            throw ExitCode(1)
        }
        do {
            let path = try NewContent.create(siteRoot: siteOptions.siteRoot, .init(
                kind: contentKind, title: title, district: district, topics: topics, language: lang, translationOf: translationOf))
            print("Created \(path) (a draft: fill in the fields marked 'required', then remove 'draft: true')")
        } catch {
            for d in error.diagnostics { printError(d.description) }
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import Foundation
import LoaCore

@main
struct Loa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loa",
        abstract: "Build the public information portal of a local authority from Markdown.",
        version: "0.1.0",
        subcommands: [Build.self, Check.self, New.self, Serve.self, Import.self],
        defaultSubcommand: Build.self
    )
}

struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder (holding Content/ and Themes/). Default: the current folder.")
    var site: String = "."

    var siteRoot: String {
        let path = site.hasPrefix("/") ? site : FileManager.default.currentDirectoryPath + "/" + site
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

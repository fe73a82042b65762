import Foundation
import LoaCore

/// What the editor's pages are made with, read again for each page so that a change to the
/// configuration or the theme shows at once: the site's configuration, the theme's interface
/// strings in the site's first language (`editor.*`), and the editor's templates, which live in
/// the theme beside its site templates (`Themes/<theme>/editor/`, else the default theme's).
struct EditorSetting {
    var configuration: SiteConfiguration
    var language: String
    var strings: Strings
    var interfaceStrings: TemplateValue
    var templates: TemplateLibrary
    var folder: String

    enum Problem: Error { case site([Diagnostic]) }

    static let templateNames = ["layout", "message", "list", "field", "form", "import"]

    static func load(siteRoot: String) throws(Problem) -> EditorSetting {
        let (configuration, problems) = ConfigurationLoader.load(siteRoot: siteRoot)
        guard let configuration, !problems.hasErrors else { throw .site(problems.errors) }
        let language = configuration.defaultLanguage
        let (theme, themeProblems) = Theme.load(siteRoot: siteRoot, name: configuration.theme, languages: configuration.languages.map(\.code))
        guard let theme, !themeProblems.hasErrors else { throw .site(themeProblems.errors) }
        let values = theme.strings[language] ?? [:]
        guard let folder = editorFolder(siteRoot: siteRoot, theme: configuration.theme) else {
            throw .site([.error(at: SourceLocation(path: "Themes/\(configuration.theme)/editor"), "the theme has no editor templates (Themes/<theme>/editor/, as in the default theme)")])
        }
        var templates = TemplateLibrary()
        for name in templateNames {
            let path = folder + "/" + name + ".mustache"
            guard let bytes = FileIO.read(siteRoot + "/" + path) else {
                throw .site([.error(at: SourceLocation(path: path), "the editor's template '\(name).mustache' is missing")])
            }
            do {
                try templates.register(Folding.nfc(String(decoding: bytes, as: UTF8.self)), named: name)
            } catch {
                throw .site([.error(at: SourceLocation(path: path, line: error.line, column: error.column), "template error: \(error.message)")])
            }
        }
        return EditorSetting(configuration: configuration, language: language, strings: Strings(values: values),
                             interfaceStrings: TemplateValue(interfaceStrings: values), templates: templates, folder: folder)
    }

    /// The first theme of the chain (the site's theme, then its parents) with an `editor/`
    /// folder, else the default theme's.
    static func editorFolder(siteRoot: String, theme: String) -> String? {
        var current: String? = theme
        var seen: Set<String> = []
        while let name = current, !seen.contains(name) {
            seen.insert(name)
            if FileIO.isDirectory(siteRoot + "/Themes/\(name)/editor") { return "Themes/\(name)/editor" }
            current = Theme.parentName(siteRoot: siteRoot, theme: name)
        }
        return FileIO.isDirectory(siteRoot + "/Themes/default/editor") ? "Themes/default/editor" : nil
    }

    func render(_ template: String, _ context: TemplateFields) -> String {
        var context = context
        context["t"] = interfaceStrings
        context["lang"] = .text(language)
        context["site_title"] = .text(configuration.language(language)?.title ?? "")
        return templates.render(template, context: .object(context)) ?? ""
    }
}

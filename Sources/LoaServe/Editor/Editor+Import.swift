import FlyingFox
import Foundation
import LoaCore
import LoaImport

/// Importing a signed document: the uploaded `.docx`, `.txt` or `.md` is read by `loa import`
/// (as `--dry-run`: nothing is written), and what it found fills a new document's form, with
/// what the document does not state and the importer's warnings at their lines, for staff to
/// correct and save.
extension Editor {
    func importPage(_ setting: EditorSetting, errors: [String], language: String) -> String {
        let s = setting.strings
        return setting.render("import", [
            "page_title": .text(s["editor.import_title"]),
            "nav_import": true,
            "token": .text(access.token),
            "file_hint": .text(s.format("editor.import_file_hint", ["size": String(Self.uploadLimit / 1_048_576)])),
            "languages": .list(setting.configuration.languages.map {
                ["value": .text($0.code), "label": .text($0.name), "selected": .bool($0.code == language)]
            }),
            "errors": .list(errors.map { ["text": .text($0)] }),
            "has_errors": .bool(!errors.isEmpty),
        ])
    }

    func importDocument(_ setting: EditorSetting, form: FormBody) -> HTTPResponse {
        let s = setting.strings
        let configuration = setting.configuration
        let language = form.value("lang").flatMap { configuration.language($0)?.code } ?? configuration.defaultLanguage
        guard let upload = form.uploads.first(where: { $0.field == "file" }), !upload.bytes.isEmpty else {
            return page(importPage(setting, errors: [s["editor.upload_missing"]], language: language), status: .unprocessableContent)
        }
        let ext = (upload.fileName.split(separator: ".").last.map(String.init) ?? "").lowercased()
        guard Self.importTypes.contains(ext), upload.bytes.count <= Self.uploadLimit else {
            let refusal = s.format("editor.upload_refused", ["file": upload.fileName, "types": Self.importTypes.map { "." + $0 }.joined(separator: ", "),
                                                              "size": String(Self.uploadLimit / 1_048_576)])
            return page(importPage(setting, errors: [refusal], language: language), status: .unprocessableContent)
        }
        // The importer reads files: the upload goes to a private folder of its own, under its
        // own (folded) name so that warnings name the file staff chose.
        let folder = NSTemporaryDirectory() + "loa-import-\(getpid())-\(UUID().uuidString)"
        defer { FileIO.removeTree(folder) }
        let stem = Folding.slug(String(upload.fileName.dropLast(ext.count + 1)))
        let name = (stem.isEmpty ? "van-ban" : stem) + "." + ext
        do {
            try FileIO.makeDirectories(folder)
            try FileIO.write(upload.bytes, to: folder + "/" + name)
        } catch {
            return page(importPage(setting, errors: ["\(error)"], language: language), status: .internalServerError)
        }
        let outcome = DocumentImporter.run(inputs: [name], options: .init(siteRoot: siteRoot, language: language, dryRun: true),
                                           currentDirectory: folder)
        guard let imported = outcome.documents.first else {
            return page(importPage(setting, errors: outcome.errors.map(\.description), language: language), status: .unprocessableContent)
        }
        let text = DocumentImporter.contentFile(imported)
        guard let document = try? FrontMatterDocument(text: text, path: name, kind: .document) else {
            return page(importPage(setting, errors: outcome.errors.map(\.description), language: language), status: .unprocessableContent)
        }
        let notStated = imported.notStated
        var findings: TemplateFields = [
            "heading": .text(s.format("editor.import_found", ["file": upload.fileName])),
            "messages": .list((outcome.errors + imported.warnings).map { .text($0.description) }),
            "has_messages": .bool(!(outcome.errors + imported.warnings).isEmpty),
        ]
        if !notStated.isEmpty { findings["not_stated"] = .text(s.format("editor.import_not_stated", ["fields": notStated.joined(separator: ", ")])) }
        var state = FormState(kind: .document, language: language, file: nil, isNew: true,
                              action: "/_loa/new?kind=document&lang=\(Self.queryEscaped(language))",
                              title: s["editor.import_result_title"], document: document, version: "new")
        state.importFindings = .object(findings)
        return page(renderForm(setting, state, item: nil))
    }
}

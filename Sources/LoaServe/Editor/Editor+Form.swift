import FlyingFox
import Foundation
import LoaCore

/// Editing a file, creating one (a new item, a translation, an imported document), and the
/// preview of a text: one form, checked by the build before anything is written.
extension Editor {
    struct FormState {
        var kind: ContentKind
        var language: String
        /// The file edited, or the one a new item will be (nil before it has a title).
        var file: String?
        var isNew: Bool
        var action: String
        var title: String
        var document: FrontMatterDocument
        var version: String
        var problems: [Diagnostic] = []
        var bodyFirstLine: Int?
        var previewHTML: String?
        var notice: String?
        var conflict: (text: String, reload: String)?
        var extraRows: [String: Int] = [:]
        var importFindings: TemplateValue?
        var uploadErrors: [String] = []
        /// The item's files in other languages, from the check (language → address).
        var translations: [String: String] = [:]
    }

    // MARK: - Edit

    func edit(_ setting: EditorSetting, file: String, form: FormBody?, notice: String?, rebuild: @Sendable () async -> Void) async -> HTTPResponse {
        let s = setting.strings
        let path: String
        let original: String
        do {
            path = try store.checkedPath(file)
            guard let text = try store.read(path) else { return message(setting, .notFound, "not_found") }
            original = text
        } catch { return message(setting, .forbidden, "not_content") }
        let kind = ContentKind(rawValue: String(path.split(separator: "/")[1]))!
        var document: FrontMatterDocument
        do { document = try FrontMatterDocument(text: original, path: path, kind: kind) } catch {
            return page(setting.render("message", ["page_title": .text(s["editor.status_errors"]),
                                                   "message": .text(error.diagnostics.map(\.description).joined(separator: "\n"))]), status: .unprocessableContent)
        }
        var state = FormState(kind: kind, language: Self.language(ofFile: path, setting), file: path, isNew: false,
                              action: Self.editURL(path), title: "", document: document, version: ContentFileStore.version(of: original))
        guard let form else {
            let check = DraftCheck.check(siteRoot: siteRoot, relativePath: path, text: original, memory: contentMemory)
            state.problems = check.problems
            state.bodyFirstLine = check.item?.bodyFirstLine
            state.translations = check.translations
            state.notice = notice.map { s["editor.\($0)"] }
            return page(renderForm(setting, state, item: check.item))
        }
        state.version = form.value("version") ?? ""
        apply(form, to: &state.document, kind: kind, crlf: original.contains("\r\n"))
        state.uploadErrors = acceptUpload(setting, form, into: &state.document, kind: kind, contentFile: path)
        let action = form.value("action") ?? "save"
        if action.hasPrefix("add:") {
            state.extraRows[String(action.dropFirst(4))] = 1
            return page(renderForm(setting, state, item: nil))
        }
        let text = state.document.text
        let check = DraftCheck.check(siteRoot: siteRoot, relativePath: path, text: text, memory: contentMemory)
        state.problems = check.problems
        state.bodyFirstLine = check.item?.bodyFirstLine
        state.translations = check.translations
        if action == "preview" || check.hasErrors || !state.uploadErrors.isEmpty {
            state.previewHTML = check.bodyHTML
            return page(renderForm(setting, state, item: check.item), status: action == "preview" ? .ok : .unprocessableContent)
        }
        // Nothing changed: the file is left as it is, byte for byte.
        if text != original {
            do {
                try store.save(text, to: path, expected: state.version)
            } catch {
                return refusedSave(setting, error, state: state, item: check.item)
            }
            contentMemory.adopt(siteRoot: siteRoot, relativePath: path, configuration: setting.configuration)
            await rebuild()
        }
        return HTTPResponse(statusCode: .seeOther, headers: [.location: Self.editURL(path) + "&saved=1", .cacheControl: "no-store"])
    }

    // MARK: - New items, translations, imported documents

    func create(_ setting: EditorSetting, query: [String: String], form: FormBody?, rebuild: @Sendable () async -> Void) async -> HTTPResponse {
        let s = setting.strings
        guard let kind = query["kind"].flatMap({ NewContent.kindNames[$0] }) else { return message(setting, .notFound, "not_found") }
        let configuration = setting.configuration
        let language = query["lang"].flatMap { configuration.language($0)?.code } ?? configuration.defaultLanguage
        let original = query["of"].flatMap { $0.isEmpty ? nil : $0 }
        var action = "/_loa/new?kind=\(kind.key)&lang=\(Self.queryEscaped(language))"
        if let original { action += "&of=" + Self.queryEscaped(original) }
        let kindName = s["kinds.\(kind.key).one"]
        let languageName = configuration.language(language)?.name ?? language
        var state = FormState(kind: kind, language: language, file: nil, isNew: true, action: action,
                              title: s.format("editor.new_title", ["kind": kindName]),
                              document: FrontMatterDocument.new(kind: kind, fields: ["draft": .text("true")], body: "\n"), version: "new")

        guard let form else {
            // A translation starts from the original's shared fields and its title, to translate.
            if let original {
                let (loaded, _) = ContentLoader.load(siteRoot: siteRoot, configuration: configuration, useCache: true, memory: contentMemory)
                let source = loaded.items.first { $0.kind == kind && $0.name == original && $0.language == configuration.defaultLanguage }
                    ?? loaded.items.first { $0.kind == kind && $0.name == original }
                guard let source else { return message(setting, .notFound, "not_found") }
                if let draft = try? NewContent.draft(siteRoot: siteRoot, .init(kind: kind, title: source.title, language: language, translationOf: original),
                                                    memory: contentMemory),
                   let document = try? FrontMatterDocument(text: draft.text, path: draft.relativePath, kind: kind) {
                    state.document = document
                    state.document.body = "\n"
                    state.file = draft.relativePath
                }
                state.title = s.format("editor.translation_title", ["language": languageName, "title": source.title])
            }
            return page(renderForm(setting, state, item: nil))
        }

        var posted = FrontMatterDocument.new(kind: kind, fields: [:], body: "")
        apply(form, to: &posted, kind: kind, crlf: false)
        let title = posted.value(of: "title").flatMap { if case .text(let t) = $0 { t } else { nil } } ?? ""
        if let original { state.title = s.format("editor.translation_title", ["language": languageName, "title": title]) }
        // The file `loa new` would make for this title; its fields, then what the form says.
        var target: String?
        if !title.isEmpty {
            do {
                let draft = try NewContent.draft(siteRoot: siteRoot, .init(kind: kind, title: title, language: language, translationOf: original),
                                                 memory: contentMemory)
                state.document = try FrontMatterDocument(text: draft.text, path: draft.relativePath, kind: kind)
                target = draft.relativePath
            } catch {
                state.problems = error.diagnostics
            }
        }
        state.file = target
        apply(form, to: &state.document, kind: kind, crlf: false)
        let checkedPath = target ?? "Content/\(kind.folder)/\(Self.provisionalName).\(language).md"
        if let target { state.uploadErrors = acceptUpload(setting, form, into: &state.document, kind: kind, contentFile: target) }
        let formAction = form.value("action") ?? "save"
        if formAction.hasPrefix("add:") {
            state.extraRows[String(formAction.dropFirst(4))] = 1
            state.problems = []
            return page(renderForm(setting, state, item: nil))
        }
        let text = state.document.text
        let check = DraftCheck.check(siteRoot: siteRoot, relativePath: checkedPath, text: text, memory: contentMemory)
        state.problems += check.problems
        state.bodyFirstLine = check.item?.bodyFirstLine
        if formAction == "preview" || target == nil || state.problems.contains(where: { $0.severity == .error }) || !state.uploadErrors.isEmpty {
            state.previewHTML = check.bodyHTML
            return page(renderForm(setting, state, item: check.item), status: formAction == "preview" ? .ok : .unprocessableContent)
        }
        do {
            try store.save(text, to: target!, expected: "new")
        } catch {
            return refusedSave(setting, error, state: state, item: check.item)
        }
        await rebuild()
        return HTTPResponse(statusCode: .seeOther, headers: [.location: Self.editURL(target!) + "&created=1", .cacheControl: "no-store"])
    }

    /// The name a new item is checked under before it has a title (never written).
    static let provisionalName = "loa-new-item"

    /// A save the store refused: the file changed meanwhile (the form stays as typed, with the
    /// newer text beside it), a new file's name is taken, or the file system said no.
    func refusedSave(_ setting: EditorSetting, _ refusal: ContentFileStore.Refusal, state: FormState, item: ContentItem?) -> HTTPResponse {
        var state = state
        let s = setting.strings
        let location = SourceLocation(path: state.file ?? "Content")
        switch refusal {
        case .changedOnDisk(let current):
            state.conflict = (current, Self.editURL(state.file ?? ""))
            return page(renderForm(setting, state, item: item), status: .conflict)
        case .exists(let file):
            state.problems.append(.error(at: location, s.format("editor.exists", ["file": file])))
        case .notContent:
            return message(setting, .forbidden, "not_content")
        case .failed(let why):
            state.problems.append(.error(at: location, why))
        }
        return page(renderForm(setting, state, item: item), status: .conflict)
    }

    // MARK: - The text's preview

    func preview(_ setting: EditorSetting, file: String, kind: String?, form: FormBody) -> HTTPResponse {
        let body = (form.value("body") ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        var path: String
        var document: FrontMatterDocument
        if let checked = try? store.checkedPath(file), let text = try? store.read(checked),
           let existing = try? FrontMatterDocument(text: text, path: checked) {
            path = checked
            document = existing
        } else {
            let k = kind.flatMap { NewContent.kindNames[$0] } ?? .page
            path = "Content/\(k.folder)/\(Self.provisionalName).\(setting.language).md"
            document = FrontMatterDocument.new(kind: k, fields: ["title": .text("-")], body: "")
        }
        document.body = body
        let check = DraftCheck.check(siteRoot: siteRoot, relativePath: path, text: document.text, memory: contentMemory)
        return HTTPResponse(statusCode: .ok, headers: Self.securityHeaders.merging([.contentType: "text/html; charset=utf-8"]) { a, _ in a },
                            body: Data(check.bodyHTML.utf8))
    }

    // MARK: - Reading the form

    /// The posted fields and text, set into the document (each unchanged field keeps its lines).
    func apply(_ form: FormBody, to document: inout FrontMatterDocument, kind: ContentKind, crlf: Bool) {
        for (key, value) in EditorForm.values(kind: kind, posted: form.fields).sorted(by: { $0.key < $1.key }) {
            document.set(key, value, kind: kind)
        }
        if var body = form.value("body") {
            body = body.replacingOccurrences(of: "\r\n", with: "\n")
            // The text starts on the line after the closing '---', as `loa new` writes it.
            if !body.hasPrefix("\n") { body = "\n" + body }
            if !body.hasSuffix("\n") { body += "\n" }
            if crlf { body = body.replacingOccurrences(of: "\n", with: "\r\n") }
            // A body that reads the same (blank lines at its ends aside) keeps its bytes.
            if Self.sameText(body, document.body) == false { document.body = body }
        }
    }

    static func sameText(_ a: String, _ b: String) -> Bool {
        func trimmed(_ s: String) -> String { s.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines) }
        return trimmed(a) == trimmed(b)
    }

    /// A document's attachment uploaded with the form: stored beside the content file
    /// (`files/<name>`, never over another file) and added to its `attachments`.
    func acceptUpload(_ setting: EditorSetting, _ form: FormBody, into document: inout FrontMatterDocument, kind: ContentKind, contentFile: String) -> [String] {
        guard kind == .document, let upload = form.uploads.first(where: { $0.field == "upload" }) else { return [] }
        let s = setting.strings
        let ext = (upload.fileName.split(separator: ".").last.map(String.init) ?? "").lowercased()
        let refusal = s.format("editor.upload_refused", ["file": upload.fileName, "types": Self.attachmentTypes.joined(separator: ", "),
                                                          "size": String(Self.uploadLimit / 1_048_576)])
        guard !upload.bytes.isEmpty else { return [s["editor.upload_missing"]] }
        guard Self.attachmentTypes.contains(ext), upload.bytes.count <= Self.uploadLimit else { return [refusal] }
        let stem = Folding.slug(String(upload.fileName.dropLast(ext.count + 1)))
        let folder = FileIO.parentPath(contentFile) + "/files"
        var chosen: String?
        for n in 1...99 {
            let name = (stem.isEmpty ? "tep" : stem) + (n == 1 ? "" : "-\(n)") + "." + ext
            do {
                try store.saveNew(upload.bytes, to: folder + "/" + name)
                chosen = name
                break
            } catch .exists {
                continue
            } catch {
                return [refusal]
            }
        }
        guard let chosen else { return [refusal] }
        var rows: [[String: FieldValue]] = []
        if case .records(let existing)? = document.value(of: "attachments") { rows = existing }
        let title = form.value("upload_title").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } ?? upload.fileName
        rows.append(["title": .text(Folding.nfc(title)), "file": .text("files/" + chosen)])
        document.set("attachments", .records(rows), kind: kind)
        return []
    }

    static func language(ofFile path: String, _ setting: EditorSetting) -> String {
        let parts = path.split(separator: "/").last.map { $0.split(separator: ".") } ?? []
        if parts.count >= 3, setting.configuration.language(String(parts[parts.count - 2])) != nil { return String(parts[parts.count - 2]) }
        return setting.configuration.defaultLanguage
    }

    // MARK: - The page

    func renderForm(_ setting: EditorSetting, _ state: FormState, item: ContentItem?) -> String {
        let s = setting.strings
        let configuration = setting.configuration
        let placed = EditorFormView.place(state.problems.filter { $0.severity == .error }, document: state.document,
                                          bodyFirstLine: state.bodyFirstLine, kind: state.kind)
        var view = EditorFormView(setting: setting)
        view.extraRows = state.extraRows
        for (key, problems) in placed { view.errors[key] = problems.map(\.message) }
        let formFields = EditorForm.fields(kind: state.kind, document: state.document, configuration: configuration, language: setting.language)
        let byKey = Dictionary(formFields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let knownKeys = Set(byKey.keys)
        func fieldAnchor(_ key: String) -> String { byKey[key].map(view.firstControl) ?? EditorFormView.id(key) }
        // The summary lists every error, each linked to its field.
        var summary: [TemplateValue] = []
        for (key, problems) in placed.sorted(by: { ($0.value.first?.location ?? SourceLocation(path: "")) < ($1.value.first?.location ?? SourceLocation(path: "")) }) {
            let anchor = key == "body" ? "f-body" : knownKeys.contains(key) ? fieldAnchor(key) : "f-title"
            for p in problems { summary.append(["anchor": .text(anchor), "text": .text(p.message)]) }
        }
        for text in state.uploadErrors { summary.append(["anchor": "f-upload", "text": .text(text)]) }
        let warnings: [TemplateValue] = EditorFormView.fieldKeys(state.problems.filter { $0.severity != .error }, document: state.document,
                                                                 bodyFirstLine: state.bodyFirstLine, kind: state.kind).map { key, p in
            var w: TemplateFields = ["text": .text(p.message)]
            if key == "body" { w["anchor"] = "f-body" } else if knownKeys.contains(key) { w["anchor"] = .text(fieldAnchor(key)) }
            return .object(w)
        }
        let pageTitle: String
        if state.isNew {
            pageTitle = state.title
        } else {
            let title = item?.title ?? state.file ?? ""
            pageTitle = s.format("editor.edit_title", ["kind": s["kinds.\(state.kind.key).one"].lowercased(), "title": title])
        }
        var context: TemplateFields = [
            "page_title": .text(pageTitle),
            "action": .text(state.action),
            "token": .text(access.token),
            "version": .text(state.version),
            "kind": .text(state.kind.key),
            "fields": .list(view.fields(formFields)),
            "errors": .list(summary),
            "has_errors": .bool(!summary.isEmpty),
            "warnings": .list(warnings),
            "has_warnings": .bool(!warnings.isEmpty),
        ]
        if let file = state.file, !state.isNew {
            context["file"] = .text(file)
            if let item {
                let exclusion = PublicationPolicy(today: PublicationPolicy.today(at: configuration.timeZone)).exclusion(of: item)
                if let url = Self.previewURL(of: item, exclusion: exclusion, configuration) { context["view_url"] = .text(url) }
                let have = Set(state.translations.keys).union([item.language])
                context["translations"] = Self.translationLinks(item, missing: configuration.languages.map(\.code).filter { !have.contains($0) }, setting)
            }
        }
        if let notice = state.notice { context["notice"] = .text(notice) }
        if let conflict = state.conflict {
            context["conflict"] = ["text": .text(conflict.text), "reload_url": .text(conflict.reload), "file": .text(state.file ?? "")]
        }
        if let findings = state.importFindings { context["import_findings"] = findings }
        if let html = state.previewHTML, !html.isEmpty { context["preview_html"] = .text(html) }
        let bodyErrors = view.errors["body"] ?? []
        context["body"] = [
            "value": .text(Self.bodyForTextarea(state.document.body)),
            "errors": .list(bodyErrors.enumerated().map { ["n": .int($0.offset + 1), "text": .text($0.element)] }),
            "has_error": .bool(!bodyErrors.isEmpty),
            "described_by": .text((["f-body-hint"] + bodyErrors.indices.map { "f-body-error-\($0 + 1)" }).joined(separator: " ")),
        ]
        if state.kind == .document {
            context["upload"] = [
                "hint": .text(s.format("editor.upload_attachment_hint", ["size": String(Self.uploadLimit / 1_048_576)])),
                "accept": .text(Self.attachmentTypes.map { "." + $0 }.joined(separator: ",")),
                "errors": .list(state.uploadErrors.enumerated().map { ["n": .int($0.offset + 1), "text": .text($0.element)] }),
            ]
        }
        let unknown = state.document.unknownKeys
        if !unknown.isEmpty { context["unknown_fields"] = .text(s.format("editor.unknown_fields", ["fields": unknown.joined(separator: ", ")])) }
        return setting.render("form", context)
    }

    /// The text as the textarea shows it: without the line break that follows the closing
    /// '---' (the form puts it back), so that an unchanged text is posted back the same.
    static func bodyForTextarea(_ body: String) -> String {
        var text = body.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\n") { text.removeFirst() }
        return text
    }
}

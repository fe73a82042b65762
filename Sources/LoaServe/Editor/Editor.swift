import FlyingFox
import Foundation
import LoaCore
import LoaImport

/// The editor of `loa serve`, under `/_loa/`: staff publish without writing YAML.
///
/// Pages are forms made on the server, which work without JavaScript (GOV.UK's pattern: an
/// error summary linked to each field, the error beside the field). The editor is a client of
/// the build: the form of a kind is `EditorForm`'s, made from `ContentSchema`; a new file is the
/// one `loa new` makes; a file is checked by `DraftCheck` (the build's own stages and
/// messages) before it is written, written by `FrontMatterDocument` (which keeps every line it
/// does not change) through `ContentFileStore` (inside `Content/`, in one step, never over a
/// version the editor did not see); documents are read by `loa import`'s `DocumentImporter`.
struct Editor: Sendable {
    let siteRoot: String
    let access: EditorAccess
    /// The site's content as last loaded: a check or a list while nothing changed reads no file.
    let contentMemory = ContentMemory()
    let listKeys = ListKeys()
    /// Uploads larger than this are refused before they are read.
    static let uploadLimit = 20 * 1024 * 1024
    /// What may be uploaded as a document's attachment, and as a document to import.
    static let attachmentTypes = ["pdf", "docx", "doc", "odt", "xlsx", "png", "jpg", "jpeg", "webp", "gif"]
    static let importTypes = ["docx", "txt", "md"]

    var store: ContentFileStore { ContentFileStore(siteRoot: siteRoot) }

    /// `rebuild` makes the preview follow a save before the editor answers.
    func handle(_ request: HTTPRequest, port: UInt16, rebuild: @Sendable () async -> Void) async -> HTTPResponse {
        let path = request.path
        if path == "/_loa/assets/editor.css" || path == "/_loa/assets/editor.js" { return asset(String(path.dropFirst("/_loa/assets/".count))) }
        let setting: EditorSetting
        do { setting = try EditorSetting.load(siteRoot: siteRoot) } catch {
            guard case .site(let problems) = error else { return plain(.internalServerError, "editor unavailable") }
            return plain(.internalServerError, "The editor cannot start: the site has errors.\n" + problems.map(\.description).joined(separator: "\n"))
        }
        guard EditorAccess.isLocalHost(request, port: port) else { return message(setting, .forbidden, "refused") }
        // The address printed by `loa serve` signs the browser in, then drops the token from the address bar.
        if request.method == .GET, path == "/_loa/" || path == "/_loa",
           let given = request.query.first(where: { $0.name == "token" })?.value {
            guard EditorAccess.same(given, access.token) else { return message(setting, .forbidden, "forbidden") }
            return HTTPResponse(statusCode: .seeOther, headers: [.location: "/_loa/", .setCookie: access.cookie, .cacheControl: "no-store"])
        }
        guard access.isSignedIn(request) else { return message(setting, .forbidden, "forbidden") }
        let query = Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })

        var form = FormBody()
        if request.method == .POST {
            if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.uploadLimit + 1_000_000 {
                return message(setting, HTTPStatusCode(413, phrase: "Content Too Large"), "refused")
            }
            guard let data = try? await request.bodyData, data.count <= Self.uploadLimit + 1_000_000,
                  let parsed = try? FormBody.parse(Array(data), contentType: request.headers[.contentType] ?? "") else {
                return message(setting, .badRequest, "refused")
            }
            form = parsed
            guard access.mayWrite(request, port: port, formToken: form.value("token")) else { return message(setting, .forbidden, "refused") }
        } else if request.method != .GET && request.method != .HEAD {
            return plain(.methodNotAllowed, "GET, HEAD or POST")
        }

        switch (request.method, path) {
        case (.GET, "/_loa/"), (.GET, "/_loa"), (.HEAD, "/_loa/"):
            return page(list(setting, query: query))
        case (.GET, "/_loa/edit"):
            return await edit(setting, file: query["file"] ?? "", form: nil, notice: query["saved"] != nil ? "saved" : query["created"] != nil ? "created" : nil, rebuild: rebuild)
        case (.POST, "/_loa/edit"):
            return await edit(setting, file: query["file"] ?? "", form: form, notice: nil, rebuild: rebuild)
        case (.GET, "/_loa/new"), (.POST, "/_loa/new"):
            return await create(setting, query: query, form: request.method == .POST ? form : nil, rebuild: rebuild)
        case (.GET, "/_loa/import"):
            return page(importPage(setting, errors: [], language: setting.language))
        case (.POST, "/_loa/import"):
            return importDocument(setting, form: form)
        case (.POST, "/_loa/preview"):
            return preview(setting, file: query["file"] ?? "", kind: query["kind"], form: form)
        default:
            return message(setting, .notFound, "not_found")
        }
    }

    // MARK: - Responses

    func page(_ html: String, status: HTTPStatusCode = .ok) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: Self.securityHeaders.merging([.contentType: "text/html; charset=utf-8"]) { a, _ in a },
                     body: Data(html.utf8))
    }

    /// Editor pages load nothing from another host, and no other site may frame them.
    /// `same-origin`, not `no-referrer`: under `no-referrer` a browser posts forms with
    /// `Origin: null`, which the same-origin check must refuse (found in headless Chromium).
    static let securityHeaders: [HTTPHeader: String] = [
        .cacheControl: "no-store",
        HTTPHeader("Content-Security-Policy"): "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        HTTPHeader("X-Content-Type-Options"): "nosniff",
        HTTPHeader("Referrer-Policy"): "same-origin",
    ]

    func plain(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data((text + "\n").utf8))
    }

    func message(_ setting: EditorSetting, _ status: HTTPStatusCode, _ key: String) -> HTTPResponse {
        let s = setting.strings
        let (title, text): (String, String) = switch key {
        case "forbidden": (s["editor.forbidden_title"], s["editor.forbidden_text"])
        case "refused": (s["editor.refused_title"], s["editor.refused_text"])
        case "not_content": (s["editor.refused_title"], s["editor.not_content"])
        default: (s["editor.not_found"], s["editor.not_found"])
        }
        return page(setting.render("message", ["page_title": .text(title), "message": .text(text)]), status: status)
    }

    func asset(_ name: String) -> HTTPResponse {
        let theme = ConfigurationLoader.load(siteRoot: siteRoot).0?.theme ?? "default"
        guard let folder = EditorSetting.editorFolder(siteRoot: siteRoot, theme: theme),
              let bytes = FileIO.read(siteRoot + "/" + folder + "/" + name) else { return plain(.notFound, "404 Not Found") }
        let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: Data(bytes))
    }
}

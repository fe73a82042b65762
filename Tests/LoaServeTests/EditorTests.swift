import Foundation
import Testing
@testable import LoaCore
@testable import LoaServe

/// One HTTP exchange over a loopback socket, on a thread of its own (see `rawGET`).
struct Exchange {
    var status: Int
    var headers: [String: String]
    var body: String
}

func rawRequest(port: UInt16, _ method: String, _ target: String, headers: [String: String] = [:], body: [UInt8] = []) async throws -> Exchange {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try blockingRequest(port: port, method, target, headers: headers, body: body) })
        }
    }
}

func blockingRequest(port: UInt16, _ method: String, _ target: String, headers: [String: String], body: [UInt8]) throws -> Exchange {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var timeout = timeval(tv_sec: 120, tv_usec: 0)  // a loaded two-core machine
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    var head = "\(method) \(target) HTTP/1.1\r\nConnection: close\r\n"
    var all = headers
    if all["Host"] == nil { all["Host"] = "127.0.0.1:\(port)" }
    if !body.isEmpty || method == "POST" { all["Content-Length"] = String(body.count) }
    for (k, v) in all.sorted(by: { $0.key < $1.key }) { head += "\(k): \(v)\r\n" }
    let bytes = Array((head + "\r\n").utf8) + body
    var sent = 0
    while sent < bytes.count {
        let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw POSIXError(.EIO) }
        sent += n
    }
    var data = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        data += buffer[0..<n]
    }
    let text = String(decoding: data, as: UTF8.self)
    let parts = text.components(separatedBy: "\r\n\r\n")
    let headLines = (parts.first ?? "").components(separatedBy: "\r\n")
    let status = Int(headLines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
    var responseHeaders: [String: String] = [:]
    for line in headLines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        responseHeaders[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return Exchange(status: status, headers: responseHeaders, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
}

/// The name/value pairs a browser sends for the first form of a page with `id="…"`-less forms:
/// text and hidden inputs, checked checkboxes, textareas (less the line break after the start
/// tag, as browsers read it) and the selected option of each select, in document order.
func browserFields(_ html: String, form index: Int = 0) -> [(name: String, value: String)] {
    let forms = html.components(separatedBy: "<form").dropFirst()
    guard index < forms.count else { return [] }
    let form = String(forms[forms.index(forms.startIndex, offsetBy: index)].components(separatedBy: "</form>")[0])
    let pattern = #"<input([^>]*)>|<textarea([^>]*)>([\s\S]*?)</textarea>|<select([^>]*)>([\s\S]*?)</select>"#
    let regex = try! NSRegularExpression(pattern: pattern)
    func attribute(_ name: String, _ tag: String) -> String? {
        let r = try! NSRegularExpression(pattern: "\\s\(name)=\"([^\"]*)\"")
        guard let m = r.firstMatch(in: tag, range: NSRange(tag.startIndex..., in: tag)) else { return nil }
        return unescape(String(tag[Range(m.range(at: 1), in: tag)!]))
    }
    func has(_ name: String, _ tag: String) -> Bool { tag.range(of: "\\s\(name)(\\s|=|>|$)", options: .regularExpression) != nil }
    var fields: [(String, String)] = []
    for m in regex.matches(in: form, range: NSRange(form.startIndex..., in: form)) {
        func group(_ i: Int) -> String? { Range(m.range(at: i), in: form).map { String(form[$0]) } }
        if let tag = group(1) {
            guard let name = attribute("name", tag) else { continue }
            let type = attribute("type", tag) ?? "text"
            if type == "file" || type == "submit" { continue }
            if type == "checkbox" && !has("checked", tag) { continue }
            fields.append((name, attribute("value", tag) ?? (type == "checkbox" ? "on" : "")))
        } else if let tag = group(2), let content = group(3) {
            guard let name = attribute("name", tag) else { continue }
            var value = unescape(content)
            if value.hasPrefix("\n") { value.removeFirst() }
            fields.append((name, value))
        } else if let tag = group(4), let options = group(5) {
            guard let name = attribute("name", tag) else { continue }
            let optionRegex = try! NSRegularExpression(pattern: #"<option([^>]*)>"#)
            var chosen = ""
            var first: String?
            for o in optionRegex.matches(in: options, range: NSRange(options.startIndex..., in: options)) {
                let attrs = String(options[Range(o.range(at: 1), in: options)!])
                let value = attribute("value", attrs) ?? ""
                if first == nil { first = value }
                if has("selected", attrs) { chosen = value }
            }
            fields.append((name, has("selected", options) ? chosen : (first ?? "")))
        }
    }
    return fields
}

func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&#10;", with: "\n")
        .replacingOccurrences(of: "&amp;", with: "&")
}

/// A `multipart/form-data` body as a browser sends a form with a file input.
func multipart(_ fields: [(name: String, value: String)], files: [(field: String, name: String, type: String, bytes: [UInt8])] = []) -> (contentType: String, body: [UInt8]) {
    let boundary = "----loa-test-\(UUID().uuidString)"
    var body: [UInt8] = []
    for (name, value) in fields {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n".utf8)
        body += Array(value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8) + [13, 10]
    }
    for file in files {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
        body += file.bytes + [13, 10]
    }
    body += Array("--\(boundary)--\r\n".utf8)
    return ("multipart/form-data; boundary=\(boundary)", body)
}

@Suite(.serialized) struct EditorTests {
    /// A started server on a copy of the `valid` fixture, signed in: `cookie` goes with each request.
    struct Session {
        var server: PreviewServer
        var port: UInt16
        var site: String
        var cookie: String
        var token: String

        var origin: String { "http://127.0.0.1:\(port)" }

        func get(_ target: String) async throws -> Exchange {
            try await rawRequest(port: port, "GET", target, headers: ["Cookie": cookie])
        }

        /// Posts a form as the editor's own page would: same origin, its cookie, the token in the form.
        func post(_ target: String, _ fields: [(name: String, value: String)], files: [(field: String, name: String, type: String, bytes: [UInt8])] = [],
                  origin: String? = nil, cookie: String? = nil) async throws -> Exchange {
            let (type, body) = multipart(fields, files: files)
            var headers = ["Content-Type": type, "Cookie": cookie ?? self.cookie]
            headers["Origin"] = origin ?? self.origin
            if origin == "" { headers["Origin"] = nil }
            return try await rawRequest(port: port, "POST", target, headers: headers, body: body)
        }

        /// The form of a page, as a browser would send it, with some fields changed.
        func fields(of page: Exchange, changing changes: [String: String] = [:]) -> [(name: String, value: String)] {
            var fields = browserFields(page.body)
            for (name, value) in changes {
                if let i = fields.firstIndex(where: { $0.name == name }) { fields[i].value = value } else { fields.append((name, value)) }
            }
            return fields
        }

        func read(_ relative: String) -> String? { try? String(contentsOfFile: site + "/" + relative, encoding: .utf8) }
    }

    func withSession(_ body: (Session) async throws -> Void) async throws {
        let site = try PreviewServerTests().site()
        var options = PreviewServer.Options(siteRoot: site, port: 0)
        options.pollInterval = 0.2
        let server = PreviewServer(options)
        try await server.start()
        let port = await server.port
        do {
            let url = try #require(await server.editorURL)
            let token = String(url.split(separator: "=").last!)
            let signIn = try await rawRequest(port: port, "GET", "/_loa/?token=\(token)")
            #expect(signIn.status == 303)
            let cookie = try #require(signIn.headers["set-cookie"]).split(separator: ";")[0]
            #expect(signIn.headers["set-cookie"]?.contains("HttpOnly") == true && signIn.headers["set-cookie"]?.contains("SameSite=Strict") == true)
            try await body(Session(server: server, port: port, site: site, cookie: String(cookie), token: token))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static let release = "Content/press-releases/ra-mat-chuyen-muc.vi.md"

    @Test func theListShowsEveryItemWithItsStatusAndFilters() async throws {
        try await withSession { s in
            let list = try await s.get("/_loa/")
            #expect(list.status == 200)
            #expect(list.body.contains("Ra mắt chuyên mục người phát ngôn"))
            #expect(list.body.contains("href=\"/_loa/edit?file=Content/press-releases/ra-mat-chuyen-muc.vi.md\""))
            #expect(list.body.contains("href=\"/press-releases/ra-mat-chuyen-muc/\""), "a link to the page in the preview")
            let documents = try await s.get("/_loa/?kind=document")
            #expect(documents.body.contains("Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2022"))
            #expect(!documents.body.contains("Ra mắt chuyên mục người phát ngôn"))
            let district = try await s.get("/_loa/?district=bach-thong")
            #expect(!district.body.contains("Ra mắt chuyên mục người phát ngôn"))
        }
    }

    @Test func theListIsFoundByWordsTypedWithoutAccentsByStatusAndInPages() async throws {
        try await withSession { s in
            // Words of the title, typed without accents, in any order.
            let found = try await s.get("/_loa/?q=nguoi+phat+ngon+ra+mat")
            #expect(found.body.contains("Ra mắt chuyên mục người phát ngôn"))
            #expect(!found.body.contains("Tin cũ nhất") && !found.body.contains(">Tin cũ<"))
            #expect(found.body.contains("value=\"nguoi phat ngon ra mat\""), "the words stay in the box")
            let draft = "Content/press-releases/ban-nhap.vi.md"
            try "---\ntitle: Bản nháp chưa đăng\ndate: 2024-05-02\ndistrict: bach-thong\nsummary: Chưa đăng.\ndraft: true\n---\n\nNội dung.\n"
                .write(toFile: s.site + "/" + draft, atomically: true, encoding: .utf8)
            let drafts = try await s.get("/_loa/?status=draft")
            #expect(drafts.body.contains("Bản nháp chưa đăng") && !drafts.body.contains("Ra mắt chuyên mục người phát ngôn"))
            // A large portal: fifty rows a page, the filters kept on the other pages' links.
            let existing = try await s.get("/_loa/?kind=press-release")
            for n in 1...Editor.listPageSize {
                try "---\ntitle: Tin số \(n)\ndate: 2024-01-01\ndistrict: bach-thong\nsummary: Tin.\n---\n\nNội dung.\n"
                    .write(toFile: s.site + "/Content/press-releases/tin-so-\(n).vi.md", atomically: true, encoding: .utf8)
            }
            let rowCount = { (page: String) in page.components(separatedBy: "<th scope=\"row\">").count - 1 }
            let total = rowCount(existing.body) + Editor.listPageSize
            let first = try await s.get("/_loa/?kind=press-release")
            #expect(rowCount(first.body) == Editor.listPageSize)
            #expect(first.body.contains("Mục 1–\(Editor.listPageSize) trong \(total) mục"), "\(first.body.prefix(3000))")
            #expect(first.body.contains("href=\"/_loa/?kind=press-release&amp;page=2\" rel=\"next\""))
            let second = try await s.get("/_loa/?kind=press-release&page=2")
            #expect(rowCount(second.body) == total - Editor.listPageSize)
            #expect(second.body.contains("href=\"/_loa/?kind=press-release\" rel=\"prev\""))
            #expect(!second.body.contains("rel=\"next\""))
        }
    }

    @Test func withoutTheTokenNothingIsShownOrWritten() async throws {
        try await withSession { s in
            let before = s.read(Self.release)
            // No cookie: refused, for reading too.
            let anonymous = try await rawRequest(port: s.port, "GET", "/_loa/edit?file=\(Self.release)")
            #expect(anonymous.status == 403)
            #expect(!anonymous.body.contains("Ra mắt chuyên mục"))
            let wrongToken = try await rawRequest(port: s.port, "GET", "/_loa/?token=0000")
            #expect(wrongToken.status == 403 && wrongToken.headers["set-cookie"] == nil)
            let form = try await s.get("/_loa/edit?file=\(Self.release)")
            let fields = s.fields(of: form, changing: ["title": "Đã bị sửa"])
            // A writing request from another origin, without an origin, without the form's token, without the cookie.
            #expect(try await s.post("/_loa/edit?file=\(Self.release)", fields, origin: "http://evil.example").status == 403)
            #expect(try await s.post("/_loa/edit?file=\(Self.release)", fields, origin: "").status == 403)
            #expect(try await s.post("/_loa/edit?file=\(Self.release)", fields.map { $0.name == "token" ? ($0.name, "x") : $0 }).status == 403)
            #expect(try await s.post("/_loa/edit?file=\(Self.release)", fields, cookie: "loa_editor=x").status == 403)
            // A name that is not this server (DNS rebinding).
            let rebound = try await rawRequest(port: s.port, "GET", "/_loa/", headers: ["Cookie": s.cookie, "Host": "attacker.example:\(s.port)"])
            #expect(rebound.status == 403)
            #expect(s.read(Self.release) == before)
        }
    }

    @Test func pathsOutsideContentAreRefusedEncodedOrThroughALink() async throws {
        try await withSession { s in
            let outside = NSTemporaryDirectory() + "loa-outside-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try "---\ntitle: Bí mật\n---\n".write(toFile: outside + "/secret.vi.md", atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: s.site + "/Content/pages/link", withDestinationPath: outside)
            try FileManager.default.createSymbolicLink(atPath: s.site + "/Content/pages/file-link.vi.md", withDestinationPath: outside + "/secret.vi.md")
            for target in ["Content/../Content/site.yaml", "Content/pages/../../secret.md", "Content%2F..%2F..%2Fetc%2Fpasswd",
                           "Content/pages/%2e%2e/%2e%2e/x.md", "/etc/passwd", "Content/site.yaml", "Themes/default/theme.yaml",
                           "Content/pages/link/secret.vi.md", "Content/pages/file-link.vi.md"] {
                let read = try await s.get("/_loa/edit?file=\(target)")
                #expect(read.status == 403, "\(target): \(read.status)")
                #expect(!read.body.contains("Bí mật"), "\(target)")
                let form = try await s.get("/_loa/edit?file=\(Self.release)")
                let write = try await s.post("/_loa/edit?file=\(target)", s.fields(of: form))
                #expect(write.status == 403, "\(target): \(write.status)")
            }
            #expect(try String(contentsOfFile: outside + "/secret.vi.md", encoding: .utf8) == "---\ntitle: Bí mật\n---\n")
        }
    }

    @Test func aRoundTripThatChangesNothingLeavesTheFileByteIdentical() async throws {
        try await withSession { s in
            for file in [Self.release, "Content/documents/bao-cao-2022.vi.md", "Content/organisations/ubnd-trieu-son.vi.md",
                         "Content/places/na-tu.vi.md", "Content/spokespersons/nguoi-phat-ngon-trieu-son.vi.md", "Content/pages/gioi-thieu.vi.md"] {
                let before = try #require(s.read(file))
                let form = try await s.get("/_loa/edit?file=\(file)")
                #expect(form.status == 200, "\(file)")
                let saved = try await s.post("/_loa/edit?file=\(file)", s.fields(of: form))
                #expect(saved.status == 303, "\(file): \(saved.status)\n\(saved.body.prefix(3000))")
                #expect(s.read(file) == before, "\(file) changed")
            }
        }
    }

    @Test func anEditIsCheckedSavedKeepingCommentsAndRebuilt() async throws {
        try await withSession { s in
            let path = s.site + "/" + Self.release
            var text = try #require(s.read(Self.release))
            text = text.replacingOccurrences(of: "district: trieu-son\n", with: "district: trieu-son  # the district's slug\nweight: 3\n")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let form = try await s.get("/_loa/edit?file=\(Self.release)")
            #expect(form.body.contains("weight"), "the unknown field is named as kept")

            // A missing summary: the same message as the build, beside the field and in the summary; nothing written.
            let invalid = try await s.post("/_loa/edit?file=\(Self.release)", s.fields(of: form, changing: ["summary": ""]))
            #expect(invalid.status == 422)
            #expect(invalid.body.contains("<a href=\"#f-summary\">missing required field &#39;summary&#39;") || invalid.body.contains("<a href=\"#f-summary\">missing required field 'summary'"), "\(invalid.body.prefix(2000))")
            #expect(invalid.body.contains("id=\"f-summary-error-1\""))
            #expect(invalid.body.contains("aria-invalid=\"true\""))
            #expect(s.read(Self.release) == text)

            let saved = try await s.post("/_loa/edit?file=\(Self.release)", s.fields(of: invalid, changing: ["summary": "Tóm tắt mới của thông cáo."]))
            #expect(saved.status == 303)
            let after = try #require(s.read(Self.release))
            #expect(after.contains("summary: Tóm tắt mới của thông cáo.") || after.contains("summary: \"Tóm tắt mới của thông cáo.\""), "\(after)")
            #expect(after.contains("district: trieu-son  # the district's slug\nweight: 3\n"), "comments and unknown fields kept")
            #expect(after.replacingOccurrences(of: #"summary: .*\n"#, with: "", options: .regularExpression)
                    == text.replacingOccurrences(of: #"summary: .*\n"#, with: "", options: .regularExpression), "only the summary's line changed")
            // The preview was rebuilt before the answer.
            let page = try await s.get("/press-releases/ra-mat-chuyen-muc/")
            #expect(page.body.contains("Tóm tắt mới của thông cáo."))
            let again = try await s.get(try #require(saved.headers["location"]))
            #expect(again.body.contains("role=\"status\""), "the page says it was saved")
        }
    }

    @Test func aFileChangedOnDiskSinceItWasOpenedIsNotOverwritten() async throws {
        try await withSession { s in
            let form = try await s.get("/_loa/edit?file=\(Self.release)")
            let path = s.site + "/" + Self.release
            let theirs = try #require(s.read(Self.release)).replacingOccurrences(of: "Ra mắt chuyên mục", with: "Ra mắt chuyên mục (sửa ở nơi khác)")
            try theirs.write(toFile: path, atomically: true, encoding: .utf8)
            let stale = try await s.post("/_loa/edit?file=\(Self.release)", s.fields(of: form, changing: ["summary": "Bản của tôi."]))
            #expect(stale.status == 409)
            #expect(stale.body.contains("Ra mắt chuyên mục (sửa ở nơi khác)"), "the newer text is offered")
            #expect(stale.body.contains("Bản của tôi."), "what was typed stays in the form")
            #expect(s.read(Self.release) == theirs)
        }
    }

    @Test func anErrorInAGroupLinksToItsFirstBoxWhichTakesTheFocusWithoutJavaScript() async throws {
        try await withSession { s in
            let place = "Content/places/na-tu.vi.md"
            let text = try #require(s.read(place))
            try text.replacingOccurrences(of: "\ntopics: [", with: "\ntopics: [chu-de-khong-co, ")
                .write(toFile: s.site + "/" + place, atomically: true, encoding: .utf8)
            let form = try await s.get("/_loa/edit?file=\(place)")
            // GOV.UK's pattern: the link leads to the group's first checkbox, not its fieldset.
            let link = try #require(form.body.range(of: "<a href=\"#f-topics-[a-z0-9-]+\"", options: .regularExpression))
            let id = String(form.body[link].dropFirst("<a href=\"#".count).dropLast())
            #expect(form.body.contains("<input type=\"checkbox\" id=\"\(id)\""), "\(id) is the first box of the topics")
            // A date leads to its day.
            let new = try await s.get("/_loa/new?kind=press-release")
            let dated = try await s.post("/_loa/new?kind=press-release",
                                         s.fields(of: new, changing: ["title": "Tin", "date.day": "40", "date.month": "3", "date.year": "2023"]))
            #expect(dated.body.contains("href=\"#f-date-day\""), "\(dated.body.prefix(2000))")
        }
    }

    @Test func aNewItemIsTheFileLoaNewMakesWithTheFormsValues() async throws {
        try await withSession { s in
            let form = try await s.get("/_loa/new?kind=press-release")
            #expect(form.status == 200)
            var fields = s.fields(of: form, changing: ["title": "Hội nghị giao ban báo chí quý I", "district": "trieu-son",
                                                        "date.day": "15", "date.month": "3", "date.year": "2023",
                                                        "body": "Nội dung hội nghị."])
            fields.append(("topics", "bao-chi"))
            let missing = try await s.post("/_loa/new?kind=press-release", fields)
            #expect(missing.status == 422, "no summary")
            #expect(missing.body.contains("#f-summary"))
            let created = try await s.post("/_loa/new?kind=press-release", s.fields(of: missing, changing: ["summary": "Huyện tổ chức giao ban báo chí."]))
            #expect(created.status == 303, "\(created.body.prefix(3000))")
            let file = "Content/press-releases/hoi-nghi-giao-ban-bao-chi-quy-i.vi.md"
            let text = try #require(s.read(file))
            #expect(text.contains("date: 2023-03-15") && text.contains("district: trieu-son") && text.contains("bao-chi"), "\(text)")
            #expect(text.contains("draft: true"), "a new item starts as a draft, as with loa new")
            #expect(text.contains("\nNội dung hội nghị.\n"))
            #expect(try await s.get("/press-releases/hoi-nghi-giao-ban-bao-chi-quy-i/").status == 200, "in the preview")
            // The same title again: the file is never overwritten.
            let again = try await s.post("/_loa/new?kind=press-release", s.fields(of: missing, changing: ["summary": "Khác."]))
            #expect(again.status != 303)
            #expect(s.read(file) == text)
        }
    }

    @Test func attachmentsAreUploadedBesideTheFileWithinLimits() async throws {
        try await withSession { s in
            let file = "Content/documents/bao-cao-2022.vi.md"
            let form = try await s.get("/_loa/edit?file=\(file)")
            let refused = try await s.post("/_loa/edit?file=\(file)", s.fields(of: form), files: [("upload", "x.exe", "application/octet-stream", [1, 2, 3])])
            #expect(refused.status == 422)
            #expect(!FileManager.default.fileExists(atPath: s.site + "/Content/documents/files/x.exe"))
            let pdf = Array("%PDF-1.4 test".utf8)
            let saved = try await s.post("/_loa/edit?file=\(file)", s.fields(of: form, changing: ["upload_title": "Bản ký số"]),
                                         files: [("upload", "Báo cáo ký số.pdf", "application/pdf", pdf)])
            #expect(saved.status == 303, "\(saved.body.prefix(2000))")
            #expect(FileManager.default.contents(atPath: s.site + "/Content/documents/files/bao-cao-ky-so.pdf").map(Array.init) == pdf)
            let text = try #require(s.read(file))
            #expect(text.contains("files/bao-cao-ky-so.pdf") && text.contains("Bản ký số"), "\(text)")
            let page = try await s.get("/documents/bao-cao-2022/")
            #expect(page.body.contains("/documents/files/bao-cao-ky-so.pdf"))
        }
    }

    @Test func aTranslationStartsFromTheOriginalsSharedFields() async throws {
        try await withSession { s in
            let site = s.site
            // A bilingual site.
            let config = try String(contentsOfFile: site + "/Content/site.yaml", encoding: .utf8)
            if !config.contains("code: en") {
                try config.replacingOccurrences(of: "languages:\n", with: "languages:\n").replacingOccurrences(
                    of: "    title: Cổng thử nghiệm\n", with: "    title: Cổng thử nghiệm\n  - code: en\n    name: English\n    title: Test portal\n")
                    .write(toFile: site + "/Content/site.yaml", atomically: true, encoding: .utf8)
            }
            let list = try await s.get("/_loa/?kind=press-release")
            #expect(list.body.contains("Chưa có bản English"), "items in one language say which translation is missing")
            #expect(list.body.contains("href=\"/_loa/new?kind=press-release&amp;lang=en&amp;of=ra-mat-chuyen-muc\""))
            let form = try await s.get("/_loa/new?kind=press-release&lang=en&of=ra-mat-chuyen-muc")
            #expect(form.status == 200)
            let fields = browserFields(form.body)
            #expect(fields.contains { $0.name == "district" && $0.value == "trieu-son" })
            #expect(fields.contains { $0.name == "date.year" && $0.value == "2023" })
            let created = try await s.post("/_loa/new?kind=press-release&lang=en&of=ra-mat-chuyen-muc",
                                           s.fields(of: form, changing: ["title": "Spokesperson section launched", "summary": "The district opened a section.",
                                                                         "body": "Text."]))
            #expect(created.status == 303, "\(created.body.prefix(3000))")
            #expect(s.read("Content/press-releases/ra-mat-chuyen-muc.en.md")?.contains("Spokesperson section launched") == true)
        }
    }

    @Test func anImportedDocumentFillsTheFormAndIsSavedAfterCorrection() async throws {
        try await withSession { s in
            let document = """
            ỦY BAN NHÂN DÂN
            HUYỆN TRIỆU SƠN
            Số: 46/KH-UBND
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Triệu Sơn, ngày 10 tháng 3 năm 2023
            KẾ HOẠCH
            Tuyên truyền về du lịch năm 2023
            I. MỤC ĐÍCH
            Quảng bá du lịch của huyện.
            Nơi nhận:
            - UBND tỉnh;
            - Lưu: VT.
            TM. ỦY BAN NHÂN DÂN
            CHỦ TỊCH
            """
            let result = try await s.post("/_loa/import", [("token", s.token), ("lang", "vi")],
                                          files: [("file", "ke-hoach.txt", "text/plain", Array(document.utf8))])
            #expect(result.status == 200, "\(result.body.prefix(3000))")
            let fields = browserFields(result.body)
            #expect(fields.contains { $0.name == "number" && $0.value == "46/KH-UBND" }, "\(fields)")
            #expect(fields.contains { $0.name == "issue_date.year" && $0.value == "2023" })
            #expect(fields.contains { $0.name == "document_kind" && $0.value == "plan" })
            #expect(result.body.contains("import-findings"))
            #expect(result.body.contains("action=\"/_loa/new?kind=document&amp;lang=vi\""))
            let saved = try await s.post("/_loa/new?kind=document&lang=vi",
                                         s.fields(of: result, changing: ["district": "trieu-son", "issuer": "Ủy ban nhân dân huyện Triệu Sơn"]))
            #expect(saved.status == 303, "\(saved.body.prefix(3000))")
            let location = try #require(saved.headers["location"])
            let file = String(location.components(separatedBy: "file=")[1].components(separatedBy: "&")[0])
            let text = try #require(s.read(file))
            #expect(text.contains("46/KH-UBND") && text.contains("Quảng bá du lịch của huyện."), "\(text)")
        }
    }

    @Test func theTextPreviewGoesThroughTheBuildsConversion() async throws {
        try await withSession { s in
            let preview = try await s.post("/_loa/preview?file=\(Self.release)",
                                           [("token", s.token), ("body", "## Tiêu đề\n\nXem [báo cáo](../documents/bao-cao-2022.vi.md).\n\n<script>alert(1)</script>")])
            #expect(preview.status == 200)
            #expect(preview.body.contains("<h2 id=\"tieu-de\">\nTiêu đề\n</h2>"), "the heading with its anchor, as pages have it")
            #expect(preview.body.contains("<a href=\"/documents/bao-cao-2022/\">báo cáo</a>"))
            #expect(!preview.body.contains("<script>"), "no raw HTML unless the site opts in")
        }
    }
}

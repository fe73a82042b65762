import FlyingFox
import Foundation
import LoaCore

/// `loa serve`: builds the site into a private folder, serves it on 127.0.0.1, rebuilds when a
/// source changes and makes open pages reload. A failed rebuild keeps the last good site and
/// shows its errors on every page until it is fixed.
public actor PreviewServer {
    public struct Options: Sendable {
        public var siteRoot: String
        public var port: UInt16
        public var includeDrafts = true
        public var includeFuture = false
        public var includeExpired = false
        /// How often sources are compared (seconds).
        public var pollInterval: Double = 0.4
        /// The editor under `/_loa/` (`loa serve --no-edit` turns it off).
        public var editing = true

        public init(siteRoot: String, port: UInt16 = 1313) {
            self.siteRoot = siteRoot
            self.port = port
        }
    }

    let options: Options
    let output: String
    private var server: HTTPServer?
    private var watchTask: Task<Void, Never>?
    /// Bumped after every build, good or bad, so pages know to reload.
    public private(set) var generation = 0
    public private(set) var errors: [Diagnostic] = []
    public private(set) var port: UInt16 = 0
    var log: @Sendable (String) -> Void = { _ in }
    /// The sources as last seen by the watcher, or by a save of the editor's.
    private var watched: [String: String] = [:]
    let watcher: SiteWatcher
    let editor: Editor?

    public init(_ options: Options, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.output = NSTemporaryDirectory() + "loa-serve-\(getpid())-\(UUID().uuidString)/site"
        self.log = log
        self.watcher = SiteWatcher(siteRoot: options.siteRoot)
        self.editor = options.editing ? Editor(siteRoot: options.siteRoot, access: EditorAccess()) : nil
    }

    /// The editor's address with this run's token (nil when editing is off); print it, never log it elsewhere.
    public var editorURL: String? { editor.map { baseURL + "_loa/?token=" + $0.access.token } }

    /// Starts serving; returns once the first build is done and the port listens.
    public func start() async throws {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: options.port), timeout: 30,
                                logger: .disabled, handler: Handler(server: self))
        self.server = server
        Task { try? await server.run() }
        try await server.waitUntilListening(timeout: 60)  // a loaded machine may take more than the default 5 s
        if case .ip4(_, let p)? = await server.listeningAddress { port = p }
        // The baseline is taken before the first build, so an edit made meanwhile is not missed.
        let watcher = self.watcher
        watched = watcher.snapshot()
        rebuild(reason: "first build")
        #if canImport(Glibc)
        if let events = FolderEvents(roots: watcher.folders.map { watcher.siteRoot + "/" + $0 }) {
            watchFolders(events)
            return
        }
        #endif
        let interval = options.pollInterval
        watchTask = Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                await self?.rebuildIfChanged(watcher.snapshot())
            }
        }
    }

    #if canImport(Glibc)
    /// Waits for changes on a thread of its own (a wait would hold one of the few threads that
    /// serve requests), then compares the stamps as the polling does. A look every ten seconds
    /// besides, for changes that send no event (a folder shared over the network).
    private func watchFolders(_ events: FolderEvents) {
        let watcher = self.watcher
        let stopped = stopFlag
        let thread = Thread { [weak self] in
            var lastLook = Date()
            while !stopped.isSet {
                let changed = events.wait(timeout: 0.5)
                guard changed || Date().timeIntervalSince(lastLook) > 10 else { continue }
                // An editor's save is several events: let them all arrive first.
                if changed { while events.wait(timeout: 0.05) {} }
                lastLook = Date()
                let now = watcher.snapshot()
                let done = DispatchSemaphore(value: 0)
                Task { [weak self] in
                    await self?.rebuildIfChanged(now)
                    done.signal()
                }
                done.wait()
            }
        }
        thread.name = "loa serve: watching the sources"
        thread.start()
    }
    #endif

    /// Set when the server stops: the watching thread ends at its next wake.
    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var set = false
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return set }
        func raise() { lock.lock(); set = true; lock.unlock() }
    }
    private let stopFlag = StopFlag()

    private func rebuildIfChanged(_ now: [String: String]) {
        guard now != watched else { return }
        watched = now
        rebuild(reason: "change")
    }

    /// After the editor wrote a file: the preview follows at once, not at the next look.
    func rebuildAfterSave() {
        watched = watcher.snapshot()
        rebuild(reason: "saved in the editor")
    }

    public func stop() async {
        watchTask?.cancel()
        await server?.stop(timeout: 1)
        removePrivateFiles()
    }

    /// The preview's private folder, and its build manifest, which names a folder that no longer
    /// exists: what a process that ends must remove (plain file operations, callable from any thread).
    public nonisolated func removePrivateFiles() {
        stopFlag.raise()
        FileIO.removeTree(FileIO.parentPath(output))
        let manifest = BuildManifest.location(siteRoot: options.siteRoot, output: output)
        BuildManifest.remove(manifest)
        SpareOutput.forget(outputManifest: manifest)
    }

    public var baseURL: String { "http://127.0.0.1:\(port)/" }

    func rebuild(reason: String) {
        let start = Date()
        var build = SiteBuilder.Options(siteRoot: options.siteRoot, output: output, baseURL: baseURL,
                                        includeDrafts: options.includeDrafts, includeFuture: options.includeFuture,
                                        includeExpired: options.includeExpired)
        // No search in the preview: Pagefind re-indexes the whole site on every change, which
        // would turn a rebuild of a fraction of a second into seconds on a large portal.
        build.search = false
        do {
            let result = try SiteBuilder.build(build)
            errors = []
            log("rebuilt (\(reason)): \(result.filesWritten) files in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        } catch {
            errors = error.diagnostics.filter { $0.severity == .error }
            log("build failed (\(reason)), still serving the last good build:\n" + errors.map(\.description).joined(separator: "\n"))
        }
        generation += 1
    }

    /// Waits until the site is rebuilt after `since`, or until the timeout, and returns the generation.
    func waitForChange(since: Int, timeout: Double) async -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while generation <= since && Date() < deadline && !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return generation
    }

    func state() -> (generation: Int, errors: [Diagnostic]) { (generation, errors) }
}

/// Answers every request: the reload endpoint, the reload script, or a file of the site.
struct Handler: HTTPHandler {
    let server: PreviewServer

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.path == "/_loa" || request.path.hasPrefix("/_loa/") {
            guard let editor = server.editor else { return text(.notFound, "404 Not Found: the editor is off (loa serve --no-edit)") }
            let port = await server.port
            let server = self.server
            return await editor.handle(request, port: port) { await server.rebuildAfterSave() }
        }
        guard request.method == .GET || request.method == .HEAD else {
            return text(.methodNotAllowed, "only GET and HEAD")
        }
        let raw = request.target.path(percentEncoded: true)
        if raw == "/__loa/reload" {
            let since = Int(request.query.first { $0.name == "since" }?.value ?? "") ?? -1
            let generation = await server.waitForChange(since: since, timeout: 10)
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                                body: Data("{\"generation\":\(generation)}".utf8))
        }
        if raw == "/__loa/reload.js" {
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                                body: Data(Self.reloadScript.utf8))
        }
        guard let relative = Self.safeRelativePath(raw) else {
            return text(.forbidden, "403 Forbidden: the address leaves the site folder")
        }
        let (generation, errors) = await server.state()
        let root = server.output
        var path = relative
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if FileIO.isDirectory(root + "/" + path) {
            return HTTPResponse(statusCode: HTTPStatusCode(301, phrase: "Moved Permanently"), headers: [.location: raw + "/"])
        }
        var status = HTTPStatusCode.ok
        var data = FileIO.read(root + "/" + path)
        if data == nil {
            status = .notFound
            // The 404 page of the language the address is in, like a configured web server.
            let first = path.split(separator: "/").first.map(String.init) ?? ""
            data = FileIO.read(root + "/" + first + "/404.html") ?? FileIO.read(root + "/404.html")
            path = "404.html"
            if data == nil { return text(.notFound, "404 Not Found") }
        }
        var body = Data(data!)
        let type = Self.contentType(path)
        if type.hasPrefix("text/html") { body = Data(Self.decorate(String(decoding: body, as: UTF8.self), generation: generation, errors: errors).utf8) }
        return HTTPResponse(statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"],
                            body: request.method == .HEAD ? Data() : body)
    }

    func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data((message + "\n").utf8))
    }

    /// The path below the site folder, or nil when any segment, decoded or not, is `..`,
    /// or holds a NUL or a backslash.
    static func safeRelativePath(_ raw: String) -> String? {
        guard raw.hasPrefix("/") else { return nil }
        // Decode repeatedly so %252e%252e cannot sneak through a second decoding.
        var decoded = raw
        for _ in 0..<3 {
            guard let next = decoded.removingPercentEncoding else { return nil }
            if next == decoded { break }
            decoded = next
        }
        if decoded.contains("\0") || decoded.contains("\\") { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return nil }
        return String(decoded.dropFirst())
    }

    static func contentType(_ path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "json": "application/json"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        case "vcf": "text/vcard; charset=utf-8"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        default: "application/octet-stream"
        }
    }

    /// Adds the reload script, and the errors of a failed rebuild, to a served page (never to the built files).
    static func decorate(_ html: String, generation: Int, errors: [Diagnostic]) -> String {
        var page = html
        if !errors.isEmpty, let body = page.range(of: "<body[^>]*>", options: .regularExpression) {
            let items = errors.map { "<li>\(Escape.html($0.description))</li>" }.joined()
            let panel = """
            <div id="loa-build-errors" role="alert" style="background:#fdecea;color:#5f1111;border:3px solid #a4161a;padding:1rem;margin:0;font:14px/1.5 monospace;white-space:pre-wrap">\
            <strong>loa: the last change did not build; this is the last good version.</strong><ul>\(items)</ul></div>
            """
            page.insert(contentsOf: panel, at: body.upperBound)
        }
        let script = "<script src=\"/__loa/reload.js\" data-generation=\"\(generation)\"></script>"
        if let end = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: script, at: end.lowerBound)
        } else {
            page += script
        }
        return page
    }

    static let reloadScript = """
    (function () {
      var me = document.currentScript;
      var generation = Number(me && me.dataset.generation || 0);
      function poll() {
        fetch('/__loa/reload?since=' + generation, {cache: 'no-store'})
          .then(function (r) { return r.json(); })
          .then(function (state) {
            if (state.generation > generation) { location.reload(); } else { poll(); }
          })
          .catch(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();
    """
}

import ArgumentParser
import Foundation
import LoaCore
import LoaServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on 127.0.0.1, rebuilding and reloading pages as you edit; edit and publish in the browser.",
        discussion: """
        Drafts are shown (and marked) unless --no-drafts. Public/ is not touched. The editor (/_loa/) opens \
        from the address printed at start, which carries this run's access code; --no-edit turns it off.
        """)

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "Port on 127.0.0.1.")
    var port: UInt16 = 1313

    @Flag(inversion: .prefixedNo, help: "Show drafts.")
    var drafts = true

    @Flag(help: "Also show items dated after today.")
    var future = false

    @Flag(help: "Also show expired items.")
    var expired = false

    @Flag(inversion: .prefixedNo, help: "Offer the editor under /_loa/ (loopback only, with a per-run access code).")
    var edit = true

    func run() async throws {
        var options = PreviewServer.Options(siteRoot: siteOptions.siteRoot, port: port)
        options.includeDrafts = drafts
        options.includeFuture = future
        options.includeExpired = expired
        options.editing = edit
        let server = PreviewServer(options) { printError("loa serve: " + $0) }
        do {
            try await server.start()
        } catch {
            printError("loa serve: error: cannot listen on 127.0.0.1:\(port) (\(error)); try another --port")
            throw ExitCode(1)
        }
        // Serve until interrupted; then remove the preview's private folder and manifest. Set up
        // before the address is printed: a script that reads it may stop the server at once.
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Task {
                    await server.stop()
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
        print("Serving \(siteOptions.siteRoot) at \(await server.baseURL) (Ctrl-C to stop)")
        if let editor = await server.editorURL { print("Editor: \(editor)") }
        fflush(nil)  // all streams: a script reading the address must see it at once
        // Used after each wait, so the sources live as long as the server: released earlier (an
        // optimised build may release them after their last use), the signals would be ignored.
        while true {
            try await Task.sleep(nanoseconds: 3_600_000_000_000)
            withExtendedLifetime(signals) {}
        }
    }
}

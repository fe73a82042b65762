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
        StopSignals.install { server.removePrivateFiles() }
        print("Serving \(siteOptions.siteRoot) at \(await server.baseURL) (Ctrl-C to stop)")
        if let editor = await server.editorURL { print("Editor: \(editor)") }
        fflush(nil)  // all streams: a script reading the address must see it at once
        while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
    }
}

/// SIGINT and SIGTERM end `loa serve` after its clean-up. The handler only writes a byte to a
/// pipe (what a signal handler may do); a thread of its own reads it, cleans up and exits. Neither
/// a dispatch source (on the main queue, which nothing services under Swift concurrency on Linux)
/// nor a task (which needs the concurrency pool's threads) is needed.
enum StopSignals {
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    static func install(cleanUp: @escaping @Sendable () -> Void) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        writeEnd = ends[1]
        let readEnd = ends[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
            cleanUp()
            exit(0)
        }
        thread.name = "loa serve: waiting for Ctrl-C"
        thread.start()
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in
                var byte: UInt8 = 1
                _ = write(StopSignals.writeEnd, &byte, 1)
            }
        }
    }
}

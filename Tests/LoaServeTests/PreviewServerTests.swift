import Foundation
import Testing
@testable import LoaCore
@testable import LoaServe

/// Requests sent byte for byte over a loopback socket, so paths reach the server unnormalised.
/// The blocking socket runs on a thread of its own: on the cooperative pool (two threads on a
/// two-core machine) it could starve the very server it waits for when other suites run.
func rawGET(port: UInt16, _ target: String) async throws -> (status: Int, body: String) {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try blockingGET(port: port, target) })
        }
    }
}

func blockingGET(port: UInt16, _ target: String) throws -> (status: Int, body: String) {
    let exchange = try blockingRequest(port: port, "GET", target, headers: [:], body: [])
    return (exchange.status, exchange.body)
}

func eventually(_ seconds: Double = 15, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(nanoseconds: 200_000_000)
    }
    return false
}

@Suite(.serialized) struct PreviewServerTests {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    func site() throws -> String {
        let folder = NSTemporaryDirectory() + "loa-serve-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/Tests/LoaCoreTests/Fixtures/valid/Content", toPath: folder + "/Content")
        try FileManager.default.createSymbolicLink(atPath: folder + "/Themes", withDestinationPath: Self.repositoryRoot + "/Themes")
        return folder
    }

    /// Runs `body` against a started server and always stops it, removing its folder.
    func withServer(_ site: String, _ body: (PreviewServer, UInt16) async throws -> Void) async throws {
        var options = PreviewServer.Options(siteRoot: site, port: 0)
        options.pollInterval = 0.2
        let server = PreviewServer(options)
        try await server.start()
        do {
            try await body(server, await server.port)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func servesPagesWithLiveReloadAnd404() async throws {
        let site = try site()
        try await withServer(site) { server, port in
        #expect(port > 0)
        let home = try await rawGET(port: port, "/")
        #expect(home.status == 200)
        #expect(home.body.contains("<html lang=\"vi\">"))
        #expect(home.body.contains("<script src=\"/__loa/reload.js\" data-generation=\"1\"></script></body>"))
        #expect(home.body.contains("href=\"http://127.0.0.1:\(port)/\"") || home.body.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:\(port)/\">"))
        let css = try await rawGET(port: port, "/css/loa.css")
        #expect(css.status == 200 && css.body.contains("prefers-color-scheme"))
        let missing = try await rawGET(port: port, "/khong-co/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Không tìm thấy trang"))
        #expect(try await rawGET(port: port, "/__loa/reload.js").body.contains("location.reload()"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Public"), "serve never touches Public/")
        }
    }

    @Test func refusesPathsOutsideTheSiteFolder() async throws {
        let site = try site()
        TestSupportSecret.write(site)
        try await withServer(site) { _, port in
        for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/css/..%2f..%2fsecret.txt",
                       "/%252e%252e/secret.txt", "/..\\secret.txt", "/./index.html"] {
            let response = try await rawGET(port: port, target)
            #expect(response.status == 403, "\(target) → \(response.status)")
            #expect(!response.body.contains("top secret"))
        }
        }
    }

    @Test func draftsAreShownByDefault() async throws {
        let site = try site()
        try "---\ntitle: Nháp\ndate: 2023-01-01\ndistrict: trieu-son\nsummary: s\ndraft: true\n---\n".write(
            toFile: site + "/Content/press-releases/nhap.vi.md", atomically: false, encoding: .utf8)
        try await withServer(site) { _, port in
            let page = try await rawGET(port: port, "/press-releases/nhap/")
            #expect(page.status == 200 && page.body.contains("draft-banner"))
        }
    }

    @Test func rebuildsOnChangeAndShowsErrorsWhileKeepingTheLastGoodBuild() async throws {
        let site = try site()
        try await withServer(site) { _, port in
        let file = site + "/Content/press-releases/tin-cu.vi.md"
        let good = try String(contentsOfFile: file, encoding: .utf8)
        try good.replacingOccurrences(of: "Tin cũ nhất.", with: "Tin đã sửa.").write(toFile: file, atomically: false, encoding: .utf8)
        #expect(try await eventually { try await rawGET(port: port, "/press-releases/tin-cu/").body.contains("Tin đã sửa.") })
        // A long-poll from an older generation returns at once with the new one.
        let reload = try await rawGET(port: port, "/__loa/reload?since=1")
        #expect(reload.body.contains("\"generation\":") && !reload.body.contains("\"generation\":1}"))

        try good.replacingOccurrences(of: "district: bach-thong", with: "district: khong-co").write(toFile: file, atomically: false, encoding: .utf8)
        #expect(try await eventually { try await rawGET(port: port, "/").body.contains("loa-build-errors") })
        let page = try await rawGET(port: port, "/press-releases/tin-cu/")
        #expect(page.status == 200 && page.body.contains("Tin đã sửa."), "the last good build is still served")
        #expect(page.body.contains("Content/press-releases/tin-cu.vi.md:4:11: error: unknown district &#39;khong-co&#39;"))

        try good.write(toFile: file, atomically: false, encoding: .utf8)
        #expect(try await eventually { !(try await rawGET(port: port, "/").body.contains("loa-build-errors")) })
        #expect(try await rawGET(port: port, "/press-releases/tin-cu/").body.contains("Tin cũ nhất."))
        }
    }
}

enum TestSupportSecret {
    /// A file beside the site's folder that traversal attempts aim at.
    static func write(_ site: String) {
        try? "top secret\n".write(toFile: site + "/secret.txt", atomically: false, encoding: .utf8)
        try? "top secret\n".write(toFile: (site as NSString).deletingLastPathComponent + "/secret.txt", atomically: false, encoding: .utf8)
    }
}

import Foundation
@testable import LoaCore

/// Paths and throwaway site folders for tests.
enum TestSupport {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func fixture(_ name: String) -> String { repositoryRoot + "/Tests/LoaCoreTests/Fixtures/" + name }

    static func temporaryFolder(_ label: String = "loa-test") -> String {
        let path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A copy of a fixture site, using the repository's default theme, that a test may change.
    static func site(_ fixture: String) -> String {
        let folder = temporaryFolder(fixture)
        try! FileManager.default.copyItem(atPath: Self.fixture(fixture) + "/Content", toPath: folder + "/Content")
        try! FileManager.default.createSymbolicLink(atPath: folder + "/Themes", withDestinationPath: repositoryRoot + "/Themes")
        return folder
    }

    /// Files changed within two seconds of a build are read again whatever their stamps say (the
    /// clock may not have moved): tests of reuse make a copied site's files an hour old first.
    static func makeHourOld(_ folder: String) throws {
        let folder = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        for relative in FileIO.walk(folder) {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: folder + "/" + relative)
        }
    }

    static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// Every file below a folder, relative path → bytes.
    /// Files without the search index: an incremental build's may hold a delta of the pages it
    /// changed, where a clean build's has none (see `SearchDelta`; `SearchTests` check that its
    /// searches find what a clean build's find).
    static func withoutSearchIndex(_ files: [String: Data]) -> [String: Data] {
        files.filter { !$0.key.hasPrefix(Pagefind.folder + "/") }
    }

    static func snapshot(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [:] }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                result[rel] = FileManager.default.contents(atPath: folder + "/" + rel)
            }
        }
        return result
    }

    static func build(_ site: String, output: String? = nil, baseURL: String? = nil) -> Result<SiteBuilder.Result, BuildFailure> {
        do {
            return .success(try SiteBuilder.build(.init(siteRoot: site, output: output, baseURL: baseURL)))
        } catch {
            return .failure(error)
        }
    }

    static func errors(_ site: String) -> [Diagnostic] {
        switch build(site) {
        case .success: return []
        case .failure(let f): return f.diagnostics.filter { $0.severity == .error }
        }
    }

    /// Decodes one content file's text as the loader would.
    static func decode(_ text: String, kind: ContentKind, path: String = "Content/x/a.vi.md", languages: Set<String> = ["vi", "en"]) -> (ContentItem?, [Diagnostic]) {
        ContentLoader.decode(bytes: Array(text.utf8), path: path, kind: kind, languages: languages, defaultLanguage: "vi")
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The search index: Pagefind run over the staged output after rendering (one index per
/// language, split by `<html lang>`), before the output is swapped in, so a failed indexing is
/// a failed build.
public enum Pagefind {
    /// The folder of the index inside the portal.
    public static let folder = "pagefind"

    /// Where the binary is: `LOA_PAGEFIND`, else the site's `pagefind` setting (`configured`),
    /// else `pagefind_extended` or `pagefind` on PATH, else the binary that PyPI's
    /// `pagefind[extended]` installs beside Python (its wheel puts none on PATH).
    public static func locate(environment: [String: String], configured: String? = nil) -> String? {
        func executable(_ path: String) -> Bool { access(path, X_OK) == 0 && !FileIO.isDirectory(path) }
        if let given = environment["LOA_PAGEFIND"], !given.isEmpty { return executable(given) ? given : nil }
        if let configured { return executable(configured) ? configured : nil }
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in ["pagefind_extended", "pagefind"] {
            if let folder = path.first(where: { executable($0 + "/" + name) }) { return folder + "/" + name }
        }
        return path.first { executable($0 + "/python3") }.flatMap { python in
            // Asked once per process and python: starting Python (often a pyenv shim) takes
            // longer than indexing a small site, and a test process builds hundreds of them.
            pythonLookupLock.lock(); defer { pythonLookupLock.unlock() }
            if let known = pythonLookups[python], known.map(executable) ?? true { return known }
            let found = pythonPackageBinary(python: python + "/python3")
            pythonLookups[python] = found
            return found
        }
    }

    nonisolated(unsafe) private static var pythonLookups: [String: String?] = [:]
    private static let pythonLookupLock = NSLock()

    /// The binary inside the installed `pagefind_bin_extended` (or `pagefind_bin`) package.
    static func pythonPackageBinary(python: String) -> String? {
        let script = """
        import importlib.util, os
        for name, exe in (("pagefind_bin_extended", "pagefind_extended"), ("pagefind_bin", "pagefind")):
            spec = importlib.util.find_spec(name)
            if spec and spec.origin:
                path = os.path.join(os.path.dirname(spec.origin), exe)
                if os.access(path, os.X_OK):
                    print(path); break
        """
        guard let (status, out, _) = try? run(python, ["-c", script]), status == 0 else { return nil }
        let path = out.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }

    /// Indexes the HTML pages under `site` into `site/pagefind/`: Loa writes the index itself
    /// when the binary's version has a layout it knows (`PagefindIndex`, a few seconds where
    /// Pagefind takes a minute on a large portal), with the binary's browser files; else the
    /// binary indexes the site. Throws Pagefind's own words, or Loa's when it cannot write.
    /// `pages`: the site's HTML pages when the build knows them (its manifest), else they are
    /// found by walking the site.
    public static func index(binary: String, site: String, pages: [String]? = nil) throws(BuildFailure) {
        let all = pages ?? FileIO.walk(site).filter { $0.hasSuffix(".html") && !$0.hasPrefix(folder + "/") }
        try index(binary: binary, site: site, pages: all, only: false, into: folder)
    }

    /// Indexes `pages` (paths in `site`) into `subfolder` of the site: all its pages, or `only`
    /// some (the pages a rebuild changed, see `SearchDelta`).
    static func index(binary: String, site: String, pages: [String], only: Bool, into subfolder: String) throws(BuildFailure) {
        let index = site + "/" + subfolder
        do {
            var assets: PagefindAssets.Prepared?
            try PagefindIndex.write(site: site, pages: pages, into: index) { languages in
                let prepared = try PagefindAssets.prepare(binary: binary, languages: languages)
                assets = prepared
                return (prepared.version, prepared.wasmLanguages)
            }
            if let assets { try PagefindAssets.copy(assets, into: index) }
            return
        } catch is PagefindIndex.Unsupported {
            // A layout or a page feature Loa's writer does not follow: Pagefind indexes the site.
            FileIO.removeTree(index)
        } catch {
            FileIO.removeTree(index)
            throw BuildFailure([.error(at: SourceLocation(path: index), "could not write the search index: \(error)")])
        }
        try indexWithBinary(binary, site: site, only: only ? pages : nil, into: subfolder)
    }

    /// Pagefind itself over the site or the pages `only`, its index then put in one order.
    static func indexWithBinary(_ binary: String, site: String, only: [String]?, into subfolder: String) throws(BuildFailure) {
        let index = site + "/" + subfolder
        let result: (Int32, String, String)
        do {
            let glob = only.map { $0.count == 1 ? ["--glob", $0[0]] : ["--glob", "{" + $0.joined(separator: ",") + "}"] } ?? []
            result = try run(binary, ["--site", site, "--output-subdir", subfolder, "--quiet"] + glob)
        } catch {
            throw BuildFailure([.error(at: SourceLocation(path: binary), "could not run Pagefind to index the site for search: \(error)")])
        }
        guard result.0 == 0 else {
            let said = (result.2 + result.1).split(separator: "\n").prefix(5).joined(separator: " / ")
            throw BuildFailure([.error(at: SourceLocation(path: binary), "Pagefind could not index the site for search (exit \(result.0)): \(said)")])
        }
        // Same pages, same index, byte for byte.
        do {
            try PagefindOrder.apply(to: index)
        } catch {
            throw BuildFailure([.error(at: SourceLocation(path: index), "could not put the search index in order: \(error)")])
        }
    }

    static func run(_ binary: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both before waiting: a full pipe would block the child.
        let errData = Parallel.start { err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData(), as: UTF8.self))
    }
}

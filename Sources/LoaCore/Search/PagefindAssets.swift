#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What a search page needs from the Pagefind binary when Loa writes the index itself: its
/// version (which says whether Loa knows the index layout) and the files that read an index in
/// the browser (`pagefind.js`, its worker, the WebAssembly of each language, the UI files).
/// Pagefind writes them for any site; Loa has it index a one-page site per language once per
/// binary and keeps the files in the temporary folder.
enum PagefindAssets {
    struct Prepared {
        var version: String
        var folder: String
        /// Languages that have their own WebAssembly (a stemmer): `wasm.<language>.pagefind`.
        var wasmLanguages: Set<String>
    }

    nonisolated(unsafe) private static var prepared: [String: Prepared] = [:]
    private static let lock = NSLock()

    /// The files for `languages` from `binary`, made once per binary (by path, size and time)
    /// and set of languages.
    static func prepare(binary: String, languages: [String]) throws -> Prepared {
        var st = stat()
        guard stat(binary, &st) == 0 else { throw PagefindIndex.Unsupported(reason: "\(binary) cannot be read") }
        let key = "\(binary) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(languages.sorted().joined(separator: ","))"
        lock.lock(); defer { lock.unlock() }
        if let known = prepared[key], FileIO.exists(known.folder + "/pagefind.js") { return known }
        let folder = NSTemporaryDirectory() + "loa-pagefind-" + String(ContentHash.of(key), radix: 16)
        if let version = FileIO.read(folder + "/version").map({ String(decoding: $0, as: UTF8.self) }), FileIO.exists(folder + "/pagefind.js") {
            let made = Prepared(version: version, folder: folder, wasmLanguages: wasm(in: folder))
            prepared[key] = made
            return made
        }
        // Made beside, then renamed: builds in parallel may make it at once.
        let scratch = folder + ".\(getpid()).\(UInt64.random(in: 0...UInt64.max))"
        defer { FileIO.removeTree(scratch) }
        let site = scratch + "/site"
        try FileIO.makeDirectories(site)
        for (i, language) in languages.enumerated() {
            let page = "<!DOCTYPE html><html lang=\"\(language)\"><head><title>x</title></head><body><main data-pagefind-body><p>loa</p></main></body></html>"
            try FileIO.write(page, to: site + "/\(i).html")
        }
        let run = try Pagefind.run(binary, ["--site", site, "--output-path", scratch + "/out", "--quiet"])
        guard run.0 == 0 else { throw PagefindIndex.Unsupported(reason: "Pagefind could not index a one-page site: \(run.2)") }
        let entry = FileIO.read(scratch + "/out/pagefind-entry.json").flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        guard let version = entry?["version"] as? String else { throw PagefindIndex.Unsupported(reason: "Pagefind wrote no entry file") }
        let assets = scratch + "/assets"
        try FileIO.makeDirectories(assets)
        for name in FileIO.list(scratch + "/out") where !name.hasSuffix(".pf_meta") && name != "pagefind-entry.json" && !FileIO.isDirectory(scratch + "/out/" + name) {
            try FileIO.rename(scratch + "/out/" + name, assets + "/" + name)
        }
        try FileIO.write(version, to: assets + "/version")
        if rename(assets, folder) != 0 && !FileIO.exists(folder + "/pagefind.js") {
            throw PagefindIndex.Unsupported(reason: "could not keep Pagefind's files in \(folder)")
        }
        let made = Prepared(version: version, folder: folder, wasmLanguages: wasm(in: folder))
        prepared[key] = made
        return made
    }

    static func wasm(in folder: String) -> Set<String> {
        Set(FileIO.list(folder).compactMap { name -> String? in
            guard name.hasPrefix("wasm."), name.hasSuffix(".pagefind"), name != "wasm.unknown.pagefind" else { return nil }
            return String(name.dropFirst("wasm.".count).dropLast(".pagefind".count))
        })
    }

    /// Copies the files into a site's index folder.
    static func copy(_ prepared: Prepared, into index: String) throws {
        try FileIO.makeDirectories(index)
        for name in FileIO.list(prepared.folder) where name != "version" {
            guard let bytes = FileIO.read(prepared.folder + "/" + name) else { continue }
            try FileIO.write(bytes, to: index + "/" + name)
        }
    }
}

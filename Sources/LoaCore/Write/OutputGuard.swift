#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Which folders a build may replace. A full build swaps its staging folder for the output, which
/// deletes whatever the output held: that is right only for a folder that is Loa's own. A folder
/// is Loa's when it is absent, empty (a fresh clone's `Public/` with its `.gitkeep`), carries the
/// marker every build writes, or holds only files that the last build's manifest lists (outputs
/// of builds made before the marker). Some folders are refused even when forced: the site, what
/// contains it, its sources, the user's home and the filesystem root.
public enum OutputGuard {
    /// Written at the root of every output; a build replaces a folder that has it.
    public static let markerName = ".loa-output"
    static let markerText = "This folder is written by Loa (loa build) and replaced on every build.\nDo not keep your own files here: they would be deleted.\n"
    /// Site folders that hold sources or Loa's own state: never an output, nor inside one.
    static let sourceFolders = ["Content", "Themes", ".loa-cache", ".git"]

    /// An absolute path with `.`, `..` and symbolic links resolved as far as the path exists; the
    /// rest, not yet made, is appended as written (its `..` taken away lexically).
    public static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [String] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(String(part))
        }
        // The longest prefix that exists, through realpath; then the rest.
        var cut = parts.count
        while cut >= 0 {
            let prefix = "/" + parts[0..<cut].joined(separator: "/")
            if let real = realpath(prefix, nil) {
                defer { free(real) }
                let base = String(cString: real)
                let rest = parts[cut...]
                if rest.isEmpty { return base }
                return (base == "/" ? "" : base) + "/" + rest.joined(separator: "/")
            }
            cut -= 1
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Why `output` can never be an output of the site at `siteRoot`, or nil.
    public static func forbiddenReason(output: String, siteRoot: String) -> String? {
        let out = resolved(output)
        let site = resolved(siteRoot)
        func inside(_ path: String, _ folder: String) -> Bool { folder == "/" || path.hasPrefix(folder + "/") }
        if out == "/" { return "it is the root of the file system" }
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            let home = resolved(home)
            if out == home { return "it is your home folder" }
            if inside(home, out) { return "it contains your home folder" }
        }
        // /usr, /etc, /home, /tmp…: a slip of a script (`--output "/$DIR"`) must not reach them.
        if out.split(separator: "/").count == 1 { return "it is a system folder at the root of the file system" }
        if out == site { return "it is the site's own folder" }
        if inside(site, out) { return "it contains the site (\(site))" }
        if let (name, exact) = sourceFolder(holding: out, site: site) {
            return exact ? "it is the site's \(name)/ folder" : "it lies inside the site's \(name)/ folder"
        }
        return nil
    }

    /// The site folder of `sourceFolders` that is `path` or holds it (both resolved), and
    /// whether it is `path` itself.
    static func sourceFolder(holding path: String, site: String) -> (name: String, exact: Bool)? {
        for name in sourceFolders {
            let folder = resolved(site + "/" + name)
            if path == folder || path.hasPrefix(folder + "/") { return (name, path == folder) }
        }
        return nil
    }

    /// Why content files cannot be written into `folder` (`loa new`, `loa import`): it must be
    /// the site's `Content/` or inside it once links and `..` are resolved. Nil when they may.
    public static func contentWriteProblem(folder: String, siteRoot: String) -> String? {
        let content = resolved(siteRoot + "/Content")
        let target = resolved(folder)
        return target == content || target.hasPrefix(content + "/") ? nil
            : "\(folder) leads to \(target), outside the site's Content/ folder (through a symbolic link or ..); nothing was written"
    }

    /// Why `--report FILE` may not be written, or nil: never into the site's sources, and never
    /// over a file that is not an earlier build report.
    public static func reportProblem(_ path: String, siteRoot: String) -> String? {
        let target = resolved(path)
        if let (name, _) = sourceFolder(holding: target, site: resolved(siteRoot)) {
            return "the report would be written inside the site's \(name)/ folder; write it elsewhere"
        }
        guard FileIO.exists(target) else { return nil }
        if let data = FileIO.read(target),
           let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
           object["summary"] != nil, object["written"] != nil {
            return nil
        }
        return "\(path) exists and is not a report of an earlier build; choose another file name"
    }

    /// Refuses, before anything is written, an output that is not Loa's to replace. `manifest`
    /// is the last build's record for this output, if any; `force` allows replacing a folder of
    /// other files, never a forbidden one.
    public static func check(output: String, siteRoot: String, manifest: () -> BuildManifest?, force: Bool) throws(BuildFailure) {
        let here = SourceLocation(path: output)
        if let reason = forbiddenReason(output: output, siteRoot: siteRoot) {
            throw BuildFailure([.error(at: here, "Loa will not write its output here: \(reason); choose an empty folder such as Public/")])
        }
        var st = stat()
        guard lstat(output, &st) == 0 else { return }  // absent: made by the build
        guard FileIO.isDirectory(output) else {
            throw BuildFailure([.error(at: here, "\(output) is a file, not a folder; choose a folder for the output")])
        }
        if let foreign = foreignFile(in: output, manifest: manifest), !force {
            throw BuildFailure([.error(at: here, "\(output) holds files that Loa did not write (e.g. \(foreign)); choose an empty folder or pass --force-replace")])
        }
    }

    /// A file in `folder` that shows it is not Loa's output (the first in byte order), or nil.
    static func foreignFile(in folder: String, manifest: () -> BuildManifest?) -> String? {
        let names = FileIO.list(folder)
        if names.isEmpty || names == [".gitkeep"] || hasMarker(folder) { return nil }
        // Written by a build made before the marker: every file is in its manifest, but for the
        // search index, which Pagefind writes after the manifest's list is made.
        let listed = manifest()?.entries
        for relative in FileIO.walk(folder) where relative != ".gitkeep" {
            if listed?[relative] == nil && !(listed != nil && relative.hasPrefix(Pagefind.folder + "/")) { return relative }
        }
        return nil
    }

    static func hasMarker(_ folder: String) -> Bool {
        var st = stat()
        return lstat(folder + "/" + markerName, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    static func writeMarker(into folder: String) throws {
        try FileIO.write(markerText, to: folder + "/" + markerName)
    }

    /// Removes staging and previous-output folders that interrupted builds left beside `output`:
    /// only those carrying the marker, so a folder of the user's that happens to share the name
    /// stays.
    static func removeLeftovers(beside output: String) {
        let parent = FileIO.parentPath(output)
        let base = String(output.split(separator: "/").last ?? "")
        guard !parent.isEmpty, !base.isEmpty else { return }
        for name in FileIO.list(parent) where name.hasPrefix(base + ".loa-staging-") || name.hasPrefix(base + ".loa-previous-") {
            let path = parent + "/" + name
            // An empty one is what a build killed right after making it leaves.
            if hasMarker(path) { removeOwnTree(path) } else { rmdir(path) }
        }
    }

    /// Removes a folder Loa made, the marker last: a removal cut short leaves a folder that is
    /// still known as Loa's.
    static func removeOwnTree(_ folder: String) {
        for name in FileIO.list(folder) where name != markerName { FileIO.removeTree(folder + "/" + name) }
        unlink(folder + "/" + markerName)
        rmdir(folder)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The output's twin, so that an incremental build, too, replaces the output in one step.
///
/// A full build writes a whole new tree and exchanges it with the output. An incremental build
/// writes only the files that changed; moving them into the live output one by one would leave
/// a mix of old and new pages if the build were killed in the middle. Instead it brings the
/// spare, a hidden folder beside the output (`.Public.loa-spare` for `Public/`), to the new
/// state and exchanges the two folders; the old output becomes the spare for the next build.
///
/// The two trees share their unchanged files as hard links, so the spare costs folders, not a
/// copy of every file, and bringing it up to date touches only the files that changed in the
/// last two builds. The spare is trusted only with its own manifest (the manifest of the build
/// that left it live), removed before the spare is touched and restored once the exchange is
/// done: a spare whose state is not known is made again from the output.
public enum SpareOutput {
    /// `.<name>.loa-spare` beside `output`: on the same file system, and hidden.
    static func location(of output: String) -> String {
        let parent = FileIO.parentPath(output)
        let name = String(output.split(separator: "/").last ?? "")
        return parent + "/." + name + ".loa-spare"
    }

    /// The spare's manifest, beside the output's in `.loa-cache/`.
    static func manifestLocation(_ outputManifest: String) -> String { outputManifest + "-spare" }

    /// Forgets the spare's state: the next incremental build makes it again.
    public static func forget(outputManifest: String) {
        BuildManifest.remove(manifestLocation(outputManifest))
    }

    /// A folder of someone else's where the spare goes: never removed.
    struct InTheWay: Error, CustomStringConvertible {
        let folder: String
        var description: String {
            "\(folder) holds files that Loa did not write; Loa keeps the previous output there between builds: move that folder away"
        }
    }

    /// The spare beside `output`, ready to be patched, and what it holds: its manifest when the
    /// spare is as that manifest says, else a new empty spare and no entries. The spare's
    /// manifest is removed here; `adopt` records it again after the exchange.
    static func open(beside output: String, outputManifest: String) throws -> (path: String, holds: [String: BuildManifest.Entry]) {
        let spare = location(of: output)
        let manifestPath = manifestLocation(outputManifest)
        let known = OutputGuard.hasMarker(spare) ? BuildManifest.read(manifestPath) : nil
        BuildManifest.remove(manifestPath)
        if let known { return (spare, known.entries) }
        if FileIO.exists(spare) {
            guard OutputGuard.hasMarker(spare) || FileIO.list(spare).isEmpty else {
                throw InTheWay(folder: spare)
            }
            OutputGuard.removeOwnTree(spare)
        }
        try FileIO.makeDirectories(spare)
        try OutputGuard.writeMarker(into: spare)
        return (spare, [:])
    }

    /// Brings `spare`, holding `holds`, to the state of `manifest`: files in `written` move in
    /// from `staged`, the others are linked from `live` unless the spare already has the very
    /// same file, and files the manifest no longer lists go. Returns the paths that could not be
    /// linked because they are gone from the live output (removed by hand): they are left out of
    /// the new output, and the caller drops them from the manifest so the next build makes them.
    static func patch(_ spare: String, holds: [String: BuildManifest.Entry], to manifest: [String: BuildManifest.Entry],
                      written: Set<String>, staged: String, live: String, workers: Int) throws -> [String] {
        // First what goes, so that a file that became a folder (or the reverse) has room. In
        // no order: a folder goes when its last file does, whichever that is.
        for path in holds.keys where manifest[path] == nil {
            unlink(spare + "/" + path)
            var folder = FileIO.parentPath(spare + "/" + path)
            while folder.count > spare.count && rmdir(folder) == 0 { folder = FileIO.parentPath(folder) }
        }
        // The spare's copy is the live one when both are the same file (a hard link): same
        // bytes, same size and time as the manifest records. Unsorted: the order of links does
        // not change the tree, and sorting 40,000 paths was a visible share of a rebuild.
        var candidates: [String] = [], relink: [String] = []
        candidates.reserveCapacity(manifest.count)
        for (path, entry) in manifest where !written.contains(path) {
            if let held = holds[path], held.contentHash == entry.contentHash, held.size == entry.size, held.modified == entry.modified {
                candidates.append(path)
            } else {
                relink.append(path)
            }
        }
        let folder = FileIO.Folder(spare)
        let same = Parallel.map(candidates.count, workers: workers, batch: 256) { i -> Bool in
            guard let stamp = folder.stamp(candidates[i]), let entry = holds[candidates[i]] else { return false }
            return stamp.size == entry.size && stamp.modified == entry.modified
        }
        for (path, isSame) in zip(candidates, same) where !isSame { relink.append(path) }

        var made: Set<String> = []
        func folderFor(_ target: String) throws {
            let parent = FileIO.parentPath(target)
            if made.insert(parent).inserted { try FileIO.makeDirectories(parent) }
        }
        for path in written.sorted() {
            let target = spare + "/" + path
            try folderFor(target)
            try FileIO.rename(staged + "/" + path, target)
        }
        var lost: [String] = []
        for path in relink {
            let target = spare + "/" + path
            try folderFor(target)
            let source = live + "/" + path
            if link(source, target) == 0 { continue }
            if errno == EEXIST {
                // Replaced in one step: a link beside it, renamed over it.
                let beside = target + ".loa-link"
                unlink(beside)
                if link(source, beside) == 0 { try FileIO.rename(beside, target); continue }
            }
            guard errno == ENOENT else { throw FileIO.Failure.system("cannot link \(source) to", target) }
            unlink(target)
            lost.append(path)
        }
        return lost
    }

    /// Makes the spare's files that no manifest lists (`.gitkeep`; the search index's folder)
    /// the live output's, linked as they are, or absent where the output has none.
    static func match(_ spare: String, live: String, names: [String], folders: [String]) throws {
        for name in names {
            unlink(spare + "/" + name)
            if FileIO.exists(live + "/" + name), link(live + "/" + name, spare + "/" + name) != 0 {
                throw FileIO.Failure.system("cannot link \(live)/\(name) to", spare + "/" + name)
            }
        }
        for name in folders {
            let liveRoot = live + "/" + name, spareRoot = spare + "/" + name
            guard FileIO.isDirectory(liveRoot) else { FileIO.removeTree(spareRoot); continue }
            // Brought to the live folder's files rather than made again: a search index has
            // tens of thousands of files, nearly all already linked from the last rebuild.
            let files = FileIO.walk(liveRoot, sorted: false)
            if FileIO.isDirectory(spareRoot) {
                let wanted = Set(files)
                for relative in FileIO.walk(spareRoot, sorted: false) where !wanted.contains(relative) { unlink(spareRoot + "/" + relative) }
            }
            var made: Set<String> = []
            for relative in files {
                let source = liveRoot + "/" + relative, target = spareRoot + "/" + relative
                var a = stat(), b = stat()
                if stat(source, &a) == 0, stat(target, &b) == 0, a.st_ino == b.st_ino, a.st_dev == b.st_dev { continue }
                let parent = FileIO.parentPath(target)
                if made.insert(parent).inserted { try FileIO.makeDirectories(parent) }
                unlink(target)
                if link(source, target) != 0 {
                    throw FileIO.Failure.system("cannot link \(source) to", target)
                }
            }
        }
    }

    /// After the exchange: the spare is the output of the last build, whose manifest is still
    /// the output's on disk. Linked, not copied: the output's manifest is then replaced by a
    /// new file, and the spare keeps the old one.
    static func adopt(outputManifest: String) {
        let spareManifest = manifestLocation(outputManifest)
        BuildManifest.remove(spareManifest)
        let changes = BuildManifest.changesLocation(outputManifest)
        guard link(outputManifest, spareManifest) == 0 else { return }
        if FileIO.exists(changes), link(changes, BuildManifest.changesLocation(spareManifest)) != 0 {
            BuildManifest.remove(spareManifest)
        }
    }
}

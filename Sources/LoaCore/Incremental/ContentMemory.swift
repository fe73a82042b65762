import Foundation

/// The last load of a site's content, kept in memory by a long-lived process (the editor in
/// `loa serve`, which checks the whole site before every save and lists it on every visit).
/// While no file under Content/ changed (same paths, sizes and modification times), the next
/// load is that one: it costs a walk of the folder instead of reading and decoding every file's
/// cache entry, which is most of a load on a large portal. A file changed within the clock's
/// resolution of the load that was kept is trusted only if its bytes are those that were loaded.
public final class ContentMemory: @unchecked Sendable {
    private struct Kept {
        var key: String
        var content: LoadedContent
        var diagnostics: Diagnostics
        var takenAt: Int
    }

    private let lock = NSLock()
    private var kept: Kept?

    public init() {}

    /// The kept load when nothing under `Content/` changed since it was taken.
    func unchanged(siteRoot: String, key: String) -> (LoadedContent, Diagnostics)? {
        lock.lock()
        let kept = self.kept
        lock.unlock()
        guard let kept, kept.key == key else { return nil }
        let contentRoot = siteRoot + "/" + ContentLoader.contentFolder
        let folder = FileIO.Folder(contentRoot)
        let files = FileIO.walk(contentRoot, sorted: false).filter { $0 != "site.yaml" }
        guard files.count == kept.content.stamps.count else { return nil }
        var recent: [String] = []
        for relative in files {
            guard let stamp = folder.stamp(relative), let known = kept.content.stamps[relative],
                  known.size == stamp.size, known.modified == stamp.modified else { return nil }
            if stamp.modified >= kept.takenAt - 2_000_000_000 { recent.append(relative) }
        }
        // A file written just before the load (the editor's own save, mostly): its stamp proves
        // nothing, its bytes do.
        for relative in recent {
            let path = ContentLoader.contentFolder + "/" + relative
            guard relative.hasSuffix(".md"), let bytes = FileIO.read(contentRoot + "/" + relative),
                  let item = kept.content.items.first(where: { $0.sourcePath == path }),
                  item.sourceHash == ContentHash.of(bytes) else { return nil }
        }
        return (kept.content, kept.diagnostics)
    }

    /// After the editor saved `relativePath` (`Content/…`): the kept load takes the file's new
    /// version, so the form shown next does not read the whole site again. Only when nothing
    /// else is derived from it at load time (a document gives its date to the items citing it;
    /// an item citing one takes it): else the kept load is dropped.
    public func adopt(siteRoot: String, relativePath: String, configuration: SiteConfiguration) {
        lock.lock(); defer { lock.unlock() }
        guard var kept, kept.key == ContentCache.key(configuration),
              let index = kept.content.items.firstIndex(where: { $0.sourcePath == relativePath }) else {
            self.kept = nil
            return
        }
        let before = kept.content.items[index]
        let relative = String(relativePath.dropFirst(ContentLoader.contentFolder.count + 1))
        guard before.kind != .document, before.source == nil,
              let bytes = FileIO.read(siteRoot + "/" + relativePath), let stamp = FileIO.stamp(siteRoot + "/" + relativePath) else {
            self.kept = nil
            return
        }
        let (decoded, problems) = ContentLoader.decodeFrontMatter(bytes: bytes, path: relativePath, kind: before.kind,
                                                                  languages: Set(configuration.languages.map(\.code)),
                                                                  defaultLanguage: configuration.defaultLanguage)
        guard let item = decoded, item.source == nil else {
            self.kept = nil
            return
        }
        kept.content.items[index] = item
        kept.content.stamps[relative] = FileStamp(size: stamp.size, modified: stamp.modified)
        var diagnostics = Diagnostics()
        diagnostics.append(contentsOf: kept.diagnostics.all.filter { $0.location.path != relativePath })
        diagnostics.append(contentsOf: problems)
        kept.diagnostics = diagnostics
        self.kept = kept
    }

    func keep(_ content: LoadedContent, _ diagnostics: Diagnostics, key: String, takenAt: Int) {
        lock.lock()
        kept = Kept(key: key, content: content, diagnostics: diagnostics, takenAt: takenAt)
        lock.unlock()
    }
}

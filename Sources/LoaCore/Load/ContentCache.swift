import Foundation

/// Decoded content files from the last build, by file, so an unchanged file (same size and
/// modification time) is not parsed again. Kept in `.loa-cache/`; losing it costs only time.
final class ContentCache: @unchecked Sendable {
    struct Entry: Codable {
        var size: Int
        var modified: Int
        var item: ContentItem?
        var problems: [Diagnostic]
    }

    struct Stored: Codable {
        var key: String
        /// When the cache was written (ns since 1970).
        var savedAt: Int
        var entries: [String: Entry]
    }

    let path: String
    /// What decoding depends on besides the file: the site's languages and Loa's version.
    let key: String
    private let previous: [String: Entry]
    private let savedAt: Int
    private var next: [String: Entry] = [:]
    private var changed = false
    private let lock = NSLock()

    init(siteRoot: String, configuration: SiteConfiguration) {
        path = siteRoot + "/.loa-cache/content.json"
        key = ([Loa.version, configuration.defaultLanguage] + configuration.languages.map(\.code).sorted()).joined(separator: " ")
        if let bytes = FileIO.read(path), let stored = try? JSONDecoder().decode(Stored.self, from: Data(bytes)), stored.key == key {
            previous = stored.entries
            savedAt = stored.savedAt
        } else {
            previous = [:]
            savedAt = 0
        }
    }

    func lookup(_ relative: String, size: Int, modified: Int) -> Entry? {
        // A file changed within the clock's resolution of the last save could look unchanged
        // (same size and time): such recent files are always decoded again, as git does.
        guard let entry = previous[relative], entry.size == size, entry.modified == modified,
              modified < savedAt - 2_000_000_000 else { return nil }
        lock.lock(); defer { lock.unlock() }
        next[relative] = entry
        return entry
    }

    private let now = Int(Date().timeIntervalSince1970 * 1_000_000_000)

    func store(_ relative: String, _ entry: Entry) {
        lock.lock(); defer { lock.unlock() }
        next[relative] = entry
        // A file edited just now would not be trusted next time anyway (see `lookup`), so it
        // alone is no reason to rewrite the whole cache.
        if entry.modified < now - 2_000_000_000 || previous[relative] == nil { changed = true }
    }

    /// Writes the cache when anything was decoded anew or a file went away.
    func save() {
        // Recently modified files were decoded again; saving lets them be trusted next time.
        guard changed || next.count != previous.count else { return }
        let now = Int(Date().timeIntervalSince1970 * 1_000_000_000)
        guard let data = try? JSONEncoder().encode(Stored(key: key, savedAt: now, entries: next)) else { return }
        try? FileIO.makeDirectories(FileIO.parentPath(path))
        let temporary = path + ".tmp-\(getpid())"
        if (try? FileIO.write(data, to: temporary)) != nil { try? FileIO.rename(temporary, path) }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading and saving content files for the editor of `loa serve`: only files of the content
/// folders, never through `..` or a symbolic link out of `Content/`; saved whole or not at all,
/// and never over a version the editor did not see.
public struct ContentFileStore: Sendable {
    public let siteRoot: String

    public init(siteRoot: String) { self.siteRoot = siteRoot }

    public enum Refusal: Error, Sendable, Equatable {
        /// The path is not a Markdown file (or an attachment) in one of the content folders.
        case notContent(String)
        /// The file changed on disk since the editor read it: its current text.
        case changedOnDisk(current: String)
        /// A new file's name is taken.
        case exists(String)
        case failed(String)
    }

    /// `Content/<kind folder>/<name>.md` (or deeper, for attachments), checked: the path as
    /// written has no `..`, `.`, empty, hidden or control-character segment, and the folder it
    /// names resolves (symbolic links followed) inside the site's `Content/`. Returns the path
    /// relative to the site folder.
    public func checkedPath(_ relative: String, markdown: Bool = true) throws(Refusal) -> String {
        let text = Folding.nfc(relative)
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 3, segments[0] == ContentLoader.contentFolder, ContentKind(rawValue: segments[1]) != nil,
              segments.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("\\") && !$0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f } })
        else { throw .notContent(relative) }
        if markdown != text.hasSuffix(".md") { throw .notContent(relative) }
        let folder = siteRoot + "/" + segments.dropLast().joined(separator: "/")
        if FileIO.exists(folder), OutputGuard.contentWriteProblem(folder: folder, siteRoot: siteRoot) != nil { throw .notContent(relative) }
        // The file itself must not be a link leading elsewhere.
        var st = stat()
        if lstat(siteRoot + "/" + text, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG { throw .notContent(relative) }
        return text
    }

    /// The file's text, or nil when there is none.
    public func read(_ relative: String) throws(Refusal) -> String? {
        let path = try checkedPath(relative)
        guard let bytes = FileIO.read(siteRoot + "/" + path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A short fingerprint of a file's text, carried by the editor's form, to tell whether the
    /// file changed while it was open.
    public static func version(of text: String?) -> String {
        guard let text else { return "new" }
        return String(ContentHash.of(Array(text.utf8)), radix: 16)
    }

    /// Writes `text` in one step (a temporary file in the same folder, then a rename), only if
    /// the file on disk is still the version `expected` (see `version(of:)`; "new": there must be
    /// no file, and none is overwritten even if one appears meanwhile).
    public func save(_ text: String, to relative: String, expected: String) throws(Refusal) {
        try save(Array(text.utf8), to: relative, expected: expected, markdown: true)
    }

    /// An uploaded attachment, saved beside the content files (never over another file).
    public func saveNew(_ bytes: [UInt8], to relative: String) throws(Refusal) {
        try save(bytes, to: relative, expected: "new", markdown: false)
    }

    private func save(_ bytes: [UInt8], to relative: String, expected: String, markdown: Bool) throws(Refusal) {
        let path = try checkedPath(relative, markdown: markdown)
        let full = siteRoot + "/" + path
        let folder = FileIO.parentPath(full)
        do { try FileIO.makeDirectories(folder) } catch { throw .failed("could not make \(FileIO.parentPath(path)): \(error)") }
        // Made now if it was missing: check again where it leads.
        if OutputGuard.contentWriteProblem(folder: folder, siteRoot: siteRoot) != nil { throw .notContent(relative) }
        let current = FileIO.read(full).map { String(decoding: $0, as: UTF8.self) }
        if Self.version(of: current) != expected {
            if let current { throw expected == "new" ? .exists(path) : .changedOnDisk(current: current) }
            if expected != "new" { throw .changedOnDisk(current: "") }
        }
        let temporary = folder + "/.\(full.split(separator: "/").last ?? "").loa-save-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do { try FileIO.write(bytes, to: temporary) } catch { throw .failed("could not write \(path): \(error)") }
        if expected == "new" {
            // link() fails when the name is taken: a file made meanwhile is never replaced.
            let linked = link(temporary, full)
            let failure = errno
            unlink(temporary)
            if linked != 0 { throw failure == EEXIST ? .exists(path) : .failed("could not write \(path): \(String(cString: strerror(failure)))") }
        } else {
            if rename(temporary, full) != 0 {
                let failure = errno
                unlink(temporary)
                throw .failed("could not write \(path): \(String(cString: strerror(failure)))")
            }
        }
    }
}

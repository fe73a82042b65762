import Foundation
import LoaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `loa import`: official documents → document content files. Every input is read and checked
/// first; files are written only when all inputs succeeded, never over an existing file.
public enum DocumentImporter {
    public struct Options: Sendable {
        public var siteRoot: String
        /// `--district`: slug or name of a district in the site's registry.
        public var district: String?
        /// `--lang`: the language of the content files; default: the site's default language.
        public var language: String?
        public var dryRun: Bool

        public init(siteRoot: String, district: String? = nil, language: String? = nil, dryRun: Bool = false) {
            self.siteRoot = siteRoot
            self.district = district
            self.language = language
            self.dryRun = dryRun
        }
    }

    public struct Outcome: Sendable {
        /// One per input that could be read, in input order.
        public var documents: [ImportedDocument] = []
        /// The content file each document is (or, with --dry-run, would be) written to, from the site folder.
        public var files: [String?] = []
        public var errors: [Diagnostic] = []
        /// Files written, from the site folder (empty on a dry run or on any error).
        public var written: [String] = []
        public var warnings: [Diagnostic] { documents.flatMap(\.warnings) }
    }

    public static let documentsFolder = ContentLoader.contentFolder + "/" + ContentKind.document.folder

    /// Reads one input's bytes into a document (the pure part, for tests and callers).
    public static func parse(bytes: [UInt8], path: String, registry: DistrictRegistry, district: District? = nil) throws(Diagnostic) -> ImportedDocument {
        let lines = try InputReader.lines(bytes: bytes, path: path)
        return DocumentParser.parse(lines, path: path, registry: registry, district: district)
    }

    /// `--format json`: an array with one object per input, keys sorted, so output is stable.
    public static func json(_ outcome: Outcome) -> String {
        let objects = zip(outcome.documents, outcome.files).map { $0.jsonObject(file: $1) }
        guard let data = try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The content file for a document: front matter and body.
    public static func contentFile(_ doc: ImportedDocument) -> String { ContentFileWriter.render(doc) }

    public static func run(inputs: [String], options: Options, currentDirectory: String = FileManager.default.currentDirectoryPath) -> Outcome {
        var outcome = Outcome()
        let (configuration, configProblems) = ConfigurationLoader.load(siteRoot: options.siteRoot)
        guard let configuration, !configProblems.hasErrors else {
            outcome.errors = configProblems.errors
            return outcome
        }
        let language = options.language ?? configuration.defaultLanguage
        guard configuration.language(language) != nil else {
            outcome.errors.append(.error(at: SourceLocation(path: "--lang"), "'\(language)' is not a language of this site (\(configuration.languages.map(\.code).joined(separator: ", "))); see Content/site.yaml"))
            return outcome
        }
        let registry = DistrictRegistry(configuration.districts, language: language)
        var district: District?
        if let given = options.district {
            district = registry.lookup(given)
            if district == nil {
                outcome.errors.append(.error(at: SourceLocation(path: "--district"), "'\(given)' is not a district of this site; the districts are: \(configuration.districts.map(\.slug).joined(separator: ", "))"))
                return outcome
            }
        }

        var targets: [String: String] = [:]  // target → input that claims it
        for input in inputs {
            let full = input.hasPrefix("/") ? input : currentDirectory + "/" + input
            guard let bytes = FileIO.read(full) else {
                let why = FileIO.isDirectory(full) ? "it is a folder; give the document files" : "no such file, or it cannot be read"
                outcome.errors.append(.error(at: SourceLocation(path: input), "cannot read the document: \(why)"))
                continue
            }
            var doc: ImportedDocument
            do {
                doc = try parse(bytes: bytes, path: input, registry: registry, district: district)
            } catch {
                outcome.errors.append(error)
                continue
            }
            // A district the registry lacks: no content file can name it, so nothing is written
            // until the registry has it or --district says which district the document is filed under.
            if let unregistered = doc.unregisteredDistrict, district == nil, !options.dryRun {
                let notice = unregisteredDistrictMessage(unregistered)
                doc.warnings.removeAll { $0.message.hasPrefix(notice) }
                outcome.errors.append(.error(at: SourceLocation(path: input, line: unregistered.line),
                    "not written: the document names the district '\(unregistered.name)', which is not in the site's registry; add these lines under 'districts:' in Content/site.yaml, or pass --district:\n" + unregistered.registryLines.dropLast()))
            }
            var file: String?
            if let title = doc.title {
                let (name, shortened) = ContentFileWriter.name(for: title)
                let relative = documentsFolder + "/" + name + "." + language + ".md"
                file = relative
                if shortened {
                    doc.warnings.append(.warning(at: SourceLocation(path: input), "the title is long: the file name is cut to '\(name)'"))
                }
                if FileIO.exists(options.siteRoot + "/" + relative) {
                    outcome.errors.append(.error(at: SourceLocation(path: input), "\(relative) already exists: loa import never overwrites a file; rename or remove it, or edit it by hand"))
                } else if let other = targets[relative] {
                    outcome.errors.append(.error(at: SourceLocation(path: input), "this document has the same title as \(other), so both would be written to \(relative); import them one at a time and rename one"))
                }
                targets[relative] = input
            } else if !options.dryRun {
                outcome.errors.append(.error(at: SourceLocation(path: input), "found no title (a kind word such as 'BÁO CÁO' with its subject, or a 'V/v …' line), so there is no file name to write; nothing was written"))
            }
            outcome.documents.append(doc)
            outcome.files.append(file)
        }
        guard outcome.errors.isEmpty, !options.dryRun else { return outcome }

        // All inputs are good: write, and if one write fails take back those already written.
        if let problem = OutputGuard.contentWriteProblem(folder: options.siteRoot + "/" + documentsFolder, siteRoot: options.siteRoot) {
            outcome.errors.append(.error(at: SourceLocation(path: documentsFolder), problem))
            return outcome
        }
        do {
            try FileIO.makeDirectories(options.siteRoot + "/" + documentsFolder)
            for (doc, file) in zip(outcome.documents, outcome.files) {
                guard let file else { continue }
                try createNew(options.siteRoot + "/" + file, contents: ContentFileWriter.render(doc))
                outcome.written.append(file)
            }
        } catch {
            for file in outcome.written { unlink(options.siteRoot + "/" + file) }
            outcome.written = []
            outcome.errors.append(.error(at: SourceLocation(path: documentsFolder), "\(error); nothing was written"))
        }
        return outcome
    }

    /// How the parser's warning about a district the registry lacks begins.
    static func unregisteredDistrictMessage(_ d: UnregisteredDistrict) -> String {
        "the document names the district '\(d.name)', which is not in the site's registry"
    }

    struct WriteFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates the file; fails if it exists (O_EXCL), so a file appearing meanwhile is not replaced.
    static func createNew(_ path: String, contents: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw WriteFailure(description: errno == EEXIST ? "\(path) already exists" : "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(contents.utf8)
        var offset = 0
        defer { close(fd) }
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                unlink(path)
                throw WriteFailure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}

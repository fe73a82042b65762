import Foundation
import LoaCore
@testable import LoaImport

/// Paths and helpers shared by the import tests.
enum Fixture {
    /// The repository: three levels above this file (Tests/LoaImportTests/Support.swift).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.standardizedFileURL.path
    }()

    /// `../shared/source-documents`, beside the clone (as on CI).
    static let sharedDocuments = URL(fileURLWithPath: repositoryRoot + "/../shared/source-documents").standardizedFileURL.path

    static let expectedFolder = repositoryRoot + "/Tests/LoaImportTests/Expected"

    static var sharedDocumentNames: [String] {
        FileIO.list(sharedDocuments).filter { $0.hasSuffix(".txt") }
    }

    /// The sample site's district registry (Bạch Thông, Thạch Thành, Triệu Sơn).
    static let registry: DistrictRegistry = {
        let (config, _) = ConfigurationLoader.load(siteRoot: repositoryRoot)
        return DistrictRegistry(config!.districts)
    }()

    static func district(_ slug: String) -> District? { registry.lookup(slug) }

    /// Imports text as if read from `path` (the extension picks the reader).
    static func parse(_ text: String, path: String = "test.txt", district: String? = nil) throws(Diagnostic) -> ImportedDocument {
        try DocumentImporter.parse(bytes: Array(text.utf8), path: path, registry: registry,
                                   district: district.flatMap { registry.lookup($0) })
    }

    /// A fresh site folder with the sample site's configuration and no content yet.
    static func makeSite() throws -> String {
        let root = NSTemporaryDirectory() + "loa-import-" + UUID().uuidString
        try FileIO.makeDirectories(root + "/Content")
        try FileIO.write(FileIO.read(repositoryRoot + "/Content/site.yaml")!, to: root + "/Content/site.yaml")
        return root
    }

    static func write(_ text: String, to path: String) throws {
        try FileIO.makeDirectories(FileIO.parentPath(path))
        try FileIO.write(text, to: path)
    }

    /// The JSON the importer reports, minus the input's path (which depends on where tests run).
    static func canonicalJSON(_ object: Any) throws -> String {
        var object = object
        if var dict = object as? [String: Any] { dict["input"] = nil; object = dict }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// A minimal zip writer (stored entries, no compression): enough to build a .docx in a test
/// without relying on the reader's own zip library to write it.
enum StoredZip {
    static func archive(_ entries: [(path: String, contents: String)]) -> Data {
        var out = Data()
        var central = Data()
        for (path, contents) in entries {
            let name = Array(path.utf8), body = Array(contents.utf8)
            let crc = crc32(body)
            let offset = UInt32(out.count)
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            out += le32(crc) + le32(UInt32(body.count)) + le32(UInt32(body.count)) + le16(UInt16(name.count)) + le16(0)
            out += Data(name) + Data(body)
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(crc) + le32(UInt32(body.count)) + le32(UInt32(body.count)) + le16(UInt16(name.count))
            central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + Data(name)
        }
        let centralOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return out
    }

    private static func le16(_ v: UInt16) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    private static func le32(_ v: UInt32) -> Data { Data((0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) }) }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// WordprocessingML snippets for building test documents.
enum Word {
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A run; `bold`/`italic` as Word writes them.
    static func run(_ text: String, bold: Bool = false, italic: Bool = false) -> String {
        let props = (bold ? "<w:b/>" : "") + (italic ? "<w:i/>" : "")
        return "<w:r>\(props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>")<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
    }

    static func paragraph(_ runs: String..., numbering: (id: Int, level: Int)? = nil, style: String? = nil) -> String {
        var props = ""
        if let style { props += "<w:pStyle w:val=\"\(style)\"/>" }
        if let numbering { props += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>" }
        return "<w:p>\(props.isEmpty ? "" : "<w:pPr>\(props)</w:pPr>")\(runs.joined())</w:p>"
    }

    static func table(_ rows: [[[String]]]) -> String {
        "<w:tbl><w:tblPr/>" + rows.map { cells in
            "<w:tr>" + cells.map { "<w:tc><w:tcPr/>" + $0.joined() + "</w:tc>" }.joined() + "</w:tr>"
        }.joined() + "</w:tbl>"
    }

    static func document(_ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"\(namespace)\"><w:body>\(body)<w:sectPr/></w:body></w:document>"
    }

    static func docx(body: String, footnotes: String? = nil, numbering: String? = nil) -> Data {
        var entries: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"),
            ("word/document.xml", document(body)),
        ]
        if let footnotes {
            entries.append(("word/footnotes.xml", "<?xml version=\"1.0\"?><w:footnotes xmlns:w=\"\(namespace)\">\(footnotes)</w:footnotes>"))
        }
        if let numbering {
            entries.append(("word/numbering.xml", "<?xml version=\"1.0\"?><w:numbering xmlns:w=\"\(namespace)\">\(numbering)</w:numbering>"))
        }
        return StoredZip.archive(entries)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// Every field an import reports (all but the body and the warnings), so that a test states the
/// whole expected result and a field read wrongly, or read where the document states nothing, fails.
struct Fields: Equatable, CustomStringConvertible {
    var kind: DocumentKind?
    var number: String?
    var place: String?
    var date: PartialDate?
    var title: String?
    var references: [String] = []
    var period: String?
    var issuer: String?
    var district: String?
    var unregisteredDistrict: UnregisteredDistrict?
    var recipientsNote: String?
    var recipients: [String] = []
    var signingLines: [String] = []
    var signer: String?

    init(kind: DocumentKind? = nil, number: String? = nil, place: String? = nil, date: PartialDate? = nil, title: String? = nil,
         references: [String] = [], period: String? = nil, issuer: String? = nil, district: String? = nil,
         unregisteredDistrict: UnregisteredDistrict? = nil, recipientsNote: String? = nil, recipients: [String] = [],
         signingLines: [String] = [], signer: String? = nil) {
        self.kind = kind; self.number = number; self.place = place; self.date = date; self.title = title
        self.references = references; self.period = period; self.issuer = issuer; self.district = district
        self.unregisteredDistrict = unregisteredDistrict; self.recipientsNote = recipientsNote; self.recipients = recipients
        self.signingLines = signingLines; self.signer = signer
    }

    init(_ d: ImportedDocument) {
        self.init(kind: d.kind, number: d.number, place: d.place, date: d.date, title: d.title, references: d.references,
                  period: d.period, issuer: d.issuer, district: d.district, unregisteredDistrict: d.unregisteredDistrict,
                  recipientsNote: d.recipientsNote, recipients: d.recipients, signingLines: d.signingLines, signer: d.signer)
    }

    var description: String {
        Mirror(reflecting: self).children.map { "\($0.label!): \($0.value)" }.joined(separator: "\n")
    }
}

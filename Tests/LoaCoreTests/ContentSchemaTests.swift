import Foundation
import Testing
@testable import LoaCore

/// A valid value for every field of a kind's schema, as the editor would hold it.
enum SchemaSamples {
    static func value(_ field: FieldSchema) -> FieldValue {
        switch field.key {
        case "phone", "fax": return .text("0237 3867 123")
        case "email": return .text("vanphong@trieuson.thanhhoa.gov.vn")
        case "slug": return .text("dia-chi-moi")
        case "aliases": return .list(["/tin-tuc/dia-chi-cu/"])
        case "source": return .text("../documents/bao-cao.vi.md")
        case "title": return .text("Báo cáo: “công tác” #1 - năm 2023")
        case "chart_image": return .record(["file": .text("images/so-do.png"), "alt": .text("Sơ đồ tổ chức")])
        case "coordinates": return .record(["latitude": .text("22.2741"), "longitude": .text("105.8792")])
        default: break
        }
        switch field.shape {
        case .text: return .text("Giá trị của \(field.key): có dấu hai chấm")
        case .paragraph: return .text("Dòng một của \(field.key).\nDòng hai, “trích dẫn”.")
        case .date: return .text("2023-06-15")
        case .choice(let values): return .text(values[1])
        case .district: return .text("bach-thong")
        case .topics: return .list(["di-san", "du-lich"])  // in the form's order
        case .textList: return .list(["Một: mục đầu", "Hai - mục sau", "yes"])
        case .records(let subfields):
            return .records([Dictionary(uniqueKeysWithValues: subfields.map { ($0.key, value($0)) }),
                             Dictionary(uniqueKeysWithValues: subfields.map { ($0.key, value($0)) })])
        case .record(let subfields): return .record(Dictionary(uniqueKeysWithValues: subfields.map { ($0.key, value($0)) }))
        case .unitTree:
            return .units([OrganisationUnitValue(name: "Văn phòng"),
                           OrganisationUnitValue(name: "Phòng Văn hóa", units: [OrganisationUnitValue(name: "Tổ 1", units: [OrganisationUnitValue(name: "Nhóm a")])]),
                           OrganisationUnitValue(name: "Phòng Tư pháp")])
        case .boolean: return .text("true")
        case .integer(let range): return .text(String(range.lowerBound + 3))
        case .decimal(let range): return .text(String(range.upperBound / 2))
        case .file: return field.key == "file" ? .text("files/bao-cao.pdf") : .text("files/x.pdf")
        }
    }

    static func all(_ kind: ContentKind) -> [String: FieldValue] {
        Dictionary(uniqueKeysWithValues: ContentSchema.fields(of: kind).map { ($0.key, value($0)) })
    }

    static func decodeWithKeys(_ text: String, kind: ContentKind) -> (ContentItem?, [Diagnostic], Set<String>) {
        ContentLoader.decodeReadingKeys(bytes: Array(text.utf8), path: "Content/\(kind.folder)/muc.vi.md", kind: kind,
                                        languages: ["vi", "en"], defaultLanguage: "vi")
    }
}

@Suite struct ContentSchemaTests {
    /// Adding a field to the loader without the schema, or to the schema without the loader, fails here.
    @Test func theLoaderReadsExactlyTheSchemasFields() throws {
        for kind in ContentKind.allCases {
            let document = FrontMatterDocument.new(kind: kind, fields: SchemaSamples.all(kind), body: "\nNội dung.\n")
            let (item, problems, read) = SchemaSamples.decodeWithKeys(document.text, kind: kind)
            #expect(item != nil)
            #expect(problems.isEmpty, "\(kind): \(problems.map(\.description))\n\(document.text)")
            var keys: Set<String> = []
            for field in ContentSchema.fields(of: kind) {
                keys.insert(field.key)
                for sub in field.subfields { keys.insert(field.key + "." + sub.key) }
            }
            #expect(read == keys, "\(kind): read but not in the schema: \(read.subtracting(keys).sorted()); in the schema but not read: \(keys.subtracting(read).sorted())")
        }
    }

    @Test func onlyKeysOutsideTheSchemaAreWarnedAbout() {
        for kind in ContentKind.allCases {
            var document = FrontMatterDocument.new(kind: kind, fields: SchemaSamples.all(kind), body: "")
            document.set("weight", .text("2"), kind: kind)
            document.set("tieu_de", .text("x"), kind: kind)
            let (_, problems, _) = SchemaSamples.decodeWithKeys(document.text, kind: kind)
            #expect(problems.map(\.message) == ["unknown field 'tieu_de' is ignored"], "\(kind)")
            #expect(document.unknownKeys == ["weight", "tieu_de"])
        }
        // A field of another kind is unknown here.
        let (_, problems) = TestSupport.decode("---\ntitle: T\ndistrict: d\nsummary: s\ndate: 2023-01-01\nmenu: 2\n---\n", kind: .pressRelease)
        #expect(problems.map(\.message) == ["unknown field 'menu' is ignored"])
    }

    /// The schema's `required` is what the loader requires: each required field missing is an
    /// error, and a file of the required fields alone has none.
    @Test func requiredFieldsAgreeWithTheLoader() {
        for kind in ContentKind.allCases {
            let fields = ContentSchema.fields(of: kind)
            for field in fields where field.required {
                var values = SchemaSamples.all(kind)
                values[field.key] = nil
                let (_, problems, _) = SchemaSamples.decodeWithKeys(FrontMatterDocument.new(kind: kind, fields: values, body: "").text, kind: kind)
                #expect(problems.contains { $0.message.hasPrefix("missing required field '\(field.key)'") }, "\(kind).\(field.key): \(problems)")
            }
            let required = SchemaSamples.all(kind).filter { key, _ in fields.first { $0.key == key }!.required }
            let (_, problems, _) = SchemaSamples.decodeWithKeys(FrontMatterDocument.new(kind: kind, fields: required, body: "").text, kind: kind)
            // A release is dated by its own `date` or by the document its `source` names.
            let expected = kind == .pressRelease ? ["date"] : []
            #expect(problems.map { String($0.message.split(separator: "'")[1]) } == expected, "\(kind): \(problems)")
            // Nested: the records' required fields.
            for field in fields {
                for sub in field.subfields where sub.required {
                    guard case .record(var record) = SchemaSamples.value(field).first else { continue }
                    record[sub.key] = nil
                    var values = SchemaSamples.all(kind)
                    values[field.key] = field.shape == .records(field.subfields) ? .records([record]) : .record(record)
                    let (_, problems, _) = SchemaSamples.decodeWithKeys(FrontMatterDocument.new(kind: kind, fields: values, body: "").text, kind: kind)
                    #expect(problems.contains { $0.severity == .error && $0.message.contains("'\(sub.key)'") }, "\(kind).\(field.key).\(sub.key): \(problems)")
                }
            }
        }
    }

    @Test func everyKindsFieldsComeInNewsOrder() {
        for kind in ContentKind.allCases {
            let keys = ContentSchema.fields(of: kind).map(\.key)
            #expect(Array(keys.prefix(4)) == ["title", "summary", "district", "topics"])
            #expect(Array(keys.suffix(6)) == ["source", "slug", "aliases", "publish_date", "expiry_date", "draft"])
            #expect(Set(keys).count == keys.count)
        }
    }
}

extension FieldValue {
    /// The first row of records, or the record itself.
    var first: FieldValue? {
        switch self {
        case .records(let rows): rows.first.map(FieldValue.record)
        case .record: self
        default: nil
        }
    }
}

@Suite struct NewFromSchemaTests {
    static let now = ISO8601DateFormatter().date(from: "2023-06-15T03:00:00Z")!
    static let expected = TestSupport.fixture("loa-new")

    static func sampleSite() throws -> String {
        let site = TestSupport.temporaryFolder("new-schema")
        try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Content", toPath: site + "/Content")
        return site
    }

    /// What `loa new` wrote before it read the schema (captured then), byte for byte.
    @Test func newWritesWhatItWroteBeforeForEveryKind() throws {
        let site = try Self.sampleSite()
        for kind in ContentKind.allCases {
            let request = NewContent.Request(kind: kind, title: "Mục mới \(kind.key)", district: "bach-thong", topics: ["du-lich", "di-san"], now: Self.now)
            let (path, text) = try NewContent.draft(siteRoot: site, request)
            #expect(path == "Content/\(kind.folder)/muc-moi-\(kind.key).vi.md")
            #expect(!FileManager.default.fileExists(atPath: site + "/" + path), "draft writes nothing")
            #expect(text == TestSupport.read(Self.expected + "/new/\(kind.folder).vi.md"), "\(kind)")
            #expect(try NewContent.create(siteRoot: site, request) == path)
            #expect(TestSupport.read(site + "/" + path) == text)
        }
    }

    @Test func translationsCarryWhatTheyCarriedBefore() throws {
        let site = try Self.sampleSite()
        var compared = 0
        for kind in ContentKind.allCases {
            for relative in FileIO.walk(Self.expected + "/translation/" + kind.folder) {
                let name = String(relative.dropLast(".en.md".count))
                try? FileManager.default.removeItem(atPath: site + "/Content/\(kind.folder)/\(name).en.md")
                let (path, text) = try NewContent.draft(siteRoot: site, .init(kind: kind, title: "In English", language: "en", translationOf: name, now: Self.now))
                #expect(path == "Content/\(kind.folder)/\(name).en.md")
                #expect(text == TestSupport.read(Self.expected + "/translation/\(kind.folder)/\(relative)"), "\(kind) \(name)")
                compared += 1
            }
        }
        #expect(compared == 18)
    }

    @Test func aTranslationOfAPlaceWithCoordinatesCarriesThem() throws {
        let site = try Self.sampleSite()
        let original = site + "/Content/places/khu-di-tich-lich-su-na-tu.vi.md"
        var document = try FrontMatterDocument(text: TestSupport.read(original)!, kind: .place)
        document.set("coordinates", .record(["latitude": .text("22.2"), "longitude": .text("105.8")]), kind: .place)
        TestSupport.write(document.text, to: original)
        try FileManager.default.removeItem(atPath: site + "/Content/places/khu-di-tich-lich-su-na-tu.en.md")
        let (_, text) = try NewContent.draft(siteRoot: site, .init(kind: .place, title: "Na Tu", language: "en", translationOf: "khu-di-tich-lich-su-na-tu", now: Self.now))
        #expect(text.contains("\ncoordinates: {latitude: 22.2, longitude: 105.8}\n"))
    }
}

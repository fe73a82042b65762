import Foundation
import Testing
@testable import LoaCore

/// The content cache and build manifest are read on every incremental build: whatever they
/// hold must come back exactly, and a damaged file must read as "no cache", never crash.
@Suite struct BinaryCacheTests {
    static let path = "Content/documents/ke-hoach.vi.md"

    static func at(_ line: Int, _ column: Int = 1, path: String = BinaryCacheTests.path) -> LoaCore.SourceLocation {
        LoaCore.SourceLocation(path: path, line: line, column: column)
    }

    /// An item with every optional field set, non-ASCII text, and locations in other files too.
    static func full(_ details: ContentDetails, kind: ContentKind) -> ContentItem {
        ContentItem(kind: kind, name: "ke-hoach", language: "vi", sourcePath: path, title: "Kế hoạch phát triển du lịch 2025",
                    summary: "Tóm tắt — “có dấu”", slug: "ke-hoach", district: "duy-tien", topics: ["du-lich", "van-hoa"],
                    date: PartialDate(year: 2023, month: 2, day: 21), source: "Sở VHTTDL", menu: -3, aliases: ["/cu/", "/cu-hon/"],
                    draft: true, publishDate: PartialDate(year: 2023, month: 3), expiryDate: PartialDate(year: 9999, month: 12, day: 31),
                    details: details, body: "Nội dung\n\n| a | b |\n", bodyFirstLine: 12, sourceHash: .max, frontMatterHash: 0x5EED_0000_0000_0001,
                    dateFromSource: .submission, fieldLocations: ["title": at(2, 8), "date": at(3), "district": at(4, 11), "included": at(7, 1, path: "Content/_shared.yaml")])
    }

    static let fullDetails: [(ContentKind, ContentDetails)] = [
        (.pressRelease, .pressRelease),
        (.document, .document(PublishedDocument(
            documentKind: .officialLetter, number: "/BC-UBND", issueDate: PartialDate(year: 2022, month: 6, day: 15),
            effectiveDate: PartialDate(year: 2022, month: 7), abstract: "Về việc du lịch", field: "Du lịch", place: "Hà Nam",
            issuer: "UBND tỉnh", period: "2021–2025", references: ["Luật Du lịch"], recipientsNote: "Gửi bản điện tử:", recipients: ["Sở A", "Sở B"],
            signingLines: ["TM. UBND", "CHỦ TỊCH"], signer: "Nguyễn Văn A",
            attachments: [Attachment(title: "Phụ lục", file: "phu-luc.pdf", location: at(20, 5)),
                          Attachment(title: "", file: "../x.pdf", location: at(1, 1, path: "elsewhere.md"))]))),
        (.spokesperson, .spokesperson(Spokesperson(name: "Trần Thị B", position: "Phó Giám đốc", agency: "Sở VHTTDL",
                                                   phone: "+84 226 000", email: "b@example.vn", since: PartialDate(year: 2020, month: 1, day: 2)))),
        (.place, .place(Place(placeKind: .communityTourism, recognition: .specialNational, commune: "Tiên Hải",
                              coordinates: Coordinates(latitude: 20.5833, longitude: -105.9167), visiting: "8:00–17:00"))),
        (.page, .page),
        (.organisation, .organisation(Organisation(
            organisationKind: .specialisedAgency, parent: "UBND huyện", address: "Số 1", phone: "0237 000", fax: "0237 001",
            email: "p@example.vn", workingHours: "7:30–17:00",
            officials: [Official(name: "Lê C", position: "Trưởng phòng", unit: "Phòng", phone: "0237 002", email: "c@example.vn"),
                        Official(name: nil, position: "Phó phòng", unit: nil, phone: nil, email: nil)],
            chart: [OrganisationUnit(name: "Tổ A", units: [OrganisationUnit(name: "Nhóm B", units: [])]), OrganisationUnit(name: "Tổ C", units: [])],
            chartImage: ChartImage(file: "so-do.png", alt: "Sơ đồ", location: at(9, 3))))),
    ]

    /// Every optional field nil, every list and the field locations empty.
    static func bare(_ details: ContentDetails, kind: ContentKind) -> ContentItem {
        ContentItem(kind: kind, name: "", language: "en", sourcePath: "", title: "", summary: nil, slug: "", district: nil, topics: [],
                    date: nil, source: nil, menu: nil, aliases: [], draft: false, publishDate: nil, expiryDate: nil, details: details,
                    body: "", bodyFirstLine: 0, sourceHash: 0, fieldLocations: [:])
    }

    static let bareDetails: [(ContentKind, ContentDetails)] = [
        (.pressRelease, .pressRelease),
        (.document, .document(PublishedDocument(documentKind: .report, number: nil, issueDate: nil, place: nil, issuer: "", period: nil,
                                                references: [], recipients: [], signingLines: [], signer: nil, attachments: []))),
        (.spokesperson, .spokesperson(Spokesperson(name: nil, position: "", agency: "", phone: nil, email: nil, since: nil))),
        (.place, .place(Place(placeKind: .other, recognition: nil, commune: nil, coordinates: nil, visiting: nil))),
        (.page, .page),
        (.organisation, .organisation(Organisation(organisationKind: .other, parent: nil, address: nil, phone: nil, fax: nil, email: nil,
                                                   workingHours: nil, officials: [], chart: [], chartImage: nil))),
    ]

    static func stored(_ items: [ContentItem?]) -> ContentCache.Stored {
        var entries: [String: ContentCache.Entry] = [:]
        for (i, item) in items.enumerated() {
            let problems: [Diagnostic] = [.warning(at: at(5, 2, path: item?.sourcePath ?? path), "cảnh báo"),
                                          .note(at: at(1, path: "Content/khac.md"), "note"), .error(at: at(0, 0), "")]
            entries["documents/\(i).vi.md"] = .init(size: 1000 + i, modified: 1_700_000_000_123_456_789 - i, item: item, problems: i % 2 == 0 ? problems : [])
        }
        return ContentCache.Stored(key: "0.9.0 vi en vi", savedAt: 1_700_000_100_000_000_000, entries: entries)
    }

    @Test func everyKindOfItemRoundTripsWithEveryFieldSet() throws {
        let items = Self.fullDetails.map { Self.full($1, kind: $0) }
        for item in items {
            let bytes = BinaryWriter.encoding { $0.item(item) }
            #expect(BinaryReader.read(bytes) { r throws(BinaryReader.Corrupt) in try r.item() } == item)
        }
        let stored = Self.stored(items + [nil])
        #expect(ContentCache.decode(ContentCache.encode(stored)) == stored)
    }

    @Test func everyKindOfItemRoundTripsWithNoOptionalFields() throws {
        let items = Self.bareDetails.map { Self.bare($1, kind: $0) }
        for item in items {
            let bytes = BinaryWriter.encoding { $0.item(item) }
            #expect(BinaryReader.read(bytes) { r throws(BinaryReader.Corrupt) in try r.item() } == item)
        }
        let stored = Self.stored(items)
        #expect(ContentCache.decode(ContentCache.encode(stored)) == stored)
        let empty = ContentCache.Stored(key: "", savedAt: 0, entries: [:])
        #expect(ContentCache.decode(ContentCache.encode(empty)) == empty)
    }

    @Test func theSameCacheGivesTheSameBytes() {
        let stored = Self.stored(Self.fullDetails.map { Self.full($1, kind: $0) })
        var copy = stored
        copy.entries = Dictionary(uniqueKeysWithValues: stored.entries.reversed())
        #expect(ContentCache.encode(stored) == ContentCache.encode(copy))
    }

    static func manifest() -> BuildManifest {
        var m = BuildManifest()
        m.entries["index.html"] = .init(fingerprint: 1, contentHash: .max, size: 0, modified: 1_700_000_000_987_654_321, quickKey: 0x8000_0000_0000_0000)
        m.entries["vi/tin-tức/index.html"] = .init(fingerprint: 0, contentHash: 42, size: 123_456, modified: -1, quickKey: 7)
        m.entries["feed.xml"] = .init(fingerprint: .max, contentHash: 0, size: Int.max, modified: Int.min)
        m.links["Content/pages/gioi-thieu.vi.md"] = (0xDEAD_BEEF, ["../press-releases/a.vi.md", "https://example.vn/", "#x"], 0x0123_4567_89AB_CDEF)
        m.links["Content/pages/trong.vi.md"] = (.max, [], 0)
        m.linkTable = 0xFEED_FACE_CAFE_BEEF
        return m
    }

    static func same(_ a: BuildManifest?, _ b: BuildManifest) -> Bool {
        guard let a, a.entries == b.entries, a.links.count == b.links.count, a.linkTable == b.linkTable else { return false }
        return a.links.allSatisfy { source, l in
            b.links[source].map { $0.hash == l.hash && $0.destinations == l.destinations && $0.targets == l.targets } ?? false
        }
    }

    @Test func manifestRoundTripsThroughItsFile() throws {
        let folder = TestSupport.temporaryFolder("manifest")
        let path = BuildManifest.location(siteRoot: folder, output: folder + "/Public")
        let manifest = Self.manifest()
        try manifest.write(path)
        #expect(Self.same(BuildManifest.read(path), manifest))
        #expect(Self.same(BuildManifest.decode(BuildManifest().encoded()), BuildManifest()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/.loa-cache") == [(path as NSString).lastPathComponent])
        // A text manifest of an earlier version means a full build.
        TestSupport.write("loa-manifest 3\nF\tindex.html\t1\t2\t3\t4\t5\n", to: path)
        #expect(BuildManifest.read(path) == nil)
    }

    /// A manifest read back and changed is written in the same order as one made afresh:
    /// the order kept from reading is used only while the keys are the same.
    @Test func changedManifestIsWrittenAsIfMadeAfresh() throws {
        let read = try #require(BuildManifest.decode(Self.manifest().encoded()))
        var changed = read
        changed.entries["index.html"]?.contentHash = 99
        var fresh = BuildManifest()
        fresh.entries = changed.entries
        fresh.links = changed.links
        fresh.linkTable = changed.linkTable
        #expect(changed.encoded() == fresh.encoded())
        changed.entries["a-new/index.html"] = .init(fingerprint: 1, contentHash: 2, size: 3, modified: 4)
        changed.links.removeValue(forKey: "Content/pages/trong.vi.md")
        changed.links["Content/pages/b.vi.md"] = (5, ["x"], 6)
        fresh.entries = changed.entries
        fresh.links = changed.links
        #expect(changed.encoded() == fresh.encoded())
        #expect(Self.same(BuildManifest.decode(changed.encoded()), changed))
    }

    /// A build that changed a few files writes only its changes beside the whole manifest; read
    /// back, they give what writing the whole manifest would. Changes made over another manifest
    /// are not applied, and many changes replace the whole file.
    @Test func fewChangesAreWrittenBesideTheManifest() throws {
        let folder = TestSupport.temporaryFolder("manifest-changes")
        let path = BuildManifest.location(siteRoot: folder, output: folder + "/Public")
        let changesPath = BuildManifest.changesLocation(path)
        var big = Self.manifest()
        for i in 0..<40 { big.entries["tin-\(i)/index.html"] = .init(fingerprint: UInt64(i), contentHash: 1, size: i, modified: i) }
        try big.write(path)
        let whole = try #require(FileIO.read(path))
        #expect(!FileManager.default.fileExists(atPath: changesPath))

        // A one-file rebuild: one page and one body's links, over the last manifest.
        var rebuild = BuildManifest()
        rebuild.entries["tin-3/index.html"] = .init(fingerprint: 9, contentHash: 9, size: 9, modified: 9, quickKey: 9)
        rebuild.links["Content/pages/gioi-thieu.vi.md"] = (1, ["#y"], 2)
        var merged = try #require(BuildManifest.read(path))
        merged.overlay(rebuild)
        try merged.write(path)
        #expect(FileIO.read(path) == whole, "the whole manifest is left as it was")
        #expect(FileManager.default.fileExists(atPath: changesPath))
        let read = try #require(BuildManifest.read(path))
        #expect(Self.same(read, merged))
        #expect(read.entries["tin-3/index.html"]?.quickKey == 9)

        // A second rebuild over manifest and changes keeps both builds' changes.
        var second = BuildManifest()
        second.entries["tin-4/index.html"] = .init(fingerprint: 8, contentHash: 8, size: 8, modified: 8)
        var again = read
        again.overlay(second)
        try again.write(path)
        #expect(FileIO.read(path) == whole)
        #expect(Self.same(BuildManifest.read(path), again))
        #expect(BuildManifest.read(path)?.entries["tin-3/index.html"]?.quickKey == 9)

        // Changes left beside another manifest (a build stopped between its writes) are ignored.
        let changes = try #require(FileIO.read(changesPath))
        var other = big
        other.entries["index.html"]?.size = 1
        try other.write(path)
        #expect(!FileManager.default.fileExists(atPath: changesPath), "writing the whole manifest removes the changes")
        try FileIO.write(changes, to: changesPath)
        #expect(Self.same(BuildManifest.read(path), other))

        // Many changes: the whole manifest is written again, and the changes file goes.
        var many = try #require(BuildManifest.read(path))
        var rewrite = BuildManifest()
        for i in 0..<10 { rewrite.entries["tin-\(i)/index.html"] = .init(fingerprint: 7, contentHash: 7, size: 7, modified: 7) }
        many.overlay(rewrite)
        try many.write(path)
        #expect(!FileManager.default.fileExists(atPath: changesPath))
        #expect(Self.same(BuildManifest.read(path), many))
        #expect(FileIO.read(path) == many.encoded())

        // A damaged changes file is ignored: the manifest reads as it was written whole.
        var few = try #require(BuildManifest.read(path))
        var one = BuildManifest()
        one.entries["tin-5/index.html"] = .init(fingerprint: 6, contentHash: 6, size: 6, modified: 6)
        few.overlay(one)
        try few.write(path)
        var damaged = try #require(FileIO.read(changesPath))
        damaged.removeLast()
        try FileIO.write(damaged, to: changesPath)
        #expect(Self.same(BuildManifest.read(path), many))

        // A manifest changed other than through overlay is written whole.
        var direct = try #require(BuildManifest.read(path))
        direct.entries["tin-6/index.html"]?.size = 66
        try direct.write(path)
        #expect(!FileManager.default.fileExists(atPath: changesPath))
        #expect(BuildManifest.read(path)?.entries["tin-6/index.html"]?.size == 66)

        BuildManifest.remove(path)
        #expect(BuildManifest.read(path) == nil)
    }

    /// Every shorter prefix, every header byte changed, and a changed byte after the header.
    static func damaged(_ bytes: [UInt8], header: Int) -> [[UInt8]] {
        var out = (0..<bytes.count).map { Array(bytes[..<$0]) }
        for i in 0..<header {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var b = bytes
                b[i] ^= flip
                out.append(b)
            }
        }
        for i in stride(from: header, to: bytes.count, by: max(1, bytes.count / 50)) {
            var b = bytes
            b[i] ^= 0x04
            out.append(b)
        }
        return out
    }

    @Test func truncatedOrDamagedFilesReadAsNoCache() {
        // Header: tag (length + bytes), version, checksum.
        let cache = ContentCache.encode(Self.stored(Self.fullDetails.map { Self.full($1, kind: $0) }))
        for bytes in Self.damaged(cache, header: 1 + ContentCache.tag.utf8.count + 1 + 8) {
            #expect(ContentCache.decode(bytes) == nil)
        }
        let manifest = Self.manifest().encoded()
        for bytes in Self.damaged(manifest, header: 1 + BuildManifest.tag.utf8.count + 1 + 8) {
            #expect(BuildManifest.decode(bytes) == nil)
        }
        #expect(ContentCache.decode(manifest) == nil)
        #expect(BuildManifest.decode(cache) == nil)
    }

    /// Below the checksum, the reader's own bounds checks must hold on any input.
    @Test func damagedItemBytesNeverCrashTheReader() {
        let decode = { (bytes: [UInt8]) in BinaryReader.read(bytes) { r throws(BinaryReader.Corrupt) in try r.item() } }
        for (kind, details) in Self.fullDetails {
            let bytes = BinaryWriter.encoding { $0.item(Self.full(details, kind: kind)) }
            for n in 0..<bytes.count { #expect(decode(Array(bytes[..<n])) == nil) }
            for i in bytes.indices {
                for flip: UInt8 in [0x01, 0x7F, 0x80, 0xFF] {
                    var b = bytes
                    b[i] ^= flip
                    _ = decode(b)
                }
            }
        }
        // A count or length beyond the bytes left, and a varint longer than 64 bits.
        #expect(BinaryReader.read([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x41]) { r throws(BinaryReader.Corrupt) in try r.string() } == nil)
        #expect(BinaryReader.read([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) { r throws(BinaryReader.Corrupt) in try r.uint() } == nil)
        #expect(BinaryReader.read([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) { r throws(BinaryReader.Corrupt) in try r.uint() } == UInt64.max)
        #expect(BinaryReader.read([0x02]) { r throws(BinaryReader.Corrupt) in try r.bool() } == nil)
        for n in [0, 1, -1, 63, -64, 64, 1 << 40, .max, .min] {
            #expect(BinaryReader.read(BinaryWriter.encoding { $0.int(n) }) { r throws(BinaryReader.Corrupt) in try r.int() } == n)
        }
    }

    /// Entries taken from the cache are saved by copying their bytes: the file must still read
    /// back as exactly what loading without a cache gives.
    @Test func aCacheSavedFromKeptAndNewEntriesLoadsTheSameItems() throws {
        let site = TestSupport.site("bilingual")
        let anHourAgo = Date().addingTimeInterval(-3600)
        let files = FileIO.walk(site + "/Content").filter { $0.hasSuffix(".md") }.map { site + "/Content/" + $0 }
        for file in files { try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: file) }
        let configuration = try #require(ConfigurationLoader.load(siteRoot: site).0)
        func load(cache: Bool) -> [ContentItem] { ContentLoader.load(siteRoot: site, configuration: configuration, useCache: cache).0.items }
        let expected = load(cache: false)
        #expect(expected.count > 5)

        let cache = site + "/.loa-cache/content.bin"
        #expect(load(cache: true) == expected)
        let first = try #require(FileIO.read(cache))
        try FileManager.default.setAttributes([.modificationDate: anHourAgo.addingTimeInterval(-60)], ofItemAtPath: files[0])
        #expect(load(cache: true) == expected)
        let second = try #require(FileIO.read(cache))
        #expect(second != first, "the touched file's new time is saved")
        let decoded = ContentCache.decode(second)
        let stored = try #require(decoded)
        #expect(ContentCache.encode(stored) == second)
        #expect(stored.entries.values.compactMap(\.item).sorted { $0.sourcePath < $1.sourcePath } == expected.sorted { $0.sourcePath < $1.sourcePath })
        #expect(load(cache: true) == expected)
    }

    @Test func damagedCacheFilesOnDiskMeanAFullBuild() throws {
        let site = TestSupport.site("bilingual")
        let output = site + "/Public"
        _ = try SiteBuilder.build(.init(siteRoot: site))
        let expected = TestSupport.snapshot(output)
        let cache = site + "/.loa-cache/content.bin"
        let manifest = BuildManifest.location(siteRoot: site, output: output)
        for path in [cache, manifest] {
            let bytes = try #require(FileIO.read(path))
            try FileIO.write(bytes[..<(bytes.count / 2)], to: path)
        }
        let rebuilt = try SiteBuilder.build(.init(siteRoot: site))
        #expect(rebuilt.filesUnchanged == 0)
        #expect(TestSupport.snapshot(output) == expected)
        #expect(ContentCache.decode(try #require(FileIO.read(cache))) != nil)
        #expect(BuildManifest.read(manifest) != nil)
    }
}

extension BinaryWriter {
    static func encoding(_ write: (inout BinaryWriter) -> Void) -> [UInt8] {
        var w = BinaryWriter()
        write(&w)
        return w.bytes
    }
}

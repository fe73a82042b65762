import Foundation
import Testing
@testable import LoaCore

/// The editor keeps the site's last load in memory (`ContentMemory`): it must never answer with
/// content older than the files.
@Suite struct ContentMemoryTests {
    func load(_ site: String, _ memory: ContentMemory) -> LoadedContent {
        let configuration = ConfigurationLoader.load(siteRoot: site).0!
        return ContentLoader.load(siteRoot: site, configuration: configuration, useCache: true, memory: memory).0
    }

    func title(_ content: LoadedContent, _ path: String) -> String? {
        content.items.first { $0.sourcePath == path }?.title
    }

    /// Sets a file's modification time `ago` seconds back, as an edit made earlier would.
    func age(_ path: String, _ ago: Double) {
        let when = Date().timeIntervalSince1970 - ago
        var times = [timespec(tv_sec: Int(when), tv_nsec: 0), timespec(tv_sec: Int(when), tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func aChangedAddedOrRemovedFileIsSeenAtTheNextLoad() throws {
        let site = TestSupport.site("valid")
        let release = "Content/press-releases/ra-mat-chuyen-muc.vi.md"
        for file in FileIO.walk(site + "/Content") { age(site + "/Content/" + file, 60) }
        let memory = ContentMemory()
        let first = load(site, memory)
        #expect(title(first, release) == "Ra mắt chuyên mục người phát ngôn")
        // Unchanged stamps are trusted (as by the build's cache): the kept load is the answer. A
        // change of the same size, put back at the old time, shows it was not read again.
        let text0 = try #require(TestSupport.read(site + "/" + release))
        var old = stat()
        stat(site + "/" + release, &old)
        TestSupport.write(text0.replacingOccurrences(of: "Ra mắt", with: "Ra mặt"), to: site + "/" + release)
        var times = [old.st_atim, old.st_mtim]
        utimensat(AT_FDCWD, site + "/" + release, &times, 0)
        #expect(title(load(site, memory), release) == "Ra mắt chuyên mục người phát ngôn")
        TestSupport.write(text0, to: site + "/" + release)

        let text = try #require(TestSupport.read(site + "/" + release))
        TestSupport.write(text.replacingOccurrences(of: "Ra mắt chuyên mục người phát ngôn", with: "Tiêu đề mới"), to: site + "/" + release)
        #expect(title(load(site, memory), release) == "Tiêu đề mới")

        TestSupport.write("---\ntitle: Tin thêm\ndate: 2024-01-02\ndistrict: bach-thong\nsummary: Thêm.\n---\n\nNội dung.\n",
                          to: site + "/Content/press-releases/tin-them.vi.md")
        #expect(title(load(site, memory), "Content/press-releases/tin-them.vi.md") == "Tin thêm")
        unlink(site + "/Content/press-releases/tin-them.vi.md")
        #expect(title(load(site, memory), "Content/press-releases/tin-them.vi.md") == nil)
    }

    @Test func aFileChangedJustBeforeTheLoadIsNotTrustedEvenWithTheSameStamp() throws {
        let site = TestSupport.site("valid")
        let release = site + "/Content/press-releases/ra-mat-chuyen-muc.vi.md"
        for file in FileIO.walk(site + "/Content") { age(site + "/Content/" + file, 60) }
        let text = try #require(TestSupport.read(release))
        age(release, 0.5)  // edited half a second ago
        var status = stat()
        stat(release, &status)
        let memory = ContentMemory()
        _ = load(site, memory)
        // Changed again within the clock's resolution: same size, same time.
        TestSupport.write(text.replacingOccurrences(of: "Ra mắt", with: "Ra mat"), to: release)
        var times = [status.st_atim, status.st_mtim]
        utimensat(AT_FDCWD, release, &times, 0)
        #expect(title(load(site, memory), "Content/press-releases/ra-mat-chuyen-muc.vi.md")?.hasPrefix("Ra mat ") == true)
    }

    @Test func aSavedFileIsTakenInWithoutReadingTheSiteAgain() throws {
        let site = TestSupport.site("valid")
        for file in FileIO.walk(site + "/Content") { age(site + "/Content/" + file, 60) }
        let configuration = ConfigurationLoader.load(siteRoot: site).0!
        let memory = ContentMemory()
        _ = load(site, memory)
        let release = "Content/press-releases/ra-mat-chuyen-muc.vi.md"
        let text = try #require(TestSupport.read(site + "/" + release))
        TestSupport.write(text.replacingOccurrences(of: "Ra mắt chuyên mục người phát ngôn", with: "Tiêu đề đã lưu"), to: site + "/" + release)
        memory.adopt(siteRoot: site, relativePath: release, configuration: configuration)
        // Another file changed behind the memory's back, same size and time: not seen, so the
        // next load is the kept one, with the saved title.
        let other = site + "/Content/press-releases/tin-cu.vi.md"
        let otherText = try #require(TestSupport.read(other))
        var old = stat()
        stat(other, &old)
        TestSupport.write(otherText.replacingOccurrences(of: "Tin cũ nhất", with: "Tin cũ nhắt"), to: other)
        var times = [old.st_atim, old.st_mtim]
        utimensat(AT_FDCWD, other, &times, 0)
        let next = load(site, memory)
        #expect(title(next, release) == "Tiêu đề đã lưu")
        #expect(next.items.first { $0.sourcePath.hasSuffix("tin-cu.vi.md") }?.summary == "Tin cũ nhất.")
        // A document is not taken in (releases take its date): the next load reads the site.
        let document = "Content/documents/ke-hoach-2021.vi.md"
        memory.adopt(siteRoot: site, relativePath: document, configuration: configuration)
        #expect(memory.unchanged(siteRoot: site, key: ContentCache.key(configuration)) == nil)
    }
}

import Foundation
import LoaCore

/// The check the editor runs before it writes a save (`DraftCheck`: the build's decode, source
/// dates, resolver and per-item findings over the whole site, read through the content cache):
/// part of what a user waits for between "Save" and the rebuilt page, beside `SaveRebuild`'s
/// rebuild. Timed on a press release's edited title and body, `runs` times each.
enum EditorCheck {
    static func measure(site: String, runs: Int) -> [Double] {
        let relative = "Content/press-releases/press-000001.vi.md"
        guard let original = try? String(contentsOfFile: site + "/" + relative, encoding: .utf8) else {
            fail("no press release \(relative) in \(site)")
        }
        // The first check fills the content cache and the editor's memory, as opening the form does.
        let memory = ContentMemory()
        _ = DraftCheck.check(siteRoot: site, relativePath: relative, text: original, memory: memory)
        var seconds: [Double] = []
        for run in 1...runs {
            for text in [SaveRebuild.replacing("title", with: YAMLText.quoted("Bản tin đã sửa (sửa \(run))"), in: original),
                         original + "\nCâu thứ \(run) được thêm vào khi lưu.\n"] {
                let start = DispatchTime.now()
                let result = DraftCheck.check(siteRoot: site, relativePath: relative, text: text, memory: memory)
                seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
                if result.hasErrors { fail("the editor's check refused a valid edit: \(result.problems.prefix(3).map(\.description))") }
                note(String(format: "editor's check before a save, run %d: %.3f s", run, seconds.last!))
            }
        }
        return seconds
    }
}

import Foundation
import LoaCore

/// "Save → page rebuilt" (issue #17 item 2): what an editor in `loa serve` waits for after
/// saving one content file. One file is changed, then `SiteBuilder.build` runs as the preview
/// server calls it (drafts included, into a private output, incremental), in this process, and
/// the time is taken until it returns with the item's page in the output.
enum SaveRebuild {
    /// A body edit, then front-matter edits: a press release's title, summary, district, topics
    /// and date, and one field of each other kind (the corpus's first item of each, and its page).
    enum Edit: String, CaseIterable {
        case body, title, summary, district, topics, date
        case documentTitle = "document_title", spokespersonPosition = "spokesperson_position", placeSummary = "place_summary"
        case pageTitle = "page_title"

        var isFrontMatter: Bool { self != .body }

        /// The file edited, relative to Content/, and its page's address.
        var file: (source: String, page: String) {
            switch self {
            case .documentTitle: ("documents/documents-000001.vi.md", "documents/documents-000001/")
            case .spokespersonPosition: ("spokespersons/people-000001.vi.md", "spokespersons/people-000001/")
            case .placeSummary: ("places/places-000001.vi.md", "places/places-000001/")
            case .pageTitle: (CorpusConverter.page, "gioi-thieu/")
            default: ("press-releases/press-000001.vi.md", "press-releases/press-000001/")
            }
        }
    }

    struct Figures {
        /// Seconds by edit, one per run.
        var seconds: [Edit: [Double]] = [:]
        /// The same front-matter edits through the usual incremental path (the site not reused).
        var usualPath: [Double] = []
        /// CPU seconds (user + system, every thread of this process) of the front-matter edits,
        /// and of the same through the usual path: steadier than wall time on a shared machine.
        var frontMatterCPU: [Double] = []
        var usualPathCPU: [Double] = []

        func median(_ edit: Edit) -> Double { Measure.median(seconds[edit] ?? []) }
        var frontMatter: Double { Measure.median(Edit.allCases.filter(\.isFrontMatter).flatMap { seconds[$0] ?? [] }) }
        var body: Double { median(.body) }
        var usual: Double { Measure.median(usualPath) }

        /// Each front-matter edit's median: "title 0.29, summary 0.28, …".
        var byEdit: String {
            Edit.allCases.filter { $0.isFrontMatter && seconds[$0] != nil }.map { String(format: "%@ %.2f", $0.rawValue.replacingOccurrences(of: "_", with: " "), median($0)) }
                .joined(separator: ", ")
        }

        var json: [String: Any] {
            var o: [String: Any] = ["body_s": body, "front_matter_s": frontMatter, "front_matter_usual_path_s": usual,
                                    "front_matter_cpu_s": Measure.median(frontMatterCPU), "front_matter_usual_path_cpu_s": Measure.median(usualPathCPU)]
            for edit in Edit.allCases where edit.isFrontMatter && seconds[edit] != nil { o["\(edit.rawValue)_s"] = median(edit) }
            o["front_matter_press_release_s"] = Measure.median([Edit.title, .summary, .district, .topics, .date].flatMap { seconds[$0] ?? [] })
            o["front_matter_other_kinds_s"] = Measure.median([Edit.documentTitle, .spokespersonPosition, .placeSummary, .pageTitle].flatMap { seconds[$0] ?? [] })
            return o
        }
    }

    /// The value of a one-line front-matter field of a content file (`key: value`).
    static func field(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(40) where line.hasPrefix(key + ": ") {
            return String(line.dropFirst(key.count + 2))
        }
        return nil
    }

    static func replacing(_ key: String, with value: String, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let i = lines.prefix(40).firstIndex(where: { $0.hasPrefix(key + ": ") }) { lines[i] = key + ": " + value }
        return lines.joined(separator: "\n")
    }

    /// `runs` rounds of every edit, each timed; then the front-matter edits once more each round
    /// through the usual path, to compare.
    static func measure(site: String, output: String, runs: Int) -> Figures {
        let content = site + "/Content/"
        var originals: [String: String] = [:]
        for edit in Edit.allCases where originals[edit.file.source] == nil {
            originals[edit.file.source] = try? String(contentsOfFile: content + edit.file.source, encoding: .utf8)
        }
        // A small corpus may have no item of a kind (3 % are people): its edit is left out.
        let edits = Edit.allCases.filter { originals[$0.file.source] != nil }
        for edit in Edit.allCases where !edits.contains(edit) { note("save → page rebuilt: no \(edit.file.source), so no \(edit.rawValue) edit") }
        guard let original = originals[Edit.body.file.source] else { fail("no \(Edit.body.file.source) in \(content)") }
        guard let other = try? String(contentsOfFile: content + "press-releases/press-000002.vi.md", encoding: .utf8),
              let district = field("district", in: original), let topics = field("topics", in: original) else {
            fail("no press release press-000002.vi.md, or press-000001.vi.md without district and topics, in \(content)")
        }
        // Another district and other topics of the corpus, so the edits stay valid.
        let otherDistrict = field("district", in: other).flatMap { $0 == district ? nil : $0 }
        let otherTopics = field("topics", in: other).flatMap { $0 == topics ? nil : $0 }
        var options = SiteBuilder.Options(siteRoot: site, output: output, baseURL: "http://127.0.0.1:8000/", includeDrafts: true)
        options.incremental = true
        options.search = false  // as `loa serve` builds its preview
        var cpu = 0.0
        var way = ""
        func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        func build(_ options: SiteBuilder.Options) -> Double {
            let start = DispatchTime.now()
            let startCPU = cpuSeconds()
            do {
                let result = try SiteBuilder.build(options)
                way = (result.frontMatterEdited ? "short way" : result.reusedSite ? "body path" : "usual build") + ", \(result.filesWritten) files written"
            } catch { fail("build failed: \(error.diagnostics.prefix(3).map(\.description))") }
            cpu = cpuSeconds() - startCPU
            return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        }
        func write(_ text: String, _ edit: Edit) {
            let file = content + edit.file.source
            do { try text.write(toFile: file, atomically: false, encoding: .utf8) } catch { fail("could not write \(file): \(error)") }
        }
        // Each edit's text carries the run's number, which the page must show when the build returns.
        func edited(_ edit: Edit, _ run: Int) -> String {
            let text = originals[edit.file.source]!
            switch edit {
            case .body: return text + "\nCâu thứ \(run) được thêm vào khi lưu.\n"
            case .title, .documentTitle, .pageTitle: return replacing("title", with: YAMLText.quoted("Tiêu đề đã sửa (sửa \(run))"), in: text)
            case .summary, .placeSummary: return replacing("summary", with: YAMLText.quoted("Tóm tắt đã sửa (sửa \(run))."), in: text)
            case .spokespersonPosition: return replacing("position", with: YAMLText.quoted("Phó Chủ tịch UBND huyện (sửa \(run))"), in: text)
            case .district: return replacing("district", with: otherDistrict ?? district, in: text)
            case .topics: return replacing("topics", with: otherTopics ?? topics, in: text)
            // An older date than any of the corpus's newest: the release moves down its lists.
            case .date: return replacing("date", with: "2019-02-\(10 + run % 18)", in: text)
            }
        }
        func check(_ edit: Edit, _ run: Int) {
            let page = output + "/" + edit.file.page + "index.html"
            let html = (try? String(contentsOfFile: page, encoding: .utf8)) ?? ""
            let shown: String? = switch edit {
            case .body: "Câu thứ \(run) được thêm"
            case .title, .summary, .documentTitle, .pageTitle, .placeSummary, .spokespersonPosition: "(sửa \(run))"
            case .date: "2019-02-\(10 + run % 18)"
            case .district, .topics: nil
            }
            if let shown, !html.contains(shown) { fail("\(page) does not show the \(edit.rawValue) edit after the build") }
        }

        note("save → page rebuilt: a first build into \(output)")
        _ = build(options)
        _ = build(options)  // the spare output is made by the first incremental build
        var figures = Figures()
        for run in 1...runs {
            for edit in edits {
                write(edited(edit, run), edit)
                let seconds = build(options)
                check(edit, run)
                figures.seconds[edit, default: []].append(seconds)
                if edit.isFrontMatter { figures.frontMatterCPU.append(cpu) }
                note(String(format: "save → page rebuilt, %@ edit %d: %.3f s (CPU %.3f s; %@)", edit.rawValue, run, seconds, cpu, way))
                write(originals[edit.file.source]!, edit)
                _ = build(options)
            }
            var usual = options
            usual.reusesLastSite = false
            for edit in edits where edit.isFrontMatter {
                write(edited(edit, run + runs), edit)
                let seconds = build(usual)
                check(edit, run + runs)
                figures.usualPath.append(seconds)
                figures.usualPathCPU.append(cpu)
                note(String(format: "save → page rebuilt, %@ edit %d, usual path: %.3f s (CPU %.3f s; %@)", edit.rawValue, run, seconds, cpu, way))
                write(originals[edit.file.source]!, edit)
                _ = build(options)
            }
        }
        return figures
    }
}

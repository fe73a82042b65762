import Foundation
import LoaCore

/// "Save → page rebuilt" (issue #17 item 2): what an editor in `loa serve` waits for after
/// saving one content file. One file is changed, then `SiteBuilder.build` runs as the preview
/// server calls it (drafts included, into a private output, incremental), in this process, and
/// the time is taken until it returns with the item's page in the output.
enum SaveRebuild {
    enum Edit: String, CaseIterable {
        case body, title, summary, district, topics

        var isFrontMatter: Bool { self != .body }
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

        var json: [String: Any] {
            var o: [String: Any] = ["body_s": body, "front_matter_s": frontMatter, "front_matter_usual_path_s": usual,
                                    "front_matter_cpu_s": Measure.median(frontMatterCPU), "front_matter_usual_path_cpu_s": Measure.median(usualPathCPU)]
            for edit in Edit.allCases where edit.isFrontMatter { o["\(edit.rawValue)_s"] = median(edit) }
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

    /// `runs` rounds of every edit on one press release of `site`, each timed; then the
    /// front-matter edits once more each round through the usual path, to compare.
    static func measure(site: String, output: String, runs: Int) -> Figures {
        let content = site + "/Content/press-releases/"
        let file = content + "press-000001.vi.md"
        guard let original = try? String(contentsOfFile: file, encoding: .utf8),
              let other = try? String(contentsOfFile: content + "press-000002.vi.md", encoding: .utf8),
              let district = field("district", in: original), let topics = field("topics", in: original) else {
            fail("no press release press-000001.vi.md with district and topics in \(content)")
        }
        // Another district and other topics of the corpus, so the edits stay valid.
        let otherDistrict = field("district", in: other).flatMap { $0 == district ? nil : $0 }
        let otherTopics = field("topics", in: other).flatMap { $0 == topics ? nil : $0 }
        var options = SiteBuilder.Options(siteRoot: site, output: output, baseURL: "http://127.0.0.1:8000/", includeDrafts: true)
        options.incremental = true
        options.search = false  // as `loa serve` builds its preview
        var cpu = 0.0
        func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        func build(_ options: SiteBuilder.Options) -> Double {
            let start = DispatchTime.now()
            let startCPU = cpuSeconds()
            do { _ = try SiteBuilder.build(options) } catch { fail("build failed: \(error.diagnostics.prefix(3).map(\.description))") }
            cpu = cpuSeconds() - startCPU
            return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        }
        func write(_ text: String) {
            do { try text.write(toFile: file, atomically: false, encoding: .utf8) } catch { fail("could not write \(file): \(error)") }
        }
        func edited(_ edit: Edit, _ run: Int) -> String {
            switch edit {
            case .body: return original + "\nCâu thứ \(run) được thêm vào khi lưu.\n"
            case .title: return replacing("title", with: YAMLText.quoted("Bản tin đã sửa (sửa \(run))"), in: original)
            case .summary: return replacing("summary", with: YAMLText.quoted("Tóm tắt đã sửa lần \(run)."), in: original)
            case .district: return replacing("district", with: otherDistrict ?? district, in: original)
            case .topics: return replacing("topics", with: otherTopics ?? topics, in: original)
            }
        }
        // The page must show the edit when the build returns.
        let page = output + "/press-releases/press-000001/index.html"
        func check(_ edit: Edit, _ run: Int) {
            guard edit == .title else { return }
            let html = (try? String(contentsOfFile: page, encoding: .utf8)) ?? ""
            if !html.contains("(sửa \(run))") { fail("\(page) does not show the edited title after the build") }
        }

        note("save → page rebuilt: a first build into \(output)")
        _ = build(options)
        _ = build(options)  // the spare output is made by the first incremental build
        var figures = Figures()
        for run in 1...runs {
            for edit in Edit.allCases {
                write(edited(edit, run))
                let seconds = build(options)
                check(edit, run)
                figures.seconds[edit, default: []].append(seconds)
                if edit.isFrontMatter { figures.frontMatterCPU.append(cpu) }
                note(String(format: "save → page rebuilt, %@ edit %d: %.3f s (CPU %.3f s)", edit.rawValue, run, seconds, cpu))
                write(original)
                _ = build(options)
            }
            var usual = options
            usual.reusesLastSite = false
            for edit in Edit.allCases where edit.isFrontMatter {
                write(edited(edit, run + runs))
                let seconds = build(usual)
                check(edit, run + runs)
                figures.usualPath.append(seconds)
                figures.usualPathCPU.append(cpu)
                note(String(format: "save → page rebuilt, %@ edit %d, usual path: %.3f s (CPU %.3f s)", edit.rawValue, run, seconds, cpu))
                write(original)
                _ = build(options)
            }
        }
        return figures
    }
}

import CCmark
import Foundation
import LoaCore

// loa-bench: Loa against Hugo on the same synthetic portal, side by side in one run.
// swift run -c release loa-bench [--items N] [--runs R] [--json FILE] [--work DIR]

struct Arguments {
    var items: [Int] = [1000, 10000]
    var runs = 3
    var json: String?
    var work = NSTemporaryDirectory() + "loa-bench"
    var hugo = true
    var loaBinary: String?
    /// Only "save → page rebuilt" (see `SaveRebuild`), on a corpus generated before if there is one.
    var saveOnly = false
    /// Only the editor's check before a save (see `EditorCheck`), on a corpus generated before.
    var checkOnly = false

    init(_ argv: [String]) {
        var i = 1
        func next() -> String {
            i += 1
            guard i < argv.count else { fail("\(argv[i - 1]) needs a value") }
            return argv[i]
        }
        while i < argv.count {
            switch argv[i] {
            case "--items": items = [Int(next()) ?? 0]
            case "--runs": runs = max(1, Int(next()) ?? 3)
            case "--json": json = next()
            case "--work": work = next()
            case "--no-hugo": hugo = false
            case "--loa": loaBinary = next()
            case "--save-only": saveOnly = true
            case "--check-only": checkOnly = true
            case "-h", "--help":
                print("usage: loa-bench [--items N] [--runs R] [--json FILE] [--work DIR] [--no-hugo] [--loa PATH] [--save-only] [--check-only]")
                exit(0)
            default: fail("unknown argument \(argv[i])")
            }
            i += 1
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("loa-bench: error: \(message)\n".utf8))
    exit(1)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data("loa-bench: \(message)\n".utf8))
}

let args = Arguments(CommandLine.arguments)
let repository = FileManager.default.currentDirectoryPath
let generator = URL(fileURLWithPath: repository + "/../shared/bench/gen_corpus.py").standardizedFileURL.path
guard FileManager.default.fileExists(atPath: generator) else { fail("no corpus generator at \(generator) (../shared/bench)") }
try? FileManager.default.createDirectory(atPath: args.work, withIntermediateDirectories: true)
let log = args.work + "/bench.log"

// The release build of loa, measured as users run it.
var loa = args.loaBinary ?? repository + "/.build/release/loa"
if args.loaBinary == nil {
    note("building loa (release)")
    if Measure.run(["swift", "build", "-c", "release", "--product", "loa", "--package-path", repository], log: log).status != 0 {
        fail("swift build -c release --product loa failed; see \(log)")
    }
}
/// The memory allocator the loa binary is linked with (Package.swift links tcmalloc when the
/// machine has it): it changes Loa's time by a sixth, so the figures say which one ran.
func linkedAllocator(_ binary: String) -> String {
    let ldd = Process()
    ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
    ldd.arguments = [binary]
    let pipe = Pipe()
    ldd.standardOutput = pipe
    ldd.standardError = FileHandle.nullDevice
    guard (try? ldd.run()) != nil else { return "unknown" }
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    ldd.waitUntilExit()
    return ["tcmalloc", "jemalloc", "mimalloc"].first { text.contains("lib\($0)") } ?? "glibc malloc"
}
let allocator = linkedAllocator(loa)
note("loa is linked with \(allocator)")
let hugoAvailable = args.hugo && Measure.run(["hugo", "version"], log: log).status == 0
if args.hugo && !hugoAvailable { note("hugo not found (apt-get install hugo); measuring Loa only") }

struct Figures {
    var runs: [Measurement] = []
    var pages = 0
    var median: Double { Measure.median(runs.map(\.seconds)) }
    var min: Double { runs.map(\.seconds).min() ?? 0 }
    var maxRSS: Int { runs.map(\.maxRSSKiB).max() ?? 0 }
    /// CPU time is far steadier than wall time on a shared virtual disk: user time especially.
    var medianUser: Double { Measure.median(runs.map(\.userSeconds)) }
    var medianSystem: Double { Measure.median(runs.map(\.systemSeconds)) }
    var json: [String: Any] {
        ["median_s": median, "min_s": min, "max_rss_kb": maxRSS, "pages": pages, "user_s": medianUser, "system_s": medianSystem]
    }
}

struct Result {
    var items: Int
    var hugo: Figures?
    var loa: Figures
    var incremental: Double
    var cmark: Double
    var copy: Double
    /// With search (when Pagefind is found): a full `loa build --search`, Pagefind alone over
    /// Hugo's output, and one-file rebuilds with search: the first after the full indexing
    /// (which reads the addresses of the index's pages once), then the next.
    var search: (loa: Double, hugoPagefind: Double, firstRebuild: Double, rebuild: Double)?
    /// Save → page rebuilt, as `loa serve` rebuilds (see `SaveRebuild`).
    var save: SaveRebuild.Figures
}

/// Times cmark alone over every Markdown body of the site: the conversion floor.
func cmarkFloor(_ site: String) -> Double {
    var bodies: [[UInt8]] = []
    for rel in FileIO.walk(site + "/Content") where rel.hasSuffix(".md") {
        guard let bytes = FileIO.read(site + "/Content/" + rel) else { continue }
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.components(separatedBy: "---\n")
        bodies.append(Array(parts.dropFirst(2).joined(separator: "---\n").utf8))
    }
    let start = DispatchTime.now()
    for var body in bodies {
        body.withUnsafeMutableBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                if let html = cmark_markdown_to_html(chars.baseAddress, chars.count, CMARK_OPT_SMART) { free(html) }
            }
        }
    }
    return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Flushes what earlier steps wrote, so that one tool's write-back does not land in the next
/// tool's timing (on this machine's virtual disk it could double a run).
func settle() {
    sync()
}

/// Outputs are set aside, not deleted, until every timing is done. On ext4 without a journal
/// (this machine's disk) a new inode is never given one freed in the last minutes while its
/// table block is unwritten, and the search walks past each of them: creating 24,000 files
/// right after deleting 24,000 others spends more time in that walk than in building. Deleting
/// between runs charged whichever tool ran next; no tool pays for the benchmark's cleaning now.
let trash = args.work + "/trash-\(getpid())"
var trashed = 0
@MainActor func setAside(_ path: String) {
    guard FileManager.default.fileExists(atPath: path) else { return }
    if trashed == 0 { try? FileManager.default.createDirectory(atPath: trash, withIntermediateDirectories: true) }
    trashed += 1
    if rename(path, trash + "/\(trashed)") != 0 { try? FileManager.default.removeItem(atPath: path) }
}

/// The synthetic Hugo corpus of `n` items per language, generated once into `hugoSite`.
func generateCorpus(_ n: Int, into hugoSite: String) {
    guard !FileManager.default.fileExists(atPath: hugoSite + "/config.toml") else { return }
    note("generating the \(n)-item corpus")
    if Measure.run(["python3", generator, "--items", String(n), "--seed", "1", "--format", "hugo", "--out", hugoSite], log: log).status != 0 {
        fail("corpus generation failed; see \(log)")
    }
}

if args.checkOnly {
    for n in args.items {
        let seconds = EditorCheck.measure(site: args.work + "/loa-\(n)", runs: args.runs)
        print(String(format: "N=%d: the editor's check before a save %.3f s (median of %d)", n, Measure.median(seconds), seconds.count))
    }
    exit(0)
}

if args.saveOnly {
    var objects: [[String: Any]] = []
    for n in args.items {
        let hugoSite = args.work + "/hugo-\(n)"
        let loaSite = args.work + "/loa-\(n)"
        generateCorpus(n, into: hugoSite)
        // Converted again each time: files that did not change are left as they are.
        _ = try? CorpusConverter.convert(hugoSite: hugoSite, to: loaSite, themes: repository + "/Themes")
        let save = SaveRebuild.measure(site: loaSite, output: args.work + "/out-serve-\(n)", runs: args.runs)
        print(String(format: "N=%d: save → page rebuilt: body edit %.2f s, front-matter edit %.2f s, CPU %.2f s (usual incremental path %.2f s, CPU %.2f s)",
                     n, save.body, save.frontMatter, Measure.median(save.frontMatterCPU), save.usual, Measure.median(save.usualPathCPU)))
        print("N=\(n): save → page rebuilt by edit: " + save.byEdit)
        let check = Measure.median(EditorCheck.measure(site: loaSite, runs: args.runs))
        print(String(format: "N=%d: the editor's check before a save %.2f s; check + save → page rebuilt: body %.2f s, front matter %.2f s",
                     n, check, check + save.body, check + save.frontMatter))
        var saveJSON = save.json
        saveJSON["editor_check_s"] = check
        objects.append(["items": n, "save_rebuild": saveJSON])
    }
    if let json = args.json {
        let data = try! JSONSerialization.data(withJSONObject: objects.count == 1 ? objects[0] : objects, options: [.prettyPrinted, .sortedKeys])
        try! data.write(to: URL(fileURLWithPath: json))
    }
    exit(0)
}

var results: [Result] = []
for n in args.items {
    let hugoSite = args.work + "/hugo-\(n)"
    let loaSite = args.work + "/loa-\(n)"
    generateCorpus(n, into: hugoSite)
    note("converting it into a Loa site")
    let files = (try? CorpusConverter.convert(hugoSite: hugoSite, to: loaSite, themes: repository + "/Themes")) ?? 0
    guard files > 0 else { fail("conversion found no content in \(hugoSite)") }

    var hugo = Figures(), loaFigures = Figures()
    var lastHugoOut: String?
    // A fresh output folder for every run (see `setAside`).
    var loaOut = ""
    for run in 1...args.runs {
        if hugoAvailable {
            let hugoOut = args.work + "/out-hugo-\(n)-\(run)"
            setAside(hugoOut)
            setAside(hugoSite + "/resources")
            setAside(args.work + "/hugo-cache-\(n)-\(run)")
            settle()
            let m = Measure.run(["hugo", "--quiet", "-s", hugoSite, "-d", hugoOut, "--cacheDir", args.work + "/hugo-cache-\(n)-\(run)"], log: log)
            if m.status != 0 { fail("hugo failed; see \(log)") }
            hugo.runs.append(m)
            lastHugoOut = hugoOut
            hugo.pages = Measure.countFiles(hugoOut, suffix: ".html")
            note(String(format: "N=%d run %d: hugo %.2f s", n, run, m.seconds))
        }
        loaOut = args.work + "/out-loa-\(n)-\(run)"
        setAside(loaOut)
        setAside(loaSite + "/.loa-cache")
        settle()
        let m = Measure.run([loa, "build", "--quiet", "--no-search", "--site", loaSite, "--output", loaOut], log: log)
        if m.status != 0 { fail("loa build failed; see \(log)") }
        loaFigures.runs.append(m)
        loaFigures.pages = Measure.countFiles(loaOut, suffix: ".html")
        note(String(format: "N=%d run %d: loa %.2f s", n, run, m.seconds))
    }

    // One content file changed, then a second build: what staff wait for while previewing.
    // As many edits as runs (a new sentence each time), median taken: one rebuild is short
    // enough for the machine's noise to matter.
    let changed = loaSite + "/Content/press-releases/press-000001.vi.md"
    let original = (try? String(contentsOfFile: changed, encoding: .utf8)) ?? ""
    var rebuilds: [Double] = []
    for run in 1...args.runs {
        try? (original + "\nCâu thứ \(run) được thêm vào để đo bản dựng lại.\n").write(toFile: changed, atomically: false, encoding: .utf8)
        settle()
        let m = Measure.run([loa, "build", "--quiet", "--no-search", "--site", loaSite, "--output", loaOut], log: log)
        if m.status != 0 { fail("loa rebuild failed; see \(log)") }
        rebuilds.append(m.seconds)
        note(String(format: "N=%d rebuild %d: loa %.2f s", n, run, m.seconds))
    }
    let incremental = (seconds: rebuilds.sorted()[rebuilds.count / 2], status: Int32(0))
    try? original.write(toFile: changed, atomically: false, encoding: .utf8)
    _ = Measure.run([loa, "build", "--quiet", "--no-search", "--site", loaSite, "--output", loaOut], log: log)

    let cmark = cmarkFloor(loaSite)
    let copyTarget = args.work + "/copy-\(n)"
    setAside(copyTarget)
    settle()
    let copy = Measure.run(["cp", "-r", loaOut, copyTarget], log: log).seconds
    // Search: what a Hugo user would meet is Hugo, then Pagefind over its output.
    var search: (loa: Double, hugoPagefind: Double, firstRebuild: Double, rebuild: Double)?
    if let pagefind = Pagefind.locate(environment: ProcessInfo.processInfo.environment) {
        let searchOut = args.work + "/out-loa-search-\(n)"
        setAside(searchOut)
        setAside(loaSite + "/.loa-cache")
        settle()
        let full = Measure.run([loa, "build", "--quiet", "--search", "--site", loaSite, "--output", searchOut], log: log)
        if full.status != 0 { fail("loa build --search failed; see \(log)") }
        var searchRebuilds: [Double] = []
        for run in 1...2 {
            try? (original + "\nCâu thứ \(run) được thêm vào để đo bản dựng lại có tìm kiếm.\n").write(toFile: changed, atomically: false, encoding: .utf8)
            settle()
            let rebuild = Measure.run([loa, "build", "--quiet", "--search", "--site", loaSite, "--output", searchOut], log: log)
            if rebuild.status != 0 { fail("loa rebuild --search failed; see \(log)") }
            searchRebuilds.append(rebuild.seconds)
        }
        try? original.write(toFile: changed, atomically: false, encoding: .utf8)
        var onHugo = 0.0
        if let hugoOut = lastHugoOut {
            settle()
            onHugo = Measure.run([pagefind, "--site", hugoOut, "--quiet"], log: log).seconds
        }
        search = (full.seconds, hugoAvailable ? hugo.median + onHugo : 0, searchRebuilds[0], searchRebuilds[1])
        note(String(format: "N=%d search: loa --search %.2f s, rebuilds %.2f s then %.2f s, pagefind over hugo's output %.2f s",
                    n, full.seconds, searchRebuilds[0], searchRebuilds[1], onHugo))
    }
    let save = SaveRebuild.measure(site: loaSite, output: args.work + "/out-serve-\(n)", runs: args.runs)
    results.append(Result(items: n, hugo: hugoAvailable ? hugo : nil, loa: loaFigures, incremental: incremental.seconds, cmark: cmark, copy: copy,
                          search: search, save: save))
}

func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
print(row(["items/lang", "tool", "min (s)", "median (s)", "CPU user + system (s)", "max RSS (MiB)", "pages"]))
print(row(["---", "---", "---:", "---:", "---:", "---:", "---:"]))
func figuresRow(_ items: Int, _ tool: String, _ f: Figures) -> String {
    row([String(items), tool, String(format: "%.2f", f.min), String(format: "%.2f", f.median),
         String(format: "%.1f + %.1f", f.medianUser, f.medianSystem), String(f.maxRSS / 1024), String(f.pages)])
}
for r in results {
    if let h = r.hugo { print(figuresRow(r.items, "hugo", h)) }
    print(figuresRow(r.items, "loa", r.loa))
}
print("")
for r in results {
    var line = String(format: "N=%d: loa one-file rebuild %.2f s (%.1f %% of a full build); floor: cmark %.2f s + copy %.2f s = %.2f s; loa/floor %.2f×",
                      r.items, r.incremental, 100 * r.incremental / max(r.loa.median, 0.001), r.cmark, r.copy, r.cmark + r.copy,
                      r.loa.median / max(r.cmark + r.copy, 0.001))
    if let h = r.hugo {
        line += String(format: "; loa/hugo time %.2f, user CPU %.2f, memory %.2f", r.loa.median / h.median,
                       r.loa.medianUser / max(h.medianUser, 0.001), Double(r.loa.maxRSS) / Double(max(h.maxRSS, 1)))
    }
    print(line)
    print(String(format: "N=%d: save → page rebuilt (loa serve): body edit %.2f s, front-matter edit %.2f s (%@; usual incremental path %.2f s)",
                 r.items, r.save.body, r.save.frontMatter, r.save.byEdit, r.save.usual))
    if let search = r.search {
        var line = String(format: "N=%d: search: loa --search %.2f s (indexing about %.2f s of it); one-file rebuild with search %.2f s (%.1f %%), the first after a full indexing %.2f s (%.1f %%)",
                          r.items, search.loa, search.loa - r.loa.median, search.rebuild, 100 * search.rebuild / max(search.loa, 0.001),
                          search.firstRebuild, 100 * search.firstRebuild / max(search.loa, 0.001))
        if r.hugo != nil {
            line += String(format: "; hugo + pagefind %.2f s; loa --search / (hugo + pagefind) %.2f", search.hugoPagefind, search.loa / max(search.hugoPagefind, 0.001))
        }
        print(line)
    }
}
if results.count > 1 {
    print(String(format: "loa time from %d to %d items: %.1f×", results[0].items, results[results.count - 1].items,
                 results[results.count - 1].loa.median / max(results[0].loa.median, 0.001)))
}
// Timing is over: the set-aside outputs can go.
if trashed > 0 { FileIO.removeTree(trash) }

if let json = args.json {
    let objects: [[String: Any]] = results.map { r in
        var o: [String: Any] = ["items": r.items, "loa": r.loa.json, "loa_incremental_s": r.incremental,
                                "floor_s": r.cmark + r.copy, "cmark_s": r.cmark, "copy_s": r.copy, "loa_allocator": allocator]
        o["hugo"] = r.hugo?.json ?? NSNull()
        o["save_rebuild"] = r.save.json
        if let search = r.search {
            o["search"] = ["loa_s": search.loa, "loa_rebuild_s": search.rebuild, "loa_first_rebuild_s": search.firstRebuild,
                           "hugo_plus_pagefind_s": search.hugoPagefind]
        }
        return o
    }
    let value: Any = objects.count == 1 ? objects[0] : objects
    let data = try! JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])
    try! data.write(to: URL(fileURLWithPath: json))
}

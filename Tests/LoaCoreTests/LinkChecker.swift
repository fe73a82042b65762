import Foundation
@testable import LoaCore

/// Checks a built site the way a reader's browser would follow it: every internal href/src
/// (including canonical and alternate addresses) must name a generated file, and every
/// #fragment an id on the target page.
struct LinkChecker {
    let output: String
    let baseURL: String

    struct Problem: CustomStringConvertible {
        var page: String
        var link: String
        var reason: String
        var description: String { "\(page): \(link): \(reason)" }
    }

    static let attribute = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
    static let idAttribute = try! NSRegularExpression(pattern: #"\bid="([^"]*)""#)

    static func values(_ regex: NSRegularExpression, in text: String) -> [String] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    func htmlPages() -> [String] {
        TestSupport.snapshot(output).keys.filter { $0.hasSuffix(".html") }.sorted()
    }

    /// The output file an address names, or nil for an external address.
    func target(of link: String) -> (file: String, fragment: String?)? {
        let basePath = URLPaths.basePath(of: baseURL)
        var path: String
        if link.hasPrefix(baseURL) {
            path = String(link.dropFirst(baseURL.count))
        } else if link.hasPrefix(basePath) && !link.hasPrefix("//") {
            path = String(link.dropFirst(basePath.count))
        } else {
            return nil
        }
        let (p, suffix) = URLPaths.splitSuffix(path.replacingOccurrences(of: "&amp;", with: "&"))
        path = p.removingPercentEncoding ?? p
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        let fragment = suffix.hasPrefix("#") ? String(suffix.dropFirst()) : nil
        return (path, fragment)
    }

    func check() -> [Problem] {
        var problems: [Problem] = []
        var ids: [String: Set<String>] = [:]
        for page in htmlPages() {
            let html = TestSupport.read(output + "/" + page) ?? ""
            for link in Self.values(Self.attribute, in: html) {
                // cmark empties dangerous destinations (javascript:) in safe mode.
                if link.isEmpty { continue }
                if link.hasPrefix("#") {
                    if !Self.values(Self.idAttribute, in: html).contains(String(link.dropFirst())) {
                        problems.append(Problem(page: page, link: link, reason: "no such id on the page"))
                    }
                    continue
                }
                if URLPaths.scheme(of: link) == nil && !link.hasPrefix("/") {
                    problems.append(Problem(page: page, link: link, reason: "relative address (generated pages use absolute paths)"))
                    continue
                }
                guard let (file, fragment) = target(of: link) else { continue }
                guard FileManager.default.fileExists(atPath: output + "/" + file) else {
                    problems.append(Problem(page: page, link: link, reason: "no file \(file)"))
                    continue
                }
                if let fragment, !fragment.isEmpty, file.hasSuffix(".html") {
                    if ids[file] == nil { ids[file] = Set(Self.values(Self.idAttribute, in: TestSupport.read(output + "/" + file) ?? "")) }
                    if !(ids[file]!.contains(fragment)) {
                        problems.append(Problem(page: page, link: link, reason: "no id '\(fragment)' in \(file)"))
                    }
                }
            }
        }
        return problems
    }
}

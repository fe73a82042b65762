import Foundation

/// `loa check`: every error a build would report, plus what is missing or risky but not fatal.
public enum SiteChecker {
    public struct TranslationRow: Sendable, Equatable {
        public var kind: ContentKind
        /// Language → number of items in that language.
        public var counts: [String: Int]
        /// Items missing in some language: their name and the languages they lack.
        public var missing: [(name: String, languages: [String])]

        public static func == (a: TranslationRow, b: TranslationRow) -> Bool {
            a.kind == b.kind && a.counts == b.counts && a.missing.map(\.name) == b.missing.map(\.name)
                && a.missing.map(\.languages) == b.missing.map(\.languages)
        }
    }

    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var languages: [String]
        public var translations: [TranslationRow]

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
        public var noteCount: Int { diagnostics.filter { $0.severity == .note }.count }

        /// With `strict`, warnings fail the check too; notes never do.
        public func passes(strict: Bool) -> Bool { errorCount == 0 && (!strict || warningCount == 0) }
    }

    public static func check(_ options: SiteBuilder.Options) -> Report {
        // What this build would publish decides the build's own errors; a second pass with
        // everything included finds problems in drafts and scheduled items before they go live.
        // Only where each page goes and each body's links are kept, not the pages: a large
        // site's pages took a gigabyte.
        // Both analyses publish for the same site folder and address: one read of the
        // configuration and theme serves both.
        let setting = SiteBuilder.Setting(options)
        let plan = SiteBuilder.analyse(options, keepingContents: false, setting: setting)
        var everything = options
        everything.includeDrafts = true
        everything.includeFuture = true
        everything.includeExpired = true
        let full = SiteBuilder.analyse(everything, keepingContents: false, setting: setting)
        var diagnostics = Diagnostics()
        diagnostics.append(contentsOf: plan.diagnostics.all)
        diagnostics.append(contentsOf: full.diagnostics.all.filter { $0.severity == .error })
        guard let configuration = plan.configuration else {
            return Report(diagnostics: diagnostics.sorted, languages: [], translations: [])
        }
        let generated = plan.outputPaths
        let basePath = URLPaths.basePath(of: configuration.baseURL)
        let host = host(of: configuration.baseURL)

        for item in plan.loaded.items {
            diagnostics.append(contentsOf: itemFindings(item, exclusion: plan.excluded[item.sourcePath]))
        }

        for r in full.site?.items ?? [] {
            for link in full.links[r.item.sourcePath] ?? [] {
                if link.isImage && link.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    diagnostics.warning(link.location, "image '\(link.destination)' has no alternative text: describe it in the brackets, ![like this](\(link.destination))")
                }
                let d = link.destination
                if let host, let linkHost = Self.host(of: d), linkHost == host {
                    diagnostics.warning(link.location, "link to this portal by its full address '\(d)': link the content file instead (…/name.\(r.item.language).md), so it follows renames and staging copies")
                } else if d.hasPrefix("/") && !d.hasPrefix("//") {
                    var path = String(URLPaths.splitSuffix(d).0.dropFirst())
                    if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
                    if !generated.contains(path.removingPercentEncoding ?? path) && !generated.contains(path + "/index.html") {
                        diagnostics.warning(link.location, "link '\(d)' leads to no page of this site (\(basePath)\(path) is not generated)")
                    }
                }
            }
        }

        // Translation status per kind: which items exist in which languages.
        let languages = configuration.languages.map(\.code)
        var rows: [TranslationRow] = []
        for kind in ContentKind.allCases {
            let ofKind = plan.loaded.items.filter { $0.kind == kind }
            var counts: [String: Int] = [:]
            for l in languages { counts[l] = ofKind.filter { $0.language == l }.count }
            var byName: [String: Set<String>] = [:]
            for item in ofKind { byName[item.name, default: []].insert(item.language) }
            var missing: [(String, [String])] = []
            for (name, present) in byName.sorted(by: { $0.key < $1.key }) {
                let absent = languages.filter { !present.contains($0) }
                guard !absent.isEmpty else { continue }
                missing.append((name, absent))
                let first = ofKind.filter { $0.name == name }.sorted { $0.sourcePath < $1.sourcePath }.first!
                let names = absent.map { configuration.language($0)?.name ?? $0 }.joined(separator: ", ")
                diagnostics.warning(SourceLocation(path: first.sourcePath), "only in \(configuration.language(first.language)?.name ?? first.language): no translation in \(names)")
            }
            rows.append(TranslationRow(kind: kind, counts: counts, missing: missing))
        }
        return Report(diagnostics: diagnostics.sorted, languages: languages, translations: rows)
    }

    /// What `check` says of one item besides the build's errors: its publication state, missing
    /// contacts, what a document or an organisation does not state. Also the editor's, for the
    /// file it saves (`DraftCheck`).
    static func itemFindings(_ item: ContentItem, exclusion: PublicationPolicy.Exclusion?) -> [Diagnostic] {
        var d = Diagnostics()
        let origin = SourceLocation(path: item.sourcePath)
        switch exclusion {
        case .draft?: d.warning(origin, "draft: not published until 'draft: true' is removed")
        case .scheduled?:
            let date = (item.publishDate ?? item.date).map(\.description) ?? ""
            d.warning(item.location(of: item.publishDate != nil ? "publish_date" : "date"), "scheduled: dated \(date), after today; not published until then")
        case .expired?:
            d.warning(origin, "expired: its expiry_date \(item.expiryDate!.description) has passed; no longer published")
        case nil: break
        }
        if let sp = item.spokesperson, sp.phone == nil && sp.email == nil {
            d.warning(origin, "spokesperson has no published contact: add 'phone' or 'email' once the agency publishes one")
        }
        if let org = item.organisation {
            let missing = [("address", org.address), ("phone", org.phone), ("fax", org.fax), ("email", org.email),
                           ("working_hours", org.workingHours)].filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty {
                d.append(.note(at: origin, "not stated in the sources: \(missing.joined(separator: ", ")) (Decree 42/2022/NĐ-CP Art. 4.1.e asks for them)"))
            }
        }
        if let doc = item.document {
            var missing: [String] = []
            if doc.number == nil { missing.append("number") }
            if doc.issueDate == nil { missing.append("issue_date") }
            if doc.place == nil { missing.append("place") }
            if doc.period == nil { missing.append("period") }
            if doc.signer == nil { missing.append("signer") }
            if doc.recipients.isEmpty { missing.append("recipients") }
            if doc.effectiveDate == nil { missing.append("effective_date") }
            if doc.field == nil { missing.append("field") }
            if !missing.isEmpty {
                d.append(.note(at: origin, "not stated in the document: \(missing.joined(separator: ", "))"))
            }
            if doc.abstract == nil {
                d.append(.note(at: origin, "no 'abstract' (trích yếu): the page shows the title as the document's abstract"))
            }
            if doc.attachments.isEmpty {
                d.warning(origin, "no signed file: readers cannot download the document; add the signed PDF or DOCX under 'attachments' ({title: …, file: files/x.pdf})")
            }
            for (i, line) in doc.recipients.enumerated() where line.hasSuffix(":") && Folding.searchKey(line).hasPrefix("gui ban") {
                d.warning(item.fieldLocations["recipients.\(i)"] ?? origin,
                          "'\(line)' is a delivery note, not a recipient: write it as 'recipients_note: \"\(line)\"'")
            }
            if doc.numberIsBlank {
                d.append(.note(at: origin, "the number is blank in the original (\(doc.number!)): it is published as printed"))
            }
        }
        return d.all
    }

    static func host(of url: String) -> String? {
        guard let range = url.range(of: "://") else { return nil }
        let rest = url[range.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }).lowercased()
    }

    // MARK: - Output

    public static func text(_ report: Report) -> String {
        var out = report.diagnostics.map(\.description).joined(separator: "\n")
        if !out.isEmpty { out += "\n\n" }
        let width = max(16, ContentKind.allCases.map(\.rawValue.count).max()! + 2)
        out += "Translations".padding(toLength: width, withPad: " ", startingAt: 0)
            + report.languages.map { $0.padding(toLength: 6, withPad: " ", startingAt: 0) }.joined() + "untranslated\n"
        for row in report.translations {
            out += row.kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
                + report.languages.map { String(row.counts[$0] ?? 0).padding(toLength: 6, withPad: " ", startingAt: 0) }.joined()
                + String(row.missing.count) + "\n"
        }
        out += "\ncheck: \(report.errorCount) error\(report.errorCount == 1 ? "" : "s"), \(report.warningCount) warning\(report.warningCount == 1 ? "" : "s"), \(report.noteCount) note\(report.noteCount == 1 ? "" : "s")\n"
        return out
    }

    public static func json(_ report: Report, strict: Bool) -> String {
        let diagnostics: [[String: Any]] = report.diagnostics.map {
            ["path": $0.location.path, "line": $0.location.line, "column": $0.location.column,
             "severity": $0.severity.rawValue, "message": $0.message]
        }
        let translations: [[String: Any]] = report.translations.map { row in
            ["kind": row.kind.rawValue, "counts": row.counts,
             "untranslated": row.missing.map { ["name": $0.name, "missing": $0.languages] as [String: Any] }]
        }
        let object: [String: Any] = [
            "passed": report.passes(strict: strict),
            "errors": report.errorCount, "warnings": report.warningCount, "notes": report.noteCount,
            "diagnostics": diagnostics, "translations": translations, "languages": report.languages,
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

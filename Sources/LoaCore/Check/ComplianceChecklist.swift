import Foundation

/// `loa check --compliance`: what Decree 42/2022/NĐ-CP (Art. 4.1 and 7) and Decree 09/2017/NĐ-CP
/// ask an agency portal to carry, item by item and per language, with what on the site
/// satisfies each item or what is still missing. It reads the site as `loa check` does (the
/// published items of one analysis) and never fails a check by itself: `--strict` decides.
public enum ComplianceChecklist {
    public enum Status: String, Sendable {
        case present, incomplete, missing
    }

    public struct Item: Sendable, Equatable {
        /// Stable name for scripts ("agency-contacts").
        public var id: String
        public var title: String
        /// Where the obligation comes from ("Decree 42/2022/NĐ-CP Art. 4.1.e").
        public var clause: String
        public var status: Status
        /// What satisfies the item, or what is lacking and how to add it.
        public var detail: String
        /// Needs a server (online services, questions): a static site can only link to it.
        public var outsideStaticSite = false
    }

    public struct Section: Sendable, Equatable {
        public var language: String
        public var languageName: String
        public var items: [Item]
    }

    public struct Report: Sendable {
        public var sections: [Section]
        /// Errors that stop the site from building: the checklist is then about an older state.
        public var errors: [Diagnostic]

        public var complete: Bool { sections.allSatisfy { $0.items.allSatisfy { $0.status == .present } } }
        /// With `strict`, anything not present fails; errors in the site always do.
        public func passes(strict: Bool) -> Bool { errors.isEmpty && (!strict || complete) }
    }

    static let decree42 = "Decree 42/2022/NĐ-CP"
    static let decree09 = "Decree 09/2017/NĐ-CP"

    public static func check(_ options: SiteBuilder.Options) -> Report {
        let setting = SiteBuilder.Setting(options)
        let plan = SiteBuilder.analyse(options, keepingContents: false, setting: setting)
        let errors = plan.diagnostics.all.filter { $0.severity == .error }
        guard let configuration = plan.configuration, let site = plan.site else {
            return Report(sections: [], errors: errors)
        }
        let search = searchState(configuration, options: options)
        let printable = plan.theme.map(themePrints) ?? false
        var sections: [Section] = []
        for language in configuration.languages {
            let facts = Facts(site: site, language: language.code, siteRoot: options.siteRoot, links: plan.links)
            var items = items(facts, configuration: configuration, search: search, printable: printable)
            if language.code == "en" || (!configuration.languages.contains { $0.code == "en" } && language.code == configuration.defaultLanguage) {
                items.append(english(site: site, configuration: configuration, siteRoot: options.siteRoot))
            }
            sections.append(Section(language: language.code, languageName: language.name, items: items))
        }
        return Report(sections: sections, errors: errors)
    }

    /// The published items of one language, by kind.
    struct Facts {
        var language: String
        var documents: [ResolvedItem] = []
        var pressReleases: [ResolvedItem] = []
        var spokespersons: [ResolvedItem] = []
        var organisations: [ResolvedItem] = []
        /// Hosts of links written in this language's bodies, lower-case.
        var linkedHosts: Set<String> = []
        var bodyIsWritten: [String: Bool] = [:]

        init(site: ResolvedSite, language: String, siteRoot: String, links: [String: [LinkReference]]) {
            self.language = language
            for r in site.items where r.item.language == language {
                switch r.item.kind {
                case .document: documents.append(r)
                case .pressRelease: pressReleases.append(r)
                case .spokesperson: spokespersons.append(r)
                case .organisation:
                    organisations.append(r)
                    bodyIsWritten[r.item.sourcePath] = ComplianceChecklist.hasBody(r.item, siteRoot: siteRoot)
                default: break
                }
                for link in links[r.item.sourcePath] ?? [] {
                    if let host = SiteChecker.host(of: link.destination) { linkedHosts.insert(host) }
                }
            }
        }
    }

    static func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    static func hasBody(_ item: ContentItem, siteRoot: String) -> Bool {
        guard case .success(let body) = ContentLoader.bodyUTF8(of: item, siteRoot: siteRoot) else { return false }
        return body.contains { $0 > 0x20 }
    }

    static func items(_ f: Facts, configuration: SiteConfiguration, search: (Status, String), printable: Bool) -> [Item] {
        let l = f.language
        let fallback = configuration.defaultLanguage
        func districtName(_ slug: String?) -> String {
            slug.flatMap { configuration.district($0)?.name.text(l, fallback: fallback) } ?? "(no district)"
        }
        func names(_ items: [ResolvedItem]) -> String { items.map(\.item.title).joined(separator: "; ") }
        var out: [Item] = []

        // Art. 4.1.a: documents with their form, issuer, number, dates, abstract and file.
        do {
            let docs = f.documents.compactMap { r in r.item.document.map { (r, $0) } }
            var lacking: [String] = []
            func count(_ label: String, _ lacks: (PublishedDocument) -> Bool) {
                let n = docs.filter { lacks($0.1) }.count
                if n > 0 { lacking.append("\(label) \(n) of \(docs.count)") }
            }
            count("number", { $0.number == nil })
            count("date of issue", { $0.issueDate == nil })
            count("date of effect", { $0.effectiveDate == nil })
            count("abstract (the title is shown)", { $0.abstract == nil })
            count("signed file to download", { $0.attachments.isEmpty })
            let status: Status = docs.isEmpty ? .missing : lacking.isEmpty ? .present : .incomplete
            let detail = docs.isEmpty ? "no document published in this language"
                : lacking.isEmpty ? "\(counted(docs.count, "document")), each with its kind, issuing body, number, dates, abstract and signed file"
                : "\(counted(docs.count, "document")); not stated: " + lacking.joined(separator: ", ")
            out.append(Item(id: "documents", title: "Documents with form, issuing body, number, dates, abstract and file",
                            clause: "\(decree42) Art. 4.1.a", status: status, detail: detail))
            let searchOn = search.0 == .present
            out.append(Item(id: "document-search", title: "A way to search the documents",
                            clause: "\(decree42) Art. 4.1.a",
                            status: docs.isEmpty ? .missing : searchOn ? .present : .incomplete,
                            detail: docs.isEmpty ? "no document to search"
                                : "lists by kind, issuing body, year and field; full-text search: " + search.1))
        }

        // Art. 4.1.c: administrative procedures and online public services need a server.
        out.append(outside(.onlinePublicServices, id: "online-public-services", title: "Administrative procedures and online public services",
                           clause: "\(decree42) Art. 4.1.c", configuration: configuration, language: l))

        // Art. 4.1.d: information on laws and policies, which press releases carry.
        out.append(Item(id: "policy-information", title: "Information on laws, policies and the agency's work",
                        clause: "\(decree42) Art. 4.1.d",
                        status: f.pressReleases.isEmpty ? .missing : .present,
                        detail: f.pressReleases.isEmpty ? "no press release published in this language" : counted(f.pressReleases.count, "press release")))

        // Art. 4.1.đ: strategies, programmes, plans.
        let plans = f.documents.filter { $0.item.document?.documentKind == .plan }
        out.append(Item(id: "plans", title: "Strategies, programmes and plans",
                        clause: "\(decree42) Art. 4.1.đ",
                        status: plans.isEmpty ? .missing : .present,
                        detail: plans.isEmpty ? "no document of kind 'plan' published in this language" : "\(counted(plans.count, "plan")): \(names(plans))"))

        // Art. 4.1.e: the agency itself, per district of the registry.
        do {
            let byDistrict = Dictionary(grouping: f.organisations) { $0.item.district ?? "" }
            let without = configuration.districts.filter { byDistrict[$0.slug] == nil }.map { districtName($0.slug) }
            var gaps: [String] = []
            if !without.isEmpty { gaps.append("no organisation for \(without.joined(separator: ", "))") }
            let noFunctions = f.organisations.filter { f.bodyIsWritten[$0.item.sourcePath] != true }
            if !noFunctions.isEmpty { gaps.append("functions and tasks not written for \(names(noFunctions))") }
            let noChart = f.organisations.filter { $0.item.organisation?.chart.isEmpty ?? true }
            if !noChart.isEmpty { gaps.append("no organisational chart for \(names(noChart))") }
            out.append(Item(id: "organisation", title: "Functions, tasks, structure and chart of the agency and its units",
                            clause: "\(decree42) Art. 4.1.e",
                            status: f.organisations.isEmpty ? .missing : gaps.isEmpty ? .present : .incomplete,
                            detail: f.organisations.isEmpty ? "no organisation published in this language (add one under Content/organisations/)"
                                : gaps.isEmpty ? "\(counted(f.organisations.count, "organisation")): \(names(f.organisations))" : gaps.joined(separator: "; ")))

            let orgs = f.organisations.compactMap { r in r.item.organisation.map { (r, $0) } }
            var notStated: [String] = []
            for (label, value) in [("address", \Organisation.address), ("phone", \Organisation.phone), ("fax", \Organisation.fax),
                                   ("email", \Organisation.email)] as [(String, KeyPath<Organisation, String?>)] {
                let n = orgs.filter { $0.1[keyPath: value] == nil }.count
                if n > 0 { notStated.append("\(label) \(n) of \(orgs.count)") }
            }
            out.append(Item(id: "agency-contacts", title: "Address, phone, fax and email of the agency",
                            clause: "\(decree42) Art. 4.1.e",
                            status: orgs.isEmpty ? .missing : notStated.isEmpty ? .present : .incomplete,
                            detail: orgs.isEmpty ? "no organisation published in this language"
                                : notStated.isEmpty ? "stated for \(counted(orgs.count, "organisation"))" : "not stated: " + notStated.joined(separator: ", ")))

            // An official to contact: a name or position, and a way to reach them.
            let reachable = orgs.filter { $0.1.officials.contains { ($0.name != nil || $0.position != nil) && ($0.phone != nil || $0.email != nil) } }
            let districtsWith = Set(reachable.compactMap(\.0.item.district))
            let silent = configuration.districts.filter { !districtsWith.contains($0.slug) }.map { districtName($0.slug) }
            let total = configuration.districts.count
            out.append(Item(id: "contact-officials", title: "Name, position, unit, phone and email of the officials to contact",
                            clause: "\(decree42) Art. 4.1.e",
                            status: reachable.isEmpty ? .missing : silent.isEmpty ? .present : .incomplete,
                            detail: silent.isEmpty && !reachable.isEmpty ? "published for every district"
                                : "\(silent.count) of \(total) districts publish none (\(silent.joined(separator: ", "))): add 'officials' with a phone or email to their organisation"))
        }

        // Decree 09/2017: the spokesperson's name, position, phone and email, per district.
        do {
            let people = f.spokespersons.compactMap { r in r.item.spokesperson.map { (r, $0) } }
            let districtsWith = Set(people.compactMap(\.0.item.district))
            let without = configuration.districts.filter { !districtsWith.contains($0.slug) }.map { districtName($0.slug) }
            var gaps: [String] = []
            if !without.isEmpty { gaps.append("no spokesperson for \(without.joined(separator: ", "))") }
            for (label, field) in [("name", \Spokesperson.name), ("phone", \Spokesperson.phone), ("email", \Spokesperson.email)] {
                let n = people.filter { $0.1[keyPath: field] == nil }.count
                if n > 0 { gaps.append("\(label) not stated for \(n) of \(people.count)") }
            }
            out.append(Item(id: "spokesperson", title: "Spokesperson's name, position, phone and email",
                            clause: decree09, status: people.isEmpty ? .missing : gaps.isEmpty ? .present : .incomplete,
                            detail: people.isEmpty ? "no spokesperson published in this language"
                                : gaps.isEmpty ? counted(people.count, "spokesperson") : gaps.joined(separator: "; ")))
        }

        // Citizens' questions and their answers need a server too.
        out.append(outside(.feedback, id: "questions-and-answers", title: "Receiving and answering questions from citizens",
                           clause: "\(decree42) Art. 4.1", configuration: configuration, language: l))

        // Art. 7.1: the portal's own functions.
        out.append(Item(id: "search", title: "Search over all content", clause: "\(decree42) Art. 7.1.a",
                        status: search.0, detail: "search: " + search.1))
        let government = f.linkedHosts.union(configuration.servicePortals.compactMap { SiteChecker.host(of: $0.url) })
            .filter { $0.hasSuffix(".gov.vn") || $0 == "gov.vn" }
            .subtracting(SiteChecker.host(of: configuration.baseURL).map { [$0] } ?? [])
        out.append(Item(id: "agency-links", title: "Links to the portals of other agencies", clause: "\(decree42) Art. 7.1.a",
                        status: government.isEmpty ? .missing : .present,
                        detail: government.isEmpty ? "no link to another agency's portal (.gov.vn): link them in a page, or list service portals in site.yaml"
                            : "links to " + government.sorted().joined(separator: ", ")))
        out.append(Item(id: "print-and-save", title: "Print and save each article", clause: "\(decree42) Art. 7.1.a",
                        status: printable ? .present : .missing,
                        detail: printable ? "print button and print stylesheet (metadata, address and date printed); every page is one file to save"
                            : "the theme has no print stylesheet (@media print) or no print-tools partial"))
        return out
    }

    /// Art. 7.2: in English at least the organisation, its functions and its contact details.
    static func english(site: ResolvedSite, configuration: SiteConfiguration, siteRoot: String) -> Item {
        let title = "In English: organisation, functions, tasks and contact details"
        let clause = "\(decree42) Art. 7.2"
        guard configuration.language("en") != nil else {
            return Item(id: "english", title: title, clause: clause, status: .missing,
                        detail: "the site has no English: add 'en' under 'languages' in site.yaml and translate the organisations")
        }
        let organisations = site.items.filter { $0.item.kind == .organisation }
        let english = organisations.filter { $0.item.language == "en" }
        let namesInEnglish = Set(english.map(\.item.name))
        let untranslated = organisations.filter { $0.item.language == configuration.defaultLanguage && !namesInEnglish.contains($0.item.name) }
        let districtsWith = Set(organisations.compactMap(\.item.district))
        let districtsInEnglish = Set(english.compactMap(\.item.district))
        let districtName = { (slug: String) in configuration.district(slug)?.name.text("en", fallback: configuration.defaultLanguage) ?? slug }
        var gaps: [String] = []
        for d in configuration.districts where !districtsInEnglish.contains(d.slug) {
            gaps.append("organisation of \(districtName(d.slug)) missing" + (districtsWith.contains(d.slug) ? " (only in \(configuration.language(configuration.defaultLanguage)?.name ?? configuration.defaultLanguage))" : ""))
        }
        for r in untranslated where r.item.district.map(districtsInEnglish.contains) ?? true {
            gaps.append("\(r.item.title) has no English translation")
        }
        let noFunctions = english.filter { !hasBody($0.item, siteRoot: siteRoot) }
        if !noFunctions.isEmpty { gaps.append("functions and tasks not written in English for \(noFunctions.map(\.item.title).joined(separator: "; "))") }
        let noContact = english.filter { o in o.item.organisation.map { $0.phone == nil && $0.email == nil && $0.address == nil } ?? true }
        if !noContact.isEmpty { gaps.append("no address, phone or email in English for \(noContact.map(\.item.title).joined(separator: "; "))") }
        return Item(id: "english", title: title, clause: clause,
                    status: english.isEmpty ? .missing : gaps.isEmpty ? .present : .incomplete,
                    detail: english.isEmpty ? "no organisation published in English" + (gaps.isEmpty ? "" : ": " + gaps.joined(separator: "; "))
                        : gaps.isEmpty ? "\(counted(english.count, "organisation")) in English" : gaps.joined(separator: "; "))
    }

    /// What a static site cannot serve: present once the site links a portal that serves it.
    static func outside(_ service: ServicePortal.Service, id: String, title: String, clause: String,
                        configuration: SiteConfiguration, language: String) -> Item {
        let portals = configuration.servicePortals.filter { $0.provides.contains(service) }
        let listed = portals.map { "\($0.name.text(language, fallback: configuration.defaultLanguage)) (\($0.url))" }
        return Item(id: id, title: title, clause: clause, status: portals.isEmpty ? .missing : .present,
                    detail: portals.isEmpty
                        ? "outside a static site: link your provincial service portal under 'service_portals' in site.yaml (provides: [\(service.rawValue)])"
                        : "outside a static site; linked in every page's footer: " + listed.joined(separator: ", "),
                    outsideStaticSite: true)
    }

    /// Whether `loa build` would index this site for search, and why not.
    static func searchState(_ configuration: SiteConfiguration, options: SiteBuilder.Options) -> (Status, String) {
        guard options.search ?? configuration.search else {
            return (.missing, "off ('search: false' in site.yaml or --no-search; on by default)")
        }
        let configured = configuration.pagefind.map { $0.hasPrefix("/") ? $0 : options.siteRoot + "/" + $0 }
        guard Pagefind.locate(environment: options.environment, configured: configured) != nil else {
            return (.incomplete, "on, but Pagefind is not installed here (pip install 'pagefind[extended]')")
        }
        return (.present, "on (Pagefind), one index per language")
    }

    /// A print stylesheet in the theme's CSS and the print tools on each page.
    static func themePrints(_ theme: Theme) -> Bool {
        guard theme.templateNames.contains("print-tools") else { return false }
        return theme.assets.contains { asset in
            asset.outputPath.hasSuffix(".css") && (FileIO.read(asset.sourcePath).map { String(decoding: $0, as: UTF8.self).contains("@media print") } ?? false)
        }
    }

    // MARK: - Output

    public static func text(_ report: Report) -> String {
        var out = report.errors.map(\.description).joined(separator: "\n")
        if !out.isEmpty { out += "\n\n" }
        for section in report.sections {
            out += "Compliance checklist — \(section.languageName) (\(section.language))\n"
            for item in section.items {
                let mark = item.status.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
                out += "  \(mark) \(item.title) [\(item.clause)]\n"
                out += "              \(item.detail)\n"
            }
            out += "\n"
        }
        let all = report.sections.flatMap(\.items)
        let counts = [Status.present, .incomplete, .missing].map { s in "\(all.filter { $0.status == s }.count) \(s.rawValue)" }
        out += "compliance: " + counts.joined(separator: ", ") + "\n"
        return out
    }

    public static func json(_ report: Report, strict: Bool) -> String {
        let sections: [[String: Any]] = report.sections.map { section in
            ["language": section.language, "name": section.languageName,
             "items": section.items.map { item -> [String: Any] in
                 ["id": item.id, "title": item.title, "clause": item.clause, "status": item.status.rawValue,
                  "detail": item.detail, "outside_static_site": item.outsideStaticSite]
             }]
        }
        let errors: [[String: Any]] = report.errors.map {
            ["path": $0.location.path, "line": $0.location.line, "column": $0.location.column, "message": $0.message]
        }
        let object: [String: Any] = ["passed": report.passes(strict: strict), "complete": report.complete,
                                     "sections": sections, "errors": errors]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

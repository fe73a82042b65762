import Foundation

/// The document page family: a document's own page (its facts as the decree lists them, its
/// signed files), the document index with its filters, and the filtered lists
/// (`/documents/kind/report/`, `/documents/year/2023/`, …), which work without JavaScript.
extension SiteRenderer {
    // MARK: - A document's page

    /// A document's facts for its page's `item`, beside the fields every item has.
    func documentFields(_ r: ResolvedItem, _ doc: PublishedDocument, into fields: inout TemplateFields) {
        let language = r.item.language
        let s = strings(language)
        let notStated = s["not_stated"]
        func filterURL(_ facet: DocumentFacet) -> TemplateValue? {
            facet.value(of: doc).map { .text(url(prefix(language) + facet.listPath($0))) }
        }
        fields["kind_url"] = filterURL(.kind)
        fields["abstract"] = .text(doc.shownAbstract(title: r.item.title))
        fields["number"] = .text(doc.number ?? notStated)
        fields["number_stated"] = .bool(doc.number != nil)
        fields["number_blank"] = .bool(doc.numberIsBlank)
        fields["issue_date"] = .text(doc.issueDate.map { s.date($0) } ?? notStated)
        if let d = doc.issueDate { fields["issue_date_iso"] = .text(d.description) }
        fields["issue_date_stated"] = .bool(doc.issueDate != nil)
        fields["year_url"] = filterURL(.year)
        fields["effective_date"] = .text(doc.effectiveDate.map { s.date($0) } ?? notStated)
        if let d = doc.effectiveDate { fields["effective_date_iso"] = .text(d.description) }
        fields["effective_date_stated"] = .bool(doc.effectiveDate != nil)
        fields["place"] = .text(doc.place ?? notStated)
        fields["issuer"] = .text(doc.issuer)
        fields["issuer_url"] = filterURL(.issuer)
        if let field = doc.field, let link = filterURL(.field) {
            fields["field"] = ["name": .text(field), "url": link]
        }
        fields["field_not_stated"] = .text(notStated)
        fields["period"] = .text(doc.period ?? notStated)
        fields["references"] = .list(doc.references.map(TemplateValue.text))
        fields["has_references"] = .bool(!doc.references.isEmpty)
        if let note = doc.recipientsNote { fields["recipients_note"] = .text(note) }
        fields["recipients"] = .list(doc.recipients.map { line in ["text": .text(line), "is_group": .bool(line.hasSuffix(":"))] })
        fields["has_recipients"] = .bool(!doc.recipients.isEmpty || doc.recipientsNote != nil)
        fields["signing_lines"] = .list(doc.signingLines.map(TemplateValue.text))
        fields["signer"] = .text(doc.signer ?? notStated)
        fields["has_signature"] = .bool(!doc.signingLines.isEmpty || doc.signer != nil)
        fields["attachments"] = .list(r.attachments.map {
            ["title": .text($0.title), "url": .text(url($0.path)), "type": .text($0.fileType), "size": .text(Self.byteSize($0.byteCount, s))]
        })
        fields["has_attachments"] = .bool(!r.attachments.isEmpty)
    }

    static func byteSize(_ bytes: Int, _ s: Strings) -> String {
        if bytes < 1024 { return s.format("size_bytes", ["n": String(bytes)]) }
        if bytes < 1024 * 1024 { return s.format("size_kb", ["n": String((bytes + 512) / 1024)]) }
        return s.format("size_mb", ["n": String(format: "%.1f", Double(bytes) / 1_048_576)])
    }

    // MARK: - The index and its filters

    /// One value of a facet, as the filters show it.
    struct FilterValue {
        var slug: String
        var label: String
        var indices: [Int]
    }

    /// Each facet that has values in `language`, with its values in the order readers expect:
    /// years newest first, the rest alphabetical as other lists are (Vietnamese collation on
    /// Vietnamese pages).
    func documentFilterValues(_ language: String) -> [(facet: DocumentFacet, values: [FilterValue])] {
        let s = strings(language)
        let index = site.documentFilters[language] ?? [:]
        return DocumentFacet.allCases.compactMap { facet in
            guard let byValue = index[facet], !byValue.isEmpty else { return nil }
            let values = byValue.map { slug, indices in
                FilterValue(slug: slug, label: filterLabel(facet, slug: slug, shownBy: indices[0], s), indices: indices)
            }
            if facet == .year {
                return (facet, values.sorted { (Int($0.slug) ?? 0, $0.slug) > (Int($1.slug) ?? 0, $1.slug) })
            }
            let keyed = values.map { (value: $0, key: Collation.key($0.label, language: language)) }
            return (facet, keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.value.slug < $1.value.slug }.map(\.value))
        }
    }

    /// A value's name: the kind's in the interface strings, the year, else the text of the first
    /// document listed with it (texts that fold to one address share its page).
    func filterLabel(_ facet: DocumentFacet, slug: String, shownBy first: Int, _ s: Strings) -> String {
        let doc = site.items[first].item.document
        switch facet {
        case .kind: return s["document_kinds.\(slug)"]
        case .year: return slug
        case .issuer: return doc?.issuer ?? slug
        case .field: return doc?.field ?? slug
        }
    }

    /// The filters' table as the pages show it: it is on every page of the family, so each
    /// page's fingerprint includes it.
    static func filtersKey(_ filters: [(facet: DocumentFacet, values: [FilterValue])]) -> UInt64 {
        var h = ContentHash()
        for (facet, values) in filters {
            h.combine(facet.rawValue)
            for v in values {
                h.combine(v.slug)
                h.combine(v.label)
                h.combine(UInt64(v.indices.count))
            }
        }
        return h.value
    }

    /// The filters' navigation, with the list shown marked as the current one (nil: every document).
    func filtersNavigation(_ filters: [(facet: DocumentFacet, values: [FilterValue])], language: String,
                           current: (facet: DocumentFacet, slug: String)?) -> TemplateValue {
        let s = strings(language)
        let groups: [TemplateValue] = filters.map { facet, values in
            ["facet": .text(facet.rawValue), "heading": .text(s["document_filters.\(facet.rawValue)"]),
             "values": .list(values.map { v in
                 ["label": .text(v.label), "url": .text(url(prefix(language) + facet.listPath(v.slug))),
                  "count": .int(v.indices.count),
                  "current": .bool(current.map { $0.facet == facet && $0.slug == v.slug } ?? false)]
             })]
        }
        return ["heading": .text(s["document_filters.heading"]), "all_label": .text(s["document_filters.all"]),
                "all_url": .text(url(prefix(language) + ContentKind.document.rawValue + "/")), "all_current": .bool(current == nil),
                "groups": .list(groups)]
    }

    /// `/documents/` and, for each value of each facet, its list: paginated, in list order.
    mutating func renderDocumentIndex(_ language: String) {
        let s = strings(language)
        let filters = documentFilterValues(language)
        let key = Self.filtersKey(filters)
        let title = s["kinds.document.many"]
        let home: [(String, String?)] = [(s["home"], prefix(language))]
        let all = site.byKind[language]?[.document] ?? []
        renderPaginated(indices: all, language: language, listPath: ContentKind.document.rawValue + "/", title: title,
                        description: nil, breadcrumbs: home, section: ContentKind.document.rawValue, extraKey: key) { renderer, _ in
            filters.isEmpty ? [:] : ["filters": renderer.filtersNavigation(filters, language: language, current: nil)]
        }
        // The other languages' documents by address, to find a filtered list's translation.
        var documentAt: [String: Int] = [:]
        for other in site.languages where other != language {
            for i in site.byKind[other]?[.document] ?? [] { documentAt[site.items[i].path] = i }
        }
        for (facet, values) in filters {
            let facetName = s["document_filters.\(facet.rawValue)"]
            for value in values {
                let listPath = facet.listPath(value.slug)
                let translations = filterTranslations(facet, value, language: language, documentAt: documentAt)
                renderPaginated(indices: value.indices, language: language, listPath: listPath,
                                title: s.format("document_filters.page_title", ["facet": facetName, "value": value.label]),
                                description: nil, breadcrumbs: home + [(title, prefix(language) + ContentKind.document.rawValue + "/")],
                                section: ContentKind.document.rawValue, translations: translations, extraKey: key) { renderer, _ in
                    ["filters": renderer.filtersNavigation(filters, language: language, current: (facet, value.slug))]
                }
            }
        }
    }

    /// Where a filtered list is in the other languages: the list of the same value when there
    /// is one (kinds and years always share theirs), else that of the value its documents'
    /// translations have (an issuer or field is written in each language).
    func filterTranslations(_ facet: DocumentFacet, _ value: FilterValue, language: String,
                            documentAt: [String: Int]) -> [String: String] {
        var translations = [language: prefix(language) + facet.listPath(value.slug)]
        for other in site.languages where other != language {
            let theirs = site.documentFilters[other]?[facet] ?? [:]
            if theirs[value.slug] != nil {
                translations[other] = prefix(other) + facet.listPath(value.slug)
                continue
            }
            for i in value.indices {
                guard let path = site.items[i].translations[other], let j = documentAt[path],
                      let doc = site.items[j].item.document, let slug = facet.value(of: doc), theirs[slug] != nil else { continue }
                translations[other] = prefix(other) + facet.listPath(slug)
                break
            }
        }
        return translations
    }
}

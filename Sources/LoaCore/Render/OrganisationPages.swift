import Foundation

/// The page of an organisation (`Content/organisations/`): its facts, contacts, organisational
/// chart as a tree of nested lists, its spokesperson and the documents it issued, and its
/// schema.org `GovernmentOrganization` with `ContactPoint`s.
///
/// The spokesperson and the documents are found by name, in the page's language: a
/// spokesperson whose `agency` is the organisation's `title`, a document whose `issuer` is
/// (compared by `BodyName.key`: case, diacritics, đ and "UBND" for "Ủy ban nhân dân" aside).
struct OrganisationLinks: Sendable {
    /// Item indexes, in list order.
    var spokespersons: [Int] = []
    var documents: [Int] = []
    /// The organisation named in `parent`, when the site has its page in the same language.
    var parent: Int?

    var all: [Int] { spokespersons + documents + (parent.map { [$0] } ?? []) }
}

extension SiteRenderer {
    /// For each organisation, the items its page links to. Nothing to do on a site without
    /// organisations, or on a site read in part (which never renders an organisation's page,
    /// see `SiteSnapshot.reuse`).
    /// A language's organisations by the key of their name (`BodyName.key`), in list order.
    static func organisationsByName(_ organisations: [Int], _ site: ResolvedSite) -> [String: [Int]] {
        var byName: [String: [Int]] = [:]
        for i in organisations { byName[BodyName.key(site.items[i].item.title), default: []].append(i) }
        return byName
    }

    static func findOrganisationLinks(_ site: ResolvedSite) -> [Int: OrganisationLinks] {
        guard !site.isPartial else { return [:] }
        var links: [Int: OrganisationLinks] = [:]
        for language in site.languages {
            let organisations = site.byKind[language]?[.organisation] ?? []
            guard !organisations.isEmpty else { continue }
            let byName = Self.organisationsByName(organisations, site)
            for i in organisations { links[i] = OrganisationLinks() }
            for i in site.byKind[language]?[.spokesperson] ?? [] {
                guard let agency = site.items[i].item.spokesperson?.agency else { continue }
                for o in byName[BodyName.key(agency)] ?? [] { links[o]?.spokespersons.append(i) }
            }
            for i in site.byKind[language]?[.document] ?? [] {
                guard let issuer = site.items[i].item.document?.issuer else { continue }
                for o in byName[BodyName.key(issuer)] ?? [] { links[o]?.documents.append(i) }
            }
            for i in organisations {
                guard let parent = site.items[i].item.organisation?.parent else { continue }
                links[i]?.parent = byName[BodyName.key(parent)]?.first { $0 != i }
            }
        }
        return links
    }

    /// The organisation page each document (by `issuer`) and spokesperson (by `agency`) links
    /// back to, in its own language. Made on sites read in part too: a changed document's page
    /// needs it, and the organisations' outlines keep their titles and addresses.
    static func findIssuingOrganisations(_ site: ResolvedSite) -> [Int: Int] {
        var organisationOf: [Int: Int] = [:]
        for language in site.languages {
            let organisations = site.byKind[language]?[.organisation] ?? []
            guard !organisations.isEmpty else { continue }
            let byName = Self.organisationsByName(organisations, site)
            for i in site.byKind[language]?[.document] ?? [] {
                guard let issuer = site.items[i].item.document?.issuer, let o = byName[BodyName.key(issuer)]?.first else { continue }
                organisationOf[i] = o
            }
            for i in site.byKind[language]?[.spokesperson] ?? [] {
                guard let agency = site.items[i].item.spokesperson?.agency, let o = byName[BodyName.key(agency)]?.first else { continue }
                organisationOf[i] = o
            }
        }
        return organisationOf
    }

    /// The page of the body that issued a document or that a spokesperson speaks for, if the
    /// site has one: `{title, url}` for the item's page.
    func issuingOrganisation(_ index: Int) -> TemplateValue? {
        guard let o = issuingOrganisations[index] else { return nil }
        return ["title": .text(site.items[o].item.title), "url": .text(url(site.items[o].path))]
    }

    /// What an organisation's page shows of other items: part of its quick key.
    func combineOrganisationLinks(_ index: Int, into h: inout ContentHash) {
        guard let links = organisationLinks[index] else { return }
        h.combine(UInt64(links.spokespersons.count))
        h.combine(UInt64(links.documents.count))
        for i in links.all {
            h.combine(site.items[i].item.frontMatterHash)
            h.combine(site.items[i].path)
        }
    }

    /// The page's fields besides those every item has, and (returned) the documents it issued,
    /// which the page shows outside its item: a card looks up a field it lacks in the sections
    /// around it, and must not find the organisation's.
    /// Entries of lists inside the item give every key they use, false when absent, for the same reason.
    mutating func organisationFields(_ index: Int, _ org: Organisation, into fields: inout TemplateFields) -> TemplateValue {
        let r = site.items[index]
        let language = r.item.language
        let s = strings(language)
        let links = organisationLinks[index] ?? OrganisationLinks()
        fields["organisation_kind"] = .text(s["organisation_kinds.\(org.organisationKind.rawValue)"])
        if let parent = org.parent {
            var p: TemplateFields = ["name": .text(parent), "url": false]
            if let i = links.parent { p["url"] = .text(url(site.items[i].path)) }
            fields["parent"] = .object(p)
        }
        if let address = org.address { fields["address"] = .text(address) }
        if let phone = org.phone { fields["phone"] = ["text": .text(phone), "uri": .text(VCard.telURI(phone))] }
        if let fax = org.fax { fields["fax"] = .text(fax) }
        if let email = org.email { fields["email"] = ["text": .text(email), "uri": .text("mailto:" + email)] }
        if let hours = org.workingHours { fields["working_hours"] = .text(hours) }
        fields["officials"] = .list(org.officials.map { official in
            var o: TemplateFields = ["name": false, "position": false, "unit": false, "phone": false, "email": false]
            if let name = official.name { o["name"] = .text(name) }
            if let position = official.position { o["position"] = .text(position) }
            if let unit = official.unit { o["unit"] = .text(unit) }
            if let phone = official.phone { o["phone"] = ["text": .text(phone), "uri": .text(VCard.telURI(phone))] }
            if let email = official.email { o["email"] = ["text": .text(email), "uri": .text("mailto:" + email)] }
            return .object(o)
        })
        fields["has_officials"] = .bool(!org.officials.isEmpty)
        fields["chart"] = Self.chartUnits(org.chart)
        fields["has_chart"] = .bool(!org.chart.isEmpty)
        if org.chartImage != nil, let image = r.attachments.first {
            fields["chart_image"] = ["url": .text(url(image.path)), "alt": .text(image.title)]
        }
        fields["spokespersons"] = .list(links.spokespersons.map { i in
            let sp = site.items[i]
            var p: TemplateFields = ["title": .text(sp.item.title), "url": .text(url(sp.path)), "position": false, "name": false]
            if let person = sp.item.spokesperson {
                p["position"] = .text(person.position)
                if let name = person.name { p["name"] = .text(name) }
            }
            return .object(p)
        })
        fields["has_spokespersons"] = .bool(!links.spokespersons.isEmpty)
        return ["documents": cardList(links.documents[...]), "has_documents": .bool(!links.documents.isEmpty)]
    }

    /// Every unit with both `units` and `has_units`, so that a nested section never finds an
    /// outer unit's list instead of its own.
    static func chartUnits(_ units: [OrganisationUnit]) -> TemplateValue {
        .list(units.map { ["name": .text($0.name), "units": chartUnits($0.units), "has_units": .bool(!$0.units.isEmpty)] })
    }

    /// The organisation's `GovernmentOrganization`: only what its file states, with a
    /// `ContactPoint` for the body itself (when it publishes a phone, fax, e-mail or hours), for
    /// its spokesperson (the press) and for each official.
    func organisationEntity(_ index: Int, _ org: Organisation, base: JSONValue) -> JSONValue {
        let r = site.items[index]
        let item = r.item
        let language = item.language
        let links = organisationLinks[index] ?? OrganisationLinks()
        var entity = base
        entity["@type"] = "GovernmentOrganization"
        entity["name"] = .string(item.title)
        if let area = administrativeArea(item.district, language) { entity["areaServed"] = area }
        if let address = org.address {
            var postal: JSONValue = ["@type": "PostalAddress", "streetAddress": .string(address), "addressCountry": "VN"]
            if let d = item.district, let province = config.district(d)?.province.text(language, fallback: config.defaultLanguage), !province.isEmpty {
                postal["addressRegion"] = .string(province)
            }
            entity["address"] = postal
        }
        if let phone = org.phone { entity["telephone"] = .string(phone) }
        if let fax = org.fax { entity["faxNumber"] = .string(fax) }
        if let email = org.email { entity["email"] = .string(email) }
        if let parent = org.parent {
            var p: JSONValue = ["@type": "GovernmentOrganization", "name": .string(parent)]
            if let i = links.parent { p["url"] = .string(absolute(site.items[i].path)) }
            entity["parentOrganization"] = p
        }
        if !org.chart.isEmpty { entity["subOrganization"] = .array(Self.subOrganizations(org.chart)) }
        var contacts: [JSONValue] = []
        if org.phone != nil || org.fax != nil || org.email != nil || org.workingHours != nil {
            var c: JSONValue = ["@type": "ContactPoint", "name": .string(item.title)]
            if let phone = org.phone { c["telephone"] = .string(phone) }
            if let fax = org.fax { c["faxNumber"] = .string(fax) }
            if let email = org.email { c["email"] = .string(email) }
            if let hours = org.workingHours { c["hoursAvailable"] = ["@type": "OpeningHoursSpecification", "description": .string(hours)] }
            contacts.append(c)
        }
        for i in links.spokespersons {
            guard let sp = site.items[i].item.spokesperson else { continue }
            var c: JSONValue = ["@type": "ContactPoint", "contactType": "press", "url": .string(absolute(site.items[i].path))]
            c["name"] = .string(sp.name ?? sp.position)
            if let phone = sp.phone { c["telephone"] = .string(phone) }
            if let email = sp.email { c["email"] = .string(email) }
            contacts.append(c)
        }
        for official in org.officials {
            var c: JSONValue = ["@type": "ContactPoint"]
            if let name = official.name { c["name"] = .string(name) }
            if let position = official.position { c["contactType"] = .string(position) }
            if let unit = official.unit { c["description"] = .string(unit) }
            if let phone = official.phone { c["telephone"] = .string(phone) }
            if let email = official.email { c["email"] = .string(email) }
            contacts.append(c)
        }
        if !contacts.isEmpty { entity["contactPoint"] = .array(contacts) }
        return entity
    }

    static func subOrganizations(_ units: [OrganisationUnit]) -> [JSONValue] {
        units.map { unit in
            var o: JSONValue = ["@type": "GovernmentOrganization", "name": .string(unit.name)]
            if !unit.units.isEmpty { o["subOrganization"] = .array(subOrganizations(unit.units)) }
            return o
        }
    }
}

import Foundation

/// schema.org JSON-LD for search engines and other readers of the page's facts.
///
/// Every page carries one `<script type="application/ld+json">` with a `@graph` of a
/// `BreadcrumbList` (always) and the page's main entity: `NewsArticle` for press releases,
/// `Report` (published by a `GovernmentOrganization`, the issuer) for documents, `Person` with a
/// `ContactPoint` for spokespersons, `LandmarksOrHistoricalBuildings` (historical relics) or
/// `TouristAttraction` (other places) for places, `WebPage` for plain pages and `WebSite` for the
/// home page. Only facts given in the content are used: a spokesperson whose name is not
/// published has no `name`, a place without coordinates has no `geo`.
public enum StructuredData {
    /// The JSON text to place inside the script element: keys sorted (byte-identical builds),
    /// slashes left as they are, and `<`, `>` and `&` written as \u escapes so no value can
    /// close the element or open a comment.
    public static func script(_ graph: [JSONValue]) -> String {
        String(decoding: scriptBytes(graph), as: UTF8.self)
    }

    /// The same as UTF-8, as pages take it.
    static func scriptBytes(_ graph: [JSONValue]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2048)
        JSONText.write(["@context": "https://schema.org", "@graph": .array(graph)], into: &out)
        return out
    }

    /// `2022-06-15`, or `2022-06` when the day is not known (ISO 8601 reduced precision).
    static func date(_ date: PartialDate?) -> String? { date?.description }
}

/// What a page's JSON-LD is made of; the JSON is written only for pages that are rendered.
struct StructuredDataSource {
    enum Entity {
        case none
        case website(String)
        case item(Int)
    }
    var entity: Entity
    var breadcrumbs: [(String, String?)]
    var pagePath: String

    /// The JSON-LD follows from the page's context and item, which the fingerprint covers; the
    /// breadcrumbs and entity kind are added for pages where that might not hold.
    func combine(into hash: inout ContentHash, site: ResolvedSite) {
        switch entity {
        case .none: hash.combine(0)
        case .website(let language): hash.combine(1); hash.combine(language)
        case .item(let index): hash.combine(2); hash.combine(site.items[index].item.sourcePath)
        }
        for crumb in breadcrumbs { hash.combine(crumb.0); hash.combine(crumb.1 ?? "\u{0}") }
        hash.combine(pagePath)
    }
}

extension SiteRenderer {
    func structuredGraph(_ source: StructuredDataSource) -> [JSONValue] {
        let trail = breadcrumbList(source.breadcrumbs, pagePath: source.pagePath)
        switch source.entity {
        case .none: return [trail]
        case .website(let language): return [websiteEntity(language), trail]
        case .item(let index): return [structuredEntity(index), trail]
        }
    }

    /// The page's trail as a `BreadcrumbList`; the last entry is the page itself.
    func breadcrumbList(_ crumbs: [(String, String?)], pagePath: String) -> JSONValue {
        var elements: [JSONValue] = []
        for (i, crumb) in crumbs.enumerated() {
            var element: JSONValue = ["@type": "ListItem", "position": .int(i + 1), "name": .string(crumb.0)]
            if i == crumbs.count - 1 {
                element["item"] = .string(absolute(pagePath))
            } else if let path = crumb.1 {
                element["item"] = .string(absolute(path))
            }
            elements.append(element)
        }
        return ["@type": "BreadcrumbList", "itemListElement": .array(elements)]
    }

    func websiteEntity(_ language: String) -> JSONValue {
        let lang = config.language(language)
        var site: JSONValue = ["@type": "WebSite", "name": .string(lang?.title ?? ""), "url": .string(absolute(prefix(language))),
                               "inLanguage": .string(language)]
        if let description = lang?.description, !description.isEmpty { site["description"] = .string(description) }
        return site
    }

    /// A district as a schema.org `AdministrativeArea`, inside its province when one is given.
    func administrativeArea(_ slug: String?, _ language: String) -> JSONValue? {
        guard let slug, let district = config.district(slug) else { return nil }
        var area: JSONValue = ["@type": "AdministrativeArea", "name": .string(district.name.text(language, fallback: config.defaultLanguage))]
        let province = district.province.text(language, fallback: config.defaultLanguage)
        if !province.isEmpty { area["containedInPlace"] = ["@type": "AdministrativeArea", "name": .string(province)] }
        return area
    }

    func governmentOrganization(_ name: String, district: String?, language: String) -> JSONValue {
        var organization: JSONValue = ["@type": "GovernmentOrganization", "name": .string(name)]
        if let area = administrativeArea(district, language) { organization["areaServed"] = area }
        return organization
    }

    /// The main entity of an item's page.
    func structuredEntity(_ index: Int) -> JSONValue {
        let r = site.items[index]
        let item = r.item
        let language = item.language
        let s = strings(language)
        var entity: JSONValue = ["url": .string(absolute(r.path))]
        if let summary = item.summary { entity["description"] = .string(summary) }
        let topics: [JSONValue] = item.topics.compactMap { slug in
            config.topic(slug).map { ["@type": "Thing", "name": .string($0.name.text(language, fallback: config.defaultLanguage))] }
        }
        let area = administrativeArea(item.district, language)
        switch item.details {
        case .pressRelease:
            entity["@type"] = "NewsArticle"
            entity["headline"] = .string(item.title)
            entity["name"] = .string(item.title)
            entity["inLanguage"] = .string(language)
            entity["mainEntityOfPage"] = .string(absolute(r.path))
            // Not the source document's date: that is not when the release was published.
            if item.dateFromSource == nil, let date = StructuredData.date(item.date) { entity["datePublished"] = .string(date) }
            if !topics.isEmpty { entity["about"] = .array(topics) }
            if let area { entity["contentLocation"] = area }
        case .document(let doc):
            entity["@type"] = "Report"
            entity["name"] = .string(item.title)
            entity["inLanguage"] = .string(language)
            entity["genre"] = .string(s["document_kinds.\(doc.documentKind.rawValue)"])
            if let number = doc.number { entity["reportNumber"] = .string(number) }
            if let date = StructuredData.date(doc.issueDate) { entity["datePublished"] = .string(date) }
            let issuer = governmentOrganization(doc.issuer, district: item.district, language: language)
            entity["author"] = issuer
            entity["publisher"] = issuer
            if let place = doc.place { entity["locationCreated"] = ["@type": "Place", "name": .string(place)] }
            if let abstract = doc.abstract { entity["abstract"] = .string(abstract) }
            if let period = doc.period { entity["temporalCoverage"] = .string(period) }
            if let area { entity["spatialCoverage"] = area }
            if !topics.isEmpty { entity["about"] = .array(topics) }
            if !r.attachments.isEmpty {
                entity["associatedMedia"] = .array(r.attachments.map { a -> JSONValue in
                    ["@type": "MediaObject", "name": .string(a.title), "contentUrl": .string(absolute(a.path)),
                     "contentSize": .string(Self.byteSize(a.byteCount, s))]
                })
            }
        case .spokesperson(let sp):
            entity["@type"] = "Person"
            if let name = sp.name { entity["name"] = .string(name) }
            entity["jobTitle"] = .string(sp.position)
            entity["worksFor"] = governmentOrganization(sp.agency, district: item.district, language: language)
            // The person is the agency's contact for the press; phone and email only when published.
            var contact: JSONValue = ["@type": "ContactPoint", "contactType": "press"]
            if let phone = sp.phone { contact["telephone"] = .string(phone) }
            if let email = sp.email { contact["email"] = .string(email) }
            if let area { contact["areaServed"] = area }
            entity["contactPoint"] = contact
        case .place(let place):
            entity["@type"] = place.placeKind == .historicalRelic ? "LandmarksOrHistoricalBuildings" : "TouristAttraction"
            entity["name"] = .string(item.title)
            var address: JSONValue = ["@type": "PostalAddress", "addressCountry": "VN"]
            let districtName = districtName(item.district, language)
            let locality = [place.commune, districtName].compactMap { $0 }.joined(separator: ", ")
            if !locality.isEmpty { address["addressLocality"] = .string(locality) }
            if let d = item.district, let province = config.district(d)?.province.text(language, fallback: config.defaultLanguage), !province.isEmpty {
                address["addressRegion"] = .string(province)
            }
            entity["address"] = address
            if let area { entity["containedInPlace"] = area }
            if let c = place.coordinates {
                let lat = Self.coordinate(c.latitude), lon = Self.coordinate(c.longitude)
                entity["geo"] = ["@type": "GeoCoordinates", "latitude": .double(c.latitude), "longitude": .double(c.longitude)]
                entity["hasMap"] = .string(Self.mapURL(latitude: lat, longitude: lon))
            }
        case .organisation(let org):
            entity = organisationEntity(index, org, base: entity)
        case .page:
            entity["@type"] = "WebPage"
            entity["name"] = .string(item.title)
            entity["inLanguage"] = .string(language)
        }
        return entity
    }

    /// A plain link to a point on OpenStreetMap: no map is embedded, nothing is loaded from there.
    static func mapURL(latitude: String, longitude: String) -> String {
        "https://www.openstreetmap.org/?mlat=\(latitude)&mlon=\(longitude)#map=16/\(latitude)/\(longitude)"
    }
}

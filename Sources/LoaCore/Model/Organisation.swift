/// An agency or unit: what Decree 42/2022/NĐ-CP Art. 4.1.e asks an agency's portal to publish
/// about it. Its name is the item's `title`, its functions and tasks the Markdown body. Every
/// other field is optional and published only as the sources state it.
public struct Organisation: Sendable, Hashable {
    public var organisationKind: OrganisationKind
    /// The body it belongs to, by name as written ("Ủy ban nhân dân tỉnh Thanh Hóa").
    public var parent: String?
    public var address: String?
    public var phone: String?
    public var fax: String?
    public var email: String?
    public var workingHours: String?
    /// Leaders and officials to contact, in the order written.
    public var officials: [Official]
    /// The organisational chart: the units under the body, nested.
    public var chart: [OrganisationUnit]
    /// A picture of the chart, beside the tree that says the same.
    public var chartImage: ChartImage?
}

public enum OrganisationKind: String, Sendable, CaseIterable {
    case peopleCommittee = "people-committee"
    case peopleCouncil = "people-council"
    case specialisedAgency = "specialised-agency"
    case publicServiceUnit = "public-service-unit"
    case partyCommittee = "party-committee"
    case other
}

/// A leader or contact official; every field optional (at least a name or a position).
public struct Official: Sendable, Hashable {
    public var name: String?
    public var position: String?
    public var unit: String?
    public var phone: String?
    public var email: String?
}

/// One unit of an organisational chart and the units under it.
public struct OrganisationUnit: Sendable, Hashable {
    public var name: String
    public var units: [OrganisationUnit]
}

public struct ChartImage: Sendable, Hashable {
    /// Path relative to the content file, as written.
    public var file: String
    /// What the picture shows, for readers who cannot see it.
    public var alt: String
    public var location: SourceLocation
}

/// Names of bodies as staff and documents write them: "UBND huyện Triệu Sơn" and "Ủy ban nhân
/// dân huyện Triệu Sơn" are one body. The key is the name folded as addresses are, with the
/// abbreviations of the usual bodies written out, so both spellings meet (an organisation's page
/// finds the documents it issued, the issuer lists are one per body).
public enum BodyName {
    static let abbreviations: [String: String] = [
        "ubnd": "uy-ban-nhan-dan", "hdnd": "hoi-dong-nhan-dan", "ubmttq": "uy-ban-mat-tran-to-quoc",
        "mttq": "mat-tran-to-quoc", "ubkt": "uy-ban-kiem-tra",
    ]

    public static func key(_ name: String) -> String {
        let slug = Folding.slug(name)
        guard slug.utf8.count >= 4 else { return slug }
        return slug.split(separator: "-").map { abbreviations[String($0)] ?? String($0) }.joined(separator: "-")
    }
}

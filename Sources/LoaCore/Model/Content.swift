/// The kinds of content; each has a folder under Content/ and an address section.
public enum ContentKind: String, Sendable, CaseIterable, Hashable, Comparable {
    case pressRelease = "press-releases"
    case document = "documents"
    case spokesperson = "spokespersons"
    case place = "places"
    case page = "pages"
    /// Agencies and units: one item per body (Decree 42/2022/NĐ-CP Art. 4.1.e).
    case organisation = "organisations"

    /// The folder under Content/.
    public var folder: String { rawValue }
    /// The first address segment; plain pages live at the root.
    public var section: String? { self == .page ? nil : rawValue }
    /// Singular key used by templates and interface strings ("press-release").
    public var key: String {
        switch self {
        case .pressRelease: "press-release"
        case .document: "document"
        case .spokesperson: "spokesperson"
        case .place: "place"
        case .page: "page"
        case .organisation: "organisation"
        }
    }
    /// Kinds that are listed, indexed per district and topic and fed.
    public static let listed: [ContentKind] = [.pressRelease, .document, .spokesperson, .place, .organisation]

    public static func < (a: ContentKind, b: ContentKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A calendar date that may be known only to the month ("ngày tháng 6 năm 2022").
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int?

    public init(year: Int, month: Int, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (a time after it is allowed and ignored) or `YYYY-MM`.
    public init?(parsing text: String) {
        // The usual `2024-05-01` or `2020-03-15T05:51:48+07:00`, read from its bytes: the
        // reading by Characters below was a share of loading every file.
        if let date = Self.plain(text) {
            self = date
            return
        }
        let t = text.trimmingCharacters(in: .whitespaces)
        let datePart = t.prefix { $0 != "T" && $0 != " " }
        let fields = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3,
              fields[0].count == 4, let y = Int(fields[0]),
              fields[1].count == 2, let m = Int(fields[1]), (1...12).contains(m)
        else { return nil }
        var d: Int?
        if fields.count == 3 {
            guard fields[2].count == 2, let day = Int(fields[2]), day >= 1,
                  day <= PartialDate.daysIn(month: m, year: y) else { return nil }
            d = day
        } else if datePart.count != t.count {
            return nil
        }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM` or `YYYY-MM-DD`, possibly followed by `T` or a space and a time: digits only,
    /// nothing to trim; nil for anything else, which the general reading then decides.
    private static func plain(_ text: String) -> PartialDate? {
        let u = text.utf8
        guard u.count >= 7, u.count <= 64 else { return nil }
        // Up to three fields (year, month, day) and their lengths, without allocating: every
        // file's dates come through here.
        var values = (0, 0, 0), lengths = (0, 0, 0)
        var fields = 0
        var length = 0, value = 0
        var ended = false
        func close() -> Bool {
            switch fields {
            case 0: (values.0, lengths.0) = (value, length)
            case 1: (values.1, lengths.1) = (value, length)
            case 2: (values.2, lengths.2) = (value, length)
            default: return false
            }
            fields += 1
            value = 0
            length = 0
            return true
        }
        for b in u {
            if ended {
                guard b < 0x80 else { return nil }  // the rest is ignored, as below, but must be ASCII
                continue
            }
            switch b {
            case 0x30...0x39:
                value = value * 10 + Int(b - 0x30)
                length += 1
                guard length <= 4 else { return nil }
            case UInt8(ascii: "-"):
                guard close() else { return nil }
            case UInt8(ascii: "T"), UInt8(ascii: " "):
                ended = true
            default:
                return nil
            }
        }
        guard close() else { return nil }
        let full = fields == 3 && lengths == (4, 2, 2)
        guard full || (fields == 2 && lengths.0 == 4 && lengths.1 == 2 && !ended) else { return nil }
        let (y, m) = (values.0, values.1)
        guard (1...12).contains(m) else { return nil }
        if !full { return PartialDate(year: y, month: m, day: nil) }
        let d = values.2
        guard d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return PartialDate(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.year, a.month, a.day ?? 0) < (b.year, b.month, b.day ?? 0)
    }

    /// Earlier than `other` at the precision both give: a month alone is not before a day in it.
    public func isBefore(_ other: PartialDate) -> Bool {
        guard let d = day, let e = other.day else { return (year, month) < (other.year, other.month) }
        return (year, month, d) < (other.year, other.month, e)
    }

    /// ISO form: `2022-06-15` or `2022-06`.
    public var description: String {
        let ym = "\(year)-\(pad(month))"
        return day.map { "\(ym)-\(pad($0))" } ?? ym
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

import Foundation

public enum DocumentKind: String, Sendable, CaseIterable {
    case report, plan, decision
    case officialLetter = "official-letter"
    case notice, submission
}

public struct Attachment: Sendable, Hashable {
    public var title: String
    /// Path relative to the content file, as written.
    public var file: String
    public var location: SourceLocation
}

public struct PublishedDocument: Sendable, Hashable {
    public var documentKind: DocumentKind
    public var number: String?
    public var issueDate: PartialDate?
    /// The date from which the document takes effect ("có hiệu lực từ ngày …"), only if stated.
    public var effectiveDate: PartialDate?
    /// The "trích yếu" as printed under the kind word; nil when the document gives none (the
    /// page then shows the title, see `shownAbstract(title:)`).
    public var abstract: String?
    /// The field ("lĩnh vực") the document belongs to, as written ("Thông tin đối ngoại").
    public var field: String?
    public var place: String?
    public var issuer: String
    public var period: String?
    public var references: [String]
    /// A note printed above the recipient list, not a recipient ("Gửi bản điện tử:").
    public var recipientsNote: String?
    public var recipients: [String]
    public var signingLines: [String]
    public var signer: String?
    public var attachments: [Attachment]

    /// The abstract a reader is shown: the document's own, else its title.
    public func shownAbstract(title: String) -> String { abstract ?? title }

    /// "Số: /BC-UBND": the number was left blank in the signed original.
    public var numberIsBlank: Bool { number.map { $0.hasPrefix("/") } ?? false }
}

public struct Spokesperson: Sendable, Hashable {
    public var name: String?
    public var position: String
    public var agency: String
    public var phone: String?
    public var email: String?
    public var since: PartialDate?
}

public enum PlaceKind: String, Sendable, CaseIterable {
    case historicalRelic = "historical-relic"
    case scenicSite = "scenic-site"
    case communityTourism = "community-tourism"
    case spiritualSite = "spiritual-site"
    case craftVillage = "craft-village"
    case other
}

public enum Recognition: String, Sendable, CaseIterable {
    case specialNational = "special-national"
    case national, provincial
}

public struct Coordinates: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
}

public struct Place: Sendable, Hashable {
    public var placeKind: PlaceKind
    public var recognition: Recognition?
    public var commune: String?
    public var coordinates: Coordinates?
    public var visiting: String?
}

public enum ContentDetails: Sendable, Hashable {
    case pressRelease
    case document(PublishedDocument)
    case spokesperson(Spokesperson)
    case place(Place)
    case page
    case organisation(Organisation)
}

/// One content file, decoded and checked field by field, with where each field came from.
public struct ContentItem: Sendable, Hashable {
    public var kind: ContentKind
    /// The file name without language and extension; translations share it.
    public var name: String
    public var language: String
    /// Path from the site folder, as diagnostics print it.
    public var sourcePath: String
    public var title: String
    public var summary: String?
    public var slug: String
    public var district: String?
    public var topics: [String]
    /// The date lists and feeds sort by: a release's date, a document's issue date.
    public var date: PartialDate?
    public var source: String?
    public var menu: Int?
    /// Earlier addresses of this item; each gets a redirect page.
    public var aliases: [String]
    /// Work in progress: left out of `build` unless drafts are asked for.
    public var draft: Bool
    /// Not published before this date (else the item's own date decides).
    public var publishDate: PartialDate?
    /// Taken down after this date.
    public var expiryDate: PartialDate?
    public var details: ContentDetails
    /// Markdown after the front matter, and the file line it starts on. A site build drops the
    /// body after loading (see `ContentLoader.bodyUTF8(of:siteRoot:)`) so memory does not grow with text.
    public var body: String
    public var bodyFirstLine: Int
    /// Hash of the file's bytes: an unchanged file needs no new conversion.
    public var sourceHash: UInt64 = 0
    /// Hash of the front matter as decoded, and of where it and the body start: every field of
    /// the item follows from it and the file's path, and only the body from the rest. Lists,
    /// feeds and indexes show fields only, so an edit below the front matter leaves them alone.
    public var frontMatterHash: UInt64 = 0
    /// Set on a press release written without a `date` of its own: its `date` is then the issue
    /// date of the document named in its `source` (of this kind), and pages call it that
    /// document's date ("Date of the report"), never the release's (see `SourceDates`).
    public var dateFromSource: DocumentKind? = nil
    /// Where each front matter field was written, for errors found after loading.
    public var fieldLocations: [String: SourceLocation]

    public func location(of field: String) -> SourceLocation {
        fieldLocations[field] ?? SourceLocation(path: sourcePath)
    }

    public var document: PublishedDocument? { if case .document(let d) = details { d } else { nil } }
    public var spokesperson: Spokesperson? { if case .spokesperson(let s) = details { s } else { nil } }
    public var place: Place? { if case .place(let p) = details { p } else { nil } }
    public var organisation: Organisation? { if case .organisation(let o) = details { o } else { nil } }
}

/// A file under Content/ that is not Markdown, published at the same relative path.
public struct StaticFile: Sendable, Hashable {
    public var sourcePath: String
    /// Path under the output folder.
    public var outputPath: String
}

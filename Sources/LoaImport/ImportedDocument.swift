import Foundation
import LoaCore

/// What one official document states, read from its text. A field is `nil` (or empty) exactly
/// when the document does not state it: nothing is filled in from elsewhere.
public struct ImportedDocument: Sendable, Hashable {
    /// The input as named on the command line, for messages.
    public var sourcePath: String
    public var kind: DocumentKind?
    /// As printed after "Số:"; a number left blank stays blank: "/BC-UBND".
    public var number: String?
    public var place: String?
    /// Day precision when the day is printed, month precision for "ngày tháng 6 năm 2022".
    public var date: PartialDate?
    public var title: String?
    public var references: [String] = []
    public var period: String?
    public var issuer: String?
    /// Slug of a district in the site's registry.
    public var district: String?
    /// A district the document names that the site's registry does not have (then `district` is nil):
    /// the import is not written until the registry has it or `--district` is given.
    public var unregisteredDistrict: UnregisteredDistrict?
    /// A delivery note printed above the recipient list ("Gửi bản điện tử:"), as printed.
    public var recipientsNote: String?
    public var recipients: [String] = []
    public var signingLines: [String] = []
    public var signer: String?
    /// The mended Markdown body, without the header, title, recipients and signature.
    public var body: String = ""
    /// Ambiguities, with the line (for a .docx, the paragraph) they were found at.
    public var warnings: [Diagnostic] = []

    public init(sourcePath: String) { self.sourcePath = sourcePath }

    /// The fields of the JSON report, in this order.
    public static let fieldNames = ["kind", "number", "place", "date", "title", "references", "period",
                                    "issuer", "district", "recipients", "signing_lines", "signer"]

    /// The fields the document does not state (JSON names).
    public var notStated: [String] {
        var missing: [String] = []
        if kind == nil { missing.append("kind") }
        if number == nil { missing.append("number") }
        if place == nil { missing.append("place") }
        if date == nil { missing.append("date") }
        if title == nil { missing.append("title") }
        if references.isEmpty { missing.append("references") }
        if period == nil { missing.append("period") }
        if issuer == nil { missing.append("issuer") }
        if district == nil && unregisteredDistrict == nil { missing.append("district") }
        if recipients.isEmpty { missing.append("recipients") }
        if signingLines.isEmpty { missing.append("signing_lines") }
        if signer == nil { missing.append("signer") }
        return missing
    }

    /// Front matter names of the fields not stated, for the content file's comment.
    public var notStatedFrontMatter: [String] {
        let names = ["kind": "document_kind", "date": "issue_date"]
        return notStated.map { names[$0] ?? $0 }
    }

    /// `{"value": "2022-06", "precision": "month"}`.
    public var dateObject: [String: String]? {
        date.map { ["value": $0.description, "precision": $0.day == nil ? "month" : "day"] }
    }

    /// The report for `--format json`: plain JSON values only, keys sorted when serialised.
    public func jsonObject(file: String?) -> [String: Any] {
        func value(_ s: String?) -> Any { s ?? NSNull() }
        return [
            "input": sourcePath,
            "file": value(file),
            "kind": value(kind?.rawValue),
            "number": value(number),
            "place": value(place),
            "date": dateObject.map { $0 as Any } ?? NSNull(),
            "title": value(title),
            "references": references,
            "period": value(period),
            "issuer": value(issuer),
            "district": value(district),
            "district_not_in_registry": unregisteredDistrict.map { $0.jsonObject as Any } ?? NSNull(),
            "recipients_note": value(recipientsNote),
            "recipients": recipients,
            "signing_lines": signingLines,
            "signer": value(signer),
            "not_stated": notStated,
            "warnings": warnings.map { ["line": $0.location.line, "message": $0.message] as [String: Any] },
        ]
    }
}

/// A district as the document prints it, which the site's registry does not list.
public struct UnregisteredDistrict: Sendable, Hashable {
    /// As printed: "Quan Hóa".
    public var name: String
    /// As printed with it ("huyện Quan Hóa, tỉnh Thanh Hóa") or in the header; nil when not printed.
    public var province: String?
    /// Where the document names it.
    public var line: Int

    /// The slug the registry entry would have: the folded name.
    public var slug: String { Folding.slug(name) }

    /// The lines to paste under `districts:` in Content/site.yaml (the province only if printed).
    public var registryLines: String {
        var s = "  - slug: \(slug)\n    name: \(Self.yaml(name))\n"
        if let province { s += "    province: \(Self.yaml(province))\n" }
        return s
    }

    /// Plain as site.yaml writes names ("name: Quan Hóa"), quoted when YAML could read it otherwise.
    static func yaml(_ s: String) -> String {
        s.allSatisfy({ $0.isLetter || $0 == " " }) && s.first?.isLetter == true ? s : YAMLText.quoted(s)
    }

    var jsonObject: [String: Any] {
        ["name": name, "province": province ?? NSNull(), "slug": slug, "line": line, "site_yaml": registryLines]
    }
}

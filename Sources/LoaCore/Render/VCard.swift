import Foundation

/// A spokesperson's contact card as a vCard 4.0 file (RFC 6350) that phones and mail programs
/// import: `…/<spokesperson>/contact.vcf`, linked from the page with the `download` attribute.
///
/// Only published fields are written. vCard requires a formatted name (FN): when the person's
/// name is not published, FN is the position and the agency ("Chủ tịch UBND huyện – Ủy ban nhân
/// dân huyện Triệu Sơn"), which is what a reader would call that contact. N (the name split into
/// family and given names) is left out, since splitting a name would be a guess.
public enum VCard {
    public struct Fields: Sendable {
        public var name: String?
        public var position: String
        public var agency: String
        public var phone: String?
        public var email: String?
        /// The role as the page's language says it ("Người phát ngôn").
        public var role: String?
        /// Address of the spokesperson's page.
        public var url: String?
        public var language: String?

        public init(name: String?, position: String, agency: String, phone: String? = nil, email: String? = nil,
                    role: String? = nil, url: String? = nil, language: String? = nil) {
            self.name = name
            self.position = position
            self.agency = agency
            self.phone = phone
            self.email = email
            self.role = role
            self.url = url
            self.language = language
        }
    }

    /// The card's text, CRLF line ends, long lines folded at 75 octets.
    public static func card(_ f: Fields) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:individual"]
        lines.append("FN:" + escape(formattedName(f)))
        lines.append("TITLE:" + escape(f.position))
        if let role = f.role, !role.isEmpty { lines.append("ROLE:" + escape(role)) }
        lines.append("ORG:" + escape(f.agency))
        if let phone = f.phone { lines.append("TEL;VALUE=uri;TYPE=work,voice:" + telURI(phone)) }
        if let email = f.email { lines.append("EMAIL;TYPE=work:" + escape(email)) }
        if let language = f.language { lines.append("LANG;PREF=1:" + language) }
        if let url = f.url { lines.append("URL:" + url) }
        lines.append("END:VCARD")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The name as published, or the position and agency when it is not.
    public static func formattedName(_ f: Fields) -> String {
        if let name = f.name, !name.isEmpty { return name }
        return "\(f.position) – \(f.agency)"
    }

    /// A phone number as a `tel:` URI: digits and a leading `+` only.
    public static func telURI(_ phone: String) -> String {
        "tel:" + phone.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
    }

    /// Text value escaping (RFC 6350 §3.4): backslash, comma, semicolon and line breaks.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\r": continue
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line into lines of at most 75 octets, never inside a UTF-8 character;
    /// each continuation line starts with one space (RFC 6350 §3.2).
    public static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = parts.isEmpty ? 75 : 74
            if octets + size > limit {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                octets = 0
            }
            current.append(scalar)
            octets += size
        }
        parts.append(String(current))
        return parts.joined(separator: "\r\n ")
    }
}

extension SiteRenderer {
    /// Writes `contact.vcf` beside a spokesperson's page; returns what the page links to.
    mutating func writeVCard(_ index: Int) -> TemplateValue? {
        let r = site.items[index]
        guard let sp = r.item.spokesperson else { return nil }
        let s = strings(r.item.language)
        let fields = VCard.Fields(name: sp.name, position: sp.position, agency: sp.agency, phone: sp.phone, email: sp.email,
                                  role: s["kinds.spokesperson.one"], url: absolute(r.path), language: r.item.language)
        let path = r.path + "contact.vcf"
        files.append(.text(path: path, content: VCard.card(fields)))
        return ["url": .text(url(path)), "filename": .text(r.item.slug + ".vcf")]
    }
}

import Foundation
import LoaCore

/// Who issued the document and for which district: the header, the signing lines, the text.
extension DocumentParser {
    // MARK: - Issuer and district

    /// "UBND huyện Triệu Sơn báo cáo …", "Trên đây là báo cáo … của UBND huyện Bạch Thông":
    /// the body the text says is speaking, and the district it names (if any).
    func issuerInText(_ paragraphs: [(text: String, line: Int)]) -> (body: String, district: District?, line: Int)? {
        let verbs = ["bao cao", "ban hanh", "thong bao", "trinh", "xay dung", "kinh bao cao", "quyet dinh"]
        for (text, line) in paragraphs {
            let folded = VText.fold(VText.plain(text))
            for (key, name) in [("uy ban nhan dan huyen", "Ủy ban nhân dân"), ("ubnd huyen", "Ủy ban nhân dân"),
                                ("ban thuong vu huyen uy", "Ban Thường vụ Huyện ủy")] {
                for r in folded.ranges(of: key + " ") {
                    var rest = folded[r.upperBound...]
                    let district = registry.prefixMatch(rest)
                    if let district, let e = registry.entries.first(where: { $0.district.slug == district.slug && rest.hasPrefix($0.key) }) {
                        rest = rest.dropFirst(e.key.count).drop { $0 == " " }
                    }
                    // The subject of a sentence that opens a paragraph, or the author of the closing line.
                    let opening = r.lowerBound == folded.startIndex
                    let closing = folded.hasPrefix("tren day la") && folded[..<r.lowerBound].hasSuffix("cua ")
                    if verbs.contains(where: { rest.hasPrefix($0 + " ") || rest.hasPrefix($0 + ":") }) || opening || closing {
                        return (name, district, line)
                    }
                }
            }
        }
        return nil
    }

    /// Header issuer ("ỦY BAN NHÂN DÂN" / "HUYỆN TRIỆU SƠN") → its name in running text and the
    /// place part. A header may name the parent body first ("UBND TỈNH …" over "SỞ …"): the
    /// issuer is the last body, with the unit line under it joined to it.
    func headerIssuer(_ lines: [SourceLine]) -> (name: String, place: String?, known: Bool, line: Int)? {
        var bodies: [(String, Int)] = []
        for l in lines {
            let text = Vocabulary.removingMotto(l.plain)
            guard !text.isEmpty, text != "*" else { continue }
            let folded = VText.fold(text)
            let isUnitLine = Vocabulary.units.contains { folded.hasPrefix($0.key + " ") } && !folded.hasPrefix("huyen uy")
            if isUnitLine, let last = bodies.last, !Vocabulary.units.contains(where: { VText.fold(last.0).contains(" " + $0.key + " ") }) {
                bodies[bodies.count - 1] = (last.0 + " " + text, l.number)
            } else {
                bodies.append((text, l.number))
            }
        }
        guard let (caps, line) = bodies.last else { return nil }
        let folded = VText.fold(caps)
        guard let body = Vocabulary.bodies.first(where: { folded == $0.key || folded.hasPrefix($0.key + " ") }) else {
            return (VText.sentenceCase(caps), nil, false, line)
        }
        // The rest is the place: "HUYỆN TRIỆU SƠN" → "huyện Triệu Sơn".
        let words = caps.split(separator: " ")
        let bodyWordCount = body.key.split(separator: " ").count
        let placeWords = words.dropFirst(bodyWordCount)
        guard !placeWords.isEmpty else { return (body.name, nil, true, line) }
        let placeFolded = VText.fold(placeWords.joined(separator: " "))
        var unit = "", nameWords = placeWords
        if let u = Vocabulary.units.first(where: { placeFolded.hasPrefix($0.key + " ") }) {
            unit = u.word + " "
            nameWords = placeWords.dropFirst(u.key.split(separator: " ").count)
        }
        let printed = nameWords.joined(separator: " ")
        let placeName = registry.named(printed).map(registry.name(of:)) ?? VText.titleCaseWords(printed)
        return (body.name + " " + unit + placeName, printed, true, line)
    }

    mutating func resolveIssuerAndDistrict(header: Header, intro: [(text: String, line: Int)],
                                                   closing: [(text: String, line: Int)], all: [(text: String, line: Int)]) {
        let fromHeader = headerIssuer(header.bodyLines)
        let fromText = issuerInText(intro + closing)

        // The district: what the user said, else the strongest evidence in the document.
        var levels: [[(District, Int)]] = [[], [], []]
        if let place = fromHeader?.place, let line = fromHeader?.line {
            if let d = registry.named(place) { levels[0].append((d, line)) } else {
                warn(line, "the header names '\(place)', which is not a district of this site (Content/site.yaml): the district is left out; add it to the registry or pass --district")
            }
        }
        if let p = doc.place, let d = registry.named(p), let line = header.placeDate?.number { levels[0].append((d, line)) }
        if let t = fromText, let d = t.district { levels[1].append((d, t.line)) }
        for (text, line) in all { for d in registry.mentions(in: text) { levels[2].append((d, line)) } }
        if fromHeader?.place != nil && levels[0].isEmpty { levels = [[], [], []] }  // unknown district stated

        var found: District?
        for level in levels where !level.isEmpty {
            let distinct = level.reduce(into: [String: Int]()) { if $0[$1.0.slug] == nil { $0[$1.0.slug] = $1.1 } }
            if distinct.count == 1 { found = level[0].0; break }
            let list = distinct.sorted { $0.value < $1.value }.map { "'\($0.key)' (line \($0.value))" }.joined(separator: ", ")
            warn(level[0].1, "the document names several districts: \(list); the district is left out: pass --district")
            break
        }
        if let explicit = explicitDistrict {
            if let found, found.slug != explicit.slug {
                warn(levels.flatMap { $0 }.first { $0.0.slug == found.slug }?.1 ?? 1,
                     "the document names the district '\(found.slug)', but --district says '\(explicit.slug)'; kept '\(explicit.slug)'")
            }
            found = explicit
        }
        doc.district = found?.slug
        let districtName = found.map(registry.name(of:))

        // The issuer: the header, else the "TM." signing line, else the text.
        if let fromHeader {
            if !fromHeader.known {
                warn(fromHeader.line, "'\(fromHeader.name)' is not a body this importer knows how to write: check its capitals")
            }
            doc.issuer = fromHeader.name
            return
        }
        var body: String?
        var evidenceLine = 1
        if let tm = doc.signingLines.lazy.compactMap(Vocabulary.signingPrefix).first(where: { ["TM", "T.M", "T/M"].contains($0.prefix) }) {
            let f = VText.fold(tm.rest)
            evidenceLine = lines.last { $0.plain.contains(tm.rest) }?.number ?? 1
            switch f {
            case "uy ban nhan dan", "ubnd": body = "Ủy ban nhân dân"
            case "ban thuong vu", "ban thuong vu huyen uy": body = "Ban Thường vụ Huyện ủy"
            case "huyen uy": body = "Huyện ủy"
            case "hoi dong nhan dan", "hdnd": body = "Hội đồng nhân dân"
            default:
                if let h = headerIssuer([SourceLine(text: tm.rest, number: evidenceLine)]), h.known, h.place != nil {
                    doc.issuer = h.name
                    return
                }
                warn(evidenceLine, "cannot tell the issuing body from '\(tm.prefix). \(tm.rest)'")
            }
            if let body, let t = fromText, t.body != body {
                warn(t.line, "the text names '\(t.body)' as the author but the signature signs for '\(body)'; kept the signature's")
            }
        }
        if body == nil, let t = fromText { body = t.body; evidenceLine = t.line }
        guard let body else {
            warn(doc.signingLines.isEmpty ? (lines.first { !$0.isBlank }?.number ?? 1) : evidenceLine,
                 "the issuing body is not stated: no header, no 'TM.' signing line and no sentence such as 'UBND huyện … báo cáo'")
            return
        }
        guard let districtName else {
            warn(evidenceLine, "the issuer is '\(body)' of a district the document does not name: the issuer is left out; pass --district")
            return
        }
        doc.issuer = body.hasSuffix("Huyện ủy") ? "\(body) \(districtName)" : "\(body) huyện \(districtName)"
    }
}

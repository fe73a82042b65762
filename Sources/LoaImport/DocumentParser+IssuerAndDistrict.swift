import Foundation
import LoaCore

/// Who issued the document and for which district: the header, the signing lines, the text.
extension DocumentParser {
    // MARK: - Issuer in the text

    /// "UBND huyện Triệu Sơn báo cáo …", "Trên đây là báo cáo … của UBND huyện Bạch Thông",
    /// "Ban Thường vụ Huyện ủy báo cáo …": the body the text says is speaking, and the district it
    /// names (if any), whether or not the registry has it.
    func issuerInText(_ paragraphs: [(text: String, line: Int)]) -> (body: String, mention: DistrictMention?, line: Int)? {
        let verbs = ["bao cao", "ban hanh", "thong bao", "trinh", "xay dung", "kinh bao cao", "quyet dinh"]
        for (text, line) in paragraphs {
            let plain = VText.plain(text)
            let folded = VText.fold(plain)
            let mentions = DistrictMentions.districts(in: plain, line: line)
            for (key, name) in [("uy ban nhan dan huyen", "Ủy ban nhân dân"), ("ubnd huyen", "Ủy ban nhân dân"),
                                ("ban thuong vu huyen uy", "Ban Thường vụ Huyện ủy")] {
                for r in folded.ranges(of: key + " ") {
                    var rest = folded[r.upperBound...]
                    let mention = mentions.first { rest.hasPrefix($0.key) && rest.dropFirst($0.key.count).first.map { !$0.isLetter } ?? true }
                    if let mention { rest = rest.dropFirst(mention.key.count).drop { $0 == " " || $0 == "," } }
                    // The subject of a sentence that opens a paragraph, or the author of the closing line.
                    let opening = r.lowerBound == folded.startIndex
                    let closing = folded.hasPrefix("tren day la") && folded[..<r.lowerBound].hasSuffix("cua ")
                    if verbs.contains(where: { rest.hasPrefix($0 + " ") || rest.hasPrefix($0 + ":") }) || opening || closing {
                        return (name, mention, line)
                    }
                }
            }
        }
        return nil
    }

    // MARK: - Issuer in the header

    struct HeaderIssuer {
        /// As running text writes it: "Ủy ban nhân dân huyện Triệu Sơn", "Ban Tuyên giáo Huyện ủy Quan Hóa".
        var name: String
        /// The body without its place ("Huyện ủy"), when the body is one the importer knows.
        var body: String?
        /// The place's name ("Quan Hóa"), when printed.
        var placeName: String?
        var line: Int
        var known: Bool { body != nil }
    }

    /// Header issuer ("ỦY BAN NHÂN DÂN" / "HUYỆN TRIỆU SƠN") → its name in running text. A header
    /// may name the parent body first ("UBND TỈNH …" over "SỞ …", "ĐẢNG BỘ TỈNH …" over "HUYỆN ỦY
    /// …"): the issuer is the last body, with the unit line under it joined to it; a Party
    /// committee's board under the committee ("HUYỆN ỦY QUAN HÓA" over "BAN TUYÊN GIÁO") is that
    /// committee's board.
    func headerIssuer(_ lines: [SourceLine]) -> HeaderIssuer? {
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
        if let board = Vocabulary.partyBoards.first(where: { $0.key == folded }), bodies.count >= 2,
           let committee = issuer(ofHeaderLine: bodies[bodies.count - 2].0, line: bodies[bodies.count - 2].1),
           let committeeBody = committee.body, Vocabulary.isPartyCommittee(committeeBody) {
            return HeaderIssuer(name: board.name + " " + committee.name, body: board.name + " " + committeeBody,
                                placeName: committee.placeName, line: line)
        }
        return issuer(ofHeaderLine: caps, line: line)
    }

    /// One body as printed in capitals: "ỦY BAN NHÂN DÂN HUYỆN TRIỆU SƠN" → "Ủy ban nhân dân huyện Triệu Sơn".
    func issuer(ofHeaderLine caps: String, line: Int) -> HeaderIssuer? {
        let folded = VText.fold(caps)
        guard let body = Vocabulary.bodies.first(where: { folded == $0.key || folded.hasPrefix($0.key + " ") }) else {
            return HeaderIssuer(name: VText.sentenceCase(caps), body: nil, placeName: nil, line: line)
        }
        // The rest is the place: "HUYỆN TRIỆU SƠN" → "huyện Triệu Sơn".
        let words = caps.split(separator: " ")
        let bodyWordCount = body.key.split(separator: " ").count
        let placeWords = words.dropFirst(bodyWordCount)
        guard !placeWords.isEmpty else { return HeaderIssuer(name: body.name, body: body.name, placeName: nil, line: line) }
        let placeFolded = VText.fold(placeWords.joined(separator: " "))
        var unit = "", nameWords = placeWords
        if let u = Vocabulary.units.first(where: { placeFolded.hasPrefix($0.key + " ") }) {
            unit = u.word + " "
            nameWords = placeWords.dropFirst(u.key.split(separator: " ").count)
        }
        let printed = nameWords.joined(separator: " ")
        guard !printed.isEmpty else {  // "UBND HUYỆN": the unit without its name
            return HeaderIssuer(name: body.name + " " + unit.trimmingCharacters(in: .whitespaces), body: body.name, placeName: nil, line: line)
        }
        let placeName = registry.named(printed).map(registry.name(of:)) ?? VText.titleCaseWords(printed)
        return HeaderIssuer(name: body.name + " " + unit + placeName, body: body.name, placeName: placeName, line: line)
    }

    // MARK: - Issuer in the signing lines

    /// The body a "TM." ("T/M", "T.M"), else a "TL." or "TUQ." line signs for:
    /// "T/M BAN THƯỜNG VỤ" → Ban Thường vụ Huyện ủy; "TL. CHỦ TỊCH" names a person, not a body.
    func signingBody() -> (body: Vocabulary.SigningBody?, full: String?, text: String, line: Int)? {
        let prefixed = doc.signingLines.compactMap { line in Vocabulary.signingPrefix(line).map { (line, $0) } }
        let onBehalf = prefixed.first { ["TM", "T.M", "T/M"].contains($0.1.prefix) }
        let forHead = prefixed.first { ["TL", "T.L", "T/L", "TUQ", "T.U.Q"].contains($0.1.prefix) }
        for (text, signing) in [onBehalf, forHead].compactMap({ $0 }) {
            let line = lines.last { $0.plain.contains(signing.rest) }?.number ?? 1
            // "TUQ. CHỦ TỊCH UBND HUYỆN …": the body after the head's title.
            var rest = signing.rest
            let words = rest.split(separator: " ")
            for n in [3, 2] where words.count > n && Vocabulary.signingTitles.contains(VText.fold(words.prefix(n).joined(separator: " "))) {
                rest = words.dropFirst(n).joined(separator: " ")
                break
            }
            var folded = VText.fold(rest)
            if folded.hasSuffix(" huyen") { folded.removeLast(" huyen".count) }  // "TUQ. CHỦ TỊCH UBND HUYỆN"
            if let entry = Vocabulary.signingBodies.first(where: { $0.key == folded }) {
                return (entry.body, nil, text, line)
            }
            if let h = issuer(ofHeaderLine: rest, line: line), h.known, h.placeName != nil {
                return (nil, h.name, text, line)
            }
            if Vocabulary.signingTitles.contains(folded) { continue }  // "TL. CHỦ TỊCH": a person's title
            return (nil, nil, text, line)
        }
        return nil
    }

    // MARK: - District

    /// A district named at one level of evidence, and the registry's entry for it if there is one.
    struct NamedDistrict {
        var mention: DistrictMention
        var district: District?
        /// The registry's slug, else the folded printed name: two mentions name one district when equal.
        var identity: String { district?.slug ?? mention.key }
    }

    func registryDistrict(_ m: DistrictMention) -> District? {
        registry.named(m.name) ?? registry.prefixMatch(Substring(m.key))
    }

    mutating func resolveIssuerAndDistrict(header: Header, intro: [(text: String, line: Int)],
                                           closing: [(text: String, line: Int)], all: [(text: String, line: Int)]) {
        let fromHeader = headerIssuer(header.bodyLines)
        let fromText = issuerInText(intro + closing)
        let headerLines = header.bodyLines.map { ($0, Vocabulary.removingMotto($0.plain)) }
        let headerProvince = headerLines.lazy.compactMap { DistrictMentions.province(in: $0.1) }.first

        // The district: what the user said, else the strongest evidence in the document — the
        // header and the place of issue, then the sentence naming the issuer, then the text.
        var levels: [[DistrictMention]] = [[], [], []]
        for (l, text) in headerLines { levels[0] += DistrictMentions.districts(in: text, line: l.number) }
        if let m = fromText?.mention { levels[1].append(m) }
        var people: [DistrictMention] = []
        for (text, line) in all {
            let plain = VText.plain(text)
            // In a title or heading in capitals a name's end cannot be told ("HUYỆN QUAN HÓA NĂM
            // 2024"): there only a district the registry has counts.
            levels[2] += DistrictMentions.districts(in: plain, line: line).filter { !$0.printedInCapitals || registryDistrict($0) != nil }
            people += DistrictMentions.people(in: plain, line: line)
        }
        // The place of issue and "nhân dân X" name a district only where the registry or another
        // mention says X is one ("Thanh Hóa, ngày …" may be the province's town).
        let namedKeys = Set(levels.joined().map(\.key))
        if let p = doc.place, let line = header.placeDate?.number {
            let m = DistrictMention(name: p, province: nil, line: line, printedInCapitals: false)
            if registryDistrict(m) != nil || namedKeys.contains(m.key) { levels[0].append(m) }
        }
        levels[2] += people.filter { registryDistrict($0) != nil || namedKeys.contains($0.key) }

        var found: NamedDistrict?
        for level in levels where !level.isEmpty {
            let named = level.map { NamedDistrict(mention: $0, district: registryDistrict($0)) }
            var distinct: [NamedDistrict] = []
            for n in named where !distinct.contains(where: { $0.identity == n.identity }) { distinct.append(n) }
            if distinct.count == 1 { found = distinct[0]; break }
            let list = distinct.map { "'\($0.district.map(registry.name(of:)) ?? $0.mention.name)' (line \($0.mention.line))" }.joined(separator: ", ")
            warn(level[0].line, "the document names several districts: \(list); the district is left out: pass --district")
            break
        }
        // The name as printed in running text rather than in capitals, and the province printed with it.
        if var f = found, f.district == nil {
            let same = levels.joined().filter { $0.key == f.mention.key }
            if f.mention.printedInCapitals, let mixed = same.first(where: { !$0.printedInCapitals }) { f.mention.name = mixed.name }
            f.mention.province = same.lazy.compactMap(\.province).first ?? headerProvince
            found = f
        }

        var districtName: String?
        if let explicit = explicitDistrict {
            if let found, found.identity != explicit.slug {
                let what = found.district.map { "the district '\($0.slug)'" } ?? "the district '\(found.mention.name)', which is not in the site's registry,"
                warn(found.mention.line, "the document names \(what) but --district says '\(explicit.slug)'; kept '\(explicit.slug)'")
            }
            doc.district = explicit.slug
            districtName = registry.name(of: explicit)
        } else if let found, let d = found.district {
            doc.district = d.slug
            districtName = registry.name(of: d)
        } else if let found {
            let unregistered = UnregisteredDistrict(name: found.mention.name, province: found.mention.province, line: found.mention.line)
            doc.unregisteredDistrict = unregistered
            districtName = unregistered.name
            warn(unregistered.line, DocumentImporter.unregisteredDistrictMessage(unregistered)
                 + " (Content/site.yaml); to add it, put these lines under 'districts:' there, or pass --district:\n" + unregistered.registryLines.dropLast())
        }

        resolveIssuer(fromHeader: fromHeader, fromText: fromText, districtName: districtName)
    }

    // MARK: - Issuer

    private mutating func resolveIssuer(fromHeader: HeaderIssuer?, fromText: (body: String, mention: DistrictMention?, line: Int)?, districtName: String?) {
        let signing = signingBody()
        func written(_ body: Vocabulary.SigningBody, _ name: String?) -> String? {
            guard let name else { return nil }
            return body.wording == .huyen ? "\(body.name) huyện \(name)" : "\(body.name) \(name)"
        }

        // The header, else the "TM." (or "TL.", "TUQ.") signing line, else the text.
        if let fromHeader {
            if !fromHeader.known {
                warn(fromHeader.line, "'\(fromHeader.name)' is not a body this importer knows how to write: check its capitals")
            }
            doc.issuer = fromHeader.name
            // "HUYỆN ỦY QUAN HÓA" signed "T/M BAN THƯỜNG VỤ": the committee's Standing Board issues it.
            if let committee = fromHeader.body, Vocabulary.isPartyCommittee(committee), let b = signing?.body,
               b.name == "Ban Thường vụ Huyện ủy" {
                doc.issuer = "Ban Thường vụ " + fromHeader.name
            } else if let signing, let b = signing.body, let headerBody = fromHeader.body,
                      Vocabulary.signingPrefix(signing.text).map({ ["TM", "T.M", "T/M"].contains($0.prefix) }) == true,
                      !(Vocabulary.isPartyCommittee(headerBody) && b.name == "Ban Chấp hành Đảng bộ"),
                      !VText.fold(headerBody).contains(VText.fold(b.name)), !VText.fold(b.name).contains(VText.fold(headerBody)) {
                // Only "TM." says on whose behalf the document is issued; "TL."/"TUQ." say on whose orders a person signs.
                warn(signing.line, "the header names '\(fromHeader.name)' but '\(signing.text)' signs for '\(b.name)'; kept the header's")
            }
            return
        }
        if let signing {
            if let full = signing.full { doc.issuer = full; return }
            guard let body = signing.body else {
                warn(signing.line, "cannot tell the issuing body from '\(signing.text)'")
                if let t = fromText { issuerFromText(t, districtName: districtName) }
                return
            }
            if let t = fromText, t.body != body.name {
                warn(t.line, "the text names '\(t.body)' as the author but the signature signs for '\(body.name)'; kept the signature's")
            }
            if let issuer = written(body, districtName) {
                doc.issuer = issuer
            } else {
                doc.issuer = body.name
                warn(signing.line, "'\(signing.text)' signs for '\(body.name)' of a district the document does not name: the issuer is written '\(body.name)'; pass --district to name the district")
            }
            return
        }
        guard let t = fromText else {
            warn(doc.signingLines.isEmpty ? (lines.first { !$0.isBlank }?.number ?? 1) : (lines.last { $0.plain == doc.signingLines.first }?.number ?? 1),
                 "the issuing body is not stated: no header, no 'TM.' signing line and no sentence such as 'UBND huyện … báo cáo'")
            return
        }
        issuerFromText(t, districtName: districtName)
    }

    private mutating func issuerFromText(_ t: (body: String, mention: DistrictMention?, line: Int), districtName: String?) {
        guard let name = districtName else {
            doc.issuer = t.body
            warn(t.line, "the text names '\(t.body)' as the author, of a district it does not name: the issuer is written '\(t.body)'; pass --district to name the district")
            return
        }
        doc.issuer = t.body.hasSuffix("Huyện ủy") ? "\(t.body) \(name)" : "\(t.body) huyện \(name)"
    }
}

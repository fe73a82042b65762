import Foundation
import LoaCore

/// The pure core of `loa import`: the lines of one document → what it states, a mended Markdown
/// body and warnings. It reads the layout of Vietnamese official documents from the top down:
/// header (issuing body, "Số:", place and date), kind word and title, body, then from the
/// bottom up the recipients ("Nơi nhận:") and the signature (signing lines over a name).
struct DocumentParser {
    let path: String
    let registry: DistrictRegistry
    /// `--district`: the user's statement of the district, which the text is checked against.
    let explicitDistrict: District?
    let lines: [SourceLine]
    var doc: ImportedDocument

    static func parse(_ lines: [SourceLine], path: String, registry: DistrictRegistry, district: District?) -> ImportedDocument {
        var parser = DocumentParser(path: path, registry: registry, explicitDistrict: district, lines: lines,
                                    doc: ImportedDocument(sourcePath: path))
        parser.run()
        return parser.doc
    }

    mutating func warn(_ line: Int, _ message: String) {
        doc.warnings.append(.warning(at: SourceLocation(path: path, line: line), message))
    }

    // MARK: - The whole document

    private mutating func run() {
        var header = Header()
        let bodyStart = readHeaderAndTitle(into: &header)
        let (bodyEnd, leftovers) = readTail(from: bodyStart)
        var body = BodyBuilder(lines: Array(lines[bodyStart..<bodyEnd]) + leftovers, path: path)
        doc.body = body.build()
        doc.warnings += body.warnings

        readNumberPlaceAndDate(header)
        doc.references = references(in: body.intro)
        let titleText = header.kindLine.map { [(header.subject, $0.number)] } ?? []
        resolveIssuerAndDistrict(header: header, intro: body.intro, closing: body.closing, all: titleText + body.allText)
        readPeriod(subject: header.subjectWasCapitals ? header.subject.lowercased() : header.subject,
                   line: header.kindLine?.number ?? 1, intro: body.intro, text: body.allText)
        if header.subjectWasCapitals, var title = doc.title {
            // Names the site knows get their capitals back ("huyện triệu sơn" → "huyện Triệu Sơn"),
            // and so does the district the document names.
            let names = registry.entries.map { registry.name(of: $0.district) } + [doc.unregisteredDistrict?.name].compactMap { $0 }
            for name in names {
                title = title.replacingOccurrences(of: "huyện ủy " + name.lowercased(), with: "Huyện ủy " + name)
                title = title.replacingOccurrences(of: "huyện " + name.lowercased(), with: "huyện " + name)
            }
            doc.title = title
        }
        doc.warnings.sort { ($0.location.line, $0.message) < ($1.location.line, $1.message) }
    }

    // MARK: - Header and title

    struct Header {
        var bodyLines: [SourceLine] = []
        var number: SourceLine?
        var placeDate: SourceLine?
        /// "V/v …" under the number of an official letter.
        var letterSubject: [SourceLine] = []
        var kindLine: SourceLine?
        var subject = ""
        var subjectWasCapitals = false
    }

    /// Splits a line an export made of two columns ("ỦY BAN NHÂN DÂN\tCỘNG HÒA …"). In the
    /// header only tabs separate columns: spaces there may be a blank left for a number.
    static func columns(_ s: String, spaces: Bool = true) -> [String] {
        (spaces ? s.split(separator: /\t+| {3,}/) : s.split(separator: /\t+/)).map { VText.collapse($0) }.filter { !$0.isEmpty }
    }

    private enum HeaderPart { case motto, number, placeDate, separator, letterSubject, body, subjectContinuation }

    private func classifyHeader(_ text: String, inLetterSubject: Bool) -> HeaderPart? {
        let folded = VText.fold(text)
        if Vocabulary.isSeparator(text) { return .separator }
        if Vocabulary.isNationalMotto(folded) { return .motto }
        if text == "*" { return .separator }
        if text.firstMatch(of: /^(?i)Số\s*[:.]?\s*\S*[\/-]/) != nil || text.firstMatch(of: /^(?i)Số\s*:\s*$/) != nil { return .number }
        if Self.placeAndDate(text) != nil { return .placeDate }
        if folded.hasPrefix("v/v ") || folded.hasPrefix("ve viec ") { return .letterSubject }
        if inLetterSubject && VText.startsLowercase(text) { return .subjectContinuation }
        if VText.isAllCaps(text) && text.count <= 80 && BodyBuilder.numbering(of: text) == nil { return .body }
        return nil
    }

    /// "BÁO CÁO" (alone, or capitals followed by the subject): the kind and what follows it.
    private func kindLine(_ line: SourceLine) -> (DocumentKind, word: String, rest: String)? {
        let text = line.plain
        guard line.bold || VText.isAllCaps(text) else { return nil }
        let words = text.split(separator: " ")
        guard words.count >= 2, let kind = Vocabulary.kind(ofWord: VText.fold(words[0...1].joined(separator: " "))) else { return nil }
        let rest = words.dropFirst(2).joined(separator: " ")
        if !rest.isEmpty && !VText.isAllCaps(words[0...1].joined(separator: " ")) { return nil }
        return (kind, words[0...1].joined(separator: " "), rest)
    }

    private static func isSubjectStop(_ text: String) -> Bool {
        let f = VText.fold(text)
        return ["can cu", "thuc hien", "kinh gui", "tren co so", "theo de nghi", "noi nhan"].contains { f.hasPrefix($0) }
            || BodyBuilder.numbering(of: text) != nil
    }

    /// Reads up to the first line of the body; returns its index.
    private mutating func readHeaderAndTitle(into header: inout Header) -> Int {
        var i = 0
        var kindInfo: (DocumentKind, word: String, rest: String)?
        var sawMotto = false
        scan: while i < lines.count {
            let line = lines[i]
            if line.isBlank { i += 1; continue }
            if let k = kindLine(line) { kindInfo = k; header.kindLine = line; i += 1; break }
            // Both columns of the header may share a line (a tab, or an export that merged them):
            // the motto is taken out and each column read on its own.
            var parts: [(HeaderPart, String)] = []
            for column in Self.columns(line.text, spaces: false).map(VText.plain) {
                let hasMotto = Vocabulary.isNationalMotto(VText.fold(column))
                sawMotto = sawMotto || hasMotto
                let text = hasMotto ? Vocabulary.removingMotto(column) : column
                if text.isEmpty { continue }
                guard let part = classifyHeader(text, inLetterSubject: !header.letterSubject.isEmpty) else { break scan }
                parts.append((part, text))
                // "Số: 12/BC-UBND Triệu Sơn, ngày …": the place and date after the number.
                if part == .number, let number = Self.number(in: text), let r = text.range(of: number),
                   Self.placeAndDate(String(text[r.upperBound...])) != nil {
                    parts.append((.placeDate, VText.collapse(text[r.upperBound...])))
                }
            }
            for (part, text) in parts {
                var l = line
                l.text = text
                switch part {
                case .number: header.number = l
                case .placeDate: header.placeDate = l
                case .body: header.bodyLines.append(l)
                case .letterSubject, .subjectContinuation: header.letterSubject.append(l)
                case .motto, .separator: break
                }
            }
            i += 1
        }

        // Lines in capitals with no number, date, motto or title after them are not a header
        // but the text itself (a heading): they stay in the body.
        if kindInfo == nil && !sawMotto && header.number == nil && header.placeDate == nil && header.letterSubject.isEmpty {
            header = Header()
            i = 0
        }

        // The title: the kind word, then its subject (bold lines, or the next paragraph).
        var subject: [SourceLine] = []
        if let kindInfo, let kindLine = header.kindLine {
            if !kindInfo.rest.isEmpty { subject.append(SourceLine(text: kindInfo.rest, number: kindLine.number)) }
            var j = i
            var sawBlank = false
            while j < lines.count {
                let l = lines[j]
                if l.isBlank { sawBlank = true; j += 1; continue }
                if Vocabulary.isSeparator(l.plain) { j += 1; if !subject.isEmpty { break } else { continue } }
                if Self.isSubjectStop(l.plain) { break }
                let capsAfterText = VText.isAllCaps(l.plain) && subject.contains { !VText.isAllCaps($0.plain) }
                // "Kết quả … quý II năm 2024;" / "Phương hướng …": a title split by ";" goes on.
                let afterSemicolon = subject.last.map { $0.plain.hasSuffix(";") } ?? false
                if kindLine.bold {
                    guard l.bold, !capsAfterText else { break }
                } else if subject.isEmpty || VText.startsLowercase(l.plain) || (afterSemicolon && !capsAfterText) {
                    // the subject, and its lines wrapped or split by a page ("… năm 2022 và" / "nhiệm vụ …")
                } else if (!sawBlank || afterSemicolon) && VText.isAllCaps(l.plain) && subject.allSatisfy({ VText.isAllCaps($0.plain) }) {
                    // a subject in capitals over several lines
                } else {
                    break  // a capital starts the next paragraph ("UBND huyện … báo cáo")
                }
                subject.append(l)
                sawBlank = false
                j += 1
            }
            i = j
            doc.kind = kindInfo.0
            let subjectText = VText.collapse(subject.map(\.plain).joined(separator: " "))
            header.subject = subjectText
            let word = VText.sentenceCase(kindInfo.word)
            if subjectText.isEmpty {
                warn(kindLine.number, "the title '\(kindInfo.word)' has no subject line under it; the title is only '\(word)'")
                doc.title = word
            } else if VText.isAllCaps(subjectText) {
                header.subjectWasCapitals = true
                doc.title = word + " " + subjectText.lowercased()
                warn(subject[0].number, "the title is printed in capitals; check the capitals of names in '\(doc.title!)'")
            } else {
                doc.title = word + " " + VText.lowerFirstWord(subjectText)
            }
        } else if !header.letterSubject.isEmpty {
            // An official letter: no kind word, its subject is the "V/v …" under the number.
            var text = VText.collapse(header.letterSubject.map(\.plain).joined(separator: " "))
            text = text.replacing(/^(?i)V\/v\s*/, with: "về việc ")
            header.subject = text
            doc.title = "Công văn " + VText.lowerFirstWord(text)
        }
        if doc.title == nil {
            let at = lines.first { !$0.isBlank }?.number ?? 1
            warn(at, "found no title: no kind word such as 'BÁO CÁO' or 'KẾ HOẠCH' with its subject, and no 'V/v …' line")
        }

        // The kind: from the kind word, else from the number's code or a "V/v" subject.
        let numberText = header.number.flatMap { Self.number(in: $0.plain) }
        let kindFromNumber = numberText.flatMap(Vocabulary.kind(ofNumber:))
        if let kind = doc.kind, let kindFromNumber, kind != kindFromNumber, let n = header.number {
            warn(n.number, "the number '\(numberText!)' is that of a \(kindFromNumber.rawValue), but the title says \(kind.rawValue); kept \(kind.rawValue)")
        }
        if doc.kind == nil { doc.kind = kindFromNumber ?? (header.letterSubject.isEmpty ? nil : .officialLetter) }
        if doc.kind == nil {
            warn(header.kindLine?.number ?? header.number?.number ?? 1, "cannot tell the kind of document (báo cáo, kế hoạch, quyết định, công văn, thông báo, tờ trình): no kind word and no number code")
        }
        return i
    }

    // MARK: - Number, place, date

    /// The number after "Số:", with the spaces of a blank left for it removed: "Số:   /BC-UBND" →
    /// "/BC-UBND"; nil when the line gives no number at all.
    static func number(in text: String) -> String? {
        guard let m = text.firstMatch(of: /^(?i)Số\s*[:.]?\s*(.*)$/) else { return nil }
        var rest = String(m.1).replacing(/\s*([\/-])\s*/) { String($0.1) }
        rest = String(rest.drop { ".…_".contains($0) })
        guard let token = rest.split(separator: " ").first, token.contains("/") || token.contains("-") else { return nil }
        return String(token)
    }

    /// "Triệu Sơn, ngày tháng 6 năm 2022" → place and date (only what is printed).
    static func placeAndDate(_ text: String) -> (place: String?, year: Int, month: Int?, day: Int?)? {
        if let m = text.firstMatch(of: /^(?i)(.*?)[\s,]*ngày[\s.…_]*(\d{1,2})?[\s.…_]*tháng[\s.…_]*(\d{1,2})?[\s.…_]*năm[\s.…_]*(\d{4})/) {
            let place = VText.collapse(m.1)
            return (place.isEmpty ? nil : place, Int(m.4)!, m.3.flatMap { Int($0) }, m.2.flatMap { Int($0) })
        }
        if let m = text.firstMatch(of: /^(?i)(.*?)[\s,]*ngày\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/) {
            let place = VText.collapse(m.1)
            return (place.isEmpty ? nil : place, Int(m.4)!, Int(m.3), Int(m.2))
        }
        return nil
    }

    private mutating func readNumberPlaceAndDate(_ header: Header) {
        if let line = header.number {
            doc.number = Self.number(in: line.plain)
            if doc.number == nil { warn(line.number, "the 'Số:' line gives no number") }
        }
        guard let line = header.placeDate, let pd = Self.placeAndDate(line.plain) else { return }
        doc.place = pd.place.map { String($0.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))) }
        guard let month = pd.month else {
            warn(line.number, "the date gives no month ('\(line.plain)'): the issue date is left out")
            return
        }
        guard (1...12).contains(month), (1900...2200).contains(pd.year) else {
            warn(line.number, "'\(line.plain)' is not a valid date: the issue date is left out")
            return
        }
        if let day = pd.day, !(1...PartialDate.daysIn(month: month, year: pd.year)).contains(day) {
            warn(line.number, "'\(line.plain)' is not a valid date: the issue date is left out")
            return
        }
        doc.date = PartialDate(year: pd.year, month: month, day: pd.day)
    }

    // MARK: - Recipients and signature

    private enum TailLine { case recipientsHeading(String), signing(String), name(String), placeholder, other(String) }

    private func classifyTail(_ text: String, afterSigning: Bool) -> TailLine {
        let plain = VText.plain(text)
        let folded = VText.fold(plain)
        if folded.hasPrefix("noi nhan") {
            let rest = plain.drop { $0 != ":" }.dropFirst()
            return .recipientsHeading(VText.collapse(rest))
        }
        if Vocabulary.isSignaturePlaceholder(plain) { return .placeholder }
        if Vocabulary.signingPrefix(plain) != nil { return .signing(plain) }
        if VText.isAllCaps(plain), plain.count <= 60, Vocabulary.signingTitles.contains(folded) || afterSigning { return .signing(plain) }
        if Vocabulary.isPersonName(plain) { return .name(plain) }
        return .other(plain)
    }

    private func isSignatureLike(_ line: SourceLine) -> Bool {
        Self.columns(line.text).map(VText.plain).allSatisfy {
            switch classifyTail($0, afterSigning: true) {
            case .signing, .name, .placeholder: true
            default: false
            }
        }
    }

    private func opensSignature(_ line: SourceLine) -> Bool {
        Self.columns(line.text).map(VText.plain).contains {
            Vocabulary.signingPrefix($0) != nil || Vocabulary.signingTitles.contains(VText.fold($0))
        }
    }

    /// Finds where the recipients and signature start; fills them in. Returns the end of the body
    /// and the lines of the tail that are neither (kept in the body, with a warning).
    private mutating func readTail(from start: Int) -> (Int, [SourceLine]) {
        let recipientsIndex = lines.indices.last { $0 >= start && VText.fold(lines[$0].plain).hasPrefix("noi nhan") }
        // The signature sits after the recipients, or before them, or alone at the end.
        var tailStart = recipientsIndex ?? lines.count
        var j = tailStart - 1
        var candidate = tailStart
        var opened = false
        while j >= start {
            if lines[j].isBlank { j -= 1; continue }
            // Notes at the foot of the last page come under the signature: they belong to the body.
            if candidate == tailStart, BodyBuilder.footnoteDefinition(lines[j].plain) != nil || lines[j].text.firstMatch(of: /^\[\^\d+\]:/) != nil {
                j -= 1
                continue
            }
            guard isSignatureLike(lines[j]) else { break }
            candidate = j
            if opensSignature(lines[j]) { opened = true }
            j -= 1
        }
        if opened { tailStart = candidate }
        guard tailStart < lines.count else { return (lines.count, []) }

        var leftovers: [SourceLine] = []
        var inRecipients = false
        for line in lines[tailStart...] where !line.isBlank {
            // Footnotes a Word document keeps apart come after everything: they belong to the body.
            if line.text.firstMatch(of: /^\[\^\d+\]:/) != nil || BodyBuilder.footnoteDefinition(line.plain) != nil {
                leftovers += [SourceLine(text: "", number: line.number), line]
                continue
            }
            for column in Self.columns(line.text) {
                switch classifyTail(column, afterSigning: !doc.signingLines.isEmpty && doc.signer == nil) {
                case .recipientsHeading(let rest):
                    inRecipients = true
                    if !rest.isEmpty { addRecipient(rest, line: line.number) }
                case .placeholder:
                    break
                case .signing(let s):
                    if doc.signer != nil {
                        warn(line.number, "'\(s)' comes after the signer's name; kept in the signing lines")
                    }
                    doc.signingLines.append(s)
                case .name(let n) where !doc.signingLines.isEmpty || !inRecipients:
                    if let signer = doc.signer {
                        warn(line.number, "a second name '\(n)' under the signature ('\(signer)' is the signer); left out")
                    } else {
                        doc.signer = n
                    }
                case .name(let s), .other(let s):
                    if inRecipients {
                        addRecipient(s, line: line.number)
                    } else {
                        warn(line.number, "'\(s)' is in the signature block but is neither a signing line nor a name; kept at the end of the body")
                        var l = line
                        l.text = column
                        leftovers.append(SourceLine(text: "", number: line.number))
                        leftovers.append(l)
                    }
                }
            }
        }
        // A name in capitals ("LÊ QUANG TRUNG") was read as a signing line: it is the last one
        // and not a title.
        if doc.signer == nil, doc.signingLines.count >= 2, let last = doc.signingLines.last,
           Vocabulary.signingPrefix(last) == nil, !Vocabulary.signingTitles.contains(VText.fold(last)),
           Vocabulary.isPersonName(VText.titleCaseWords(last)) {
            doc.signingLines.removeLast()
            doc.signer = VText.titleCaseWords(last)
            warn(lines.last { VText.plain($0.text).contains(last) }?.number ?? tailStart + 1,
                 "the signer's name is printed in capitals ('\(last)'); written as '\(doc.signer!)'")
        }
        if !doc.signingLines.isEmpty && doc.signer == nil {
            warn(lines[tailStart].number, "the signature block has signing lines but no name: the signer is left out")
        }
        return (tailStart, leftovers)
    }

    /// "- Sở TT&TT (b/c);" → "Sở TT&TT (b/c)": the line as printed, without the list's dash and
    /// punctuation (the "," or ";" closing each line, the "." closing the last); "(b/c)" stays,
    /// and so does the ":" of a group heading.
    static func recipient(_ s: String) -> String {
        let t = VText.collapse(s.replacing(/^[-+•–*]\s*/, with: ""))
        if t.hasSuffix(":") || (t.hasSuffix("..") && !t.hasSuffix("./.")) { return t }  // a heading; "…" written as dots
        return VText.collapse(t.replacing(/(?:\s*(?:\.\/\.|[,;.]))+$/, with: ""))
    }

    /// "Gửi bản điện tử:", "Gửi qua hệ thống văn bản điện tử:": how the copies are sent, not who gets them.
    static func isDeliveryNote(_ s: String) -> Bool {
        let f = VText.fold(s)
        return f.hasPrefix("gui ") && f.hasSuffix(":")
    }

    /// A line of the recipients block: the delivery note above the list, or one recipient.
    mutating func addRecipient(_ s: String, line: Int) {
        let text = Self.recipient(s)
        guard !text.isEmpty else { return }
        if Self.isDeliveryNote(text) {
            if doc.recipients.isEmpty && doc.recipientsNote == nil {
                doc.recipientsNote = text
                return
            }
            warn(line, "'\(text)' is a delivery note inside the recipient list, not above it; kept in the list as a group heading")
        }
        doc.recipients.append(text)
    }

}

import Foundation
import Testing
@testable import LoaCore

@Suite struct EditorFormTests {
    static let configuration: SiteConfiguration = ConfigurationLoader.load(siteRoot: TestSupport.repositoryRoot).0!

    /// What a browser posts for a form left as shown: every input's name and value in order,
    /// checkboxes only when checked.
    static func posted(_ fields: [FormField]) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        func text(_ value: FieldValue?) -> String { if case .text(let t)? = value { t } else { "" } }
        for field in fields {
            switch field.shape {
            case .date:
                let (day, month, year) = EditorForm.dateParts(field.value)
                out += [(field.name + ".day", day), (field.name + ".month", month), (field.name + ".year", year)]
            case .boolean:
                if text(field.value) == "true" { out.append((field.name, "on")) }
            case .topics:
                var checked: [String] = []
                if case .list(let l)? = field.value { checked = l }
                for option in field.options where checked.contains(option.value) { out.append((field.name, option.value)) }
            case .textList, .records, .record:
                for row in field.rows { out += posted(row) }
            case .unitTree:
                var units: [OrganisationUnitValue] = []
                if case .units(let u)? = field.value { units = u }
                out.append((field.name, EditorForm.chartText(units)))
            case .text, .paragraph, .choice, .district, .integer, .decimal, .file:
                out.append((field.name, text(field.value)))
            }
        }
        return out
    }

    @Test func theFormHasTheSchemasFieldsWithOptionsInVietnameseOrder() throws {
        for kind in ContentKind.allCases {
            let form = EditorForm.fields(kind: kind, document: nil, configuration: Self.configuration, language: "vi")
            #expect(form.map(\.key) == ContentSchema.fields(of: kind).map(\.key))
            #expect(form.map(\.name) == form.map(\.key))
            #expect(form.map(\.required) == ContentSchema.fields(of: kind).map(\.required))
            #expect(form.allSatisfy { $0.value == nil })
        }
        let vi = EditorForm.fields(kind: .document, document: nil, configuration: Self.configuration, language: "vi")
        func field(_ form: [FormField], _ key: String) throws -> FormField { try #require(form.first { $0.key == key }) }
        // By slug: the labels are site.yaml's, in the form's language ("Đầu tư" after "Du lịch").
        let viTopics = try field(vi, "topics").options
        #expect(viTopics.map(\.value) == ["bao-chi", "bien-gioi-bien-dao", "chuyen-doi-so", "di-san", "du-lich", "dau-tu",
                                          "thong-tin-doi-ngoai", "to-chuc-phi-chinh-phu-nuoc-ngoai"])
        #expect(viTopics.map(\.label) == viTopics.map { Self.configuration.topic($0.value)!.name.text("vi", fallback: "vi") })
        #expect(viTopics[5].label == "Đầu tư")
        #expect(try field(vi, "district").options.map(\.value) == ["bach-thong", "thach-thanh", "trieu-son"])
        #expect(try field(vi, "document_kind").options.map(\.value) == DocumentKind.allCases.map(\.rawValue))
        let en = EditorForm.fields(kind: .document, document: nil, configuration: Self.configuration, language: "en")
        let enTopics = try field(en, "topics").options
        #expect(enTopics.map(\.value) == ["bien-gioi-bien-dao", "chuyen-doi-so", "thong-tin-doi-ngoai", "to-chuc-phi-chinh-phu-nuoc-ngoai",
                                          "di-san", "dau-tu", "bao-chi", "du-lich"])
        #expect(enTopics.map(\.label).contains("Heritage"))
        #expect(try field(en, "topics").options.first?.value == "bien-gioi-bien-dao")
    }

    @Test func listsAndRecordsHaveARowPerEntryAndOneToAdd() throws {
        let text = """
            ---
            title: K
            document_kind: plan
            issuer: U
            district: khong-co
            recipients: ["A", "B"]
            attachments:
              - {title: Bản scan, file: files/a.pdf}
            ---

            """
        let document = try FrontMatterDocument(text: text, kind: .document)
        let form = EditorForm.fields(kind: .document, document: document, configuration: Self.configuration, language: "vi")
        let recipients = try #require(form.first { $0.key == "recipients" })
        #expect(recipients.rows.map { $0.map(\.name) } == [["recipients.0"], ["recipients.1"], ["recipients.2"]])
        #expect(recipients.rows.map { $0.first?.value } == [.text("A"), .text("B"), nil])
        let attachments = try #require(form.first { $0.key == "attachments" })
        #expect(attachments.rows.map { $0.map(\.name) } == [["attachments.0.title", "attachments.0.file"], ["attachments.1.title", "attachments.1.file"]])
        #expect(attachments.rows[0].map(\.value) == [.text("Bản scan"), .text("files/a.pdf")])
        #expect(attachments.rows[0][1].shape == .file && attachments.rows[0][1].required)
        // A district site.yaml lacks stays an option, so saving keeps it for the build to report.
        #expect(try #require(form.first { $0.key == "district" }).options.last! == ("khong-co", "khong-co"))
        let place = EditorForm.fields(kind: .place, document: nil, configuration: Self.configuration, language: "vi")
        #expect(try #require(place.first { $0.key == "coordinates" }).rows.map { $0.map(\.name) } == [["coordinates.latitude", "coordinates.longitude"]])
    }

    @Test func datesFromDayMonthAndYear() {
        let posted: [(name: String, value: String)] = [("issue_date.day", "5"), ("issue_date.month", "6"), ("issue_date.year", "2022"),
                                                       ("effective_date.day", ""), ("effective_date.month", "07"), ("effective_date.year", "2022"),
                                                       ("title", "T")]
        let values = EditorForm.values(kind: .document, posted: posted)
        #expect(values["issue_date"] == .some(.text("2022-06-05")))
        #expect(values["effective_date"] == .some(.text("2022-07")))
        #expect(values["since"] == nil && values["publish_date"]! == nil)
        #expect(EditorForm.date(day: "", month: "", year: "") == nil)
        #expect(EditorForm.date(day: " ", month: nil, year: nil) == nil)
        // Not a date: kept as typed, for the build's check to report.
        #expect(EditorForm.date(day: "31", month: "2", year: "2023") == "2023-02-31")
        #expect(EditorForm.date(day: "5", month: "", year: "2023") == "2023--05")
        #expect(EditorForm.date(day: "", month: "", year: "2023") == "2023")
        #expect(EditorForm.date(day: "1", month: "tháng 6", year: "2023") == "2023-tháng 6-01")
        let written = FrontMatterDocument.new(kind: .pressRelease, fields: ["title": .text("T"), "summary": .text("S"), "district": .text("d"),
                                                                          "date": .text(EditorForm.date(day: "31", month: "2", year: "2023")!)], body: "")
        let (_, problems) = TestSupport.decode(written.text, kind: .pressRelease)
        #expect(problems.map(\.description) == ["Content/x/a.vi.md:5:7: error: field 'date' is not a date: '2023-02-31'; write YYYY-MM-DD, or YYYY-MM when the day is not known"])
        #expect(EditorForm.dateParts(.text("2022-06")) == ("", "6", "2022"))
        #expect(EditorForm.dateParts(.text("2022-06-05T08:00:00+07:00")) == ("5", "6", "2022"))
        #expect(EditorForm.dateParts(.text("15/6/2022")) == ("", "", "15/6/2022"))
        // Parts that make no date come back to their own boxes, to be corrected there.
        for (day, month, year) in [("40", "3", "2024"), ("31", "2", "2023"), ("5", "", "2023"), ("1", "tháng 6", "2023"), ("", "13", "2023")] {
            #expect(EditorForm.dateParts(EditorForm.date(day: day, month: month, year: year).map(FieldValue.text)) == (day, month, year))
        }
    }

    @Test func postedListsRecordsAndBooleans() {
        let posted: [(name: String, value: String)] = [
            ("recipients.0", "Sở A"), ("recipients.1", "  "), ("recipients.2", "Lưu VT"), ("recipients.10", "Cuối"),
            ("attachments.0.title", "Bản scan"), ("attachments.0.file", "files/a.pdf"), ("attachments.1.title", ""), ("attachments.1.file", ""),
            ("topics", "du-lich"), ("topics", "di-san"), ("draft", "on"), ("abstract", "Dòng một\r\nDòng hai "),
        ]
        let values = EditorForm.values(kind: .document, posted: posted)
        #expect(values["recipients"] == .some(.list(["Sở A", "Lưu VT", "Cuối"])))
        #expect(values["attachments"] == .some(.records([["title": .text("Bản scan"), "file": .text("files/a.pdf")]])))
        #expect(values["topics"] == .some(.list(["du-lich", "di-san"])))
        #expect(values["draft"] == .some(.text("true")))
        #expect(values["abstract"] == .some(.text("Dòng một\nDòng hai")))
        #expect(values["references"]! == nil && values["signer"]! == nil)
        #expect(Set(values.keys) == Set(ContentSchema.fields(of: .document).map(\.key)))
        #expect(EditorForm.values(kind: .document, posted: [])["draft"]! == nil)
        let place = EditorForm.values(kind: .place, posted: [("coordinates.latitude", "21.5"), ("coordinates.longitude", "")])
        #expect(place["coordinates"] == .some(.record(["latitude": .text("21.5")])))
    }

    @Test func theChartIsOneUnitPerLineIndentedTwoSpacesPerLevel() {
        let units: [OrganisationUnitValue] = [.init(name: "Văn phòng"), .init(name: "Phòng A", units: [.init(name: "Tổ 1", units: [.init(name: "Nhóm x")]), .init(name: "Tổ 2")]),
                                              .init(name: "Phòng B")]
        let text = EditorForm.chartText(units)
        #expect(text == "Văn phòng\nPhòng A\n  Tổ 1\n    Nhóm x\n  Tổ 2\nPhòng B")
        #expect(EditorForm.units(fromChart: text) == units)
        // Typed by hand: CRLF, blank lines, a level skipped, odd spaces.
        #expect(EditorForm.units(fromChart: "Văn phòng\r\n\r\nPhòng A\r\n      Tổ 1 \r\n   Tổ 2\r\nPhòng B\r\n") == [
            .init(name: "Văn phòng"), .init(name: "Phòng A", units: [.init(name: "Tổ 1"), .init(name: "Tổ 2")]), .init(name: "Phòng B")])
        #expect(EditorForm.units(fromChart: "  \n") == [])
        #expect(EditorForm.values(kind: .organisation, posted: [("chart", text)])["chart"] == .some(.units(units)))
    }

    /// For each kind: every field filled, shown in the form, posted back, written, loaded.
    @Test func formValuesWrittenAndLoadedGiveBackTheSameValues() throws {
        for kind in ContentKind.allCases {
            let samples = SchemaSamples.all(kind)
            let shown = FrontMatterDocument.new(kind: kind, fields: samples, body: "\nNội dung.\n")
            let form = EditorForm.fields(kind: kind, document: shown, configuration: Self.configuration, language: "vi")
            let values = EditorForm.values(kind: kind, posted: Self.posted(form))
            #expect(values.compactMapValues { $0 } == samples, "\(kind)")
            var unchanged = shown
            for (key, value) in values { unchanged.set(key, value, kind: kind) }
            #expect(unchanged.text == shown.text)
            let saved = FrontMatterDocument.new(kind: kind, fields: values.compactMapValues { $0 }, body: "\nNội dung.\n")
            let (item, problems) = TestSupport.decode(saved.text, kind: kind, path: "Content/\(kind.folder)/a.vi.md")
            #expect(problems.isEmpty, "\(kind): \(problems)")
            let again = try FrontMatterDocument(text: saved.text, kind: kind)
            for (key, value) in samples { #expect(again.value(of: key) == value, "\(kind).\(key)") }
            let loaded = try #require(item)
            #expect(loaded.title == "Báo cáo: “công tác” #1 - năm 2023" && loaded.topics == ["di-san", "du-lich"] && loaded.draft)
            switch loaded.details {
            case .document(let d):
                #expect(d.issueDate == PartialDate(year: 2023, month: 6, day: 15) && d.recipients == ["Một: mục đầu", "Hai - mục sau", "yes"])
                #expect(d.attachments.map(\.file) == ["files/bao-cao.pdf", "files/bao-cao.pdf"] && d.documentKind == .plan)
            case .organisation(let o):
                #expect(o.chart.map(\.name) == ["Văn phòng", "Phòng Văn hóa", "Phòng Tư pháp"] && o.chart[1].units[0].units[0].name == "Nhóm a")
                #expect(o.officials.count == 2 && o.chartImage?.alt == "Sơ đồ tổ chức")
            case .place(let p):
                #expect(p.coordinates == Coordinates(latitude: 22.2741, longitude: 105.8792))
            case .spokesperson(let s):
                #expect(s.since == PartialDate(year: 2023, month: 6, day: 15) && s.phone == "0237 3867 123")
            case .page:
                #expect(loaded.menu == 3)
            case .pressRelease:
                #expect(loaded.date == PartialDate(year: 2023, month: 6, day: 15))
            }
        }
        // A date without its day.
        var values = EditorForm.values(kind: .pressRelease, posted: [("title", "T"), ("date.day", ""), ("date.month", "3"), ("date.year", "2021")])
        values["district"] = .text("trieu-son")
        let (item, _) = TestSupport.decode(FrontMatterDocument.new(kind: .pressRelease, fields: values.compactMapValues { $0 }, body: "").text, kind: .pressRelease)
        #expect(item?.date == PartialDate(year: 2021, month: 3))
    }

    /// Opening every sample file in the form and saving it unchanged leaves its bytes as they were.
    @Test func savingAnUnchangedFormChangesNoByte() {
        var files = 0
        for (path, kind) in FrontMatterDocumentTests.sampleFiles() {
            guard let text = TestSupport.read(path), let document = try? FrontMatterDocument(text: text, path: path, kind: kind) else { continue }
            let form = EditorForm.fields(kind: kind, document: document, configuration: Self.configuration, language: "vi")
            var saved = document
            for (key, value) in EditorForm.values(kind: kind, posted: Self.posted(form)) { saved.set(key, value, kind: kind) }
            #expect(saved.text == text, "\(path)")
            files += 1
        }
        #expect(files > 50)
    }
}

import Testing
@testable import LoaCore

@Suite struct DateTests {
    @Test func parsesFullAndMonthPrecision() {
        #expect(PartialDate(parsing: "2023-02-21") == PartialDate(year: 2023, month: 2, day: 21))
        #expect(PartialDate(parsing: "2022-06") == PartialDate(year: 2022, month: 6))
        #expect(PartialDate(parsing: "2024-05-01T08:30:00+07:00") == PartialDate(year: 2024, month: 5, day: 1))
        #expect(PartialDate(parsing: "2024-02-29") != nil)
        #expect(PartialDate(parsing: "2023-02-29") == nil)
        #expect(PartialDate(parsing: "2023-13") == nil)
        #expect(PartialDate(parsing: "21/02/2023") == nil)
        #expect(PartialDate(parsing: "2023-6") == nil)
        #expect(PartialDate(parsing: "2023-06 nonsense") == nil)
        // The byte reading of the usual forms and the general reading agree at their edges.
        #expect(PartialDate(parsing: " 2024-05-01 ") == PartialDate(year: 2024, month: 5, day: 1))
        #expect(PartialDate(parsing: "2024-05 ") == PartialDate(year: 2024, month: 5))
        #expect(PartialDate(parsing: "2024-05-01 08:30") == PartialDate(year: 2024, month: 5, day: 1))
        #expect(PartialDate(parsing: "2024-05-00") == nil)
        #expect(PartialDate(parsing: "2024-05-01-02") == nil)
        #expect(PartialDate(parsing: "20245-05-01") == nil)
        #expect(PartialDate(parsing: "2024-5-01") == nil)
        #expect(PartialDate(parsing: "2024-05T08:30") == nil)
    }

    @Test func monthOnlyDatesSortBeforeDaysOfThatMonth() {
        #expect(PartialDate(year: 2022, month: 6) < PartialDate(year: 2022, month: 6, day: 1))
        #expect(PartialDate(year: 2022, month: 6, day: 30) < PartialDate(year: 2022, month: 7))
    }

    func strings(_ language: String) -> Strings {
        let (theme, _) = Theme.load(siteRoot: TestSupport.repositoryRoot, name: "default", languages: ["vi", "en"])
        return Strings(values: theme!.strings[language]!)
    }

    @Test func vietnameseDatesAreWrittenTheOfficialWay() {
        let vi = strings("vi")
        #expect(vi.date(PartialDate(year: 2023, month: 2, day: 21)) == "ngày 21 tháng 02 năm 2023")
        #expect(vi.date(PartialDate(year: 2022, month: 6)) == "tháng 6 năm 2022")
        #expect(vi.date(PartialDate(year: 2013, month: 6, day: 5)) == "ngày 05 tháng 6 năm 2013")
        #expect(vi.date(PartialDate(year: 2021, month: 1)) == "tháng 01 năm 2021")
    }

    @Test func englishDates() {
        let en = strings("en")
        #expect(en.date(PartialDate(year: 2023, month: 2, day: 21)) == "21 February 2023")
        #expect(en.date(PartialDate(year: 2022, month: 6)) == "June 2022")
        #expect(en.date(PartialDate(year: 2013, month: 6, day: 5)) == "5 June 2013")
    }
}

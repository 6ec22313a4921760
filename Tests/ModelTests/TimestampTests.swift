import Testing
@testable import Model

@Suite struct TimestampTests {
    @Test func parsesRFC3339AndBigQueryForms() {
        let expected: Millis = 1_772_906_400_000  // 2026-03-07T18:00:00Z
        #expect(Timestamp.parse("2026-03-07T18:00:00Z") == expected)
        #expect(Timestamp.parse("2026-03-07 18:00:00 UTC") == expected)
        #expect(Timestamp.parse("2026-03-07 18:00:00.250000 UTC") == expected + 250)
        #expect(Timestamp.parse("2026-03-07T19:30:00+01:30") == expected)
        #expect(Timestamp.parse("2026-03-07T18:00:00.5Z") == expected + 500)
    }

    @Test func rejectsMalformedTimestamps() {
        for bad in ["", "2026-03-07", "2026-13-07T18:00:00Z", "2026-02-30T00:00:00Z", "2026-03-07T18:00:00",
                    "yesterday", "2026-03-07T18:00:00Zjunk"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func formatsWholeSecondsInUTC() {
        #expect(Timestamp.format(1_772_906_400_999) == "2026-03-07T18:00:00Z")
        #expect(Timestamp.format(0) == "1970-01-01T00:00:00Z")
    }

    @Test func civilDatesRoundTrip() {
        for n in [-1000, 0, 1, 20_519, 60_000] {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
        #expect(CivilDate(iso: "2026-03-08")?.dayNumber == 20_520)
        #expect(CivilDate(dayNumber: 20_520).iso == "2026-03-08")
    }

    @Test func newYorkDaylightSavingDayIs23Hours() throws {
        let cal = try #require(ReportCalendar(identifier: "America/New_York"))
        let d = CivilDate(year: 2026, month: 3, day: 8).dayNumber
        #expect(cal.lengthSeconds(ofDay: d) == 82_800)
        #expect(cal.lengthSeconds(ofDay: d - 1) == 86_400)
        let fall = CivilDate(year: 2026, month: 11, day: 1).dayNumber
        #expect(cal.lengthSeconds(ofDay: fall) == 90_000)
        // 2026-03-08T04:59:59Z is 23:59:59 on the 7th in New York.
        #expect(cal.day(containing: Timestamp.parse("2026-03-08T04:59:59Z")!) == d - 1)
        #expect(cal.day(containing: Timestamp.parse("2026-03-08T05:00:00Z")!) == d)
    }
}

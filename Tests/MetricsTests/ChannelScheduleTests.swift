import Foundation
import Model
@testable import Store
import Testing
@testable import Metrics

@Suite("Channel schedule")
struct ChannelScheduleTests {
    private func segment(stream: Int64, started: Millis, lastSeen: Millis, durationMs: Int64) -> SegmentRow {
        SegmentRow(stream: stream, streamID: String(stream), segment: 1, userID: "1", userLogin: "a", userName: "A",
                   gameID: "1", gameName: "G", title: "t", language: "en", startedAt: started, firstSeen: started,
                   lastSeen: lastSeen, durationMs: durationMs, watchMs: 0, peakViewers: 0)
    }

    @Test func hoursFallInTheirHourOfTheWeekInTheReportTimeZone() throws {
        // Monday 2026-03-02 22:30 UTC to Tuesday 01:00 UTC.
        let monday = Int64(CivilDate(year: 2026, month: 3, day: 2).dayNumber) * 86_400_000
        let start = monday + 22 * 3_600_000 + 30 * 60_000
        let rows = [segment(stream: 1, started: start, lastSeen: start + 150 * 60_000, durationMs: 150 * 60_000)]
        let utc = ChannelSchedule.compute(rows, timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.hours[0][22] == 0.5 && utc.hours[0][23] == 1 && utc.hours[1][0] == 1)
        #expect(utc.hours.flatMap { $0 }.reduce(0, +) == 2.5)
        #expect(utc.medianStartMinute == 22 * 60 + 30)
        #expect(utc.medianLengthMs == Int64(9_000_000))
        // In New York (UTC−5 in early March) the same stream is Monday 17:30 to 20:00.
        let newYork = ChannelSchedule.compute(rows, timeZone: TimeZone(identifier: "America/New_York")!)
        #expect(newYork.hours[0][17] == 0.5 && newYork.hours[0][18] == 1 && newYork.hours[0][19] == 1)
        #expect(newYork.medianStartMinute == 17 * 60 + 30)
    }

    @Test func theUsualStartIsTheMiddleStream() {
        let day: Int64 = 86_400_000
        let hour: Int64 = 3_600_000
        var rows: [SegmentRow] = []
        for (d, h) in [(Int64(0), Int64(18)), (1, 20), (2, 19)] {
            let started: Int64 = d * day + h * hour
            rows.append(segment(stream: d, started: started, lastSeen: started + 2 * hour, durationMs: 2 * hour))
        }
        let s = ChannelSchedule.compute(rows, timeZone: TimeZone(identifier: "UTC")!)
        #expect(s.medianStartMinute == 19 * 60)
        let expected: [Int] = [1080, 1200, 1140]
        #expect(s.startMinutes == expected)
    }
}

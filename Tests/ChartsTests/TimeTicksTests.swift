import Foundation
import Testing
@testable import Charts

struct TimeTicksTests {
    let zone = SampleCharts.newYork
    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
        SampleCharts.utc(year, month, day, hour, minute)
    }

    @Test func springForwardDayHasTicksAtLocalWallClockHours() {
        // Mar 8 2026 in New York: 23 hours, clocks jump from 02:00 EST to 03:00 EDT.
        let ticks = TimeTicks.ticks(from: utc(2026, 3, 8, 5), to: utc(2026, 3, 9, 4), timeZone: zone, maxCount: 6)
        #expect(ticks.map(\.label) == ["Mar 8", "06:00", "12:00", "18:00", "Mar 9"])
        #expect(ticks.map(\.time) == [utc(2026, 3, 8, 5), utc(2026, 3, 8, 10), utc(2026, 3, 8, 16),
                                      utc(2026, 3, 8, 22), utc(2026, 3, 9, 4)])
    }

    @Test func skippedHourGetsNoTick() {
        let ticks = TimeTicks.ticks(from: utc(2026, 3, 8, 5), to: utc(2026, 3, 9, 4), timeZone: zone, maxCount: 12)
        let labels = ticks.map(\.label)
        #expect(!labels.contains("02:00"))
        #expect(labels.contains("04:00"))
        for tick in ticks where tick.label.contains(":") {
            #expect(TimeFormat.clock(tick.time, timeZone: zone) == tick.label)
        }
    }

    @Test func dayTicksFallOnLocalMidnightsAcrossFallBack() {
        // Nov 1 2026 in New York has 25 hours.
        let ticks = TimeTicks.ticks(from: utc(2026, 10, 30, 4), to: utc(2026, 11, 3, 5), timeZone: zone, maxCount: 6)
        #expect(ticks.map(\.label) == ["Oct 30", "Oct 31", "Nov 1", "Nov 2", "Nov 3"])
        #expect(ticks[3].time - ticks[2].time == 25 * 3_600_000)
        #expect(ticks.allSatisfy { TimeFormat.clock($0.time, timeZone: zone) == "00:00" })
    }

    @Test func weeksStartOnMondaysAndYearsUseMonths() {
        let weeks = TimeTicks.ticks(from: utc(2026, 3, 1, 5), to: utc(2026, 4, 10, 4), timeZone: zone, maxCount: 6)
        #expect(weeks.map(\.label) == ["Mar 2", "Mar 9", "Mar 16", "Mar 23", "Mar 30", "Apr 6"])
        let months = TimeTicks.ticks(from: utc(2025, 11, 15), to: utc(2026, 11, 15), timeZone: zone, maxCount: 6)
        #expect(months.map(\.label) == ["2026-01", "2026-03", "2026-05", "2026-07", "2026-09", "2026-11"])
    }

    @Test func halfHourZonesGetWholeLocalHours() {
        let kolkata = TimeZone(identifier: "Asia/Kolkata")!
        let ticks = TimeTicks.ticks(from: utc(2026, 3, 8, 0), to: utc(2026, 3, 8, 12), timeZone: kolkata, maxCount: 6)
        #expect(ticks.map(\.label) == ["06:00", "08:00", "10:00", "12:00", "14:00", "16:00"])
    }

    @Test func formatsDoNotDependOnLocale() {
        let time = utc(2026, 3, 8, 11, 5)
        #expect(TimeFormat.dayClock(time, timeZone: zone) == "Mar 8 07:05")
        #expect(TimeFormat.dateClock(time, timeZone: zone) == "2026-03-08 07:05")
        #expect(TimeFormat.month(time, timeZone: zone) == "2026-03")
        #expect(TimeFormat.date(utc(1969, 12, 31, 23), timeZone: TimeZone(identifier: "UTC")!) == "1969-12-31")
    }
}

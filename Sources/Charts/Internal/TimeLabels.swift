import Foundation

/// Labels for the times of a chart chosen by their granularity: months when every time is the
/// first of a month, days when every time is a local midnight, otherwise day and clock.
struct TimeLabels {
    enum Granularity {
        case month
        case day
        case minute
    }

    let granularity: Granularity
    let timeZone: TimeZone

    init(times: [Int64], timeZone: TimeZone) {
        self.timeZone = timeZone
        let locals = times.map { LocalTime(millis: $0, timeZone: timeZone) }
        if !locals.isEmpty && locals.allSatisfy({ $0.isMidnight && $0.day == 1 }) {
            granularity = .month
        } else if locals.allSatisfy(\.isMidnight) {
            granularity = .day
        } else {
            granularity = .minute
        }
    }

    /// Short: "2026-03", "Mar 8", "Mar 8 06:00".
    func short(_ time: Int64) -> String {
        switch granularity {
        case .month: return TimeFormat.month(time, timeZone: timeZone)
        case .day: return TimeFormat.day(time, timeZone: timeZone)
        case .minute: return TimeFormat.dayClock(time, timeZone: timeZone)
        }
    }

    /// A span of times: "Mar 8 06:00–07:55" within one day, otherwise both ends in full.
    func range(_ first: Int64, _ last: Int64) -> String {
        guard first != last else { return short(first) }
        let a = LocalTime(millis: first, timeZone: timeZone)
        let b = LocalTime(millis: last, timeZone: timeZone)
        if granularity == .minute && a.dayNumber == b.dayNumber {
            return short(first) + "–" + TimeFormat.clock(b)
        }
        return short(first) + "–" + short(last)
    }

    /// Unambiguous, for tables: "2026-03", "2026-03-08", "2026-03-08 06:00".
    func full(_ time: Int64) -> String {
        switch granularity {
        case .month: return TimeFormat.month(time, timeZone: timeZone)
        case .day: return TimeFormat.date(time, timeZone: timeZone)
        case .minute: return TimeFormat.dateClock(time, timeZone: timeZone)
        }
    }
}

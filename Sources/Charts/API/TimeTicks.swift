import Foundation

/// Ticks for a time axis in a given time zone, placed on local wall-clock boundaries.
///
/// The step is the smallest of minutes (1, 2, 5, 10, 15, 30), hours (1, 2, 3, 6, 12), days
/// (1, 2), weeks (Mondays), months (1, 2, 3, 6) and years (1, 2, 5, …) that keeps the tick
/// count at or below `maxCount`. Labels: "06:00" within a day (local midnight reads "Mar 8"),
/// "Mar 8" for days and weeks, "2026-03" for months, "2026" for years. Hours skipped by a
/// daylight-saving jump get no tick; a day is always labelled at its own local midnight.
public enum TimeTicks {
    public struct Tick: Sendable, Equatable {
        /// Unix milliseconds.
        public let time: Int64
        public let label: String
    }

    public static func ticks(from start: Int64, to end: Int64, timeZone: TimeZone, maxCount: Int = 6) -> [Tick] {
        let low = Swift.min(start, end)
        let high = Swift.max(start, end)
        let limit = Swift.max(2, maxCount)
        let span = Double(high - low) / 1000
        for unit in Unit.candidates {
            guard span / unit.approximateSeconds <= Double(limit) + 1 else { continue }
            let ticks = unit.ticks(from: low, to: high, timeZone: timeZone)
            if ticks.count <= limit { return ticks }
        }
        return []
    }

    /// A step of the axis and how its ticks are found and labelled.
    enum Unit {
        case minutes(Int)
        case hours(Int)
        case days(Int)
        case weeks
        case months(Int)
        case years(Int)

        static let candidates: [Unit] = [1, 2, 5, 10, 15, 30].map(Unit.minutes)
            + [1, 2, 3, 6, 12].map(Unit.hours)
            + [Unit.days(1), .days(2), .weeks]
            + [1, 2, 3, 6].map(Unit.months)
            + [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map(Unit.years)

        var approximateSeconds: Double {
            switch self {
            case .minutes(let n): return Double(n) * 60
            case .hours(let n): return Double(n) * 3600
            case .days(let n): return Double(n) * 86_400
            case .weeks: return 7 * 86_400
            case .months(let n): return Double(n) * 30.44 * 86_400
            case .years(let n): return Double(n) * 365.25 * 86_400
            }
        }

        func ticks(from low: Int64, to high: Int64, timeZone: TimeZone) -> [Tick] {
            let first = LocalTime(millis: low, timeZone: timeZone)
            let last = LocalTime(millis: high, timeZone: timeZone)
            var ticks: [Tick] = []
            func add(_ instant: Int64?) {
                guard let instant, instant >= low, instant <= high else { return }
                if let previous = ticks.last, previous.time >= instant { return }
                ticks.append(Tick(time: instant, label: label(instant, timeZone: timeZone)))
            }
            switch self {
            case .minutes(let n), .hours(let n):
                let stepMinutes = if case .hours = self { n * 60 } else { n }
                for dayNumber in first.dayNumber...last.dayNumber {
                    for minute in stride(from: 0, to: 1440, by: stepMinutes) {
                        let wall = Int64(dayNumber) * 86_400 + Int64(minute) * 60
                        add(minute == 0
                            ? LocalTime.startOfDay(dayNumber, timeZone: timeZone)
                            : LocalTime.instant(wallSeconds: wall, timeZone: timeZone))
                    }
                }
            case .days(let n):
                for dayNumber in first.dayNumber...last.dayNumber where dayNumber % n == 0 {
                    add(LocalTime.startOfDay(dayNumber, timeZone: timeZone))
                }
            case .weeks:
                for dayNumber in first.dayNumber...last.dayNumber where Unit.isMonday(dayNumber) {
                    add(LocalTime.startOfDay(dayNumber, timeZone: timeZone))
                }
            case .months(let n):
                var (year, month) = (first.year, first.month)
                while (year, month) <= (last.year, last.month) {
                    if (month - 1) % n == 0 {
                        let days = LocalTime.days(year: year, month: month, day: 1)
                        add(LocalTime.startOfDay(days, timeZone: timeZone))
                    }
                    (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
                }
            case .years(let n):
                for year in first.year...last.year where year % n == 0 {
                    let days = LocalTime.days(year: year, month: 1, day: 1)
                    add(LocalTime.startOfDay(days, timeZone: timeZone))
                }
            }
            return ticks
        }

        private func label(_ instant: Int64, timeZone: TimeZone) -> String {
            let local = LocalTime(millis: instant, timeZone: timeZone)
            switch self {
            case .minutes, .hours:
                return LocalTime.startOfDay(local.dayNumber, timeZone: timeZone) == instant
                    ? TimeFormat.day(local) : TimeFormat.clock(local)
            case .days, .weeks: return TimeFormat.day(local)
            case .months: return TimeFormat.month(local)
            case .years: return String(local.year)
            }
        }

        private static func isMonday(_ dayNumber: Int) -> Bool {
            ((dayNumber % 7) + 7 + 3) % 7 == 0
        }
    }
}

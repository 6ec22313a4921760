import Model

/// A set of report days (METRICS.md §8): a calendar month, a calendar year, or the rolling window
/// of the N calendar days ending with the latest complete day.
public struct Period: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case month, year
        /// The last `days` calendar days.
        case window(days: Int)
    }

    /// The windows METRICS.md §8 defines, in days.
    public static let windowLengths = [7, 30, 90, 180, 365]

    public var kind: Kind
    /// The calendar bounds, as day numbers: the month's or year's first and last day, or the
    /// window's first day and the latest complete day.
    public var firstDay: Int
    public var lastDay: Int

    public init(kind: Kind, firstDay: Int, lastDay: Int) {
        self.kind = kind
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// The month containing `day`.
    public static func month(containing day: Int) -> Period {
        let d = CivilDate(dayNumber: day)
        return month(year: d.year, month: d.month)
    }

    public static func month(year: Int, month: Int) -> Period {
        let first = CivilDate(year: year, month: month, day: 1).dayNumber
        return Period(kind: .month, firstDay: first, lastDay: first + CivilDate.daysIn(month: month, year: year) - 1)
    }

    /// The year containing `day`.
    public static func year(containing day: Int) -> Period {
        year(CivilDate(dayNumber: day).year)
    }

    public static func year(_ year: Int) -> Period {
        Period(kind: .year, firstDay: CivilDate(year: year, month: 1, day: 1).dayNumber,
               lastDay: CivilDate(year: year, month: 12, day: 31).dayNumber)
    }

    /// The `days` calendar days ending with `lastDay`.
    public static func window(days: Int, endingWith lastDay: Int) -> Period {
        Period(kind: .window(days: days), firstDay: lastDay - days + 1, lastDay: lastDay)
    }

    /// The `period` column: `2026-03`, `2026` or `last-30d`.
    public var name: String {
        let first = CivilDate(dayNumber: firstDay)
        switch kind {
        case .month: return String(first.iso.prefix(7))
        case .year: return String(first.iso.prefix(4))
        case .window(let days): return "last-\(days)d"
        }
    }

    /// Where its extracts go, relative to the site root (ends with `/`).
    public var dataFolder: String {
        switch kind {
        case .month: return "data/months/\(name)/"
        case .year: return "data/years/\(name)/"
        case .window: return "data/\(name)/"
        }
    }

    /// The period before: the month before, the year before, the same number of days before.
    public var previous: Period {
        switch kind {
        case .month: return .month(containing: firstDay - 1)
        case .year: return .year(containing: firstDay - 1)
        case .window(let days): return .window(days: days, endingWith: firstDay - 1)
        }
    }

    public func contains(_ day: Int) -> Bool { day >= firstDay && day <= lastDay }

    /// The reported days of the period, in order.
    public func reportedDays(among reported: [Int]) -> ArraySlice<Int> {
        let lower = reported.partitioningIndex { $0 >= firstDay }
        let upper = reported.partitioningIndex { $0 > lastDay }
        return reported[lower..<upper]
    }

    /// Every period that has a reported day: the months and years of the reported days, and each
    /// window when a latest complete day exists. Months, then years, then windows, each in order.
    public static func all(reportedDays: [Int], latestCompleteDay: Int?) -> [Period] {
        var months: [Period] = []
        var years: [Period] = []
        for day in reportedDays {
            if months.last?.contains(day) != true { months.append(.month(containing: day)) }
            if years.last?.contains(day) != true { years.append(.year(containing: day)) }
        }
        let windows = latestCompleteDay.map { last in windowLengths.map { window(days: $0, endingWith: last) } } ?? []
        return months + years + windows
    }

    /// The last reported day whose end (the local midnight after it) is at or before the newest
    /// crawl; nil when no day is complete yet.
    public static func latestCompleteDay(reportedDays: [Int], newestCrawl: Millis?, calendar: ReportCalendar) -> Int? {
        guard let newest = newestCrawl else { return nil }
        return reportedDays.last { calendar.end(ofDay: $0) <= newest }
    }
}

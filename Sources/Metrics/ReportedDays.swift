import Model
import Store

/// Days with at least one crawl time in them: the only days the tables report (METRICS.md §3).
public enum ReportedDays {
    public static func all(store: Store, calendar: ReportCalendar) throws -> [Int] {
        var days: [Int] = []
        for t in try store.consolidatedCrawlTimes() {
            let d = calendar.day(containing: t)
            if days.last != d { days.append(d) }
        }
        return days
    }
}

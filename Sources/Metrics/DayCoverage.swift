import Model
import Store

/// How completely the crawls covered one day: every crawl of the day, the gaps between complete
/// crawls longer than 2.5 times the usual cadence, and the share of the day within the usual
/// cadence after a complete crawl.
public struct DayCoverage: Sendable {
    public struct Gap: Sendable, Equatable {
        /// The complete crawl before the gap (possibly the day before), and the one after.
        public var from: Millis
        public var to: Millis

        public init(from: Millis, to: Millis) {
            self.from = from
            self.to = to
        }
    }

    /// A crawl of the day, and for a complete one the time since the complete crawl before it.
    public struct Crawl: Sendable, Equatable {
        public var row: CrawlLogRow
        public var sincePreviousMs: Int64?
        /// The time since the one before is a gap (over `gapFactor` usual cadences).
        public var afterGap: Bool
    }

    public var day: Int
    public var crawls: [Crawl]
    /// The median time between consecutive complete crawls around the day; nil with fewer than two.
    public var cadenceMs: Int64?
    public var gaps: [Gap]
    /// Share of the day (0...1) less than one usual cadence after a complete crawl. For a day no
    /// crawl has reached the end of yet (in progress), the share of the day so far.
    public var coverage: Double
    public var completeCrawls: Int { crawls.filter(\.row.complete).count }
    public var failedCrawls: Int { crawls.count - completeCrawls }

    /// A gap is this many usual cadences long or more (the charts break their lines at the same).
    public static let gapFactor = 2.5

    /// The coverage of each of `days`.
    public static func load(store: Store, calendar: ReportCalendar, days: [Int]) throws -> [Int: DayCoverage] {
        var result: [Int: DayCoverage] = [:]
        for day in days {
            let (start, end) = calendar.dayBounds(day)
            // A day of context on each side: the crawl before the day's first, and the cadence.
            let around = try store.crawlLog(from: start - 86_400_000, to: end + 86_400_000)
            result[day] = compute(day: day, start: start, end: end, around: around)
        }
        return result
    }

    /// The coverage of the day [start, end) from the crawls `around` it (in time order).
    public static func compute(day: Int, start: Millis, end: Millis, around: [CrawlLogRow]) -> DayCoverage {
        let complete = around.filter(\.complete).map(\.time)
        var steps: [Int64] = []
        for i in complete.indices.dropFirst() where complete[i] > complete[i - 1] { steps.append(complete[i] - complete[i - 1]) }
        steps.sort()
        let cadence = steps.isEmpty ? nil : steps[steps.count / 2]
        // No crawl at or after the day's end yet: the day counts up to one cadence after its last crawl.
        var dayEnd = end
        if let last = complete.last, last < end, let cadence { dayEnd = max(start + 1, min(end, last + cadence)) }
        var gaps: [Gap] = []
        var covered: Int64 = 0
        let limit = cadence.map { Int64((Double($0) * gapFactor).rounded()) }
        if let cadence, let limit {
            for i in complete.indices.dropFirst() {
                let (a, b) = (complete[i - 1], complete[i])
                if b - a > limit && b > start && a < end { gaps.append(Gap(from: a, to: b)) }
            }
            // The covered time: the union of [t, t + cadence) over the complete crawls, within the day.
            var reach = start
            for t in complete {
                let from = max(t, reach), to = min(t + cadence, dayEnd)
                if to > from {
                    covered += to - from
                    reach = to
                }
            }
        }
        let length = dayEnd - start
        var previous: Millis?
        var crawls: [Crawl] = []
        for row in around {
            let since = row.complete ? previous.map { row.time - $0 } : nil
            if row.time >= start && row.time < end {
                crawls.append(Crawl(row: row, sincePreviousMs: since, afterGap: since.map { s in limit.map { s > $0 } ?? false } ?? false))
            }
            if row.complete { previous = row.time }
        }
        return DayCoverage(
            day: day, crawls: crawls, cadenceMs: cadence, gaps: gaps,
            coverage: length > 0 ? Double(covered) / Double(length) : 0)
    }
}

import Model
import Store

/// The ranks of the periods before, computed while the new crawls are consolidated, when that
/// pass leaves a core idle: the periods a build computes end with the days its new crawls fall
/// in, and the periods before them end earlier, in days the pass does not touch. The forecast
/// guesses the days the pass will report and change from the pending crawls; a forecast rank is
/// used only for a period before none of whose days changed (`usable(changedDays:)`), so a wrong
/// guess costs time, never a number: a period's ranks depend on nothing but its days' sums.
public final class PreviousRanksForecast: @unchecked Sendable {
    private var ranks: [[Int]: PreviousRanks]

    private init(ranks: [[Int]: PreviousRanks]) {
        self.ranks = ranks
    }

    /// Reads the pending crawls and ranks the periods before of the periods they will change.
    /// Writes nothing to the store.
    public static func compute(store: Store, calendar: ReportCalendar) throws -> PreviousRanksForecast {
        let pending = try store.pendingCrawlTimes()
        guard let newest = pending.last else { return PreviousRanksForecast(ranks: [:]) }
        var newDays: [Int] = []
        for t in pending {
            let day = calendar.day(containing: t)
            if newDays.last != day { newDays.append(day) }
        }
        // A stream's interval from its last consolidated crawl reaches back into the day before.
        let changed = Set(newDays).union([newDays[0] - 1])
        let reported = Array(Set(try ReportedDays.all(store: store, calendar: calendar)).union(newDays)).sorted()
        let latest = Period.latestCompleteDay(reportedDays: reported, newestCrawl: newest, calendar: calendar)
        let periods = Period.all(reportedDays: reported, latestCompleteDay: latest).filter { period in
            changed.contains { period.contains($0) }
        }
        // Read only: the consolidation pass holds the write lock meanwhile.
        let source = PeriodSumsSource(store: store, calendar: calendar, reportedDays: reported, keeps: false)
        var ranks: [[Int]: PreviousRanks] = [:]
        for period in PeriodTableBuilder.ordered(periods, reportedDays: reported) {
            let days = Array(period.previous.reportedDays(among: reported))
            guard !days.isEmpty, ranks[days] == nil, !days.contains(where: changed.contains) else { continue }
            ranks[days] = try PreviousRanks(source: source, days: days)
        }
        return PreviousRanksForecast(ranks: ranks)
    }

    /// The forecast ranks none of whose days changed, by their days; the others are dropped.
    func usable(changedDays: Set<Int>) -> [[Int]: PreviousRanks] {
        ranks.filter { days, _ in !days.contains(where: changedDays.contains) }
    }

    /// How many of the periods before ranked ahead none of whose days changed.
    public func usableCount(changedDays: Set<Int>) -> Int { usable(changedDays: changedDays).count }

    /// How many periods before were ranked ahead.
    public var count: Int { ranks.count }
}

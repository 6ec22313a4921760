import Logging
import Metrics
import Model
import Site
import Store

/// Everything the build's steps share.
///
/// Steps run at once (see `BuildStep.alongsideUntil`): a step beside others reads only what was
/// set before it started (`daysToWrite`, `staging`, and `periodExtracts` for the extracts); the
/// staging folder takes writes from every thread, and day tables come from `dayTables`, which is
/// safe from any thread.
public final class BuildContext: @unchecked Sendable {
    public let options: BuildOptions
    public let store: Store
    public let calendar: ReportCalendar
    public let logger: Logger
    public var report = BuildReport()
    public var staging: SiteStaging?
    /// Whether `staging` started from the published files (`StagingStep`).
    var stagingKeepsPublished = false
    /// The days marked dirty when the build read them; their marks are cleared once the site
    /// written from them is published.
    public var dirtyDays: [Int] = []
    /// The days whose extracts and reports this build writes (`report.writtenDays`), kept apart
    /// from the report, which the main thread changes while steps beside it read these.
    public internal(set) var daysToWrite: [Int] = []
    /// Values that describe the site being built (`site_state`), saved once it is published, so
    /// that a failed publish leaves the next build redoing what was not published.
    public var siteState: [String: String] = [:]
    /// The write-ahead log's copy into the database after consolidation (see `ConsolidateStep`).
    var checkpoint: BackgroundWork<Void>?
    private let tables = DayTablesCache()
    /// Every period with a reported day (set by the periods step).
    public internal(set) var periods: [Period] = []
    /// Period tables computed in this build; only the periods and pages steps use them, one after the other.
    private var periodTablesComputed: [Period: PeriodTables?] = [:]
    /// The tables of the periods whose extracts this build writes: set by the periods step, then
    /// taken by the extracts step, which writes them beside the pages and lets each go once written.
    var periodExtracts: [PeriodTables] = []

    init(options: BuildOptions, store: Store, calendar: ReportCalendar, logger: Logger) {
        self.options = options
        self.store = store
        self.calendar = calendar
        self.logger = logger
    }

    /// The tables of a reported day, computed once per build.
    public func dayTables(_ day: Int) throws -> DayTables {
        try tables.tables(day) { try DayTableBuilder.tables(store: store, calendar: calendar, day: day) }
    }

    /// The tables of a period, computed once per build; nil when none of its days is reported.
    public func periodTables(_ period: Period) throws -> PeriodTables? {
        try computePeriodTables([period])
        return periodTablesComputed[period] ?? nil
    }

    /// Lets the computed period tables go (the pages step, once it has cut out what the pages show).
    func forgetPeriodTables() {
        periodTablesComputed = [:]
    }

    /// Computes the tables of the periods not computed yet in one pass over their days.
    func computePeriodTables(_ periods: [Period]) throws {
        let missing = periods.filter { periodTablesComputed[$0] == nil }
        guard !missing.isEmpty else { return }
        let computed = try PeriodTableBuilder.tables(
            store: store, calendar: calendar, periods: missing, reportedDays: report.reportedDays)
        periodTablesComputed.merge(computed) { $1 }
    }
}

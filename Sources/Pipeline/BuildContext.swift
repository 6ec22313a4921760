import Logging
import Metrics
import Model
import Site
import Store

/// Everything the build's steps share.
///
/// Steps run at once (see `BuildStep.alongsideUntil`): a step beside others reads only what was
/// set before it started (`daysToWrite`, `reportedDays`, `staging`; the period extracts come
/// through `periodExtracts`) and writes only its own property (`pageInputs`, `previousRanksForecast`);
/// the staging folder takes writes from every thread, and day tables come from `dayTables`, which
/// is safe from any thread.
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
    /// The reported days (`report.reportedDays`), for the steps beside others to read.
    public internal(set) var reportedDays: [Int] = []
    /// What the pages read besides the periods, loaded beside the periods step (`PageInputsStep`).
    var pageInputs: PageInputs?
    /// The ranks of the periods before, computed beside the consolidation (`ForecastStep`).
    var previousRanksForecast: PreviousRanksForecast?
    /// Values that describe the site being built (`site_state`), saved once it is published, so
    /// that a failed publish leaves the next build redoing what was not published.
    public var siteState: [String: String] = [:]
    /// The write-ahead log's copy into the database after consolidation (see `ConsolidateStep`).
    var checkpoint: BackgroundWork<Void>?
    private let tables = DayTablesCache()
    /// Every period with a reported day (set by the periods step).
    public internal(set) var periods: [Period] = []
    /// The tables of the periods whose extracts this build writes, handed by the periods step to
    /// the step that writes their extracts beside it, one period at a time.
    let periodExtracts = BatchChannel<PeriodTables>(capacity: 1)
    /// What the period pages show of the periods computed in this build: their tables cut to the
    /// top rows (set by the periods step, completed by the pages step).
    var periodPageTables: [Period: PeriodTables] = [:]

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

    /// Computes the tables of these periods, each handed to `each` as soon as it is computed;
    /// a period without a reported day is skipped.
    func computePeriodTables(_ periods: [Period], each: (PeriodTables) throws -> Void) throws {
        guard !periods.isEmpty else { return }
        try PeriodTableBuilder.tables(
            store: store, calendar: calendar, periods: periods, reportedDays: report.reportedDays,
            forecast: previousRanksForecast, changedDays: Set(report.writtenDays)
        ) {
            if let tables = $1 { try each(tables) }
        }
    }
}

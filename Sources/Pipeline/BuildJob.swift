import Consolidation
import Foundation
import Logging
import Metrics
import Model
import Site
import Store

/// What `build` is asked to do.
public struct BuildOptions: Sendable {
    public var databasePath: String
    public var output: URL
    public var timeZone: String
    public var baseURL: String?
    public var keepRawDays: Int
    public var templates: URL?
    public var channelPages: Int
    /// The file-system operations that swap the new site in; tests replace them to inject failures.
    public var publishOperations: PublishOperations
    /// Set: crawls are first pulled from this shared PostgreSQL store into the database.
    public var source: PullOptions?

    public init(databasePath: String, output: URL, timeZone: String = "UTC", baseURL: String? = nil,
                keepRawDays: Int = 7, templates: URL? = nil, channelPages: Int = 1000,
                publishOperations: PublishOperations = .system, source: PullOptions? = nil) {
        self.databasePath = databasePath
        self.output = output
        self.timeZone = timeZone
        self.baseURL = baseURL
        self.keepRawDays = keepRawDays
        self.templates = templates
        self.channelPages = channelPages
        self.publishOperations = publishOperations
        self.source = source
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    /// What was pulled from the shared store (`--source`), if any.
    public var pull: PullReport?
    public var consolidation = ConsolidationReport()
    public var reportedDays: [Int] = []
    /// Days whose extracts were written in this build.
    public var writtenDays: [Int] = []
    /// Periods (months, years, windows) whose extracts were written in this build.
    public var writtenPeriods: [Period] = []
    public var changedFiles = 0
    public var published = false
    /// Seconds each named step took, in order: wall clock, and the CPU time of the thread that ran it.
    /// Two steps may overlap (`BuildStep.alongsideNext`): their wall clocks then add up to more
    /// than the build took.
    public var stepSeconds: [(step: String, seconds: Double, cpuSeconds: Double)] = []

    public init() {}
}

public enum BuildError: Error, CustomStringConvertible {
    case unknownTimeZone(String)
    case busy(String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let id): return "unknown time zone '\(id)' (use an IANA name such as UTC or America/New_York)"
        case .busy(let path): return "another build is running on \(path)"
        }
    }
}

/// Everything the build's steps share.
///
/// Two steps run at once (see `BuildStep.alongsideNext`): while they do, `report` and `staging`
/// are only read (the staging folder takes writes from both threads) and day tables come from
/// `dayTables`, which is safe from any thread.
public final class BuildContext: @unchecked Sendable {
    public let options: BuildOptions
    public let store: Store
    public let calendar: ReportCalendar
    public let logger: Logger
    public var report = BuildReport()
    public var staging: SiteStaging?
    /// The days marked dirty when the build read them; their marks are cleared once the site
    /// written from them is published.
    public var dirtyDays: [Int] = []
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
    /// only read by the extracts step, which writes them beside the pages.
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

    /// Computes the tables of the periods not computed yet in one pass over their days.
    func computePeriodTables(_ periods: [Period]) throws {
        let missing = periods.filter { periodTablesComputed[$0] == nil }
        guard !missing.isEmpty else { return }
        let computed = try PeriodTableBuilder.tables(
            store: store, calendar: calendar, periods: missing, reportedDays: report.reportedDays)
        periodTablesComputed.merge(computed) { $1 }
    }
}

/// One named stage of a build; the names are what logs and the progress line show.
public struct BuildStep: Sendable {
    public var name: String
    public var body: @Sendable (BuildContext) throws -> Void
    /// Runs on a thread of its own while the next step runs: for independent work that would
    /// otherwise leave this machine's second core idle.
    public var alongsideNext: Bool

    public init(_ name: String, alongsideNext: Bool = false, _ body: @escaping @Sendable (BuildContext) throws -> Void) {
        self.name = name
        self.alongsideNext = alongsideNext
        self.body = body
    }
}

/// `twitch-stats build`: consolidate, work out which days changed, write their extracts and the
/// pages, and swap the new site in whole.
public enum BuildJob {
    public static var steps: [BuildStep] {
        [
        BuildStep("consolidate", ConsolidateStep.run),
        BuildStep("find changed days", ChangedDaysStep.run),
        BuildStep("record history", HistoryStep.run),
        // Periods read the sums the history step keeps; their pages are rendered with the others.
        BuildStep("compute periods", PeriodsStep.run),
        // Extracts (days and periods) and pages both start from the tables and are otherwise independent.
        BuildStep("write extracts", alongsideNext: true, ExtractsStep.run),
        BuildStep("render pages", PagesStep.run),
        BuildStep("publish", PublishStep.run),
        ]
    }

    public static func run(_ options: BuildOptions, logger: Logger = Logger(label: "twitch-stats.build"),
                           progress: StatusLine? = nil) throws -> BuildReport {
        guard let calendar = ReportCalendar(identifier: options.timeZone) else {
            throw BuildError.unknownTimeZone(options.timeZone)
        }
        let lock = try BuildLock(databasePath: options.databasePath)
        defer { lock.release() }
        let store = try Store(path: options.databasePath)
        let context = BuildContext(options: options, store: store, calendar: calendar, logger: logger)
        defer { if !context.report.published { context.staging?.discard() } }
        if let source = options.source {
            progress?.update("build: pull…")
            let took = try StepTime.measure { context.report.pull = try PullJob.run(source, store: store, keepRawDays: options.keepRawDays, logger: logger) }
            record(BuildStep("pull", { _ in }), took, in: context, logger: logger)
        }
        var background: (step: BuildStep, work: BackgroundWork<StepTime>)?
        for step in steps {
            if step.alongsideNext {
                background = (step, BackgroundWork("build: \(step.name)") { try StepTime.measure { try step.body(context) } })
                continue
            }
            progress?.update("build: \(step.name)…")
            let took = Result { try StepTime.measure { try step.body(context) } }
            if let (side, work) = background {
                // Wait for the step alongside even when this one failed: it writes to the staging folder.
                record(side, try work.value(), in: context, logger: logger)
                background = nil
            }
            record(step, try took.get(), in: context, logger: logger)
        }
        progress?.finish()
        return context.report
    }

    private static func record(_ step: BuildStep, _ took: StepTime, in context: BuildContext, logger: Logger) {
        context.report.stepSeconds.append((step.name, took.wall, took.cpu))
        logger.debug("step done", metadata: ["step": "\(step.name)", "s": "\(took.wall)", "cpu": "\(took.cpu)"])
    }
}

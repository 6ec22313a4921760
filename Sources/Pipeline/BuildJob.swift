import Logging
import Model
import Store

public enum BuildError: Error, CustomStringConvertible {
    case unknownTimeZone(String)
    case busy(String)
    case outputBusy(String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let id): return "unknown time zone '\(id)' (use an IANA name such as UTC or America/New_York)"
        case .busy(let path): return "another build is running on \(path)"
        case .outputBusy(let path): return "another build is writing the site in \(path); the published site is unchanged"
        }
    }
}

/// One named stage of a build; the names are what logs and the progress line show.
public struct BuildStep: Sendable {
    public var name: String
    public var body: @Sendable (BuildContext) throws -> Void
    /// Runs on a thread of its own from its place in the list until the step of this name is
    /// done: for independent work that would otherwise leave this machine's second core idle.
    public var alongsideUntil: String?
    /// Whether a step alongside runs at a lower priority (`lowerThisThreadsPriority`): when both
    /// cores are wanted, the steps in line, which the next ones wait for, get the larger share.
    public var givesWay: Bool

    public init(_ name: String, alongsideUntil: String? = nil, givesWay: Bool = true,
                _ body: @escaping @Sendable (BuildContext) throws -> Void) {
        self.name = name
        self.alongsideUntil = alongsideUntil
        self.givesWay = givesWay
        self.body = body
    }
}

/// `twitch-stats build`: consolidate, work out which days changed, write their extracts and the
/// pages, and swap the new site in whole.
public enum BuildJob {
    public static var steps: [BuildStep] {
        [
        BuildStep("prepare the new site", alongsideUntil: "consolidate", StagingStep.run),
        // The consolidation pass keeps about one core busy: the other ranks the periods before,
        // on until the periods step needs them (after a quiet night's short pass). At the same
        // priority as the pass: it reads which crawls are pending before the pass consolidates them.
        BuildStep("rank the periods before", alongsideUntil: "record history", givesWay: false, ForecastStep.run),
        BuildStep("consolidate", ConsolidateStep.run),
        BuildStep("find changed days", ChangedDaysStep.run),
        // The segments extract (the biggest, which no page needs) needs only the consolidated
        // segments: it takes the core that recording the history and the periods leave idle. At
        // the same priority as they: held back, its day of segments stays in memory while the
        // periods are at their largest.
        BuildStep("write segments", alongsideUntil: "render pages", givesWay: false, SegmentsStep.run),
        BuildStep("record history", HistoryStep.run),
        // The pages' inputs need only the recorded days: they load while the periods are computed.
        BuildStep("load page inputs", alongsideUntil: "compute periods", PageInputsStep.run),
        // The last period's extracts are written while the pages render.
        BuildStep("write period extracts", alongsideUntil: "render pages", PeriodExtractsStep.run),
        // Periods read the sums the history step keeps; their pages are rendered with the others.
        BuildStep("compute periods", PeriodsStep.run),
        // The day extracts and the pages both start from the day tables and are otherwise independent.
        BuildStep("write extracts", alongsideUntil: "render pages", ExtractsStep.run),
        BuildStep("render pages", PagesStep.run),
        BuildStep("publish", PublishStep.run),
        ]
    }

    public static func run(_ options: BuildOptions, logger: Logger = Logger(label: "twitch-stats.build"),
                           progress: StatusLine? = nil) throws -> BuildReport {
        var options = options
        options.output = BuildOptions.resolvingLinks(options.output)
        guard let calendar = ReportCalendar(identifier: options.timeZone) else {
            throw BuildError.unknownTimeZone(options.timeZone)
        }
        let lock = try JobLock.build(database: options.databasePath)
        defer { lock.release() }
        let outputLock = try JobLock.build(outputFolder: options.output)
        defer { outputLock.release() }
        let store = try Store(path: options.databasePath)
        let context = BuildContext(options: options, store: store, calendar: calendar, logger: logger)
        defer { if !context.report.published { context.staging?.discard() } }
        if let source = options.source {
            progress?.update("build: pull…")
            let took = try StepTime.measure { context.report.pull = try PullJob.run(source, store: store, keepRawDays: options.keepRawDays, logger: logger) }
            record(BuildStep("pull", { _ in }), took, in: context, logger: logger)
        }
        var alongside: [(step: BuildStep, work: BackgroundWork<StepTime>)] = []
        for step in steps {
            if step.alongsideUntil != nil {
                alongside.append((step, BackgroundWork("build: \(step.name)") {
                    if step.givesWay { lowerThisThreadsPriority() }
                    return try StepTime.measure { try step.body(context) }
                }))
                continue
            }
            progress?.update("build: \(step.name)…")
            let took = Result { try StepTime.measure { try step.body(context) } }
            // A failed step waits for every step alongside: they write to the staging folder.
            let failed = (try? took.get()) == nil
            let due = alongside.filter { failed || $0.step.alongsideUntil == step.name }
            alongside.removeAll { failed || $0.step.alongsideUntil == step.name }
            var failure: (any Error)?
            for (side, work) in due {
                do { record(side, try work.value(), in: context, logger: logger) } catch { failure = failure ?? error }
            }
            record(step, try took.get(), in: context, logger: logger)
            if let failure { throw failure }
        }
        for (side, work) in alongside { record(side, try work.value(), in: context, logger: logger) }
        progress?.finish()
        return context.report
    }

    private static func record(_ step: BuildStep, _ took: StepTime, in context: BuildContext, logger: Logger) {
        context.report.stepSeconds.append((step.name, took.wall, took.cpu))
        logger.debug("step done", metadata: ["step": "\(step.name)", "s": "\(took.wall)", "cpu": "\(took.cpu)"])
    }
}

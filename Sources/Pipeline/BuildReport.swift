import Consolidation
import Metrics

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
    /// Periods before ranked while the crawls were consolidated (`ForecastStep`), and how many of
    /// those rankings the periods used (none of their days changed).
    public var periodsBeforeRankedAhead: (ranked: Int, used: Int) = (0, 0)
    /// Stream pages rendered in this build, and those already published from the same inputs.
    public var streamPages: (rendered: Int, kept: Int) = (0, 0)
    public var changedFiles = 0
    public var published = false
    /// Seconds each named step took, in order: wall clock, and the CPU time of the thread that ran it.
    /// Two steps may overlap (`BuildStep.alongsideUntil`): their wall clocks then add up to more
    /// than the build took.
    public var stepSeconds: [(step: String, seconds: Double, cpuSeconds: Double)] = []

    public init() {}
}

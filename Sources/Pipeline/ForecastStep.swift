import Metrics

/// Ranks the periods before the periods this build will change while the consolidation pass
/// leaves a core idle (`PreviousRanksForecast`); the periods step uses the ranks none of whose
/// days changed. A forecast that fails only leaves that work to the periods step.
enum ForecastStep {
    static func run(_ c: BuildContext) throws {
        do {
            c.previousRanksForecast = try PreviousRanksForecast.compute(store: c.store, calendar: c.calendar)
        } catch {
            c.logger.info("the periods before are ranked with the periods instead", metadata: ["reason": "\(error)"])
        }
    }
}

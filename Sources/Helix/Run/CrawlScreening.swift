import Logging
import Model

/// The collector's side of the plausibility rules (METRICS.md §1), applied where a complete
/// crawl is handed on to be stored: a stream that breaks a rule is left out of its crawl and
/// counted (`Crawl.leftOut`), so one absurd stream object from the API never reaches the store,
/// and the rest of the crawl is kept. A crawl whose own time breaks the rules cannot be stored at
/// all: it becomes a failed crawl naming the clock.
struct CrawlScreening {
    /// Streams left out of one crawl, by the rule they broke, with the first of them as an example
    /// for the log.
    struct LeftOut {
        var count = 0
        var byField: [Plausibility.Violation.Field: Int] = [:]
        var example: String?
    }

    let rules: Plausibility

    /// The outcome with implausible streams left out of a complete crawl; other outcomes as they are.
    func screen(_ outcome: CrawlOutcome) -> (CrawlOutcome, LeftOut) {
        guard case .complete(var crawl, var stats) = outcome else { return (outcome, LeftOut()) }
        if let violation = rules.crawlTimeViolation(crawl.time) {
            return (.failed(.implausibleCrawlTime(violation), stats), LeftOut())
        }
        let time = crawl.time
        guard crawl.observations.contains(where: { !rules.isPlausible(crawlTime: time, startedAt: $0.startedAt, viewerCount: $0.viewerCount) })
        else { return (outcome, LeftOut()) }

        var leftOut = LeftOut()
        crawl.observations.removeAll { o in
            guard let violation = rules.violation(crawlTime: time, startedAt: o.startedAt, viewerCount: o.viewerCount)
            else { return false }
            leftOut.count += 1
            leftOut.byField[violation.field, default: 0] += 1
            if leftOut.example == nil { leftOut.example = "stream \(o.streamID): \(violation)" }
            return true
        }
        crawl.leftOut = leftOut.count
        stats.streams = crawl.observations.count
        return (.complete(crawl, stats), leftOut)
    }

    /// One warning per crawl that left streams out: a count by rule and one example, never a
    /// line per stream.
    static func log(_ leftOut: LeftOut, crawl number: Int, to logger: Logger) {
        guard leftOut.count > 0 else { return }
        let fields = Plausibility.Violation.Field.allCases.compactMap { field in
            leftOut.byField[field].map { "\(field.rawValue) \($0)" }
        }
        var metadata: Logger.Metadata = ["crawl": "\(number)", "left_out": "\(leftOut.count)"]
        if let example = leftOut.example { metadata["example"] = "\(example)" }
        let why = fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))"
        logger.warning("crawl \(number): left out \(leftOut.count) implausible streams\(why)", metadata: metadata)
    }
}

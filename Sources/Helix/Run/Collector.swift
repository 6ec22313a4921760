import Logging
import Model

/// Runs crawls one after another until enough are complete or it is stopped.
///
/// Each outcome goes to a handler (the store writes a complete crawl in one transaction). Crawl
/// starts are at least `interval` apart; a crawl that takes longer is followed at once.
public final class Collector {
    public struct Options: Sendable {
        /// Stop after this many complete crawls; nil runs until stopped.
        public var crawls: Int?
        /// Least time between the starts of two crawls.
        public var interval: Millis

        public init(crawls: Int? = nil, interval: Millis = 0) {
            self.crawls = crawls
            self.interval = interval
        }
    }

    /// What a run did, for the command's last line.
    public struct Summary: Sendable, Equatable {
        public var complete = 0
        public var failed = 0
        public var cancelled = 0
        public var stopped = false
    }

    private let crawler: StreamsCrawler
    private let options: Options
    private let stop: StopFlag
    private let now: @Sendable () -> Millis
    private let sleep: StreamsCrawler.Sleep
    private let logger: Logger

    /// Pass the same `stop`, `now` and `sleep` as the crawler's.
    public init(
        crawler: StreamsCrawler, options: Options, stop: StopFlag,
        now: @escaping @Sendable () -> Millis = Clock.nowMillis, sleep: StreamsCrawler.Sleep? = nil,
        logger: Logger = Logger(label: "twitch-stats.collect")
    ) {
        self.crawler = crawler
        self.options = options
        self.stop = stop
        self.now = now
        self.sleep = sleep ?? { stop.sleep($0) }
        self.logger = logger
    }

    /// Crawls until done or stopped, handing every outcome (complete, failed or cancelled) to
    /// `handle`. A complete crawl is handed over without the streams that break the plausibility
    /// rules (METRICS.md §1), with their count in `Crawl.leftOut`; the rules take `now` as the
    /// storing machine's clock. Rethrows what `handle` throws, and throws a failure no retry can
    /// fix (rejected credentials) after handing it over.
    @discardableResult
    public func run(_ handle: (CrawlOutcome) throws -> Void) throws -> Summary {
        var summary = Summary()
        while !stop.isStopped {
            if let wanted = options.crawls, summary.complete >= wanted { return summary }
            let started = now()
            let outcome = screened(crawler.crawl())
            switch outcome {
            case .complete: summary.complete += 1
            case .failed: summary.failed += 1
            case .cancelled: summary.cancelled += 1
            }
            try handle(outcome)
            if case .failed(let failure, _) = outcome, failure.isPermanent { throw failure }
            if let wanted = options.crawls, summary.complete >= wanted { return summary }

            let nextStart = started + options.interval
            let pause = nextStart - now()
            if pause > 0 && !stop.isStopped {
                logger.debug("waiting for the next crawl", metadata: ["wait_ms": "\(pause)"])
                sleep(pause)
            }
        }
        summary.stopped = true
        return summary
    }

    private func screened(_ outcome: CrawlOutcome) -> CrawlOutcome {
        let (screened, leftOut) = CrawlScreening(rules: Plausibility(now: now())).screen(outcome)
        CrawlScreening.log(leftOut, crawl: outcome.stats.number, to: logger)
        if case .failed(let failure, let stats) = screened, case .implausibleCrawlTime = failure {
            logger.error("crawl \(stats.number) failed: \(failure)", metadata: [
                "crawl": "\(stats.number)", "reason": "\(failure)",
            ])
        }
        return screened
    }
}

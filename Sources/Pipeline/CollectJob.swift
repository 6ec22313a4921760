import Foundation
import Helix
import Logging
import Model
import Store

/// What `collect` is asked to do.
public struct CollectOptions: Sendable {
    public var databasePath: String
    /// Stop after this many complete crawls; nil runs until stopped.
    public var crawls: Int?
    /// Least time between crawl starts.
    public var intervalSeconds: Double
    public var endpoints: HelixEndpoints
    public var languages: [String]
    public var gameIDs: [String]

    public init(databasePath: String, crawls: Int? = nil, intervalSeconds: Double = 0,
                endpoints: HelixEndpoints = .twitch, languages: [String] = [], gameIDs: [String] = []) {
        self.databasePath = databasePath
        self.crawls = crawls
        self.intervalSeconds = intervalSeconds
        self.endpoints = endpoints
        self.languages = languages
        self.gameIDs = gameIDs
    }

    /// Endpoints from `--api-url` (the Helix base, e.g. `https://api.twitch.tv/helix`) and
    /// `--token-url`; validation lives beside the token endpoint.
    public static func endpoints(apiURL: String, tokenURL: String) -> HelixEndpoints {
        let api = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        let validate = tokenURL.hasSuffix("/token") ? String(tokenURL.dropLast(6)) + "/validate" : nil
        return HelixEndpoints(streamsURL: api + "/streams", tokenURL: tokenURL, validateURL: validate)
    }
}

/// `twitch-stats collect`: crawls Get Streams again and again and stores each complete crawl in
/// one transaction; a failed crawl is recorded with its reason, a stopped one is dropped.
///
/// Crawl outcomes are written on a thread of their own, in order, so the next crawl's requests
/// do not wait for the previous crawl's transaction (on a busy collector, or in the demo where
/// crawls follow each other at once, the two overlap on two cores).
public enum CollectJob {
    public static func run(
        _ options: CollectOptions, credentials: Credentials, stop: StopFlag,
        now: @escaping @Sendable () -> Millis = Clock.nowMillis, sleep: StreamsCrawler.Sleep? = nil,
        logger: Logger = Logger(label: "twitch-stats.collect"), progress: CrawlProgressReporting? = nil
    ) throws -> Collector.Summary {
        let store = try Store(path: options.databasePath)
        let crawler = try StreamsCrawler(
            credentials: credentials, endpoints: options.endpoints,
            options: CrawlOptions(languages: options.languages, gameIDs: options.gameIDs),
            stop: stop, now: now, sleep: sleep, logger: logger, progress: progress)
        let collector = Collector(
            crawler: crawler,
            options: .init(crawls: options.crawls, interval: Millis(options.intervalSeconds * 1000)),
            stop: stop, now: now, sleep: sleep, logger: logger)

        // Two crawls in flight at most: one being written, one waiting, so memory stays bounded
        // when the disk is slower than the API.
        let pending = BatchChannel<StoredOutcome>(capacity: 2)
        let writer = BackgroundWork("collect: write") { try CrawlWriter(store: store).drain(pending) }
        let summary: Collector.Summary
        do {
            summary = try collector.run { outcome in
                let stored: StoredOutcome
                switch outcome {
                case .complete(let crawl, let stats): stored = .complete(crawl, stats)
                case .failed(let failure, let stats): stored = .failed(failure, stats, time: stats.startedAt ?? now())
                case .cancelled: return
                }
                // A refused hand-over means the writer failed; its error is thrown by value().
                if !pending.send(stored) { throw CollectWriteAbandoned() }
            }
        } catch is CollectWriteAbandoned {
            pending.close()
            _ = try writer.value()
            throw CollectWriteAbandoned()
        } catch {
            pending.close()
            _ = try? writer.value()
            throw error
        }
        pending.close()
        try writer.value()
        return summary
    }
}

/// A crawl outcome on its way to the database.
private enum StoredOutcome {
    case complete(Crawl, CrawlStats)
    /// `time` is fixed when the failure happens, not when it is written.
    case failed(CrawlFailure, CrawlStats, time: Millis)
}

/// Thrown only if the writer stopped without an error of its own, which `drain` never does.
private struct CollectWriteAbandoned: Error {}

/// Writes crawl outcomes in the order they arrive: a complete crawl in one transaction, a failed
/// one as a record with its reason.
private struct CrawlWriter {
    let store: Store
    let cache = ObservationWriter.Cache()

    func drain(_ pending: BatchChannel<StoredOutcome>) throws {
        while let outcome = pending.receive() {
            do {
                try write(outcome)
            } catch {
                pending.cancel()
                throw error
            }
        }
    }

    private func write(_ outcome: StoredOutcome) throws {
        switch outcome {
        case .complete(let crawl, let stats):
            let writer = try store.write { db in
                let writer = try ObservationWriter(db, cache: cache)
                try writer.beginCollectedCrawl(
                    time: crawl.time, pages: crawl.pages, durationMs: stats.durationMillis, retries: stats.retries,
                    leftOut: crawl.leftOut)
                for o in crawl.observations { try writer.add(o, crawlTime: crawl.time, source: "collect") }
                try writer.finish()
                return writer
            }
            cache.adopt(writer)
        case .failed(let failure, let stats, let time):
            try store.write { db in
                try Store.recordFailedCrawl(
                    db, time: time, pages: stats.pages, durationMs: stats.durationMillis, reason: failure.description)
            }
        }
    }
}

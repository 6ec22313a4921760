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
    public var storing: StoreRetry

    public init(databasePath: String, crawls: Int? = nil, intervalSeconds: Double = 0,
                endpoints: HelixEndpoints = .twitch, languages: [String] = [], gameIDs: [String] = [],
                storing: StoreRetry = StoreRetry()) {
        self.databasePath = databasePath
        self.crawls = crawls
        self.intervalSeconds = intervalSeconds
        self.endpoints = endpoints
        self.languages = languages
        self.gameIDs = gameIDs
        self.storing = storing
    }

    /// Endpoints from `--api-url` (the Helix base, e.g. `https://api.twitch.tv/helix`) and
    /// `--token-url`; validation lives beside the token endpoint.
    public static func endpoints(apiURL: String, tokenURL: String) -> HelixEndpoints {
        let api = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        let validate = tokenURL.hasSuffix("/token") ? String(tokenURL.dropLast(6)) + "/validate" : nil
        return HelixEndpoints(streamsURL: api + "/streams", tokenURL: tokenURL, validateURL: validate)
    }
}

/// How the collector stores crawls when another process holds the database's write lock (a
/// build, an import, or an older release's build holding it for minutes).
public struct StoreRetry: Sendable {
    /// How long one write waits for the lock before SQLite gives up ("database is locked"): well
    /// above the ten seconds or so a build's consolidation chunk holds it.
    public var lockWait: Double
    /// Crawl outcomes kept in memory while the database is locked. When it is full, crawling
    /// pauses until the database takes them: nothing is dropped.
    public var queueCapacity: Int
    /// The wait between two tries, doubled after each failed one up to `maxBackoff`.
    public var firstBackoff: Double
    public var maxBackoff: Double
    /// On SIGINT/SIGTERM, how long the last try waits for the lock before the crawls still
    /// queued are given up (systemd's stop timeout for the unit is 60 s).
    public var finalLockWait: Double

    public init(lockWait: Double = 30, queueCapacity: Int = 4, firstBackoff: Double = 1, maxBackoff: Double = 30,
                finalLockWait: Double = 10) {
        self.lockWait = lockWait
        self.queueCapacity = max(1, queueCapacity)
        self.firstBackoff = firstBackoff
        self.maxBackoff = maxBackoff
        self.finalLockWait = finalLockWait
    }
}

/// `twitch-stats collect`: crawls Get Streams again and again and stores each complete crawl in
/// one transaction; a failed crawl is recorded with its reason, a stopped one is dropped.
///
/// Crawl outcomes are written on a thread of their own, in order, so the next crawl's requests
/// do not wait for the previous crawl's transaction (on a busy collector, or in the demo where
/// crawls follow each other at once, the two overlap on two cores). While the database is locked
/// the writer keeps them queued and retries (`StoreRetry`), and the crawler goes on.
public enum CollectJob {
    public static func run(
        _ options: CollectOptions, credentials: Credentials, stop: StopFlag,
        now: @escaping @Sendable () -> Millis = Clock.nowMillis, sleep: StreamsCrawler.Sleep? = nil,
        logger: Logger = Logger(label: "twitch-stats.collect"), progress: CrawlProgressReporting? = nil
    ) throws -> Collector.Summary {
        let store = try Store(path: options.databasePath, busyTimeout: options.storing.lockWait)
        let crawler = try StreamsCrawler(
            credentials: credentials, endpoints: options.endpoints,
            options: CrawlOptions(languages: options.languages, gameIDs: options.gameIDs),
            stop: stop, now: now, sleep: sleep, logger: logger, progress: progress)
        let collector = Collector(
            crawler: crawler,
            options: .init(crawls: options.crawls, interval: Millis(options.intervalSeconds * 1000)),
            stop: stop, now: now, sleep: sleep, logger: logger)

        // The writer's queue plus one being handed over: memory stays bounded when the disk is
        // slower than the API or the database is locked.
        let pending = BatchChannel<StoredOutcome>(capacity: 1)
        let writer = BackgroundWork("collect: write") { [storing = options.storing] in
            try CrawlWriter(store: store, retry: storing, stop: stop, logger: logger).drain(pending)
        }
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
            // The collector is ending on an error (rejected credentials): queued crawls get the
            // bounded last try of a stop instead of waiting for a locked database indefinitely.
            stop.stop()
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

    var isComplete: Bool {
        if case .complete = self { return true }
        return false
    }

    var summary: String {
        switch self {
        case .complete(let crawl, _): return "crawl at \(Timestamp.format(crawl.time)) (\(crawl.observations.count) streams)"
        case .failed(_, _, let time): return "failed crawl record at \(Timestamp.format(time))"
        }
    }
}

/// Thrown only if the writer stopped without an error of its own, which `drain` never does.
private struct CollectWriteAbandoned: Error {}

/// Writes crawl outcomes in the order they arrive: a complete crawl in one transaction, a failed
/// one as a record with its reason. While the database is locked, outcomes wait in a bounded
/// queue and the first is tried again with backoff.
private final class CrawlWriter {
    let store: Store
    let retry: StoreRetry
    let stop: StopFlag
    let logger: Logger
    let cache = ObservationWriter.Cache()
    private var queue: [StoredOutcome] = []
    /// When the first write of the current locked spell failed, and how many tries failed since.
    private var lockedSince: DispatchTime?
    private var failedTries = 0

    init(store: Store, retry: StoreRetry, stop: StopFlag, logger: Logger) {
        self.store = store
        self.retry = retry
        self.stop = stop
        self.logger = logger
    }

    func drain(_ pending: BatchChannel<StoredOutcome>) throws {
        var backoff = retry.firstBackoff
        while true {
            if queue.isEmpty {
                guard let next = pending.receive() else { return }
                queue.append(next)
            }
            // Outcomes finished meanwhile join the queue while it has room; once it is full the
            // collector's next hand-over blocks, and crawling pauses.
            while queue.count < retry.queueCapacity, let next = pending.tryReceive() { queue.append(next) }
            if stop.isStopped && lockedSince != nil { return try lastTry(pending) }
            do {
                try write(queue[0])
                queue.removeFirst()
                backoff = retry.firstBackoff
                if let since = lockedSince, queue.isEmpty {
                    logger.notice(
                        "database writable again: every queued crawl written after \(Self.seconds(since: since)) s",
                        metadata: ["failed_tries": "\(failedTries)"])
                    lockedSince = nil
                    failedTries = 0
                }
            } catch where Store.isLockTimeout(error) {
                lockedSince = lockedSince ?? DispatchTime.now()
                failedTries += 1
                let full = queue.count >= retry.queueCapacity
                logger.warning(
                    "database is locked (another process held the write lock for \(retry.lockWait) s): \(queue[0].summary) kept in memory, \(queue.count) waiting to be written, next try in \(backoff) s\(full ? "; the queue is full, crawling pauses until the database takes a crawl" : "")",
                    metadata: ["queued": "\(queue.count)", "capacity": "\(retry.queueCapacity)", "retry_s": "\(backoff)"])
                stop.sleep(Millis(backoff * 1000))
                backoff = min(backoff * 2, retry.maxBackoff)
            } catch {
                pending.cancel()
                throw error
            }
        }
    }

    /// Stopping while the database is locked: the outcomes still handed over join the queue,
    /// and each gets one more try within `finalLockWait`; what does not make it is reported lost.
    private func lastTry(_ pending: BatchChannel<StoredOutcome>) throws {
        // The collector stops at its next check; the channel closes once it has.
        while let next = pending.receive() { queue.append(next) }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, retry.finalLockWait) * 1e9)
        while let outcome = queue.first {
            let left = Double(Int64(deadline) - Int64(DispatchTime.now().uptimeNanoseconds)) / 1e9
            guard left > 0 else { break }
            do {
                try write(outcome, lockWait: left)
                queue.removeFirst()
            } catch where Store.isLockTimeout(error) {
                break
            }
        }
        if queue.isEmpty {
            logger.notice("stopping: every queued crawl was written")
            return
        }
        let complete = queue.filter(\.isComplete).count
        logger.error(
            "stopping: the database stayed locked; \(complete) complete crawls and \(queue.count - complete) failed-crawl records could not be written and are lost",
            metadata: ["lost_crawls": "\(complete)", "lost_failures": "\(queue.count - complete)"])
    }

    private func write(_ outcome: StoredOutcome, lockWait: Double? = nil) throws {
        switch outcome {
        case .complete(let crawl, let stats):
            let writer = try store.write(waitingAtMost: lockWait) { db in
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
            try store.write(waitingAtMost: lockWait) { db in
                try Store.recordFailedCrawl(
                    db, time: time, pages: stats.pages, durationMs: stats.durationMillis, reason: failure.description)
            }
        }
    }

    private static func seconds(since start: DispatchTime) -> String {
        String(format: "%.1f", Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }
}

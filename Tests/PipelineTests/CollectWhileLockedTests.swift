import Foundation
import Helix
import Logging
import Model
import Pipeline
import Simulator
import Store
import TestSupport
import Testing

/// The collector keeps complete crawls it cannot store while another process holds the write lock,
/// and writes them once it can; a real second connection holds the lock (`BEGIN IMMEDIATE`)
/// longer than the collector's short busy timeout.
@Suite struct CollectWhileLockedTests {
    static let retry = StoreRetry(lockWait: 0.05, queueCapacity: 2, firstBackoff: 0.02, maxBackoff: 0.1, finalLockWait: 0.2)

    /// A running collector against a simulator whose clock only moves when the collector waits.
    final class Running: @unchecked Sendable {
        let scratch: ScratchFolder
        let db: String
        let stop = StopFlag()
        let log = LogLines()
        let simulator: RunningSimulator
        let collecting: BackgroundWork<Collector.Summary>

        init(retry: StoreRetry) async throws {
            scratch = try ScratchFolder()
            db = scratch.path("db.sqlite")
            var config = SimulatorConfig()
            config.streams = 30
            config.speed = nil
            config.start = 1_772_841_600_000
            simulator = try await SimulatorServer.start(config)
            let clock = simulator.clock
            let options = CollectOptions(
                databasePath: db, intervalSeconds: 300, endpoints: HelixEndpoints(baseURL: simulator.rootURL), storing: retry)
            let (stop, logger) = (stop, log.logger())
            collecting = BackgroundWork("test: collect") {
                try CollectJob.run(
                    options, credentials: Credentials(clientID: "a", clientSecret: "b"), stop: stop,
                    now: clock.nowFunction, sleep: { clock.advance(by: $0) }, logger: logger)
            }
        }

        func storedCrawls() throws -> Int { try Store(path: db).counts().crawls }

        /// Complete crawls the collector finished, by its log.
        func finishedCrawls() -> Int { log.lines.filter { $0.hasPrefix("info crawl ") && $0.contains("streams in") }.count }

        func finish() async throws -> Collector.Summary {
            stop.stop()
            let summary = try await onDedicatedThread { [collecting] in try collecting.value() }
            await simulator.stop()
            return summary
        }
    }

    @Test func aLockedDatabaseQueuesCrawlsPausesCrawlingWhenFullAndLosesNone() async throws {
        let run = try await Running(retry: Self.retry)
        try await until { try run.storedCrawls() >= 1 }
        let lock = try LockHolder(path: run.db)
        let storedBefore = try run.storedCrawls()
        // Two tries failed with a full queue: the crawler has been held up since the first.
        try await until { run.log.lines.filter { $0.contains("the queue is full, crawling pauses") }.count >= 2 }
        let finishedWhileLocked = run.finishedCrawls()
        #expect(try run.storedCrawls() == storedBefore)
        // Queued, one being handed over, and the one whose hand-over waits: no more.
        #expect(finishedWhileLocked - storedBefore <= Self.retry.queueCapacity + 2)
        #expect(run.log.lines.contains { $0.hasPrefix("warning database is locked") && $0.contains("kept in memory") })

        try lock.release()
        try await until { run.log.lines.contains { $0.contains("database writable again") } }
        let summary = try await run.finish()
        #expect(try run.storedCrawls() == summary.complete)
        #expect(summary.complete >= finishedWhileLocked)
        #expect(!run.log.lines.contains { $0.contains("are lost") })
    }

    @Test func stoppingWhileLockedTriesOnceMoreThenSaysHowManyCrawlsAreLost() async throws {
        let run = try await Running(retry: Self.retry)
        try await until { try run.storedCrawls() >= 1 }
        let lock = try LockHolder(path: run.db)
        try await until { run.log.lines.contains { $0.contains("the queue is full") } }
        let summary = try await run.finish()
        try lock.release()
        let lost = try #require(run.log.lines.first { $0.contains("are lost") })
        #expect(lost.hasPrefix("error stopping: the database stayed locked"))
        let stored = try run.storedCrawls()
        #expect(lost.contains("\(summary.complete - stored) complete crawls"))
        #expect(summary.complete - stored >= Self.retry.queueCapacity)
    }

    @Test func stoppingWithCrawlsQueuedWritesThemOnceTheLockIsFree() async throws {
        let run = try await Running(retry: Self.retry)
        try await until { try run.storedCrawls() >= 1 }
        let lock = try LockHolder(path: run.db)
        try await until { run.log.lines.contains { $0.contains("kept in memory") } }
        try lock.release()
        let summary = try await run.finish()
        #expect(try run.storedCrawls() == summary.complete)
        #expect(!run.log.lines.contains { $0.contains("are lost") })
    }
}

/// Another process's write transaction (`BEGIN IMMEDIATE`), held until released.
final class LockHolder: @unchecked Sendable {
    private let acquired = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let holding: BackgroundWork<Void>

    init(path: String) throws {
        let (acquired, released) = (acquired, released)
        holding = BackgroundWork("test: hold the write lock") {
            try Store(path: path).write { _ in
                acquired.signal()
                released.wait()
            }
        }
        acquired.wait()
    }

    func release() throws {
        released.signal()
        try holding.value()
    }
}

/// Log lines as `level message metadata`, from any thread.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    func logger() -> Logger {
        var logger = Logger(label: "twitch-stats.test") { _ in Handler(lines: self) }
        logger.logLevel = .debug
        return logger
    }

    struct Handler: LogHandler {
        let lines: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            lines.lock.withLock { lines.stored.append("\(event.level) \(event.message)") }
        }
    }
}

/// Waits until `condition` holds, checking every few milliseconds; fails after a minute, which
/// only a hang reaches.
func until(_ condition: () throws -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = Date().addingTimeInterval(60)
    while try !condition() {
        guard Date() < deadline else {
            Issue.record("condition never held", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        try await Task.sleep(nanoseconds: 5_000_000)
    }
}

import Foundation
import Helix
import Logging
import Model

/// A clock that moves only when told to.
final class VirtualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Millis

    init(start: Millis = 1_772_906_400_000) { t = start }

    func now() -> Millis { lock.withLock { t } }
    func advance(_ millis: Millis) { lock.withLock { t += millis } }
}

/// Records waits and moves the virtual clock instead of sleeping.
final class RecordingSleeper: @unchecked Sendable {
    private let lock = NSLock()
    private var _waits: [Millis] = []
    let clock: VirtualClock

    init(clock: VirtualClock) { self.clock = clock }

    var waits: [Millis] { lock.withLock { _waits } }

    func sleep(_ millis: Millis) {
        lock.withLock { _waits.append(millis) }
        clock.advance(millis)
    }
}

/// Keeps every log line, rendered with its metadata.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []

    var lines: [String] { lock.withLock { _lines } }
    func append(_ line: String) { lock.withLock { _lines.append(line) } }

    func logger() -> Logger {
        var logger = Logger(label: "twitch-stats.collect") { label in CapturingHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let m = event.metadata { all.merge(m) { $1 } }
        capture.append("\(event.level) \(event.message) \(all)")
    }
}

/// Runs blocking work (libcurl) on a thread of its own, so neither the cooperative pool (which
/// runs the FlyingFox servers) nor Dispatch's few global threads are held up by it.
func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

let testSecret = "very-secret-value-123"
let testCredentials = Credentials(clientID: "test-client-id", clientSecret: testSecret)

/// A crawler wired to a scripted server, virtual clock and recording sleeper, with small timeouts.
struct Harness: Sendable {
    let server: ScriptedHelix
    let clock: VirtualClock
    let sleeper: RecordingSleeper
    let logs = LogCapture()
    let stop = StopFlag()

    init(pages: [[String]], lastPage: ScriptedHelix.LastPage = .noCursor) {
        clock = VirtualClock()
        sleeper = RecordingSleeper(clock: clock)
        server = ScriptedHelix(pages: pages, lastPage: lastPage, clock: clock)
    }

    func makeCrawler(
        options: CrawlOptions = CrawlOptions(), totalTimeout: Millis = 2_000,
        maxBodyBytes: Int = HTTPClient.defaultMaxBodyBytes
    ) throws -> StreamsCrawler {
        let clock = self.clock
        let sleeper = self.sleeper
        return try StreamsCrawler(
            credentials: testCredentials, endpoints: server.endpoints, options: options,
            http: HTTPClient.Configuration(connectTimeout: 1_000, totalTimeout: totalTimeout, maxBodyBytes: maxBodyBytes),
            stop: stop, now: { clock.now() }, sleep: { sleeper.sleep($0) }, logger: logs.logger())
    }

    /// Starts the server, runs one crawl off the cooperative pool, stops the server.
    func crawl(
        options: CrawlOptions = CrawlOptions(), totalTimeout: Millis = 2_000,
        maxBodyBytes: Int = HTTPClient.defaultMaxBodyBytes
    ) async throws -> CrawlOutcome {
        try await crawlKeepingCrawler(options: options, totalTimeout: totalTimeout, maxBodyBytes: maxBodyBytes).outcome
    }

    /// Like `crawl`, and hands back the crawler too (its token provider, say).
    func crawlKeepingCrawler(
        options: CrawlOptions = CrawlOptions(), totalTimeout: Millis = 2_000,
        maxBodyBytes: Int = HTTPClient.defaultMaxBodyBytes
    ) async throws -> (outcome: CrawlOutcome, crawler: UncheckedBox<StreamsCrawler>) {
        try await server.start()
        let result = await Result { try await offThread { [self] in
            let crawler = try makeCrawler(options: options, totalTimeout: totalTimeout, maxBodyBytes: maxBodyBytes)
            return (crawler.crawl(), UncheckedBox(crawler))
        } }
        await server.stop()
        return try result.get()
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

/// Carries a non-Sendable value out of `offThread` to a test that uses it from one thread at a time.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

import Logging
import Model

/// What to crawl and how hard to try.
public struct CrawlOptions: Sendable {
    /// `first`: 100 is the most Twitch allows.
    public var pageSize: Int
    /// `language` filters, sent as repeated parameters; empty for all.
    public var languages: [String]
    /// `game_id` filters, sent as repeated parameters; empty for all.
    public var gameIDs: [String]
    public var retry: RetryPolicy
    /// A crawl that has not ended after this many pages fails (the list is ~1,000–1,250 pages).
    public var maxPages: Int

    public init(
        pageSize: Int = 100, languages: [String] = [], gameIDs: [String] = [],
        retry: RetryPolicy = RetryPolicy(), maxPages: Int = 5_000
    ) {
        self.pageSize = pageSize
        self.languages = languages
        self.gameIDs = gameIDs
        self.retry = retry
        self.maxPages = maxPages
    }
}

/// Crawls Get Streams from the first page to the end of the list, within the rate limit.
///
/// One crawl follows `pagination.cursor` until a page has no cursor, a page is empty, or a page
/// brings back only streams already seen (the last page's cursor loops to page 1). A failing page
/// is retried in place (backoff with jitter for faults, the reset time for 429s, a new token for
/// 401s); the crawl is never restarted. Each observation's `observedAt` is when its page's
/// response arrived; the crawl's time is when its first request was sent.
public final class StreamsCrawler {
    public typealias Sleep = @Sendable (Millis) -> Void

    public let options: CrawlOptions
    public let tokens: AppTokenProvider
    private let client: HTTPClient
    private let endpoints: HelixEndpoints
    private let stop: StopFlag
    private let now: @Sendable () -> Millis
    private let sleep: Sleep
    private let logger: Logger
    private let progress: CrawlProgressReporting?
    private var pacer = RatePacer()
    private var crawlsStarted = 0
    /// Room reserved for a crawl's streams: Twitch's size at first, then the last crawl's plus a
    /// quarter, so a small list (a filtered crawl, the demo) does not allocate and free tens of
    /// megabytes every crawl.
    private var expectedStreams = 131_072

    /// - Parameters:
    ///   - now: the clock for crawl times and `observedAt` (the demo passes its virtual clock).
    ///   - sleep: how to wait; defaults to a real sleep that wakes early when `stop` is set.
    public init(
        credentials: Credentials, endpoints: HelixEndpoints = .twitch, options: CrawlOptions = CrawlOptions(),
        http: HTTPClient.Configuration = HTTPClient.Configuration(), stop: StopFlag = StopFlag(),
        now: @escaping @Sendable () -> Millis = Clock.nowMillis, sleep: Sleep? = nil,
        logger: Logger = Logger(label: "twitch-stats.collect"), progress: CrawlProgressReporting? = nil
    ) throws {
        let client = try HTTPClient(configuration: http, shouldAbort: { stop.isStopped })
        self.client = client
        self.tokens = AppTokenProvider(
            credentials: credentials, endpoints: endpoints, client: client, now: now, logger: logger)
        self.endpoints = endpoints
        self.options = options
        self.stop = stop
        self.now = now
        self.sleep = sleep ?? { stop.sleep($0) }
        self.logger = logger
        self.progress = progress
    }

    /// Runs one crawl to its end, its failure, or a stop.
    public func crawl() -> CrawlOutcome {
        crawlsStarted += 1
        var run = CrawlRun(stats: CrawlStats(number: crawlsStarted), calledAt: now())
        let outcome = crawl(&run)
        progress?.clear()
        log(outcome)
        return outcome
    }

    private func crawl(_ run: inout CrawlRun) -> CrawlOutcome {
        var cursor: String? = nil
        var seen = Set<String>(minimumCapacity: expectedStreams)
        var observations: [Observation] = []
        observations.reserveCapacity(expectedStreams)
        var keptPages = 0
        var previousLastViewers: Int? = nil

        while true {
            if stop.isStopped { return .cancelled(run.finished(at: now())) }
            if run.stats.pages >= options.maxPages {
                return .failed(.noEndOfList(pages: run.stats.pages), run.finished(at: now()))
            }
            let page: StreamsPage
            switch fetchPage(after: cursor, run: &run) {
            case .page(let p): page = p
            case .stopped: return .cancelled(run.finished(at: now()))
            case .failed(let failure): return .failed(failure, run.finished(at: now()))
            }
            run.stats.pages += 1
            run.stats.skippedStreams += page.skippedStreams

            if page.observations.isEmpty && page.skippedStreams == 0 {
                return complete(&run, .emptyPage, observations, keptPages)
            }
            if Self.loopsBack(page, seen: seen, previousLastViewers: previousLastViewers) {
                return complete(&run, .loopedBack, observations, keptPages)
            }
            for o in page.observations { seen.insert(o.streamID) }
            observations.append(contentsOf: page.observations)
            keptPages += 1
            previousLastViewers = page.observations.last?.viewerCount ?? previousLastViewers
            progress?.update(CrawlProgress(
                crawl: run.stats.number, pages: run.stats.pages, streams: observations.count,
                retries: run.stats.retries))

            guard let next = page.cursor else { return complete(&run, .noCursor, observations, keptPages) }
            cursor = next
        }
    }

    private func complete(
        _ run: inout CrawlRun, _ end: CrawlEnd, _ observations: [Observation], _ pages: Int
    ) -> CrawlOutcome {
        run.stats.end = end
        run.stats.streams = observations.count
        expectedStreams = max(1_024, observations.count + observations.count / 4)
        let stats = run.finished(at: now())
        return .complete(Crawl(time: stats.startedAt ?? run.calledAt, pages: pages, observations: observations), stats)
    }

    /// True when `page` is the list starting over: every stream on it was already seen, or most
    /// were and viewer counts jumped back up from the tail (new streams can make a looped page 1
    /// not quite identical to the first one).
    static func loopsBack(_ page: StreamsPage, seen: Set<String>, previousLastViewers: Int?) -> Bool {
        guard !seen.isEmpty, !page.observations.isEmpty else { return false }
        let seenCount = page.observations.reduce(0) { $0 + (seen.contains($1.streamID) ? 1 : 0) }
        if seenCount == page.observations.count { return true }
        guard let previousLastViewers, let firstViewers = page.observations.first?.viewerCount else { return false }
        // Counts are the server's word and may be any Int: clamped so that the arithmetic below
        // cannot overflow.
        let plausible = 0...(Int(Int32.max))
        let tail = previousLastViewers.clamped(to: plausible)
        let first = firstViewers.clamped(to: plausible)
        let jumped = first > max(tail * 2, tail + 100)
        return jumped && seenCount * 2 >= page.observations.count
    }

    // MARK: One page, retried in place

    private enum PageResult {
        case page(StreamsPage)
        case stopped
        case failed(CrawlFailure)
    }

    private func fetchPage(after cursor: String?, run: inout CrawlRun) -> PageResult {
        let pageNumber = run.stats.pages + 1
        let url = pageURL(after: cursor)
        var failures = 0
        var rateLimited = 0
        var unauthorized = 0

        while true {
            let pace = pacer.delayBeforeNextRequest(at: now())
            if pace > 0 {
                run.stats.rateLimitWaits += 1
                guard wait(pace, run: &run) else { return .stopped }
            }
            if stop.isStopped { return .stopped }

            let fault: PageFault
            var failedAnswer: HTTPResponse? = nil
            attempt: do {
                let token: AccessToken
                do {
                    token = try tokens.token()
                } catch {
                    if error.isPermanent { return .failed(.credentialsRejected(error)) }
                    fault = .token(error)
                    break attempt
                }
                if run.stats.startedAt == nil { run.stats.startedAt = now() }
                run.stats.requests += 1
                let response: HTTPResponse
                do {
                    response = try client.get(url, headers: [
                        "Authorization": "Bearer \(token.value)", "Client-Id": tokens.credentials.clientID,
                    ])
                } catch HTTPError.aborted {
                    return .stopped
                } catch let error as HTTPError {
                    fault = .transport(error)
                    break attempt
                } catch {
                    fault = .transport(.transfer(code: -1, message: String(describing: error)))
                    break attempt
                }
                let arrived = now()
                pacer.record(response)

                switch response.status {
                case 200:
                    do {
                        return .page(try StreamsPage.parse(response.body, observedAt: arrived))
                    } catch {
                        fault = .malformed(error)
                    }
                case 401:
                    tokens.invalidate()
                    unauthorized += 1
                    // The first 401 means the token expired or was revoked: retry at once with a
                    // new one. A 401 with a fresh token is a fault like any other.
                    if unauthorized == 1 {
                        run.stats.retries += 1
                        warn("token rejected; retrying with a new token", page: pageNumber, run: run)
                        continue
                    }
                    fault = .unauthorized
                case 429:
                    rateLimited += 1
                    guard rateLimited < options.retry.maxRateLimitedTries else {
                        return .failed(.pageFailed(page: pageNumber, tries: rateLimited, lastFault: .rateLimited))
                    }
                    let delay = pacer.delayAfterRateLimited(response, at: arrived, policy: options.retry)
                    run.stats.retries += 1
                    run.stats.rateLimitWaits += 1
                    warn("rate limited; waiting for the bucket", page: pageNumber, run: run, extra: [
                        "wait_ms": "\(delay)",
                    ])
                    guard wait(delay, run: &run) else { return .stopped }
                    continue
                case 400, 408, 425, 500...599:
                    fault = .status(response.status)
                    failedAnswer = response
                default:
                    return .failed(.requestRejected(page: pageNumber, status: response.status))
                }
            }

            failures += 1
            guard failures < options.retry.maxTries else {
                return .failed(.pageFailed(page: pageNumber, tries: failures, lastFault: fault))
            }
            let delay = options.retry.delay(afterFailures: failures, answer: failedAnswer)
            run.stats.retries += 1
            warn("page failed; retrying", page: pageNumber, run: run, extra: [
                "fault": "\(fault)", "try": "\(failures)", "wait_ms": "\(delay)",
            ])
            guard wait(delay, run: &run) else { return .stopped }
        }
    }

    private func pageURL(after cursor: String?) -> String {
        var query: [(String, String)] = [("first", String(options.pageSize))]
        for language in options.languages { query.append(("language", language)) }
        for game in options.gameIDs { query.append(("game_id", game)) }
        if let cursor { query.append(("after", cursor)) }
        return endpoints.streamsURL + "?" + FormEncoding.encode(query)
    }

    /// Waits `millis`; false when the stop flag was set meanwhile.
    private func wait(_ millis: Millis, run: inout CrawlRun) -> Bool {
        run.stats.waitedMillis += millis
        sleep(millis)
        return !stop.isStopped
    }

    // MARK: Logging

    private func warn(_ message: Logger.Message, page: Int, run: CrawlRun, extra: Logger.Metadata = [:]) {
        progress?.clear()
        var metadata: Logger.Metadata = ["crawl": "\(run.stats.number)", "page": "\(page)"]
        metadata.merge(extra) { $1 }
        logger.warning(message, metadata: metadata)
    }

    private func log(_ outcome: CrawlOutcome) {
        let s = outcome.stats
        var metadata: Logger.Metadata = [
            "crawl": "\(s.number)", "pages": "\(s.pages)", "streams": "\(s.streams)",
            "duration_ms": "\(s.durationMillis)", "requests": "\(s.requests)", "retries": "\(s.retries)",
            "waits": "\(s.rateLimitWaits)", "waited_ms": "\(s.waitedMillis)",
        ]
        if s.skippedStreams > 0 { metadata["skipped_streams"] = "\(s.skippedStreams)" }
        switch outcome {
        case .complete:
            metadata["end"] = "\(s.end?.rawValue ?? "")"
            logger.info(
                "crawl \(s.number): \(s.pages) pages, \(s.streams) streams in \(Self.seconds(s.durationMillis)) s, \(s.retries) retries, \(s.rateLimitWaits) waits",
                metadata: metadata)
        case .failed(let failure, _):
            metadata["reason"] = "\(failure)"
            logger.error("crawl \(s.number) failed: \(failure)", metadata: metadata)
        case .cancelled:
            logger.notice("crawl \(s.number) stopped after \(s.pages) pages; discarded", metadata: metadata)
        }
    }

    private static func seconds(_ millis: Millis) -> String {
        let tenths = (millis + 50) / 100
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// The running state of one crawl.
private struct CrawlRun {
    var stats: CrawlStats
    let calledAt: Millis

    mutating func finished(at t: Millis) -> CrawlStats {
        stats.durationMillis = t - (stats.startedAt ?? calledAt)
        return stats
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}

import Model

/// Counts for one crawl, complete or not; logged and handed to whoever stores the crawl.
public struct CrawlStats: Sendable, Equatable {
    /// Crawl number within this collector run, from 1.
    public var number: Int
    /// When the first Get Streams request was sent; nil if none was.
    public var startedAt: Millis?
    /// Pages received (the closing empty or looped page included).
    public var pages = 0
    /// Observations kept.
    public var streams = 0
    /// Get Streams requests sent, retries included.
    public var requests = 0
    /// Attempts repeated after a fault, a 401 or a 429.
    public var retries = 0
    /// Pauses for the rate limit (pacing and 429s).
    public var rateLimitWaits = 0
    /// Time spent in all waits: pacing, 429s and backoff.
    public var waitedMillis: Millis = 0
    public var durationMillis: Millis = 0
    /// Stream objects dropped for a missing id or started_at.
    public var skippedStreams = 0
    /// How the list ended.
    public var end: CrawlEnd?

    public init(number: Int) { self.number = number }
}

/// Which end-of-list rule closed a complete crawl.
public enum CrawlEnd: String, Sendable {
    /// The page carried no cursor.
    case noCursor = "no-cursor"
    /// A cursor led to `"data": []`.
    case emptyPage = "empty-page"
    /// A cursor led back to streams already seen in this crawl (the last page's cursor loops to page 1).
    case loopedBack = "looped-back"
}

/// The result of one crawl. Only `.complete` carries observations: a crawl that failed or was
/// stopped part way is never passed on as if it were whole.
public enum CrawlOutcome: Sendable {
    case complete(Crawl, CrawlStats)
    case failed(CrawlFailure, CrawlStats)
    case cancelled(CrawlStats)

    public var stats: CrawlStats {
        switch self {
        case .complete(_, let s), .failed(_, let s), .cancelled(let s): s
        }
    }
}

/// Why a crawl failed.
public enum CrawlFailure: Error, Sendable, CustomStringConvertible {
    /// A page kept failing through every retry; `lastFault` is the final attempt's.
    case pageFailed(page: Int, tries: Int, lastFault: PageFault)
    /// The API answered with a status that retrying cannot fix (403, 404, …).
    case requestRejected(page: Int, status: Int)
    /// The token endpoint refused the credentials; nothing will work until they are fixed.
    case credentialsRejected(AuthError)
    /// More pages than any real list has; the end-of-list rules never fired.
    case noEndOfList(pages: Int)
    /// The crawl's own time breaks the plausibility rules (this machine's clock is wrong): storing
    /// it would date a crawl before Twitch existed, or in the future.
    case implausibleCrawlTime(Plausibility.Violation)

    /// True when trying again later cannot succeed without a person fixing something.
    public var isPermanent: Bool {
        if case .credentialsRejected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .pageFailed(let page, let tries, let fault):
            "page \(page) failed after \(tries) tries: \(fault)"
        case .requestRejected(let page, let status):
            "page \(page) rejected with status \(status)"
        case .credentialsRejected(let error):
            error.description
        case .noEndOfList(let pages):
            "no end of the list after \(pages) pages"
        case .implausibleCrawlTime(let violation):
            "crawl time \(violation.reason); check this machine's clock"
        }
    }
}

/// What went wrong with one attempt at a page.
public enum PageFault: Sendable, CustomStringConvertible {
    case transport(HTTPError)
    case status(Int)
    case malformed(MalformedPage)
    case unauthorized
    case rateLimited
    case token(AuthError)

    public var description: String {
        switch self {
        case .transport(let e): e.description
        case .status(400): "status 400 (invalid cursor)"
        case .status(let s): "status \(s)"
        case .malformed(let m): m.description
        case .unauthorized: "status 401 with a fresh token"
        case .rateLimited: "status 429 (rate limited)"
        case .token(let e): e.description
        }
    }
}

/// Where a crawl has got to, for a progress line.
public struct CrawlProgress: Sendable {
    public var crawl: Int
    public var pages: Int
    public var streams: Int
    public var retries: Int

    public init(crawl: Int, pages: Int, streams: Int, retries: Int) {
        self.crawl = crawl
        self.pages = pages
        self.streams = streams
        self.retries = retries
    }
}

/// Receives progress while a crawl runs (a terminal progress line, say).
public protocol CrawlProgressReporting: AnyObject {
    func update(_ progress: CrawlProgress)
    /// Removes any partial line before a log line is written or the crawl ends.
    func clear()
}

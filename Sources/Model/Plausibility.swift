/// Which observations are plausible (METRICS.md §1): no real crawl produces anything else, and
/// one such row could rewrite history — a crawl dated in the future becomes the newest and prunes
/// the real data, a stream "started" in year 1 adds two thousand years of air time, a viewer count
/// near Int64's limit overflows the first sum it enters. Import and collect apply the same rules.
///
/// The bounds are also what keeps the sums downstream in range (docs/metrics.md, "Bounds").
public struct Plausibility: Sendable {
    /// 2011-06-01T00:00:00Z, just before Twitch launched: no crawl can be earlier.
    public static let earliestCrawlTime: Millis = 1_306_886_400_000
    /// How far past the storing machine's clock a crawl time may be (a little skew is normal).
    public static let clockTolerance: Millis = 10 * 60_000
    /// How long before its crawl time a stream may have started.
    public static let longestStreamAge: Millis = 7 * 86_400_000
    /// How long after its crawl time a stream may have started (clock skew between Twitch and us).
    public static let startSkewTolerance: Millis = 10 * 60_000
    /// The highest viewer count accepted (the single-stream record is under 4 million).
    public static let maxViewerCount = 50_000_000

    /// The latest crawl time accepted: the storing machine's clock plus the tolerance.
    public let latestCrawlTime: Millis

    /// The rules as they stand at `now`, the storing machine's clock (injected by tests).
    public init(now: Millis) {
        latestCrawlTime = now + Self.clockTolerance
    }

    /// The rules at this moment's wall-clock time.
    public init() {
        self.init(now: Clock.nowMillis())
    }

    /// The first rule an observation breaks, or nil when it is plausible. Checked in the order
    /// crawl time, started_at, viewer_count.
    public func violation(crawlTime: Millis, startedAt: Millis, viewerCount: Int) -> Violation? {
        if let v = crawlTimeViolation(crawlTime) { return v }
        if let v = startedAtViolation(startedAt, crawlTime: crawlTime) { return v }
        return Self.viewerCountViolation(viewerCount)
    }

    public func crawlTimeViolation(_ crawlTime: Millis) -> Violation? {
        if crawlTime < Self.earliestCrawlTime {
            return Violation(field: .crawlTime, reason: "\(Timestamp.format(crawlTime)) is before 2011-06-01, earlier than any Twitch crawl")
        }
        if crawlTime > latestCrawlTime {
            return Violation(
                field: .crawlTime,
                reason: "\(Timestamp.format(crawlTime)) is more than 10 minutes past this machine's clock (\(Timestamp.format(latestCrawlTime - Self.clockTolerance)))")
        }
        return nil
    }

    public func startedAtViolation(_ startedAt: Millis, crawlTime: Millis) -> Violation? {
        if startedAt < crawlTime - Self.longestStreamAge {
            return Violation(
                field: .startedAt,
                reason: "\(Timestamp.format(startedAt)) is more than 7 days before the crawl time \(Timestamp.format(crawlTime))")
        }
        if startedAt > crawlTime + Self.startSkewTolerance {
            return Violation(
                field: .startedAt,
                reason: "\(Timestamp.format(startedAt)) is more than 10 minutes after the crawl time \(Timestamp.format(crawlTime))")
        }
        return nil
    }

    public static func viewerCountViolation(_ viewerCount: Int) -> Violation? {
        if viewerCount < 0 {
            return Violation(field: .viewerCount, reason: "must be a non-negative integer, got \(viewerCount)")
        }
        if viewerCount > maxViewerCount {
            return Violation(field: .viewerCount, reason: "must be at most 50,000,000, got \(viewerCount)")
        }
        return nil
    }

    /// Whether the observation breaks no rule: `violation(…) == nil` without building a message,
    /// for the paths that check every row.
    @inline(__always)
    public func isPlausible(crawlTime: Millis, startedAt: Millis, viewerCount: Int) -> Bool {
        crawlTime >= Self.earliestCrawlTime && crawlTime <= latestCrawlTime
            && startedAt >= crawlTime - Self.longestStreamAge && startedAt <= crawlTime + Self.startSkewTolerance
            && Self.isPlausible(viewerCount: viewerCount)
    }

    /// Whether `viewerCount` lies in 0...50,000,000.
    @inline(__always)
    public static func isPlausible(viewerCount: Int) -> Bool {
        viewerCount >= 0 && viewerCount <= maxViewerCount
    }

    /// A broken rule: which value, and why, in words for a person.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        public enum Field: String, Sendable, CaseIterable {
            /// `last_updated` or `observed_at` in an import; the crawl's start in the collector.
            case crawlTime = "crawl time"
            case startedAt = "started_at"
            case viewerCount = "viewer_count"
        }

        public var field: Field
        public var reason: String

        public var description: String { "\(field.rawValue): \(reason)" }
    }
}

import Model

/// Paces requests by the `Ratelimit-*` headers so that the bucket never runs dry in normal running.
///
/// While more than a tenth of the bucket remains, requests go out back to back. Below that, the
/// remaining points are spread over the time until `Ratelimit-Reset`; since the bucket refills
/// meanwhile, the crawl settles at the refill rate with a reserve left for other work. With no
/// points left it waits for the reset. The refill rate itself is never assumed (documented 800 a
/// minute, measured nearer 600): only the headers count.
///
/// The headers are the server's word and are checked before they are believed: a reset more than
/// `believableResetDistance` from now (years ahead, 1970, Int64's maximum) is unknown, and the
/// remaining points are then spread over `assumedRefillWindow`, so no wait is ever longer than
/// a couple of minutes. A negative or non-numeric value counts as absent.
public struct RatePacer: Sendable {
    /// Twitch's bucket is full again within a minute; a reset further than this from now is
    /// taken as a wrong header (or a wrong clock), not as a reason to wait.
    public static let believableResetDistance: Millis = 120_000
    /// The time over which low remaining points are spread when the reset is unknown: the
    /// bucket's one-minute refill.
    public static let assumedRefillWindow: Millis = 60_000

    public private(set) var limit: Int?
    public private(set) var remaining: Int?
    /// When the bucket is full again, in milliseconds, as the server said it (believed or not).
    public private(set) var resetAt: Millis?

    public init() {}

    /// Takes the bucket's state from a response that carries any `Ratelimit-*` header; one that
    /// carries none (a proxy's error page, say) leaves the last known state.
    public mutating func record(_ response: HTTPResponse) {
        let names = ["Ratelimit-Limit", "Ratelimit-Remaining", "Ratelimit-Reset"]
        guard names.contains(where: { response.header($0) != nil }) else { return }
        limit = response.integerHeader("Ratelimit-Limit").flatMap { $0 > 0 ? Int($0) : nil }
        remaining = response.integerHeader("Ratelimit-Remaining").flatMap { $0 >= 0 ? Int($0) : nil }
        resetAt = Self.resetTime(response)
    }

    /// How long to wait before the next request.
    public func delayBeforeNextRequest(at now: Millis) -> Millis {
        guard let remaining else { return 0 }
        let reserve = max(1, (limit ?? 800) / 10)
        if remaining > reserve { return 0 }
        let window: Millis
        if let untilReset = Self.believableTime(until: resetAt, from: now) {
            guard untilReset > 0 else { return 0 }
            window = untilReset
        } else {
            window = Self.assumedRefillWindow
        }
        return window / Millis(max(remaining, 1))
    }

    /// How long to wait after a 429 carrying `response`'s headers: until a believable reset, else
    /// as long as `Retry-After` asks, else a refill window when the reset is unbelievable, else
    /// the policy's short default (some 429s have nothing to do with the bucket). Never longer
    /// than `policy.maxRateLimitWait`.
    public func delayAfterRateLimited(_ response: HTTPResponse, at now: Millis, policy: RetryPolicy) -> Millis {
        let untilReset = Self.believableTime(until: Self.resetTime(response), from: now)
        if let untilReset, untilReset > 0 {
            // Reset has whole-second resolution; a little slack avoids arriving a moment early.
            return min(untilReset + 250, policy.maxRateLimitWait)
        }
        if let asked = response.retryAfter(cappedAt: policy.maxRateLimitWait) {
            return max(asked, policy.rateLimitedDefaultWait)
        }
        if untilReset == nil && response.header("Ratelimit-Reset") != nil {
            return min(Self.assumedRefillWindow, policy.maxRateLimitWait)
        }
        return policy.rateLimitedDefaultWait
    }

    /// `Ratelimit-Reset` in milliseconds; nil when absent, negative or too large to convert.
    static func resetTime(_ response: HTTPResponse) -> Millis? {
        guard let seconds = response.integerHeader("Ratelimit-Reset"), seconds >= 0, seconds <= Millis.max / 1000
        else { return nil }
        return seconds * 1000
    }

    /// The time from `now` to `reset`, when it is within `believableResetDistance` either way.
    static func believableTime(until reset: Millis?, from now: Millis) -> Millis? {
        guard let reset else { return nil }
        let (until, overflow) = reset.subtractingReportingOverflow(now)
        guard !overflow, until.magnitude <= believableResetDistance.magnitude else { return nil }
        return until
    }
}

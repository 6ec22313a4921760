import Model

/// Paces requests by the `Ratelimit-*` headers so that the bucket never runs dry in normal running.
///
/// While more than a tenth of the bucket remains, requests go out back to back. Below that, the
/// remaining points are spread over the time until `Ratelimit-Reset`; since the bucket refills
/// meanwhile, the crawl settles at the refill rate with a reserve left for other work. With no
/// points left it waits for the reset. The refill rate itself is never assumed (documented 800 a
/// minute, measured nearer 600): only the headers count.
public struct RatePacer: Sendable {
    public private(set) var limit: Int?
    public private(set) var remaining: Int?
    /// When the bucket is full again, in milliseconds.
    public private(set) var resetAt: Millis?

    public init() {}

    public mutating func record(_ response: HTTPResponse) {
        if let v = response.header("Ratelimit-Limit").flatMap({ Int($0) }) { limit = v }
        if let v = response.header("Ratelimit-Remaining").flatMap({ Int($0) }) { remaining = v }
        if let v = response.header("Ratelimit-Reset").flatMap({ Int64($0) }) { resetAt = v * 1000 }
    }

    /// How long to wait before the next request.
    public func delayBeforeNextRequest(at now: Millis) -> Millis {
        guard let remaining, let resetAt else { return 0 }
        let untilReset = resetAt - now
        guard untilReset > 0 else { return 0 }
        let reserve = max(1, (limit ?? 800) / 10)
        if remaining > reserve { return 0 }
        return untilReset / Millis(max(remaining, 1))
    }

    /// How long to wait after a 429 carrying `response`'s headers.
    public func delayAfterRateLimited(_ response: HTTPResponse, at now: Millis, policy: RetryPolicy) -> Millis {
        guard let reset = response.header("Ratelimit-Reset").flatMap({ Int64($0) }) else {
            return policy.rateLimitedDefaultWait
        }
        let untilReset = reset * 1000 - now
        // Reset has whole-second resolution; a little slack avoids arriving a moment early.
        guard untilReset > 0 else { return policy.rateLimitedDefaultWait }
        return min(untilReset + 250, policy.maxRateLimitWait)
    }
}

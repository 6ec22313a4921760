import Model

/// How often and how patiently a failing page is retried: exponential backoff with jitter.
public struct RetryPolicy: Sendable {
    /// Attempts per page, the first included.
    public var maxTries: Int
    public var baseDelay: Millis
    public var maxDelay: Millis
    /// 429s tolerated per page; counted apart from faults because waiting them out is normal.
    public var maxRateLimitedTries: Int
    /// Wait after a 429 that carries no usable `Ratelimit-Reset`.
    public var rateLimitedDefaultWait: Millis
    /// Longest single wait after a 429, whatever its headers ask.
    public var maxRateLimitWait: Millis
    /// Longest wait a `Retry-After` on a failed answer (a 503, say) can ask for; backoff still
    /// applies when it asks for less.
    public var maxRetryAfterWait: Millis

    public init(
        maxTries: Int = 8, baseDelay: Millis = 500, maxDelay: Millis = 30_000,
        maxRateLimitedTries: Int = 10, rateLimitedDefaultWait: Millis = 1_000, maxRateLimitWait: Millis = 120_000,
        maxRetryAfterWait: Millis = 120_000
    ) {
        self.maxTries = maxTries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRateLimitedTries = maxRateLimitedTries
        self.rateLimitedDefaultWait = rateLimitedDefaultWait
        self.maxRateLimitWait = maxRateLimitWait
        self.maxRetryAfterWait = maxRetryAfterWait
    }

    /// The wait after the `failures`-th failed attempt: base × 2^(failures−1), capped, then drawn
    /// uniformly from its upper half so that retrying clients spread out.
    public func delay(afterFailures failures: Int) -> Millis {
        let exponent = min(max(failures - 1, 0), 30)
        let full = min(maxDelay, baseDelay << Millis(exponent))
        guard full > 1 else { return max(full, 0) }
        return full / 2 + Millis.random(in: 0...(full - full / 2))
    }

    /// The wait after the `failures`-th failed attempt whose answer was `response`: the backoff,
    /// or longer when the answer's `Retry-After` asks for it (capped at `maxRetryAfterWait`).
    public func delay(afterFailures failures: Int, answer response: HTTPResponse?) -> Millis {
        let backoff = delay(afterFailures: failures)
        guard let asked = response?.retryAfter(cappedAt: maxRetryAfterWait) else { return backoff }
        return max(backoff, asked)
    }
}

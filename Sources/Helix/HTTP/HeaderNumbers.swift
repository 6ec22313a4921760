import Model

extension HTTPResponse {
    /// A header's value as a whole number; nil when absent, or text, a fraction, or beyond 64
    /// bits. Callers still decide which values they believe.
    public func integerHeader(_ name: String) -> Int64? {
        header(name).flatMap { Int64($0) }
    }

    /// `Retry-After` in delay-seconds, capped at `cap`; nil when absent, negative, or an
    /// HTTP-date (neither Twitch nor its front ends send dates on the answers the collector
    /// retries, so a date gets the usual backoff).
    public func retryAfter(cappedAt cap: Millis) -> Millis? {
        guard let seconds = integerHeader("Retry-After"), seconds >= 0 else { return nil }
        // Compared in seconds first, so that multiplying cannot overflow.
        return seconds >= cap / 1000 ? cap : min(seconds * 1000, cap)
    }
}

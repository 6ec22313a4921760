import Model

extension HTTPResponse {
    /// A header's value as a whole number; nil when absent, or text, a fraction, or beyond 64
    /// bits. Callers still decide which values they believe.
    public func integerHeader(_ name: String) -> Int64? {
        header(name).flatMap { Int64($0) }
    }

    /// `Retry-After` in delay-seconds, capped at `cap`; nil when absent, negative, beyond 64 bits
    /// or an HTTP-date (Twitch documents no `Retry-After` at all; where a front end sends a date,
    /// the usual backoff applies).
    public func retryAfter(cappedAt cap: Millis) -> Millis? {
        guard let seconds = integerHeader("Retry-After"), seconds >= 0 else { return nil }
        // Compared in seconds first, so that multiplying cannot overflow.
        return seconds >= cap / 1000 ? cap : min(seconds * 1000, cap)
    }
}

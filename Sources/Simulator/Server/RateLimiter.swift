import Model

/// Helix's token bucket, one per client id: every request costs a point, points come back at a
/// steady rate up to the bucket size.
final class RateLimiter: Sendable {
    struct Decision {
        let allowed: Bool
        let limit: Int
        let remaining: Int
        /// Unix seconds when the bucket is full again.
        let reset: Int64
    }

    private let capacity: Double
    private let perMillisecond: Double
    private let buckets = Locked([String: (points: Double, at: Millis)]())

    init(_ config: SimulatorConfig.RateLimit) {
        capacity = Double(max(1, config.capacity))
        perMillisecond = max(1e-9, config.refillPerMinute / 60_000)
    }

    func take(clientID: String, now: Millis) -> Decision {
        buckets.withLock { buckets in
            var (points, at) = buckets[clientID] ?? (capacity, now)
            points = min(capacity, points + Double(max(0, now - at)) * perMillisecond)
            let allowed = points >= 1
            if allowed { points -= 1 }
            buckets[clientID] = (points, now)
            let untilFull = (capacity - points) / perMillisecond
            let reset = (now + Millis(untilFull.rounded(.up)) + 999) / 1000
            return Decision(allowed: allowed, limit: Int(capacity), remaining: Int(points), reset: reset)
        }
    }
}

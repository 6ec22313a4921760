/// Failures injected on purpose at `faultRate`, decided from the seed and the request's number
/// so a run with the same requests fails the same way.
enum Fault: Equatable {
    /// 500, 502, 503 or 504, with the body each usually has.
    case serverError(Int)
    /// A 429 while the bucket still has points (HELIX.md: some 429s are unrelated to it).
    case unrelatedTooManyRequests
    /// The answer comes only after `slowResponseSeconds`.
    case slow
    /// A valid HTTP response whose JSON stops mid-way.
    case cutJSON
    /// Content-Length promises more bytes than arrive before the connection drops.
    case shortBody

    static func decide(seed: UInt64, rate: Double, request n: UInt64) -> Fault? {
        guard rate > 0, Mix.unit(seed, Salt.faults, n) < rate else { return nil }
        let kind = Mix.unit(seed, Salt.faults, n, 1)
        switch kind {
        case ..<0.30:
            return .serverError([500, 502, 503, 504][Int(Mix.hash(seed, Salt.faults, n, 2) % 4)])
        case ..<0.50: return .unrelatedTooManyRequests
        case ..<0.65: return .slow
        case ..<0.83: return .cutJSON
        default: return .shortBody
        }
    }
}

/// The real API's own misbehaviours (HELIX.md), at the rates in `HelixQuirks`.
enum Quirk: Equatable {
    case serverError, unavailable, invalidCursor

    static func decide(seed: UInt64, quirks q: SimulatorConfig.HelixQuirks, request n: UInt64,
                       followsCursor: Bool) -> Quirk? {
        let u = Mix.unit(seed, Salt.quirks, n)
        var edge = q.serverError
        if u < edge { return .serverError }
        edge += q.unavailable
        if u < edge { return .unavailable }
        guard followsCursor else { return nil }
        edge += q.invalidCursor
        if u < edge { return .invalidCursor }
        return nil
    }

    /// Whether a crawl's last page carries a cursor that leads to an empty page (TI#199, TI#240).
    /// Only at the end: an empty page ends a crawl, so one in the middle would cut every crawl
    /// short, which the real API does not do.
    static func emptyAfterEnd(seed: UInt64, quirks q: SimulatorConfig.HelixQuirks, crawl: UInt64) -> Bool {
        Mix.unit(seed, Salt.quirks, crawl, 0x200F) < q.emptyPageWithCursor
    }

    /// Whether a crawl's last page points back to its first (TI#93).
    static func loopsAtEnd(seed: UInt64, quirks q: SimulatorConfig.HelixQuirks, crawl: UInt64) -> Bool {
        Mix.unit(seed, Salt.quirks, crawl, 0x100F) < q.loopingLastPage
    }
}

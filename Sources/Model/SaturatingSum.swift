/// Arithmetic for the sums whose size no plausibility bound limits: a day's total over any number
/// of streams, a window's over any number of days, a segment's watch time over a stream seen
/// again years later. They stop at Int64's limit instead of trapping. Real data stays far below it
/// (all of Twitch for a year is under 10^17 viewer-milliseconds, a ninetieth of the limit), so
/// only data no real crawl produces ever reaches it, and the build still finishes.
extension Int64 {
    /// `self + other`, held at `Int64.max` / `Int64.min` instead of overflowing.
    @inline(__always)
    public func addingSaturated(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self × other`, held at `Int64.max` / `Int64.min` instead of overflowing.
    @inline(__always)
    public func multipliedSaturated(by other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }
}

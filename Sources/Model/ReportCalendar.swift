import Foundation

/// Days in the report time zone (METRICS.md §3): which day an instant falls in, where a day starts,
/// and how long it really is (82,800 or 90,000 seconds on a daylight-saving change).
///
/// Day boundaries are cached because consolidation asks for them once per interval; not thread-safe.
public final class ReportCalendar {
    public let timeZone: TimeZone
    /// The name as given (Foundation reports "UTC" as "GMT"; the database records what the user said).
    public let identifier: String
    private var bounds: [Int: (start: Millis, end: Millis)] = [:]
    private var lastDay = Int.min
    private var lastStart: Millis = 0
    private var lastEnd: Millis = 0

    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        timeZone = zone
        self.identifier = identifier
    }


    /// The day number (days since 1970-01-01 as a local calendar date) containing instant `t`.
    public func day(containing t: Millis) -> Int {
        if t >= lastStart && t < lastEnd { return lastDay }
        let offset = Millis(timeZone.secondsFromGMT(for: date(t))) * 1000
        let local = t + offset
        var d = Int(local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000)
        // Around a transition the offset at t can place t a day off; settle against real bounds.
        var (s, e) = dayBounds(d)
        if t < s { d -= 1; (s, e) = dayBounds(d) } else if t >= e { d += 1; (s, e) = dayBounds(d) }
        lastDay = d
        lastStart = s
        lastEnd = e
        return d
    }

    /// The first instant of day `d`.
    public func start(ofDay d: Int) -> Millis { dayBounds(d).start }

    /// The first instant after day `d`.
    public func end(ofDay d: Int) -> Millis { dayBounds(d).end }

    /// The real length of day `d` in seconds.
    public func lengthSeconds(ofDay d: Int) -> Int64 {
        let b = dayBounds(d)
        return (b.end - b.start) / 1000
    }

    public func dayBounds(_ d: Int) -> (start: Millis, end: Millis) {
        if let b = bounds[d] { return b }
        let b = (localMidnight(d), localMidnight(d + 1))
        bounds[d] = b
        return b
    }

    private func localMidnight(_ d: Int) -> Millis {
        let wall = Int64(d) * 86_400  // midnight as if the zone were UTC, in seconds
        var u = wall - Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall))))
        u = wall - Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(u))))
        if localDayNumber(u) == d && localDayNumber(u - 1) == d - 1 { return u * 1000 }
        // Midnight does not exist (clocks jump forward at 00:00): the day starts at the jump.
        var probe = u - 86_400
        while let next = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(probe))) {
            let n = Int64(next.timeIntervalSince1970)
            if localDayNumber(n) >= d { return n * 1000 }
            if n <= probe { break }
            probe = n
        }
        return u * 1000
    }

    private func localDayNumber(_ seconds: Int64) -> Int {
        let local = seconds + Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        return Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    private func date(_ t: Millis) -> Date { Date(timeIntervalSince1970: TimeInterval(t) / 1000) }
}

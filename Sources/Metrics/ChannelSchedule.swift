import Foundation
import Model
import Store

/// When a channel streams, over a window of days in the report time zone: hours streamed in each
/// hour of the week, and the median start time and length of its streams.
public struct ChannelSchedule: Sendable {
    /// `hours[weekday][hour]`, Monday first, hours streamed.
    public var hours: [[Double]]
    /// Minutes after local midnight of each stream's start, in start order.
    public var startMinutes: [Int]
    /// Each stream's length (start to last sighting) in milliseconds.
    public var lengthsMs: [Int64]

    public var medianStartMinute: Int? { Self.median(startMinutes.sorted()) }
    public var medianLengthMs: Int64? { Self.median(lengthsMs.sorted()) }

    private static func median<T>(_ sorted: [T]) -> T? { sorted.isEmpty ? nil : sorted[(sorted.count - 1) / 2] }

    /// The schedules of `users` from their segments of the days [from, through].
    public static func load(store: Store, timeZone: TimeZone, users: [String], from: Int, through: Int) throws
        -> [String: ChannelSchedule]
    {
        try store.segments(users: users, fromDay: from, throughDay: through).mapValues { rows in
            compute(rows, timeZone: timeZone)
        }
    }

    static func compute(_ rows: [SegmentRow], timeZone: TimeZone) -> ChannelSchedule {
        var hours = Array(repeating: Array(repeating: 0.0, count: 24), count: 7)
        var streams: [Int64: (start: Millis, last: Millis)] = [:]
        let hourMs: Int64 = 3_600_000
        for row in rows {
            // The segment's air time ends at its last sighting (METRICS.md: each observation stands
            // for the interval before it). The offset at its end holds through it.
            let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(row.lastSeen) / 1000))) * 1000
            var t = row.lastSeen - row.durationMs + offset
            let end = row.lastSeen + offset
            while t < end {
                let next = min(end, (t.floorDiv(hourMs) + 1) * hourMs)
                let day = t.floorDiv(86_400_000)
                let weekday = Int((day + 3).floorMod(7))
                let hour = Int(t.floorMod(86_400_000) / hourMs)
                hours[weekday][hour] += Double(next - t) / Double(hourMs)
                t = next
            }
            let known = streams[row.stream]
            streams[row.stream] = (row.startedAt, max(known?.last ?? row.lastSeen, row.lastSeen))
        }
        let ordered = streams.values.sorted { $0.start < $1.start }
        let startMinutes = ordered.map { s -> Int in
            let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(s.start) / 1000))) * 1000
            return Int((s.start + offset).floorMod(86_400_000) / 60_000)
        }
        return ChannelSchedule(hours: hours, startMinutes: startMinutes, lengthsMs: ordered.map { $0.last - $0.start })
    }
}

extension Int64 {
    fileprivate func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
    fileprivate func floorMod(_ d: Int64) -> Int64 { self - floorDiv(d) * d }
}

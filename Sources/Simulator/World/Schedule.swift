import Foundation

/// One broadcast: a channel live from `start` until `end`, planned for the streamer's local `day`.
struct Broadcast: Sendable {
    let channel: Int32
    let day: Int32
    let start: Int64
    let end: Int64
}

/// Who streams on a given local day and when: each channel's schedule (weekdays, typical start,
/// typical length) bent by per-day chance and jitter. A day's plan is computed once and reused
/// by every snapshot that needs it, so advancing time costs only the days it newly touches.
struct Schedule: Sendable {
    let seed: UInt64
    /// Multiplies every channel's chance of streaming; calibrated so the daily peak matches the
    /// requested number of live streams.
    var activityScale: Double

    static let dayMillis: Int64 = 86_400_000
    /// Chance of streaming on an unscheduled weekday, relative to a scheduled one.
    static let offDayFactor = 0.2

    func plan(day d: Int, population p: ChannelPopulation) -> [Broadcast] {
        var out: [Broadcast] = []
        out.reserveCapacity(p.count / 2)
        // 1970-01-01 was a Thursday; bit 0 of the mask is Monday.
        let weekday = UInt8(((d + 3) % 7 + 7) % 7)
        let dayStart = Int64(d) * Self.dayMillis
        let ud = UInt64(bitPattern: Int64(d))
        for c in 0..<p.count {
            let scheduled = p.weekMask[c] & (1 << weekday) != 0
            let chance = Double(p.activity[c]) * activityScale * (scheduled ? 1 : Self.offDayFactor)
            let uc = UInt64(c)
            guard Mix.unit(seed, Salt.streamsToday, uc, ud) < chance else { continue }
            let jitter = max(-120, min(120, 40 * Mix.normal(seed, Salt.startJitter, uc, ud)))
            let startMinute = Double(p.startMinute[c]) - Double(p.offsetMinutes[c]) + jitter
            let start = dayStart + Int64(startMinute * 60_000)
            let factor = max(0.3, min(1.8, exp(0.35 * Mix.normal(seed, Salt.length, uc, ud))))
            let minutes = max(20, min(16 * 60, Double(p.lengthMinutes[c]) * factor))
            out.append(Broadcast(channel: Int32(c), day: Int32(d), start: start,
                                 end: start + Int64(minutes * 60_000)))
        }
        return out
    }

    /// Local days whose broadcasts can be live at `t`: starts range from 6 h before the day
    /// (early risers east of UTC) to 36 h after it, and a broadcast lasts at most 16 h.
    static func daysTouching(_ t: Int64) -> ClosedRange<Int> {
        let d = Int(floorDiv(t, dayMillis))
        return (d - 2)...(d + 1)
    }
}

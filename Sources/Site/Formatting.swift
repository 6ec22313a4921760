import Charts
import Foundation
import Metrics
import Model

/// How pages write numbers, changes and dates: one place, so every page agrees.
enum Fmt {
    static func count<T: BinaryInteger>(_ n: T) -> String { NumberFormat.grouped(n) }
    /// Whole numbers, with one decimal below 10 so small values do not read as zero.
    static func hours(_ h: Double) -> String { h < 9.95 ? NumberFormat.fixed(h, decimals: 1) : NumberFormat.grouped(h.rounded()) }
    static func viewers(_ v: Double) -> String { hours(v) }
    static func ratio(_ r: Double) -> String { NumberFormat.fixed(r, decimals: 1) }
    static func percent(_ f: Double) -> String { NumberFormat.percent(f) }
    static func compact(_ v: Double) -> String { NumberFormat.compact(v) }

    /// "Sunday, March 8, 2026"
    static func dateLong(_ day: Int) -> String {
        let d = CivilDate(dayNumber: day)
        let weekdays = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        let weekday = weekdays[((day % 7) + 7) % 7]
        return "\(weekday), \(months[d.month - 1]) \(d.day), \(d.year)"
    }

    static func iso(_ day: Int) -> String { CivilDate(dayNumber: day).iso }

    /// "Mar 8"
    static func dayShort(_ day: Int) -> String {
        let d = CivilDate(dayNumber: day)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[d.month - 1]) \(d.day)"
    }

    static func duration(ms: Int64) -> String {
        let minutes = Int((ms + 30_000) / 60_000)
        return minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
    }

    /// A relative change as "+4.2%" / "−3.1%", or nil when there is nothing to compare with.
    static func change(_ now: Double, _ before: Double?) -> (text: String, kind: String)? {
        guard let before, before > 0 else { return nil }
        let f = now / before - 1
        let text = NumberFormat.percent(abs(f))
        if text == NumberFormat.percent(0) { return ("±0%", "") }
        return f > 0 ? ("+" + text, "up") : ("−" + text, "down")
    }

    /// A rank change: "▲3", "▼2", "=" or "new" (previous rank unknown).
    static func rankChange(_ rank: Int, _ previous: Int?) -> (text: String, kind: String) {
        guard let previous else { return ("new", "new") }
        if previous == rank { return ("=", "") }
        return previous > rank ? ("▲\(previous - rank)", "up") : ("▼\(rank - previous)", "down")
    }

    static func gameName(_ id: String, _ name: String) -> String {
        if id.isEmpty { return "No category" }
        return name.isEmpty ? "Game \(id)" : name
    }

    static func language(_ code: String) -> String { code.isEmpty ? "unknown" : code }

    /// A channel's display name, with its login when they differ beyond case.
    static func channelSub(name: String, login: String) -> String? {
        name.lowercased() == login.lowercased() ? nil : login
    }

    static func time(_ t: Millis, _ zone: TimeZone) -> String { TimeFormat.dateClock(t, timeZone: zone) }
    static func clock(_ t: Millis, _ zone: TimeZone) -> String { TimeFormat.clock(t, timeZone: zone) }
}

import Foundation

/// Wall-clock fields of an instant in a time zone, computed with integer civil-date arithmetic
/// so that labels never depend on the process locale or on a platform date formatter.
struct LocalTime: Equatable {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    /// Days since 1970-01-01 as a local calendar date.
    let dayNumber: Int
    /// ISO weekday: 1 is Monday, 7 is Sunday.
    let weekday: Int

    init(millis: Int64, timeZone: TimeZone) {
        let seconds = LocalTime.floorDiv(millis, 1000)
        let wall = seconds + Int64(LocalTime.offset(seconds, timeZone))
        let days = LocalTime.floorDiv(wall, 86_400)
        let secondOfDay = Int(wall - days * 86_400)
        let civil = LocalTime.civil(fromDays: Int(days))
        year = civil.year
        month = civil.month
        day = civil.day
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        dayNumber = Int(days)
        weekday = Int(((days % 7) + 7 + 3) % 7) + 1
    }

    var isMidnight: Bool { hour == 0 && minute == 0 }

    /// The instant (ms) at which local clocks in `timeZone` show `wallSeconds` (seconds since
    /// 1970-01-01 00:00 of the local calendar), or nil when that wall time is skipped by a
    /// daylight-saving jump. A repeated wall time yields one of its instants.
    static func instant(wallSeconds: Int64, timeZone: TimeZone) -> Int64? {
        var utc = wallSeconds - Int64(offset(wallSeconds, timeZone))
        utc = wallSeconds - Int64(offset(utc, timeZone))
        guard utc + Int64(offset(utc, timeZone)) == wallSeconds else { return nil }
        return utc * 1000
    }

    /// Local midnight of day `dayNumber`, or the first instant of that day where midnight is
    /// skipped by a daylight-saving jump.
    static func startOfDay(_ dayNumber: Int, timeZone: TimeZone) -> Int64 {
        let midnight = Int64(dayNumber) * 86_400
        for late in stride(from: Int64(0), through: 7200, by: 900) {
            if let instant = instant(wallSeconds: midnight + late, timeZone: timeZone) { return instant }
        }
        return (midnight - Int64(offset(midnight, timeZone))) * 1000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func offset(_ seconds: Int64, _ timeZone: TimeZone) -> Int {
        // UTC, the default, skips asking ICU, which takes a lock: every label of thousands of
        // pages' charts asks.
        let id = timeZone.identifier
        if id == "UTC" || id == "GMT" { return 0 }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

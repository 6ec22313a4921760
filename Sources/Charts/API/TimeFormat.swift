import Foundation

/// Labels for instants (Unix milliseconds) in a time zone, identical on every machine: English
/// month abbreviations, 24-hour clock, ISO dates.
public enum TimeFormat {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "06:00"
    public static func clock(_ millis: Int64, timeZone: TimeZone) -> String {
        clock(LocalTime(millis: millis, timeZone: timeZone))
    }

    /// "Mar 8"
    public static func day(_ millis: Int64, timeZone: TimeZone) -> String {
        day(LocalTime(millis: millis, timeZone: timeZone))
    }

    /// "Mar 8 06:00"
    public static func dayClock(_ millis: Int64, timeZone: TimeZone) -> String {
        let local = LocalTime(millis: millis, timeZone: timeZone)
        return day(local) + " " + clock(local)
    }

    /// "2026-03"
    public static func month(_ millis: Int64, timeZone: TimeZone) -> String {
        month(LocalTime(millis: millis, timeZone: timeZone))
    }

    /// "2026"
    public static func year(_ millis: Int64, timeZone: TimeZone) -> String {
        String(LocalTime(millis: millis, timeZone: timeZone).year)
    }

    /// "2026-03-08"
    public static func date(_ millis: Int64, timeZone: TimeZone) -> String {
        date(LocalTime(millis: millis, timeZone: timeZone))
    }

    /// "2026-03-08 06:00"
    public static func dateClock(_ millis: Int64, timeZone: TimeZone) -> String {
        let local = LocalTime(millis: millis, timeZone: timeZone)
        return date(local) + " " + clock(local)
    }

    static func clock(_ local: LocalTime) -> String {
        twoDigits(local.hour) + ":" + twoDigits(local.minute)
    }

    static func day(_ local: LocalTime) -> String {
        monthNames[local.month - 1] + " " + String(local.day)
    }

    static func month(_ local: LocalTime) -> String {
        String(local.year) + "-" + twoDigits(local.month)
    }

    static func date(_ local: LocalTime) -> String {
        month(local) + "-" + twoDigits(local.day)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}

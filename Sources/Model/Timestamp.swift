/// Parsing and formatting of the two timestamp forms the inputs use: RFC 3339
/// (`2026-03-07T18:00:00Z`, fractions and offsets allowed) and BigQuery's
/// (`2026-03-07 18:00:00 UTC`, `2026-03-07 18:00:00.123456 UTC`).
public enum Timestamp {
    /// Parses either form; nil when the text is neither.
    public static func parse(_ text: String) -> Millis? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Millis? {
        var i = 0
        let n = b.count
        func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var v = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += count
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < n, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2)
        else { return nil }
        guard i < n, b[i] == 84 || b[i] == 116 || b[i] == 32 else { return nil }  // T, t or space
        i += 1
        guard let hour = digits(2), expect(58), let minute = digits(2), expect(58), let second = digits(2)
        else { return nil }
        var millis = 0
        if i < n, b[i] == 46 {  // fraction
            i += 1
            var scale = 100
            var any = false
            while i < n, b[i] >= 48, b[i] <= 57 {
                millis += Int(b[i] - 48) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        var offsetSeconds = 0
        if i < n, b[i] == 32 { i += 1 }  // BigQuery puts a space before UTC
        guard i < n else { return nil }
        switch b[i] {
        case 90, 122:  // Z
            i += 1
        case 85:  // "UTC"
            guard i + 3 <= n, b[i + 1] == 84, b[i + 2] == 67 else { return nil }
            i += 3
        case 43, 45:  // +hh:mm / -hh:mm
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2) else { return nil }
            _ = expect(58)
            guard let om = digits(2) else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
        default:
            return nil
        }
        guard i == n else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilDate(year: year, month: month, day: day).dayNumber
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1000 + Int64(millis)
    }

    /// RFC 3339 in UTC with whole seconds, as the extracts write times: `2026-03-08T23:55:00Z`.
    /// Milliseconds are truncated toward the earlier second.
    public static func format(_ t: Millis) -> String {
        withUTF8(t) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of `format(t)`, built on the stack for four-digit years: the
    /// extracts write millions of these.
    public static func withUTF8<R>(_ t: Millis, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let seconds = t >= 0 ? t / 1000 : (t - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let d = CivilDate(dayNumber: Int(days))
        guard d.year >= 0, d.year <= 9999 else {
            var text = "\(d.iso)T\(pad2(rest / 3600)):\(pad2(rest / 60 % 60)):\(pad2(rest % 60))Z"
            return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
        func digit(_ v: Int) -> UInt8 { 48 + UInt8(v) }
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)  // the 20 bytes of "YYYY-MM-DDTHH:MM:SSZ"
        return try withUnsafeMutableBytes(of: &text) { b in
            b[0] = digit(d.year / 1000); b[1] = digit(d.year / 100 % 10); b[2] = digit(d.year / 10 % 10)
            b[3] = digit(d.year % 10); b[4] = UInt8(ascii: "-")
            b[5] = digit(d.month / 10); b[6] = digit(d.month % 10); b[7] = UInt8(ascii: "-")
            b[8] = digit(d.day / 10); b[9] = digit(d.day % 10); b[10] = UInt8(ascii: "T")
            b[11] = digit(rest / 36000); b[12] = digit(rest / 3600 % 10); b[13] = UInt8(ascii: ":")
            b[14] = digit(rest / 600 % 6); b[15] = digit(rest / 60 % 10); b[16] = UInt8(ascii: ":")
            b[17] = digit(rest % 60 / 10); b[18] = digit(rest % 10); b[19] = UInt8(ascii: "Z")
            return try body(UnsafeRawBufferPointer(rebasing: b[0..<20]))
        }
    }

    static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

/// A calendar date without a time zone, with conversions to and from a day count since 1970-01-01.
public struct CivilDate: Hashable, Comparable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let y = String(year)
        let yy = String(repeating: "0", count: max(0, 4 - y.count)) + y
        return "\(yy)-\(Timestamp.pad2(month))-\(Timestamp.pad2(day))"
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// Locale-independent number formatting for charts and pages.
///
/// Every function gives the same string for the same input on every machine: no locale, no
/// platform formatter. Negative numbers start with an ASCII hyphen-minus; a value that rounds to
/// zero is written without a sign. Non-finite values are written as "—".
public enum NumberFormat {
    /// A short form with a K/M/B/T suffix (thousands, millions, billions, trillions).
    ///
    /// Rule: scale by powers of 1,000 until the magnitude is below 1,000; keep one decimal while
    /// the scaled magnitude is below 100 and none from 100 up; drop a trailing ".0". When
    /// rounding reaches 1,000 the next suffix is used (999,999 is "1M", not "1000K").
    /// Examples: 950 → "950", 1234 → "1.2K", 12345 → "12.3K", 123456 → "123K",
    /// 3400000 → "3.4M", 2.5e9 → "2.5B", -1234 → "-1.2K", 12.34 → "12.3".
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let suffixes = ["", "K", "M", "B", "T"]
        let magnitude = Swift.abs(value)
        var unit = 0
        var divisor = 1.0
        while unit < suffixes.count - 1 && magnitude >= divisor * 1000 {
            unit += 1
            divisor *= 1000
        }
        var scaled = magnitude / divisor
        var digits = scaled < 100 ? 1 : 0
        var rounded = roundedScaled(scaled, decimals: digits)
        if rounded >= 1000 * power10(digits) && unit < suffixes.count - 1 {
            unit += 1
            divisor *= 1000
            scaled = magnitude / divisor
            digits = 1
            rounded = roundedScaled(scaled, decimals: digits)
        }
        let body = decimalString(rounded, decimals: digits, trimZeroFraction: true)
        let sign = value < 0 && rounded != 0 ? "-" : ""
        return sign + body + suffixes[unit]
    }

    public static func compact<T: BinaryInteger>(_ value: T) -> String {
        compact(Double(value))
    }

    /// Digits grouped by thousands with commas: 1234567 → "1,234,567"; with `decimals` > 0 the
    /// fraction is kept to that many places: grouped(1234.5, decimals: 1) → "1,234.5".
    public static func grouped(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "—" }
        let places = Swift.max(0, decimals)
        let scaled = roundedScaled(Swift.abs(value), decimals: places)
        guard scaled < 9e18 else { return value < 0 ? "-\(Swift.abs(value))" : "\(value)" }
        let units = Int64(scaled)
        let factor = Int64(power10(places))
        let whole = groupDigits(String(units / factor))
        let sign = value < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return sign + whole }
        return sign + whole + "." + zeroPadded(units % factor, width: places)
    }

    public static func grouped<T: BinaryInteger>(_ value: T) -> String {
        let digits = groupDigits(String(value.magnitude))
        return value < 0 ? "-" + digits : digits
    }

    /// A fixed number of decimals without grouping: fixed(2.345, decimals: 2) → "2.35".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "—" }
        let places = Swift.max(0, decimals)
        let rounded = roundedScaled(Swift.abs(value), decimals: places)
        guard rounded < 9e18 else { return value < 0 ? "-\(Swift.abs(value))" : "\(value)" }
        let sign = value < 0 && rounded != 0 ? "-" : ""
        return sign + decimalString(rounded, decimals: places, trimZeroFraction: false)
    }

    /// A fraction as a percentage: percent(0.4251) → "42.5%".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "—" }
        return fixed(fraction * 100, decimals: decimals) + "%"
    }

    /// `magnitude` × 10^decimals rounded half away from zero; magnitude is non-negative.
    private static func roundedScaled(_ magnitude: Double, decimals: Int) -> Double {
        (magnitude * power10(decimals)).rounded(.toNearestOrAwayFromZero)
    }

    private static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Writes `units` (a whole number of 10^-decimals) as a decimal string.
    private static func decimalString(_ units: Double, decimals: Int, trimZeroFraction: Bool) -> String {
        guard units < 9e18 else { return "\(units)" }
        let whole = Int64(units)
        guard decimals > 0 else { return String(whole) }
        let factor = Int64(power10(decimals))
        let fraction = whole % factor
        if trimZeroFraction && fraction == 0 { return String(whole / factor) }
        return String(whole / factor) + "." + zeroPadded(fraction, width: decimals)
    }

    private static func zeroPadded(_ value: Int64, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }

    private static func groupDigits(_ digits: String) -> String {
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}

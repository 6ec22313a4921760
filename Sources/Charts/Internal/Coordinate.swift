/// SVG coordinates rounded to one decimal, written without locale or exponent notation:
/// 12.34 → "12.3", 12.0 → "12", -0.04 → "0".
enum Coordinate {
    static func format(_ value: Double) -> String {
        var text = ""
        append(value, to: &text)
        return text
    }

    /// Appends the coordinate to `text` without making a string of it first: a chart's paths
    /// are thousands of coordinates.
    static func append(_ value: Double, to text: inout String) {
        append(tenths: tenths(value), to: &text)
    }

    /// The value in tenths, as it is written: two coordinates that are written the same have the
    /// same tenths.
    static func tenths(_ value: Double) -> Int64 {
        value.isFinite ? Int64((value * 10).rounded(.toNearestOrAwayFromZero)) : 0
    }

    static func append(tenths: Int64, to text: inout String) {
        if tenths < 0 { text += "-" }
        let magnitude = tenths.magnitude
        // At most 20 digits, a point and one more digit, written back to front.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var i = 24
            let fraction = magnitude % 10
            if fraction != 0 {
                i -= 1; buffer[i] = 0x30 + UInt8(fraction)
                i -= 1; buffer[i] = 0x2E
            }
            var whole = magnitude / 10
            repeat {
                i -= 1; buffer[i] = 0x30 + UInt8(whole % 10)
                whole /= 10
            } while whole > 0
            text += String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<24]), as: UTF8.self)
        }
    }
}

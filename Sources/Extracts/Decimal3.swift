#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers rounded to 3 decimal places as the extracts write them. C's `%.3f` rounds the exact
/// binary value half to even, which is what the contract's reference figures use (1.5625 → 1.562).
public enum Decimal3 {
    /// `12.500` — the CSV form, always three decimals.
    public static func fixed(_ x: Double) -> String {
        let out = ByteOutput()
        append(x, trimmed: false, to: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `12.5` — the JSON form: the same rounding, trailing zeros dropped but one decimal kept.
    public static func trimmed(_ x: Double) -> String {
        let out = ByteOutput()
        append(x, trimmed: true, to: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Writes `x` in the fixed or trimmed form without building a string on the common path.
    public static func append(_ x: Double, trimmed: Bool, to out: ByteOutput) {
        // Fast path: when x·1000 is clearly away from a rounding tie, rounding it as a float gives
        // what %.3f gives; near a tie (or for huge values) ask C, which uses the exact binary value.
        let scaled = x * 1000
        if x >= 0, scaled < 9e15 {
            let floor = scaled.rounded(.down)
            let fraction = scaled - floor
            if abs(fraction - 0.5) > 1e-6 {
                let n = Int64(fraction > 0.5 ? floor + 1 : floor)
                out.appendInteger(n / 1000)
                out.append(UInt8(ascii: "."))
                let milli = Int(n % 1000)
                let (tenths, hundredths, thousandths) = (UInt8(milli / 100), UInt8(milli / 10 % 10), UInt8(milli % 10))
                out.append(48 + tenths)
                if !trimmed || hundredths != 0 || thousandths != 0 { out.append(48 + hundredths) }
                if !trimmed || thousandths != 0 { out.append(48 + thousandths) }
                return
            }
        }
        var text = printf3(x)
        if trimmed {
            while text.hasSuffix("0") && !text.hasSuffix(".0") { text.removeLast() }
        }
        out.append(text)
    }

    static func printf3(_ x: Double) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let value = x == 0 ? 0 : x  // no "-0.000"
        let count = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: 64) { p in
                withVaList([value]) { vsnprintf(p, 64, "%.3f", $0) }
            }
        }
        return String(decoding: buffer[0..<Int(count)], as: UTF8.self)
    }
}

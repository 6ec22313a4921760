import Model

extension ByteOutput {
    /// `Timestamp.format(t)` (RFC 3339 UTC with seconds) written as bytes: the segments extract
    /// has three times a row and a million rows.
    func appendTimestamp(_ t: Millis) {
        let seconds = t >= 0 ? t / 1000 : (t - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let d = CivilDate(dayNumber: Int(days))
        guard d.year >= 0, d.year <= 9999 else { return append(Timestamp.format(t)) }
        func digit(_ v: Int) -> UInt8 { 48 + UInt8(v) }
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)  // the 20 bytes of "YYYY-MM-DDTHH:MM:SSZ"
        withUnsafeMutableBytes(of: &text) { b in
            b[0] = digit(d.year / 1000); b[1] = digit(d.year / 100 % 10); b[2] = digit(d.year / 10 % 10)
            b[3] = digit(d.year % 10); b[4] = UInt8(ascii: "-")
            b[5] = digit(d.month / 10); b[6] = digit(d.month % 10); b[7] = UInt8(ascii: "-")
            b[8] = digit(d.day / 10); b[9] = digit(d.day % 10); b[10] = UInt8(ascii: "T")
            b[11] = digit(rest / 36000); b[12] = digit(rest / 3600 % 10); b[13] = UInt8(ascii: ":")
            b[14] = digit(rest / 600 % 6); b[15] = digit(rest / 60 % 10); b[16] = UInt8(ascii: ":")
            b[17] = digit(rest % 60 / 10); b[18] = digit(rest % 10); b[19] = UInt8(ascii: "Z")
            append(UnsafeRawBufferPointer(rebasing: b[0..<20]))
        }
    }
}

import Foundation

/// The encodings a mail message needs to carry UTF-8 text through SMTP, which limits lines to
/// 998 bytes and (without 8BITMIME) to ASCII.
public enum MIMEText {
    /// Quoted-printable (RFC 2045 §6.7) with CRLF line ends: every line of the result is at most
    /// 76 characters, so long HTML lines are carried with soft line breaks.
    public static func quotedPrintable(_ text: String) -> String {
        var out = ""
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { out += "\r\n" }
            var width = 0
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 32 || byte == 9) && !last)
                let piece = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                // Keep room for the "=" of a soft line break.
                if width + piece.count > 75 {
                    out += "=\r\n"
                    width = 0
                }
                out += piece
                width += piece.count
            }
        }
        return out
    }

    /// A header value: as it is when ASCII, otherwise RFC 2047 encoded words (base64 UTF-8), each
    /// at most 68 characters (so that even "Subject: " and the first word stay within the 78 that
    /// RFC 5322 recommends) and never splitting a character, folded onto continuation lines.
    public static func headerValue(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 42 bytes of text are 56 base64 characters, 68 with "=?UTF-8?B?" and "?=".
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 42 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// An RFC 5322 date in UTC: "Fri, 04 Dec 2026 17:30:00 +0000".
    public static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", weekdays[c.weekday! - 1], c.day!,
                      months[c.month! - 1], c.year!, c.hour!, c.minute!, c.second!)
    }
}

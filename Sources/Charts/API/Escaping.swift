/// Escapes text for XML content and attribute values (single- or double-quoted).
///
/// Twitch names and titles are hostile input: markup, quotes, control characters and bidi
/// overrides all occur. Besides `& < > " '`, characters that XML 1.0 forbids (C0 controls other
/// than tab, newline and carriage return; U+FFFE and U+FFFF) become U+FFFD, so an SVG saved as a
/// standalone file still parses.
public func escapeXML(_ text: String) -> String {
    // Most text (numbers, times, plain names) has nothing to escape: a pass over its bytes
    // is far cheaper than rebuilding it scalar by scalar, and pages escape millions of them.
    guard needsEscaping(text) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
        default:
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                out += "\u{FFFD}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// Whether `escapeXML` would change the text: markup characters, forbidden controls, or
/// U+FFFE/U+FFFF (UTF-8 EF BF BE and EF BF BF).
private func needsEscaping(_ text: String) -> Bool {
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27: return true
            case 0x09, 0x0A, 0x0D: break
            case 0x00..<0x20: return true
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                return true
            default: break
            }
            i += 1
        }
        return false
    }
    if let answer = text.utf8.withContiguousStorageIfAvailable(scan) { return answer }
    return Array(text.utf8).withUnsafeBufferPointer(scan)
}

/// Escapes text for HTML content and attribute values; the same rules as `escapeXML`, which are
/// a safe subset for HTML5.
public func escapeHTML(_ text: String) -> String {
    escapeXML(text)
}

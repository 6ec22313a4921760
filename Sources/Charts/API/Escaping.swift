/// Escapes text for XML content and attribute values (single- or double-quoted).
///
/// Twitch names and titles are hostile input: markup, quotes, control characters and bidi
/// overrides all occur. Besides `& < > " '`, characters that XML 1.0 forbids (C0 controls other
/// than tab, newline and carriage return; U+FFFE and U+FFFF) become U+FFFD, so an SVG saved as a
/// standalone file still parses.
public func escapeXML(_ text: String) -> String {
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

/// Escapes text for HTML content and attribute values; the same rules as `escapeXML`, which are
/// a safe subset for HTML5.
public func escapeHTML(_ text: String) -> String {
    escapeXML(text)
}

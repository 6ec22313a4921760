/// Rough text widths for layout (no font metrics are available at build time) and helpers that
/// keep hostile names from breaking the layout or the reading order.
enum TextMetrics {
    /// Average advance of a character in a sans-serif face, as a fraction of the font size;
    /// wide enough that labels are not clipped in common fonts.
    static let averageAdvance = 0.6

    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * averageAdvance
    }

    /// At most `maxCharacters` user-perceived characters, with "…" when shortened; grapheme
    /// clusters (emoji, combining marks) are never split.
    static func truncate(_ text: String, maxCharacters: Int) -> String {
        guard text.count > maxCharacters else { return text }
        guard maxCharacters > 1 else { return "…" }
        return String(text.prefix(maxCharacters - 1)) + "…"
    }

    /// Wraps a name in Unicode first-strong isolates so right-to-left names or stray bidi
    /// controls do not reorder the text around them ("name — 1.2K").
    static func isolate(_ text: String) -> String {
        "\u{2068}" + text + "\u{2069}"
    }
}

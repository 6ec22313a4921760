/// Colours as CSS custom properties with fallbacks, so a site stylesheet sets light and dark
/// themes; the fallbacks keep a standalone SVG readable.
enum Palette {
    static let seriesFallbacks = ["#6441a5", "#e07a1f", "#2a9d8f", "#d64550",
                                  "#3d7cc9", "#b8a01e", "#8e5bb5", "#6b7280"]

    static func series(_ index: Int) -> String {
        let slot = index % seriesFallbacks.count
        return "var(--series-\(slot), \(seriesFallbacks[slot]))"
    }

    static func seriesClass(_ index: Int) -> String {
        "series-\(index % seriesFallbacks.count)"
    }

    static let text = "var(--chart-text, #555)"
    static let grid = "var(--chart-grid, #e2e2e2)"
    static let axis = "var(--chart-axis, #999)"
    static let background = "var(--chart-bg, #fff)"
}

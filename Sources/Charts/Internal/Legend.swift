/// A row-wrapping legend of colour swatches and names, placed above the plot.
struct Legend {
    static let rowHeight = 16.0
    static let maxNameCharacters = 28

    let names: [String]
    let fontSize: Double

    /// The legend's SVG and the height it takes when laid out from `left` within `width`.
    func render(left: Double, top: Double, width: Double) -> (svg: String, height: Double) {
        guard !names.isEmpty else { return ("", 0) }
        var svg = "<g class=\"legend\" fill=\"\(Palette.text)\">"
        var x = left
        var y = top
        for (index, name) in names.enumerated() {
            let shown = TextMetrics.truncate(name, maxCharacters: Legend.maxNameCharacters)
            let itemWidth = 14 + TextMetrics.width(shown, fontSize: fontSize) + 18
            if x > left && x + itemWidth > left + width {
                x = left
                y += Legend.rowHeight
            }
            let hint = shown == name ? "" : "<title>\(escapeXML(name))</title>"
            svg += "<rect class=\"\(Palette.seriesClass(index))\" x=\"\(Coordinate.format(x))\""
                + " y=\"\(Coordinate.format(y + 2))\" width=\"10\" height=\"10\" rx=\"2\""
                + " fill=\"\(Palette.series(index))\"/>"
            svg += "<text x=\"\(Coordinate.format(x + 14))\" y=\"\(Coordinate.format(y + 11))\">"
                + escapeXML(shown) + hint + "</text>"
            x += itemWidth
        }
        svg += "</g>"
        return (svg, y + Legend.rowHeight - top)
    }
}

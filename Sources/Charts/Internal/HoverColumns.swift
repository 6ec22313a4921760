/// Transparent full-height columns whose native `<title>` tooltips show the values at that
/// position, so values are readable on hover without JavaScript.
enum HoverColumns {
    struct Column {
        let left: Double
        let right: Double
        let title: String
    }

    static func render(_ columns: [Column], plot: PlotArea) -> String {
        guard !columns.isEmpty else { return "" }
        let y = Coordinate.format(plot.top)
        let height = Coordinate.format(plot.height)
        var svg = "<g class=\"hits\" fill=\"transparent\">"
        for column in columns where column.right > column.left {
            svg += "<rect x=\"\(Coordinate.format(column.left))\" y=\"\(y)\""
                + " width=\"\(Coordinate.format(column.right - column.left))\" height=\"\(height)\">"
                + "<title>\(escapeXML(column.title))</title></rect>"
        }
        return svg + "</g>"
    }

    /// Column edges halfway between neighbouring centres, clamped to the plot.
    static func edges(centres: [Double], plot: PlotArea) -> [(left: Double, right: Double)] {
        centres.indices.map { index in
            let left = index == 0 ? plot.left : (centres[index - 1] + centres[index]) / 2
            let right = index == centres.count - 1 ? plot.right : (centres[index] + centres[index + 1]) / 2
            return (Swift.max(plot.left, left), Swift.min(plot.right, right))
        }
    }
}

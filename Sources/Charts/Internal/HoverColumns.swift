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
        svg.reserveCapacity(columns.count * 100)
        for column in columns where column.right > column.left {
            svg += "<rect x=\""
            Coordinate.append(column.left, to: &svg)
            svg += "\" y=\""
            svg += y
            svg += "\" width=\""
            Coordinate.append(column.right - column.left, to: &svg)
            svg += "\" height=\""
            svg += height
            svg += "\"><title>"
            svg += escapeXML(column.title)
            svg += "</title></rect>"
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

/// The vertical value axis: horizontal grid lines with right-aligned labels left of the plot.
enum ValueAxis {
    static func labelWidth(_ labels: [String], fontSize: Double) -> Double {
        labels.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
    }

    static func render(values: [Double], labels: [String], scale: LinearScale, plot: PlotArea) -> String {
        var grid = ""
        var text = ""
        for (value, label) in zip(values, labels) {
            let y = scale(value)
            grid += "M" + Coordinate.format(plot.left) + " " + Coordinate.format(y) + "H" + Coordinate.format(plot.right)
            text += "<text x=\"\(Coordinate.format(plot.left - 6))\" y=\"\(Coordinate.format(y + 4))\">"
                + escapeXML(label) + "</text>"
        }
        return "<path class=\"grid\" d=\"\(grid)\" stroke=\"\(Palette.grid)\" fill=\"none\"/>"
            + "<g class=\"axis y-axis\" fill=\"\(Palette.text)\" text-anchor=\"end\">" + text + "</g>"
    }
}

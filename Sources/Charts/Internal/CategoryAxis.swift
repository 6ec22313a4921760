/// The horizontal axis under a plot: a base line, tick marks and centred labels. Labels that
/// would run past the edge of the drawing are anchored to their tick instead of centred, and
/// labels are thinned to every n-th so neighbours never overlap.
enum CategoryAxis {
    struct Label {
        let x: Double
        let text: String
    }

    static func render(_ labels: [Label], plot: PlotArea, canvasWidth: Double, fontSize: Double) -> String {
        let shown = thinned(labels, fontSize: fontSize)
        var marks = "M" + Coordinate.format(plot.left) + " " + Coordinate.format(plot.bottom)
            + "H" + Coordinate.format(plot.right)
        var text = ""
        for label in shown {
            marks += "M" + Coordinate.format(label.x) + " " + Coordinate.format(plot.bottom) + "v4"
            let half = TextMetrics.width(label.text, fontSize: fontSize) / 2
            let anchor = label.x - half < 0 ? " text-anchor=\"start\""
                : label.x + half > canvasWidth ? " text-anchor=\"end\"" : ""
            text += "<text x=\"\(Coordinate.format(label.x))\" y=\"\(Coordinate.format(plot.bottom + 16))\"\(anchor)>"
                + escapeXML(label.text) + "</text>"
        }
        return "<path class=\"axis-line\" d=\"\(marks)\" stroke=\"\(Palette.axis)\" fill=\"none\"/>"
            + "<g class=\"axis x-axis\" fill=\"\(Palette.text)\" text-anchor=\"middle\">" + text + "</g>"
    }

    private static func thinned(_ labels: [Label], fontSize: Double) -> [Label] {
        guard labels.count > 1 else { return labels }
        let widest = labels.map { TextMetrics.width($0.text, fontSize: fontSize) }.max() ?? 0
        let spacing = (labels[labels.count - 1].x - labels[0].x) / Double(labels.count - 1)
        guard spacing > 0 else { return [labels[0]] }
        let every = Swift.max(1, Int(((widest + 8) / spacing).rounded(.up)))
        return labels.enumerated().filter { $0.offset % every == 0 }.map(\.element)
    }
}

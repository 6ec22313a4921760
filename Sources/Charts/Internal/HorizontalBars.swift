/// Ranking bars: one row per bar, a truncated label on the left, the compact value after the bar,
/// the exact value in the bar's tooltip.
struct HorizontalBars {
    static let rowHeight = 22
    static let barThickness = 14.0

    let bars: [BarChart.Bar]
    let unit: String
    let allWhole: Bool
    var suffix = ""

    func render(width: Double, height: Double, fontSize: Double) -> String {
        let maxCharacters = Swift.max(4, Int(width * 0.35 / (fontSize * TextMetrics.averageAdvance)))
        let labels = bars.map { TextMetrics.truncate($0.label, maxCharacters: maxCharacters) }
        let valueTexts = bars.map { NumberFormat.compact($0.value) + suffix }
        let labelWidth = ValueAxis.labelWidth(labels, fontSize: fontSize)
        let valueWidth = ValueAxis.labelWidth(valueTexts, fontSize: fontSize)
        let values = bars.map(\.value)
        let low = Swift.min(0, values.min() ?? 0)
        var high = Swift.max(0, values.max() ?? 0)
        if low == high { high = 1 }
        let left = (8 + labelWidth + 8).rounded(.up)
        let scale = LinearScale(domainLow: low, domainHigh: high, rangeLow: left, rangeHigh: width - 8 - valueWidth - 6)
        let rowHeight = Double(HorizontalBars.rowHeight)
        let top = (height - rowHeight * Double(bars.count)) / 2

        var labelText = ""
        var valueText = ""
        var rects = ""
        for (index, bar) in bars.enumerated() {
            let rowTop = top + Double(index) * rowHeight
            let middle = rowTop + rowHeight / 2
            let start = Swift.min(scale(0), scale(bar.value))
            let end = Swift.max(scale(0), scale(bar.value))
            labelText += "<text x=\"\(Coordinate.format(left - 8))\" y=\"\(Coordinate.format(middle + 4))\">"
                + escapeXML(labels[index]) + "</text>"
            let valueX = bar.value < 0 ? scale(0) + 4 : end + 4
            valueText += "<text x=\"\(Coordinate.format(valueX))\" y=\"\(Coordinate.format(middle + 4))\">"
                + escapeXML(valueTexts[index]) + "</text>"
            let tooltip = TextMetrics.isolate(bar.label) + " — " + exact(bar.value)
            rects += "<rect x=\"\(Coordinate.format(start))\" y=\"\(Coordinate.format(middle - HorizontalBars.barThickness / 2))\""
                + " width=\"\(Coordinate.format(Swift.max(1, end - start)))\" height=\"\(Coordinate.format(HorizontalBars.barThickness))\""
                + " rx=\"2\"><title>\(escapeXML(tooltip))</title></rect>"
        }
        return "<g class=\"bar-labels\" fill=\"\(Palette.text)\" text-anchor=\"end\">" + labelText + "</g>"
            + "<g class=\"bar series-0\" fill=\"\(Palette.series(0))\">" + rects + "</g>"
            + "<g class=\"bar-values\" fill=\"\(Palette.text)\">" + valueText + "</g>"
    }

    private func exact(_ value: Double) -> String {
        let number = ValueText.exact(value, allWhole: allWhole)
        return unit.isEmpty ? number : number + " " + unit
    }
}

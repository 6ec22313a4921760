/// Columns over a sequence (days): a value axis with nice ticks, one column per bar, thinned
/// labels underneath, the exact value in each column's tooltip.
struct VerticalBars {
    let bars: [BarChart.Bar]
    let unit: String
    let allWhole: Bool

    func render(width: Double, height: Double, fontSize: Double) -> String {
        let values = bars.map(\.value)
        let ticks = AxisTicks.nice(min: Swift.min(0, values.min() ?? 0), max: Swift.max(0, values.max() ?? 0))
        var body = ""
        var top = 8.0
        if !unit.isEmpty {
            body += "<text class=\"y-label\" x=\"8\" y=\"16\" fill=\"\(Palette.text)\">" + escapeXML(unit) + "</text>"
            top += 16
        }
        let labelWidth = ValueAxis.labelWidth(ticks.labels, fontSize: fontSize)
        let plot = PlotArea(left: (8 + labelWidth + 6).rounded(.up), top: top, right: width - 16, bottom: height - 24)
        let yScale = LinearScale(domainLow: ticks.lower, domainHigh: ticks.upper, rangeLow: plot.bottom, rangeHigh: plot.top)
        let band = plot.width / Double(bars.count)
        let barWidth = Swift.max(1, band * (bars.count > 1 ? 0.8 : 0.5))

        body += ValueAxis.render(values: ticks.values, labels: ticks.labels, scale: yScale, plot: plot)
        var rects = ""
        var labels: [CategoryAxis.Label] = []
        for (index, bar) in bars.enumerated() {
            let centre = plot.left + band * (Double(index) + 0.5)
            let top = Swift.min(yScale(0), yScale(bar.value))
            let bottom = Swift.max(yScale(0), yScale(bar.value))
            let tooltip = TextMetrics.isolate(bar.label) + " — " + exact(bar.value)
            rects += "<rect x=\"\(Coordinate.format(centre - barWidth / 2))\" y=\"\(Coordinate.format(top))\""
                + " width=\"\(Coordinate.format(barWidth))\" height=\"\(Coordinate.format(Swift.max(0.5, bottom - top)))\">"
                + "<title>\(escapeXML(tooltip))</title></rect>"
            labels.append(CategoryAxis.Label(x: centre, text: TextMetrics.truncate(bar.label, maxCharacters: 16)))
        }
        body += "<g class=\"bar series-0\" fill=\"\(Palette.series(0))\">" + rects + "</g>"
        body += CategoryAxis.render(labels, plot: plot, canvasWidth: width, fontSize: fontSize)
        return body
    }

    private func exact(_ value: Double) -> String {
        let number = ValueText.exact(value, allWhole: allWhole)
        return unit.isEmpty ? number : number + " " + unit
    }
}

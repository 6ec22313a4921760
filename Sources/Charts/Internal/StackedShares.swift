import Foundation

/// Draws a `StackedShareChart`: legend, percent axis, one path per category (columns or bands)
/// and hover columns listing every category's share.
struct StackedShares {
    let table: ShareTable
    let style: StackedShareChart.Style
    let unit: String
    let maxGap: Int64?
    let timeZone: TimeZone

    func render(width: Double, height: Double, fontSize: Double) -> String {
        let legend = Legend(names: table.names, fontSize: fontSize).render(left: 8, top: 6, width: width - 16)
        let tickValues = [0, 0.25, 0.5, 0.75, 1.0]
        let tickLabels = tickValues.map { NumberFormat.percent($0, decimals: 0) }
        let plot = PlotArea(left: (8 + ValueAxis.labelWidth(tickLabels, fontSize: fontSize) + 6).rounded(.up),
                            top: 6 + legend.height + 10, right: width - 16, bottom: height - 24)
        let yScale = LinearScale(domainLow: 0, domainHigh: 1, rangeLow: plot.bottom, rangeHigh: plot.top)
        let labels = TimeLabels(times: table.times, timeZone: timeZone)

        var body = legend.svg + ValueAxis.render(values: tickValues, labels: tickLabels, scale: yScale, plot: plot)
        let centres: [Double]
        switch style {
        case .bars:
            let band = plot.width / Double(table.times.count)
            centres = table.times.indices.map { plot.left + band * (Double($0) + 0.5) }
            body += bars(centres: centres, barWidth: band * (table.times.count > 1 ? 0.85 : 0.5), yScale: yScale)
            body += CategoryAxis.render(zip(centres, table.times).map { CategoryAxis.Label(x: $0, text: labels.short($1)) },
                                        plot: plot, canvasWidth: width, fontSize: fontSize)
        case .areas:
            var low = table.times[0]
            var high = table.times[table.times.count - 1]
            if low == high { low -= 43_200_000; high += 43_200_000 }
            let xScale = LinearScale(domainLow: Double(low), domainHigh: Double(high), rangeLow: plot.left, rangeHigh: plot.right)
            centres = table.times.map { xScale(Double($0)) }
            body += areas(centres: centres, yScale: yScale)
            let ticks = TimeTicks.ticks(from: low, to: high, timeZone: timeZone, maxCount: Swift.max(2, Int(plot.width / 90)))
            body += CategoryAxis.render(ticks.map { CategoryAxis.Label(x: xScale(Double($0.time)), text: $0.label) },
                                        plot: plot, canvasWidth: width, fontSize: fontSize)
        }
        body += HoverColumns.render(hoverColumns(centres: centres, plot: plot, labels: labels), plot: plot)
        return body
    }

    /// Stack boundaries at time t: boundary[c] is the sum of the shares below category c.
    private func boundaries(_ t: Int) -> [Double] {
        var sums = [0.0]
        for c in table.values.indices { sums.append(sums[c] + table.share(c, t)) }
        return sums
    }

    private func bars(centres: [Double], barWidth: Double, yScale: LinearScale) -> String {
        let stacks = table.times.indices.map(boundaries)
        var paths = ""
        for c in table.values.indices {
            let rects = table.times.indices.map { t in
                (x: centres[t] - barWidth / 2, y: yScale(stacks[t][c + 1]), width: barWidth,
                 height: yScale(stacks[t][c]) - yScale(stacks[t][c + 1]))
            }
            paths += "<path class=\"\(Palette.seriesClass(c))\" d=\"\(PathData.rectangles(rects))\" fill=\"\(Palette.series(c))\"/>"
        }
        return "<g class=\"stack\">" + paths + "</g>"
    }

    private func areas(centres: [Double], yScale: LinearScale) -> String {
        let stacks = table.times.indices.map(boundaries)
        var runs: [[Int]] = [[]]
        for t in table.times.indices {
            if let previous = runs[runs.count - 1].last, let maxGap, table.times[t] - table.times[previous] > maxGap {
                runs.append([])
            }
            runs[runs.count - 1].append(t)
        }
        var paths = ""
        for c in table.values.indices {
            var d = ""
            for run in runs {
                // A lone time still gets a visible sliver.
                let xs = run.count == 1 ? [centres[run[0]] - 1.5, centres[run[0]] + 1.5] : run.map { centres[$0] }
                let ts = run.count == 1 ? [run[0], run[0]] : run
                d += PathData.band(upper: zip(xs, ts).map { PixelPoint(x: $0, y: yScale(stacks[$1][c + 1])) },
                                   lower: zip(xs, ts).map { PixelPoint(x: $0, y: yScale(stacks[$1][c])) })
            }
            paths += "<path class=\"\(Palette.seriesClass(c))\" d=\"\(d)\" fill=\"\(Palette.series(c))\"/>"
        }
        return "<g class=\"stack\">" + paths + "</g>"
    }

    /// One column per time while they fit (about one per 10 units), otherwise one per group of
    /// neighbouring times showing the shares over the whole group.
    private func hoverColumns(centres: [Double], plot: PlotArea, labels: TimeLabels) -> [HoverColumns.Column] {
        let edges = HoverColumns.edges(centres: centres, plot: plot)
        let maxColumns = Swift.max(1, Int(plot.width / 10))
        let groupSize = (centres.count + maxColumns - 1) / maxColumns
        return stride(from: 0, to: centres.count, by: groupSize).map { first in
            let last = Swift.min(centres.count - 1, first + groupSize - 1)
            let when = labels.range(table.times[first], table.times[last])
            let parts = table.values.indices.compactMap { c -> String? in
                let value = (first...last).reduce(0) { $0 + table.values[c][$1] }
                guard value > 0 else { return nil }
                return TextMetrics.isolate(table.names[c]) + ": " + NumberFormat.percent(table.share(c, first...last))
                    + " (" + ValueText.compact(value, unit: unit) + ")"
            }
            return HoverColumns.Column(left: edges[first].left, right: edges[last].right,
                                       title: when + " — " + parts.joined(separator: "; "))
        }
    }
}

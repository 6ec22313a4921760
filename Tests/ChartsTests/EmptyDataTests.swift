import Foundation
import Testing
@testable import Charts

struct EmptyDataTests {
    static let zone = SampleCharts.newYork
    static let noValues = [Series(name: "a", points: [.init(x: 0, y: nil), .init(x: 1, y: .nan)])]

    @Test(arguments: [
        TimeSeriesChart(title: "t", description: "d", series: [], timeZone: zone).svg(),
        TimeSeriesChart(title: "t", description: "d", series: noValues, timeZone: zone).svg(),
        BarChart(title: "t", description: "d", bars: []).svg(),
        BarChart(title: "t", description: "d", bars: [], orientation: .vertical).svg(),
        Sparkline(label: "t", values: []).svg(),
        Sparkline(label: "t", values: [nil, nil]).svg(),
        StackedShareChart(title: "t", description: "d", series: [], timeZone: zone).svg(),
        StackedShareChart(title: "t", description: "d", series: [Series(name: "a", points: [.init(x: 0, y: 0)])],
                          timeZone: zone, style: .areas).svg(),
    ])
    func emptyInputRendersNoDataMessage(svg: String) {
        #expect(svg.contains(">No data</text>"))
        #expect(svg.contains("role=\"img\""))
        #expect(SVGInspection.isWellFormed(svg))
        #expect(svg.utf8.count < 600)
    }

    @Test func emptyTablesStillHaveHeaders() {
        let html = TimeSeriesChart(title: "t", description: "d", series: [], timeZone: Self.zone).dataTable()
        #expect(html == "<table class=\"chart-data\"><caption>t</caption><thead><tr><th scope=\"col\">Time</th></tr>"
            + "</thead><tbody></tbody></table>")
    }

    @Test func singlePointsAndSingleBarsRender() {
        let one = [Series(name: "a", points: [.init(x: 1_000_000, y: 3)])]
        let svg = TimeSeriesChart(title: "t", description: "d", series: one, timeZone: Self.zone).svg()
        #expect(SVGInspection.pathData(svg, marker: "series-0 line")?.hasSuffix("h0") == true)
        #expect(SVGInspection.isWellFormed(Sparkline(label: "s", values: [4]).svg()))
        #expect(SVGInspection.isWellFormed(BarChart(title: "t", description: "d", bars: [.init(label: "a", value: 0)],
                                                    orientation: .vertical).svg()))
    }
}

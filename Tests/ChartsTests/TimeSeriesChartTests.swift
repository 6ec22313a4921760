import Foundation
import Testing
@testable import Charts

struct TimeSeriesChartTests {
    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
        SampleCharts.utc(year, month, day, hour, minute)
    }

    private func chart(_ points: [Series.Point], maxGap: Int64? = 15 * 60_000) -> TimeSeriesChart {
        TimeSeriesChart(title: "Viewers", description: "Test", series: [Series(name: "a", points: points)],
                        timeZone: SampleCharts.newYork, maxGap: maxGap, yLabel: "viewers")
    }

    @Test func pointsFurtherApartThanMaxGapBreakTheLine() {
        let start = utc(2026, 3, 8, 12)
        let minutes: [Int64] = [0, 5, 10, 60, 65]
        let svg = chart(minutes.map { Series.Point(x: start + $0 * 60_000, y: 100) }).svg()
        let d = SVGInspection.pathData(svg, marker: "series-0 line")
        #expect(d.map { SVGInspection.count("M", in: $0) } == 2)
    }

    @Test func nilValuesBreakTheLineAndLonePointsBecomeDots() {
        let start = utc(2026, 3, 8, 12)
        let values: [Double?] = [1, 2, nil, 3, nil, 4, 5, .nan, 6]
        let points = values.enumerated().map { Series.Point(x: start + Int64($0.offset) * 60_000, y: $0.element) }
        let d = SVGInspection.pathData(chart(points).svg(), marker: "series-0 line") ?? ""
        #expect(SVGInspection.count("M", in: d) == 4)
        #expect(SVGInspection.count("h0", in: d) == 2)
    }

    @Test func withoutMaxGapDistantPointsStayConnected() {
        let start = utc(2026, 3, 8, 12)
        let points = [0, 1, 100].map { Series.Point(x: start + Int64($0) * 3_600_000, y: 5) }
        let d = SVGInspection.pathData(chart(points, maxGap: nil).svg(), marker: "series-0 line") ?? ""
        #expect(SVGInspection.count("M", in: d) == 1)
    }

    @Test func pointsAreSortedByTime() {
        let start = utc(2026, 3, 8, 12)
        let points = (0..<20).map { Series.Point(x: start + Int64($0) * 60_000, y: Double($0 * $0)) }
        #expect(chart(points).svg() == chart(points.reversed()).svg())
    }

    @Test func tooltipsCarryTimeValueAndUnit() {
        let points = [Series.Point(x: utc(2026, 3, 8, 11), y: 1234), Series.Point(x: utc(2026, 3, 8, 11, 5), y: 950)]
        let titles = SVGInspection.titles(chart(points).svg())
        #expect(titles.contains("Mar 8 07:00 — 1.2K viewers"))
        #expect(titles.contains("Mar 8 07:05 — 950 viewers"))
    }

    @Test func longSeriesAreSimplifiedButKeepTheirPeak() {
        let start = utc(2026, 3, 1, 5)
        var noise = SampleCharts.Noise(state: 5)
        let series = (0..<3).map { index in
            Series(name: "s\(index)", points: (0..<20_000).map { step in
                Series.Point(x: start + Int64(step) * 60_000, y: step == 9_999 ? 50_000 : Double(noise.next(1000)))
            })
        }
        let svg = TimeSeriesChart(title: "Long", description: "", series: series, timeZone: SampleCharts.newYork,
                                  maxGap: 120_000).svg()
        let d = SVGInspection.pathData(svg, marker: "series-0 line") ?? ""
        #expect(SVGInspection.count("L", in: d) + SVGInspection.count("V", in: d) <= 2 * 800)
        #expect(svg.utf8.count < 60_000)
        // The peak reaches the top grid line, which sits under the legend.
        let topGridY = SVGInspection.pathData(svg, marker: "class=\"grid\"")?.split(separator: "M").last?
            .split(separator: " ").last?.split(separator: "H").first
        #expect(topGridY.map { d.contains("V\($0)") || d.contains(" \($0)L") } == true)
    }

    @Test func dataTableHasARowPerTimeAndAColumnPerSeries() {
        let a = Series(name: "a", points: [.init(x: utc(2026, 3, 8, 5), y: 1234), .init(x: utc(2026, 3, 9, 4), y: 5)])
        let b = Series(name: "b", points: [.init(x: utc(2026, 3, 9, 4), y: 7)])
        let html = TimeSeriesChart(title: "Daily", description: "", series: [a, b], timeZone: SampleCharts.newYork,
                                   yLabel: "hours").dataTable()
        #expect(html == "<table class=\"chart-data\"><caption>Daily (hours)</caption><thead><tr><th scope=\"col\">Time</th>"
            + "<th scope=\"col\">a</th><th scope=\"col\">b</th></tr></thead><tbody>"
            + "<tr><th scope=\"row\">2026-03-08</th><td>1,234</td><td>—</td></tr>"
            + "<tr><th scope=\"row\">2026-03-09</th><td>5</td><td>7</td></tr></tbody></table>")
    }

    @Test func longDataTablesAreThinnedAndSaySo() {
        let start = utc(2026, 3, 8, 5)
        let points = (0..<1000).map { Series.Point(x: start + Int64($0) * 60_000, y: 1) }
        let html = chart(points).dataTable(maxRows: 100)
        #expect(SVGInspection.count("<tr>", in: html) == 101)
        #expect(html.contains("(1 row in 10 shown, of 1,000)"))
    }
}

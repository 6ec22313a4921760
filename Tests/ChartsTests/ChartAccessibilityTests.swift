import Foundation
import Testing
@testable import Charts

struct ChartAccessibilityTests {
    static let all: [(String, String)] = [
        ("time", SampleCharts.timeSeries.svg()), ("ranking", SampleCharts.ranking.svg()),
        ("daily", SampleCharts.daily.svg()), ("spark", SampleCharts.sparkline.svg()),
        ("shareBars", SampleCharts.shareBars.svg()), ("shareAreas", SampleCharts.shareAreas.svg()),
    ]

    @Test(arguments: all)
    func everyChartIsAnAccessibleScalableImage(name: String, svg: String) {
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains(" role=\"img\""))
        #expect(svg.contains(" aria-label=\""))
        #expect(svg.contains(" viewBox=\"0 0 "))
        #expect(svg.contains("<title>") && svg.contains("<desc>"))
        #expect(SVGInspection.isWellFormed(svg))
        #expect(!svg.contains("<script") && !svg.contains("href"))
    }

    @Test(arguments: all)
    func valuesAreReadableAsNativeTooltips(name: String, svg: String) {
        // The chart's own <title> plus at least one per point, bar or column.
        #expect(SVGInspection.titles(svg).count > 5)
    }

    @Test func sparklinesWithoutPointLabelsOnlySummarise() {
        let svg = Sparkline(label: "Viewers", values: [1, 2000, 3], unit: "viewers").svg()
        #expect(SVGInspection.titles(svg) == ["Viewers"])
        #expect(svg.contains("<desc>From 1 viewers to 2K viewers, latest 3 viewers.</desc>"))
        #expect(svg.contains(" width=\"100\" height=\"24\""))
    }

    @Test func coloursComeFromCustomProperties() {
        let svg = SampleCharts.timeSeries.svg()
        #expect(svg.contains("class=\"series-0 line\""))
        #expect(svg.contains("stroke=\"var(--series-0, #6441a5)\""))
        #expect(svg.contains("stroke=\"var(--series-1, "))
    }

    @Test func dataTablesAreWellFormedWithCaptionAndHeaders() {
        let tables = [SampleCharts.timeSeries.dataTable(), SampleCharts.ranking.dataTable(), SampleCharts.daily.dataTable(),
                      SampleCharts.sparkline.dataTable(), SampleCharts.shareBars.dataTable()]
        for table in tables {
            #expect(table.hasPrefix("<table class=\"chart-data\"><caption>"))
            #expect(table.contains("<th scope=\"col\">") && table.contains("<th scope=\"row\">"))
            #expect(SVGInspection.isWellFormed(table))
        }
    }
}

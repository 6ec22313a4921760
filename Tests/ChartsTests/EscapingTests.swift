import Foundation
import Testing
@testable import Charts

struct EscapingTests {
    let hostile = SampleCharts.hostile

    @Test func escapeXMLReplacesMarkupCharactersAndForbiddenControls() {
        #expect(escapeXML("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
        #expect(escapeXML("x\u{0001}y\u{FFFF}") == "x\u{FFFD}y\u{FFFD}")
        #expect(escapeXML("tab\tline\nemoji 😀 مرحبا") == "tab\tline\nemoji 😀 مرحبا")
        #expect(escapeHTML("<b>") == "&lt;b&gt;")
    }

    @Test func hostileTextIsEscapedInEveryChartAndTable() {
        let series = [Series(name: hostile, points: [.init(x: SampleCharts.utc(2026, 3, 8, 12), y: 5),
                                                     .init(x: SampleCharts.utc(2026, 3, 8, 13), y: 7)]),
                      Series(name: "b", points: [.init(x: SampleCharts.utc(2026, 3, 8, 12), y: 2)])]
        let zone = SampleCharts.newYork
        let outputs = [
            TimeSeriesChart(title: hostile, description: hostile, series: series, timeZone: zone, yLabel: hostile).svg(),
            TimeSeriesChart(title: hostile, description: hostile, series: series, timeZone: zone, yLabel: hostile).dataTable(),
            BarChart(title: hostile, description: hostile, bars: [.init(label: hostile, value: 3)], valueLabel: hostile,
                     labelHeader: hostile).svg(),
            BarChart(title: hostile, description: hostile, bars: [.init(label: hostile, value: 3)], orientation: .vertical,
                     valueLabel: hostile).svg(),
            BarChart(title: hostile, description: hostile, bars: [.init(label: hostile, value: 3)], valueLabel: hostile,
                     labelHeader: hostile).dataTable(),
            Sparkline(label: hostile, values: [1, 2], pointLabels: [hostile, hostile], unit: hostile).svg(),
            Sparkline(label: hostile, values: [1, 2], pointLabels: [hostile, hostile], unit: hostile).dataTable(),
            StackedShareChart(title: hostile, description: hostile, series: series, timeZone: zone, unit: hostile).svg(),
            StackedShareChart(title: hostile, description: hostile, series: series, timeZone: zone, style: .areas,
                              unit: hostile).svg(),
            StackedShareChart(title: hostile, description: hostile, series: series, timeZone: zone, unit: hostile).dataTable(),
            TimeSeriesChart(title: hostile, description: hostile, series: [], timeZone: zone).svg(),
        ]
        for output in outputs {
            #expect(!output.contains("<script"))
            #expect(!output.contains("\"x\""))
            #expect(!output.contains("'q'"))
            #expect(!output.contains("\u{0001}"))
            #expect(output.contains("&lt;script&gt;"))
            #expect(SVGInspection.isWellFormed(output))
        }
    }

    @Test func namesInTooltipsAreBidiIsolated() {
        let bars = BarChart(title: "t", description: "d", bars: [.init(label: "مرحبا", value: 1200)], valueLabel: "hours")
        #expect(SVGInspection.titles(bars.svg()).contains("\u{2068}مرحبا\u{2069} — 1,200 hours"))
    }

    @Test func longLabelsAreTruncatedWithoutSplittingGraphemes() {
        let family = "👩‍👩‍👧‍👦"
        let label = String(repeating: family, count: 200)
        let svg = BarChart(title: "t", description: "d", bars: [.init(label: label, value: 1)]).svg()
        #expect(svg.contains(family + "…</text>"))
        #expect(SVGInspection.isWellFormed(svg))
    }
}

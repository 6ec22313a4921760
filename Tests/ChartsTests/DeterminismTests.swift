import Foundation
import Testing
@testable import Charts

struct DeterminismTests {
    @Test func sameInputGivesByteIdenticalOutput() {
        #expect(SampleCharts.timeSeries.svg() == SampleCharts.timeSeries.svg())
        #expect(SampleCharts.shareAreas.svg() == SampleCharts.shareAreas.svg())
        #expect(SampleCharts.ranking.dataTable() == SampleCharts.ranking.dataTable())
    }

    @Test func pointOrderDoesNotChangeOutput() {
        var shuffled = SampleCharts.shareBars
        shuffled.series = shuffled.series.map { Series(name: $0.name, points: $0.points.reversed()) }
        #expect(shuffled.svg() == SampleCharts.shareBars.svg())
        #expect(shuffled.dataTable() == SampleCharts.shareBars.dataTable())
    }

    @Test func coordinatesHaveAtMostOneDecimal() {
        let svg = SampleCharts.timeSeries.svg()
        let numbers = svg.split(whereSeparator: { !"0123456789.".contains($0) })
        #expect(numbers.allSatisfy { ($0.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0) <= 1 })
    }
}

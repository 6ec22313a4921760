import Foundation
import TestSupport
import Testing
@testable import Charts

/// Representative charts compared byte for byte with Tests/ChartsTests/Golden.
/// Update deliberately with: UPDATE_GOLDEN=1 swift test --filter ChartsTests
struct GoldenTests {
    private let golden = GoldenFolder(target: "ChartsTests")

    @Test func timeSeriesAreaAcrossDSTDay() throws {
        try golden.check(SampleCharts.timeSeries.svg(), named: "time-series.svg")
    }

    @Test func timeSeriesDataTable() throws {
        try golden.check(SampleCharts.timeSeries.dataTable(maxRows: 40), named: "time-series-table.html")
    }

    @Test func horizontalRanking() throws {
        try golden.check(SampleCharts.ranking.svg(), named: "ranking.svg")
    }

    @Test func verticalDailyBars() throws {
        try golden.check(SampleCharts.daily.svg(), named: "daily-bars.svg")
    }

    @Test func sparkline() throws {
        try golden.check(SampleCharts.sparkline.svg(), named: "sparkline.svg")
    }

    @Test func stackedShareBars() throws {
        try golden.check(SampleCharts.shareBars.svg(), named: "share-bars.svg")
    }

    @Test func stackedShareAreas() throws {
        try golden.check(SampleCharts.shareAreas.svg(), named: "share-areas.svg")
    }
}

import Foundation
import Testing
@testable import Charts

/// Representative charts compared byte for byte with Tests/ChartsTests/Golden.
/// Update deliberately with: UPDATE_GOLDEN=1 swift test --filter ChartsTests
struct GoldenTests {
    @Test func timeSeriesAreaAcrossDSTDay() throws {
        try GoldenFile.check(SampleCharts.timeSeries.svg(), named: "time-series.svg")
    }

    @Test func timeSeriesDataTable() throws {
        try GoldenFile.check(SampleCharts.timeSeries.dataTable(maxRows: 40), named: "time-series-table.html")
    }

    @Test func horizontalRanking() throws {
        try GoldenFile.check(SampleCharts.ranking.svg(), named: "ranking.svg")
    }

    @Test func verticalDailyBars() throws {
        try GoldenFile.check(SampleCharts.daily.svg(), named: "daily-bars.svg")
    }

    @Test func sparkline() throws {
        try GoldenFile.check(SampleCharts.sparkline.svg(), named: "sparkline.svg")
    }

    @Test func stackedShareBars() throws {
        try GoldenFile.check(SampleCharts.shareBars.svg(), named: "share-bars.svg")
    }

    @Test func stackedShareAreas() throws {
        try GoldenFile.check(SampleCharts.shareAreas.svg(), named: "share-areas.svg")
    }
}

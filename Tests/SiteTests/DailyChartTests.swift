import Foundation
@testable import Site
import Testing

/// A channel or game with days off still gets a bar for every reported day of the window, so the
/// bars keep the calendar's spacing.
@Suite struct DailyChartTests {
    @Test func dayWithoutAValueIsAZeroBar() {
        let charts = ChartBlocks(timeZone: TimeZone(identifier: "UTC")!)
        let block = charts.daily(
            [(day: 20_510, value: 5), (day: 20_513, value: 2)], over: [20_510, 20_511, 20_512, 20_513],
            title: "Hours streamed per day", about: "test", unit: "hours streamed")
        let rows = block.table.components(separatedBy: "<tr>").dropFirst(2)  // header row, then one per day
        #expect(rows.count == 4)
        #expect(rows.filter { $0.contains("<td>0</td>") }.count == 2)
    }

    @Test func valuesOutsideTheWindowStillShow() {
        let charts = ChartBlocks(timeZone: TimeZone(identifier: "UTC")!)
        let block = charts.daily([(day: 20_514, value: 1)], over: [20_512, 20_513], title: "t", about: "a", unit: "u")
        #expect(block.table.components(separatedBy: "<tr>").count - 2 == 3)
    }
}

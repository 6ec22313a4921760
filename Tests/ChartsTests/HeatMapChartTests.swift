import Testing
@testable import Charts

@Suite("Heat map")
struct HeatMapChartTests {
    private let chart = HeatMapChart(
        title: "When it streams", description: "Hours by hour of the week.", rowLabels: ["Mon", "Tue"],
        columnLabels: ["00", "01", "02"], values: [[0, 1.5, 3], [0.5]], valueLabel: "hours streamed", rowHeader: "Day")

    @Test func everyCellIsShadedByItsValueWithItsExactValueInATooltip() {
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg") && svg.contains("role=\"img\"") && svg.contains("<title>When it streams</title>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 6)
        #expect(svg.contains("fill-opacity=\"1.00\"><title>\u{2068}Mon\u{2069} 02 — 3.0 hours streamed</title>"))
        #expect(svg.contains("fill-opacity=\"0.00\"><title>\u{2068}Mon\u{2069} 00 — 0.0 hours streamed</title>"))
        // A row shorter than the columns is zero beyond its end.
        #expect(svg.contains("<title>\u{2068}Tue\u{2069} 02 — 0.0 hours streamed</title>"))
    }

    @Test func theTableAndTheDataGiveEveryCell() {
        let table = chart.dataTable()
        #expect(table.contains("<th scope=\"col\">Day</th><th scope=\"col\">00</th>"))
        #expect(table.contains("<tr><th scope=\"row\">Tue</th><td>0.5</td><td>0.0</td><td>0.0</td></tr>"))
        #expect(chart.data().rows == [.init(label: "Mon", values: ["0.0", "1.5", "3.0"]),
                                      .init(label: "Tue", values: ["0.5", "0.0", "0.0"])])
    }

    @Test func noRowsIsAnEmptyChart() {
        let empty = HeatMapChart(title: "t", description: "d", rowLabels: [], columnLabels: [], values: [])
        #expect(empty.svg().contains("<svg"))
        #expect(!empty.svg().contains("<rect x"))
    }
}

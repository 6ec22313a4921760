import Charts
import Foundation
import Testing
@testable import Site

@Suite("Chart data files")
struct ChartDataTests {
    @Test func everyChartLinksACSVOfExactlyItsTableNumbers() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 20, days: 3), channelPages: 5)
        defer { built.remove() }
        var charts = 0
        for page in built.files(endingWith: "index.html") {
            let html = built.text(page)
            let figures = html.components(separatedBy: "<figure class=\"plot\">").dropFirst()
            for (i, figure) in figures.enumerated() {
                charts += 1
                let name = "chart-\(i + 1).csv"
                #expect(figure.contains("<a href=\"\(name)\">"), "\(page): chart \(i + 1) has no CSV link")
                let folder = (page as NSString).deletingLastPathComponent
                let csv = built.text(folder.isEmpty ? name : folder + "/" + name)
                #expect(Array(csvRows(csv).dropFirst()) == tableRows(figure).map { $0.map { $0.replacingOccurrences(of: ",", with: "") } }
                    .map { $0.map { $0 == "—" ? "" : $0 } },
                    "\(page): \(name) differs from the chart's data table")
            }
        }
        #expect(charts > 20)
    }

    @Test func labelsAreEscapedAgainstFormulasAndNumbersKeptAsTheyAre() {
        let data = ChartData(headers: ["Game", "hours watched"], rows: [
            .init(label: "=HYPERLINK(\"x\")", values: ["-3"]), .init(label: "@SUM(A1)", values: ["12.5"]),
            .init(label: "a, b", values: [""]),
        ])
        #expect(ChartFiles.csv(data) == "Game,hours watched\n\"'=HYPERLINK(\"\"x\"\")\",-3\n'@SUM(A1),12.5\n\"a, b\",\n")
    }

    @Test func csvFilesLieBesideTheirPage() {
        let block = ChartBlock(title: "t", svg: "", table: "", data: ChartData(headers: ["a", "b"], rows: []))
        let atRoot = ChartFiles.attach([block, block], page: "index.html")
        #expect(atRoot.files.map(\.path) == ["chart-1.csv", "chart-2.csv"])
        #expect(atRoot.blocks.map(\.csvHref) == ["chart-1.csv", "chart-2.csv"])
        let deep = ChartFiles.attach([ChartBlock(title: "t", svg: "", table: ""), block], page: "games/7/index.html")
        #expect(deep.files.map(\.path) == ["games/7/chart-1.csv"])
        #expect(deep.blocks.map(\.csvHref) == [nil, "chart-1.csv"])
    }

    /// The header and data cells of each body row of the figure's data table, as text.
    private func tableRows(_ figure: String) -> [[String]] {
        guard let body = figure.components(separatedBy: "<tbody>").dropFirst().first?
            .components(separatedBy: "</tbody>").first else { return [] }
        let cell = /<t[hd][^>]*>([^<]*)<\/t[hd]>/
        return body.components(separatedBy: "<tr>").dropFirst().map { row in
            row.matches(of: cell).map { unescape(String($0.output.1)) }
        }
    }

    private func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Rows of a CSV whose cells hold no quotes or line breaks (times, numbers, day labels).
    private func csvRows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

import Foundation
import Pipeline
import TestSupport
import Testing

/// A page rendered again with fewer charts loses the chart files it no longer links, and the
/// build removes nothing else.
@Suite struct StaleChartFilesTests {
    @Test func aPageWithFewerChartsLosesItsExtraChartFiles() throws {
        let scratch = try ScratchFolder()
        let out = scratch.url.appendingPathComponent("site")
        let db = scratch.path("db.sqlite")
        // Two games on 2026-03-01, then only one on 2026-03-02: the other game's page has its
        // concurrent charts while 03-01 is the latest day, and then only its daily chart.
        let firstDay = try scratch.write("first.ndjson", try Self.crawls(from: "2026-03-01T00:00:00Z", count: 48, games: ["1", "2"]))
        let secondDay = { (count: Int) throws in try Self.crawls(from: "2026-03-02T00:00:00Z", count: count, games: ["1"]) }
        let secondStarts = try scratch.write("second-starts.ndjson", try secondDay(2))
        let secondEnds = try scratch.write("second-ends.ndjson", try secondDay(49))

        _ = try importAndBuild([firstDay, secondStarts], db: db, out: out)
        let before = Set(filesUnder(out).keys)
        _ = try importAndBuild([secondEnds], db: db, out: out)
        let after = filesUnder(out)

        let removed = before.subtracting(after.keys)
        #expect(!removed.isEmpty, "no page lost a chart; the fixture no longer tests this")
        for path in removed.sorted() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            #expect(name.hasPrefix("chart-") && name.hasSuffix(".csv"), "\(path) was removed")
            #expect(after[page(beside: path)] != nil, "\(path): its page is gone")
        }
        // Every chart file left is linked from the page beside it.
        for path in after.keys.sorted() where URL(fileURLWithPath: path).lastPathComponent.hasPrefix("chart-") {
            let html = try #require(after[page(beside: path)], "\(path) has no page")
            let link = "href=\"\(URL(fileURLWithPath: path).lastPathComponent)\""
            let linked = String(decoding: html, as: UTF8.self).contains(link)
            #expect(linked, "\(path) is linked from nothing")
        }
    }

    /// A crawl every 30 minutes, one live stream per game (its channel and stream numbered after
    /// the game and the first crawl's day).
    static func crawls(from first: String, count: Int, games: [String]) throws -> String {
        let formatter = ISO8601DateFormatter()
        let start = try #require(formatter.date(from: first))
        var lines: [String] = []
        for crawl in 0..<count {
            let time = formatter.string(from: start.addingTimeInterval(Double(crawl) * 1800))
            for game in games {
                lines.append(
                    "{\"id\":\"\(first.prefix(10).filter(\.isNumber))\(game)\",\"user_id\":\"\(game)\",\"user_login\":\"channel\(game)\","
                        + "\"user_name\":\"Channel \(game)\",\"game_id\":\"\(game)\",\"game_name\":\"Game \(game)\",\"type\":\"live\","
                        + "\"title\":\"Stream\",\"tags\":[],\"viewer_count\":\(100 + crawl),\"started_at\":\"\(first)\","
                        + "\"language\":\"en\",\"is_mature\":false,\"last_updated\":\"\(time)\"}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func page(beside path: String) -> String {
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        return folder.isEmpty ? "index.html" : folder + "/index.html"
    }
}

import Foundation
import Testing
@testable import Site

@Suite("Sortable tables")
struct SortableTableTests {
    @Test func everyRankingTableLoadsTheTableScriptAndStartsSortedByRank() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 20, days: 2), channelPages: 5)
        defer { built.remove() }
        #expect(built.exists("tables.js"))
        #expect(built.text("tables.js") == EmbeddedTemplates.files["tables.js"])
        var rankingPages = 0
        for page in built.files(endingWith: "index.html") {
            let html = built.text(page)
            #expect(html.contains("tables.js\" defer></script>"), "\(page) does not load tables.js")
            let tables = html.components(separatedBy: "<table class=\"ranking\">").count - 1
            guard tables > 0 else { continue }
            rankingPages += 1
            // Without the script the table is ranked by its first column, and says so.
            let sorted = html.components(separatedBy: "<th scope=\"col\" class=\"num\" aria-sort=\"ascending\">#</th>").count - 1
            // A game's rank history is by day, not by rank, and does not claim otherwise.
            let expected = page.hasPrefix("games/") && page != "games/index.html" && !page.hasPrefix("games/page-") ? tables - 1 : tables
            #expect(sorted == expected, "\(page): \(tables) ranking tables, \(sorted) marked sorted by rank")
        }
        #expect(rankingPages > 5)
    }

    @Test func theTableScriptMovesRowsAndMarksTheSortedColumn() throws {
        let script = try #require(EmbeddedTemplates.files["tables.js"])
        // Rows are moved (appendChild), not rebuilt from text, so <bdi> names and links survive.
        #expect(script.contains("body.appendChild(k.row)"))
        #expect(!script.contains("innerHTML"))
        #expect(script.contains("setAttribute(\"aria-sort\", order)"))
        #expect(script.contains("removeAttribute(\"aria-sort\")"))
    }
}

/// The accessible HTML table of a chart's data, meant for a `<details>` element under the chart.
struct DataTable {
    struct Row {
        let header: String
        let cells: [String]
    }

    let caption: String
    let headers: [String]
    let rows: [Row]
    /// Rows of the whole table when `rows` holds only those shown (`shownRows`); nil when it
    /// holds them all.
    var thinnedFrom: Int? = nil

    /// Which of `count` rows a table of at most `maxRows` shows: every n-th, from the first.
    static func shownRows(count: Int, maxRows: Int) -> StrideTo<Int> {
        stride(from: 0, to: count, by: step(count: count, maxRows: maxRows))
    }

    private static func step(count: Int, maxRows: Int) -> Int {
        let limit = Swift.max(1, maxRows)
        return count > limit ? (count + limit - 1) / limit : 1
    }

    /// Long tables keep every n-th row so a page stays within its weight budget; the caption
    /// then says so.
    func html(maxRows: Int) -> String {
        let total = thinnedFrom ?? rows.count
        let every = Self.step(count: total, maxRows: maxRows)
        var note = ""
        if every > 1 {
            note = " (1 row in \(every) shown, of \(NumberFormat.grouped(total)))"
        }
        var html = "<table class=\"chart-data\"><caption>\(escapeHTML(caption + note))</caption><thead><tr>"
        for header in headers {
            html += "<th scope=\"col\">\(escapeHTML(header))</th>"
        }
        html += "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() where thinnedFrom != nil || index % every == 0 {
            html += "<tr><th scope=\"row\">\(escapeHTML(row.header))</th>"
            for cell in row.cells {
                html += "<td>\(escapeHTML(cell))</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// What an empty cell says.
    static let missing = "—"
}

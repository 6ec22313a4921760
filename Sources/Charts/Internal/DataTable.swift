/// The accessible HTML table of a chart's data, meant for a `<details>` element under the chart.
struct DataTable {
    struct Row {
        let header: String
        let cells: [String]
    }

    let caption: String
    let headers: [String]
    let rows: [Row]

    /// Long tables keep every n-th row so a page stays within its weight budget; the caption
    /// then says so.
    func html(maxRows: Int) -> String {
        let limit = Swift.max(1, maxRows)
        let every = rows.count > limit ? (rows.count + limit - 1) / limit : 1
        var note = ""
        if every > 1 {
            note = " (1 row in \(every) shown, of \(NumberFormat.grouped(rows.count)))"
        }
        var html = "<table class=\"chart-data\"><caption>\(escapeHTML(caption + note))</caption><thead><tr>"
        for header in headers {
            html += "<th scope=\"col\">\(escapeHTML(header))</th>"
        }
        html += "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() where index % every == 0 {
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

import Charts

extension RankTable {
    /// The rows as `templates/ranking.mustache` showed them with `{{#rows}}`, built here: a
    /// template section per row, cell and link cost swift-mustache a dozen look-ups up the context
    /// stack a row, a fifth of rendering the thousands of game pages. Overrides can still iterate
    /// `rows` themselves.
    func bodyHTML() -> String {
        var html = ""
        html.reserveCapacity(rows.count * 160)
        for row in rows {
            html += "<tr><td class=\"num\">" + escapeXML(row.rank) + "</td>"
            if showChange {
                html += "<td class=\"chg " + escapeXML(row.changeClass) + "\">" + escapeXML(row.change) + "</td>"
            }
            html += "<td class=\"name\">"
            let name = "<bdi>" + escapeXML(row.name) + "</bdi>"
            if let href = row.href {
                html += "<a href=\"" + escapeXML(href) + "\">" + name + "</a>"
            } else {
                html += name
            }
            if let sub = row.sub { html += " <small><bdi>" + escapeXML(sub) + "</bdi></small>" }
            html += "</td>"
            for value in row.values { html += "<td class=\"num\">" + escapeXML(value) + "</td>" }
            html += "</tr>\n"
        }
        return html
    }
}

import Charts

/// The values templates read. Every field is text already formatted and unescaped: templates
/// escape with `{{ }}`; only `svg` and `table` (built by the Charts module, which escapes) are
/// inserted raw. Each type hands its fields to the templates by name (`TemplateFields.swift`).

struct Stat {
    var label: String
    var value: String
    var delta: String?
    var deltaClass = ""
    var deltaTitle = ""

    init(_ label: String, _ value: String, change: (text: String, kind: String)? = nil, versus: String = "") {
        self.label = label
        self.value = value
        delta = change?.text
        deltaClass = change?.kind ?? ""
        deltaTitle = versus
    }
}

extension Stat {
    /// The stats as `templates/stats.mustache` showed them with `{{#stats}}`, built here (as
    /// `RankTable.bodyHTML`): every page has them, thousands of pages a night. Overrides can still
    /// iterate `stats` themselves.
    static func bodyHTML(_ stats: [Stat]) -> String {
        var html = ""
        for stat in stats {
            html += "<div><dt>" + escapeXML(stat.label) + "</dt><dd><span class=\"value\">" + escapeXML(stat.value) + "</span>"
            if let delta = stat.delta {
                html += " <span class=\"delta " + escapeXML(stat.deltaClass) + "\" title=\"" + escapeXML(stat.deltaTitle) + "\">"
                    + escapeXML(delta) + "</span>"
            }
            html += "</dd></div>\n"
        }
        return html
    }
}

struct ChartBlock {
    var title: String
    var svg: String
    var table: String
    /// The numbers of `table`, for the chart's CSV file (`ChartFiles`).
    var data: ChartData? = nil
    /// The link to that file, relative to the page.
    var csvHref: String? = nil
}

struct Link {
    var href: String
    var text: String
}

struct RankRow {
    var rank: String
    var change = ""
    var changeClass = ""
    var name: String
    var href: String?
    var sub: String?
    var values: [String]
}

struct RankTable {
    var caption: String
    var nameHeading: String
    var columns: [String]
    var rows: [RankRow]
    var showChange: Bool
    var changeTitle = "Change in rank from the day before"
    var more: Link?
    /// The rows are in rank order (the `#` header says so with `aria-sort`); false for a table
    /// in another order, such as a rank history by day.
    var rankOrdered = true
}

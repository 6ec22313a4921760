import Extracts
import Model

/// A plain page listing every reported day and links to its extracts.
public enum ExtractIndexPage {
    public static func render(days: [CivilDate]) -> String {
        var rows = ""
        for day in days.reversed() {
            let links = DayExtracts.names.map { name in
                "<a href=\"data/\(day.iso)/\(name).csv\">\(name).csv</a> <a href=\"data/\(day.iso)/\(name).json\">json</a>"
            }.joined(separator: " · ")
            rows += "<tr><th scope=\"row\">\(day.iso)</th><td>\(links)</td></tr>\n"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>twitch-stats extracts</title></head>
            <body><h1>twitch-stats extracts</h1>
            <table><thead><tr><th scope="col">Day</th><th scope="col">Files</th></tr></thead><tbody>
            \(rows)</tbody></table></body></html>

            """
    }
}

import Charts
import Metrics
import Model
import Store

/// The periods part of a game or channel page: "this period against the one before" for the
/// 7-, 30- and 90-day windows, and one row per month (newest first), from `PeriodRecorder`'s rows.
enum PeriodHistoryBlock {
    /// Fields for the `periodhistory` partial; empty when the game or channel has no period rows.
    /// - Parameter perChannel: a channel's average viewers are over its hours streamed; a game's over the period's length.
    static func fields(_ rows: [PeriodEntityRow], perChannel: Bool, page: PageContext) -> [String: Any] {
        guard !rows.isEmpty else { return [:] }
        func avg(_ watch: Int64, _ seconds: Int64, _ length: Int64) -> Double {
            let over = perChannel ? seconds : length * 1000
            return over == 0 ? 0 : Double(watch) / Double(over)
        }
        let byName = Dictionary(rows.map { ($0.period, $0) }, uniquingKeysWith: { $1 })
        let windows: [[String: Any]] = [7, 30, 90].compactMap { days in
            guard let r = byName["last-\(days)d"] else { return nil }
            let hours = Double(r.watchMs) / 3_600_000
            let before = r.previousWatchMs.map { Double($0) / 3_600_000 }
            let average = avg(r.watchMs, r.secondsMs, r.lengthSeconds)
            let averageBefore = r.previousWatchMs.map {
                avg($0, r.previousSecondsMs ?? 0, r.previousLengthSeconds)
            }
            var row: [String: Any] = [
                "label": "Last \(days) days", "href": page.href("rollups/\(days)d/index.html"),
                "hoursWatched": Fmt.hours(hours), "hoursWatchedBefore": before.map(Fmt.hours) ?? "–",
                "avgViewers": Fmt.viewers(average), "avgViewersBefore": averageBefore.map(Fmt.viewers) ?? "–",
                "rank": String(r.rank), "rankBefore": r.previousRank.map(String.init) ?? "–",
            ]
            if let change = Fmt.change(hours, before) {
                row["change"] = change.text
                row["changeClass"] = change.kind
            }
            return row
        }
        let months: [[String: Any]] = rows.filter { isMonth($0.period) }.reversed().map { r in
            let change = Fmt.rankChange(r.rank, r.previousRank)
            return [
                "month": r.period, "href": page.href("months/\(r.period)/index.html"),
                "hoursWatched": Fmt.hours(Double(r.watchMs) / 3_600_000),
                "hoursStreamed": Fmt.hours(Double(r.secondsMs) / 3_600_000),
                "avgViewers": Fmt.viewers(avg(r.watchMs, r.secondsMs, r.lengthSeconds)),
                "peakViewers": Fmt.count(r.peakViewers), "rank": String(r.rank), "change": change.text,
                "changeClass": change.kind,
            ]
        }
        var fields: [String: Any] = [:]
        if !windows.isEmpty {
            fields["periodWindows"] = windows
            fields["periodWindowsBody"] = windowsBody(windows)
            fields["hasPeriodWindows"] = true
        }
        if !months.isEmpty {
            fields["periodMonths"] = months
            fields["periodMonthsBody"] = monthsBody(months)
            fields["hasPeriodMonths"] = true
        }
        return fields
    }

    // The rows as `templates/periodhistory.mustache` showed them with `{{#periodWindows}}` and
    // `{{#periodMonths}}`, built here: a year of months is over half the look-ups of a game
    // page, each a dozen casts in swift-mustache (as `RankTableBody`). Overrides can still
    // iterate `periodWindows` and `periodMonths` themselves.

    static func windowsBody(_ rows: [[String: Any]]) -> String {
        rows.map { row in
            let change = (row["change"] as? String).map {
                "<span class=\"delta " + text(row, "changeClass") + "\">" + escapeXML($0) + "</span>"
            }
            return linkCell(row, "label") + numberCells(row, "hoursWatched", "hoursWatchedBefore")
                + "<td class=\"num\">" + (change ?? "") + "</td>"
                + numberCells(row, "avgViewers", "avgViewersBefore", "rank", "rankBefore") + "</tr>\n"
        }.joined()
    }

    static func monthsBody(_ rows: [[String: Any]]) -> String {
        rows.map { row in
            linkCell(row, "month") + numberCells(row, "hoursWatched", "hoursStreamed", "avgViewers", "peakViewers", "rank")
                + "<td class=\"chg " + text(row, "changeClass") + "\">" + text(row, "change") + "</td></tr>\n"
        }.joined()
    }

    private static func text(_ row: [String: Any], _ key: String) -> String { escapeXML(row[key] as? String ?? "") }

    /// A row's start: its first cell, `name` linked to the row's `href`.
    private static func linkCell(_ row: [String: Any], _ name: String) -> String {
        "<tr><td><a href=\"" + text(row, "href") + "\">" + text(row, name) + "</a></td>"
    }

    private static func numberCells(_ row: [String: Any], _ keys: String...) -> String {
        keys.map { "<td class=\"num\">" + text(row, $0) + "</td>" }.joined()
    }

    /// `YYYY-MM` (not `last-7d`, which has a `-` in the same place).
    static func isMonth(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return bytes.count == 7 && bytes[4] == UInt8(ascii: "-")
            && bytes.indices.allSatisfy { $0 == 4 || (bytes[$0] >= 48 && bytes[$0] <= 57) }
    }
}

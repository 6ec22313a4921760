import Foundation
import Metrics
import Model
import Store

/// What the pages read of a long history: on a built database, the day with most channels is
/// recorded again as each of the `--days` days before it (a month of full Twitch is about ten
/// million channel rows), then the history the pages load is timed, and the window rankings
/// against summing every channel of the window.
struct HistoryBenchmark {
    let database: String
    let days: Int
    let channelPages: Int

    init(arguments: [String]) {
        let a = BenchArguments(arguments)
        database = a.string("db", "")
        days = a.int("days", 60)
        channelPages = a.int("channel-pages", 1000)
    }

    func run() throws {
        guard !database.isEmpty else {
            print("history: --db DB (a built database, e.g. from `core --build-db`) is required")
            exit(2)
        }
        let store = try Store(path: database)
        let calendar = ReportCalendar(identifier: try store.meta(.timeZone) ?? "UTC")!
        let reported = try ReportedDays.all(store: store, calendar: calendar)
        let channelsOfDay = try reported.map { (day: $0, channels: try store.historySummary(day: $0)?.channels ?? 0) }
        guard let base = channelsOfDay.max(by: { $0.channels < $1.channels })?.day else { return print("history: no reported day") }
        let recorded = Set(try store.historyDays())
        let tables = try DayTableBuilder.tables(store: store, calendar: calendar, day: base)
        let fill = try seconds {
            for k in 1..<days where !recorded.contains(base - k) {
                var copy = tables
                copy.day = base - k
                try HistoryRecorder.record(copy, store: store)
            }
        }
        let history = (base - days + 1)...base
        figure("history days (channels a day)", "\(days) (\(grouped(Double(tables.channels.count))))")
        if fill > 0.1 { figure("  recording the copies", String(format: "%.1f s", fill)) }

        let through = Array(history)
        var loaded: SiteHistory?
        let load = try seconds {
            loaded = try SiteHistory.load(store: store, calendar: calendar, reportedDays: through, channelPages: channelPages)
        }
        figure("history the pages load", String(format: "%.2f s", load), target: "", ok: nil)
        figure("  channel pages", "\(loaded?.channelPages.count ?? 0)")

        // The four window rankings a build asks for, both ways.
        let windows = [(base - 29, base, max(channelPages, 100)), (base - 59, base - 30, 1000),
                       (base - 6, base, 100), (base - 13, base - 7, 1000)]
        var ranked = 0.0, summed = 0.0
        for (from, to, limit) in windows {
            var fast: [WindowTotalRow] = [], slow: [WindowTotalRow] = []
            ranked += try seconds { fast = try store.channelTotals(from: from, through: to, limit: limit) }
            summed += try seconds { slow = try store.channelTotalsSummingAll(from: from, through: to, limit: limit) }
            if fast != slow { print("MISMATCH in window \(from)...\(to)") }
        }
        figure("window rankings (4), rank order", String(format: "%.2f s", ranked))
        figure("window rankings (4), summing all", String(format: "%.2f s", summed))
        figure("  ratio", String(format: "%.0f×", summed / max(ranked, 0.001)))
    }
}

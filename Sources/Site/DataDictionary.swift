import Extracts
import Mustache

/// The meaning of every column of every extract, in the words of METRICS.md.
enum DataDictionary {
    struct Column: MustacheParent {
        var name, type, meaning: String

        func child(named field: String) -> Any? {
            switch field {
            case "name": name
            case "type": type
            case "meaning": meaning
            default: nil
            }
        }
    }

    struct Table: MustacheParent {
        var name, about: String
        var columns: [Column]
        /// The anchor and the heading: `games` and `games.csv`, or for a period's `period-games`.
        var id: String
        var heading: String

        init(name: String, about: String, columns: [Column], period: Bool = false) {
            self.name = name
            self.about = about
            self.columns = columns
            id = period ? "period-" + name : name
            heading = period ? name + ".csv of a month, year or window" : name + ".csv"
        }

        func child(named field: String) -> Any? {
            switch field {
            case "id": id
            case "heading": heading
            case "name": name
            case "about": about
            case "columns": columns
            default: nil
            }
        }
    }

    static let meanings: [String: [String: (type: String, meaning: String)]] = [
        "summary": [
            "date": ("date", "The day, YYYY-MM-DD, in the report time zone."),
            "crawls": ("integer", "Crawls whose crawl time falls in the day."),
            "hours_watched": ("number", "Viewer-seconds of every interval part in the day, divided by 3,600."),
            "hours_streamed": ("number", "Seconds live of every interval part in the day, divided by 3,600."),
            "avg_viewers": ("number", "Viewer-seconds divided by the length of the day in seconds."),
            "avg_channels": ("number", "Seconds live divided by the length of the day in seconds."),
            "peak_viewers": ("integer", "The highest sum of viewer counts over the crawls of the day."),
            "peak_viewers_at": ("time", "Crawl time of that peak (the earliest on a tie), UTC."),
            "peak_channels": ("integer", "The highest number of streams in one crawl of the day."),
            "channels": ("integer", "Distinct channels (user_id) live in the day."),
            "games": ("integer", "Distinct game ids streamed in the day (\"\" counts as one)."),
            "streams": ("integer", "Distinct stream ids live in the day."),
        ],
        "games": [
            "date": ("date", "The day."),
            "rank": ("integer", "1-based, by hours_watched, then hours_streamed (both descending), then game_id."),
            "game_id": ("text", "Twitch's game id; empty for streams with no category."),
            "game_name": ("text", "The name of the game in its latest observation of the day."),
            "hours_watched": ("number", "Viewer-hours of the game's intervals in the day."),
            "hours_streamed": ("number", "Hours live in the game, summed over channels."),
            "avg_viewers": ("number", "Viewer-seconds divided by the length of the day."),
            "avg_channels": ("number", "Seconds live divided by the length of the day."),
            "peak_viewers": ("integer", "The highest sum of viewer counts of the game's streams in one crawl."),
            "peak_channels": ("integer", "The highest number of the game's streams in one crawl."),
            "streamers": ("integer", "Distinct channels live in the game."),
            "viewer_ratio": ("number", "hours_watched divided by hours_streamed."),
        ],
        "channels": [
            "date": ("date", "The day."),
            "rank": ("integer", "1-based, by hours_watched, then hours_streamed (both descending), then user_id."),
            "user_id": ("text", "Twitch's user id of the channel."),
            "user_login": ("text", "The login in the channel's latest observation of the day."),
            "user_name": ("text", "The display name in that observation."),
            "hours_watched": ("number", "Viewer-hours of the channel's intervals in the day."),
            "hours_streamed": ("number", "Hours the channel was live in the day."),
            "avg_viewers": ("number", "hours_watched divided by hours_streamed: the average while live."),
            "peak_viewers": ("integer", "The channel's highest viewer count in a crawl of the day."),
            "streams": ("integer", "Distinct stream ids of the channel live in the day."),
            "games": ("integer", "Distinct games the channel streamed in the day."),
            "main_game_id": ("text", "The game streamed longest (ties: more viewer-seconds, then game_id)."),
            "main_game_name": ("text", "Its name."),
            "language": ("text", "The stream language in the channel's latest observation of the day."),
        ],
        "languages": [
            "date": ("date", "The day."),
            "rank": ("integer", "1-based, by hours_watched descending, then language."),
            "language": ("text", "The stream language as the broadcaster set it (ISO 639-1, or \"other\")."),
            "hours_watched": ("number", "Viewer-hours of streams in the language."),
            "hours_streamed": ("number", "Hours live of streams in the language."),
            "avg_viewers": ("number", "Viewer-seconds divided by the length of the day."),
            "avg_channels": ("number", "Seconds live divided by the length of the day."),
            "peak_viewers": ("integer", "The highest sum of viewer counts of the language in one crawl."),
            "peak_channels": ("integer", "The highest number of the language's streams in one crawl."),
            "channels": ("integer", "Distinct channels live in the language."),
            "watch_share": ("number", "The language's viewer-seconds divided by all viewer-seconds of the day."),
        ],
        "segments": [
            "stream_id": ("text", "Twitch's stream id."),
            "segment": ("integer", "1-based position of the segment within its stream, in time order."),
            "user_id": ("text", "The channel's user id."),
            "user_login": ("text", "The login in the segment's last observation."),
            "user_name": ("text", "The display name in that observation."),
            "game_id": ("text", "The game of the segment (one game per segment)."),
            "game_name": ("text", "Its name in the segment's last observation."),
            "title": ("text", "The stream title in the segment's last observation."),
            "language": ("text", "The stream language in that observation."),
            "started_at": ("time", "When the stream started, as Twitch reports it, UTC."),
            "first_seen": ("time", "Time of the segment's first observation, UTC; it decides the segment's day."),
            "last_seen": ("time", "Time of its last observation, UTC."),
            "duration_seconds": ("integer", "Seconds covered by the segment's observations."),
            "watch_seconds": ("integer", "Viewer-seconds of the segment."),
            "avg_viewers": ("number", "watch_seconds divided by duration_seconds (0 when the duration is 0)."),
            "peak_viewers": ("integer", "The highest viewer count in the segment."),
        ],
    ]

    static let abouts: [String: String] = [
        "summary": "One row: the day's totals.",
        "games": "One row per game streamed in the day, in rank order.",
        "channels": "One row per channel live in the day, in rank order.",
        "languages": "One row per stream language, in rank order.",
        "segments": "One row per segment (a run of a stream with one game) whose first sighting is in the day, by first_seen.",
    ]

    /// The period extracts (METRICS.md §8), by the name of the daily extract they follow.
    static let periodTables = ["summary", "games", "channels", "languages"]

    /// What the period extracts add to the daily columns.
    static let periodMeanings: [String: (type: String, meaning: String)] = [
        "period": ("text", "The period: a month (YYYY-MM), a year (YYYY) or a rolling window (last-7d, last-30d, last-90d, last-180d, last-365d)."),
        "previous_rank": ("integer", "The row's rank in the period before (the month or year before, the N days before the window); empty (JSON null) when it was not ranked there."),
        "first_day": ("date", "The period's first calendar day (for a window, the first of its N days)."),
        "last_day": ("date", "The period's last calendar day (for a window, the latest complete day)."),
        "days": ("integer", "Reported days in the period: days with at least one crawl."),
    ]

    static func periodMeaning(_ table: String, _ column: String) -> (type: String, meaning: String)? {
        if let own = periodMeanings[column] { return own }
        guard let daily = meanings[table]?[column] else { return nil }
        return (daily.type, "As in the daily \(table) extract, computed over all of the period's reported days at once: "
            + "distinct counts count each id once, averages divide by the sum of those days' lengths, peaks are the period's highest crawl.")
    }

    /// The columns of each extract, in file order, as the extracts define them.
    static var columns: [String: [String]] {
        [
            "summary": DayExtracts.summary(date: "", length: 0).columnNames,
            "games": DayExtracts.games(date: "").columnNames,
            "channels": DayExtracts.channels(date: "").columnNames,
            "languages": DayExtracts.languages(date: "").columnNames,
            "segments": DayExtracts.segments().columnNames,
        ]
    }

    /// The columns of each period extract, in file order.
    static var periodColumns: [String: [String]] {
        [
            "summary": PeriodExtracts.summary(period: .year(2000)).columnNames,
            "games": PeriodExtracts.games(period: "").columnNames,
            "channels": PeriodExtracts.channels(period: "").columnNames,
            "languages": PeriodExtracts.languages(period: "").columnNames,
        ]
    }

    static var tables: [Table] {
        let columns = self.columns
        let daily = DayExtracts.names.map { name in
            Table(name: name, about: abouts[name] ?? "", columns: (columns[name] ?? []).map { column in
                let entry = meanings[name]?[column]
                return Column(name: column, type: entry?.type ?? "", meaning: entry?.meaning ?? "")
            })
        }
        let periodColumns = self.periodColumns
        let periods = periodTables.map { name in
            Table(name: name,
                  about: "In data/months/YYYY-MM/, data/years/YYYY/ and data/last-Nd/: the daily \(name) table over a whole period.",
                  columns: (periodColumns[name] ?? []).map { column in
                      let entry = periodMeaning(name, column)
                      return Column(name: column, type: entry?.type ?? "", meaning: entry?.meaning ?? "")
                  }, period: true)
        }
        return daily + periods
    }

    /// Columns of the extracts with no meaning written here (a test keeps this empty).
    static var undocumented: [String] {
        columns.flatMap { table, names in names.filter { meanings[table]?[$0] == nil }.map { "\(table).\($0)" } }
            + periodColumns.flatMap { table, names in
                names.filter { periodMeaning(table, $0) == nil }.map { "periods \(table).\($0)" }
            }
    }
}

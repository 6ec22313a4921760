import Metrics
import Model

/// The five extracts of a day, exactly as METRICS.md §6 lays them out.
public enum DayExtracts {
    /// The file names, in the order the downloads page lists them.
    public static let names = ["summary", "games", "channels", "languages", "segments"]

    /// `data/D/<name>.csv` and `.json` for every extract of the day, as (relative path, contents).
    public static func files(_ t: DayTables) -> [(path: String, contents: [UInt8])] {
        let date = t.date.iso
        let folder = "data/\(date)/"
        func both<Row>(_ table: ExtractTable<Row>, _ rows: [Row]) -> [(path: String, contents: [UInt8])] {
            [(folder + table.name + ".csv", table.csv(rows)), (folder + table.name + ".json", table.json(rows))]
        }
        return both(summary(date: date, length: t.lengthSeconds), [t.summary])
            + both(games(date: date), t.games)
            + both(channels(date: date), t.channels)
            + both(languages(date: date), t.languages)
            + both(segments(), t.segments)
    }

    public static func games(date: String) -> ExtractTable<GameRow> {
        ExtractTable(
            name: "games",
            columns: ["date", "rank", "game_id", "game_name", "hours_watched", "hours_streamed", "avg_viewers",
                      "avg_channels", "peak_viewers", "peak_channels", "streamers", "viewer_ratio"]
        ) { r in
            [.text(date), .integer(Int64(r.rank)), .text(r.gameID), .text(r.gameName), .decimal(r.time.hoursWatched),
             .decimal(r.time.hoursStreamed), .decimal(r.avgViewers), .decimal(r.avgChannels), .integer(r.peakViewers),
             .integer(Int64(r.peakChannels)), .integer(Int64(r.streamers)), .decimal(r.viewerRatio)]
        }
    }

    public static func channels(date: String) -> ExtractTable<ChannelRow> {
        ExtractTable(
            name: "channels",
            columns: ["date", "rank", "user_id", "user_login", "user_name", "hours_watched", "hours_streamed",
                      "avg_viewers", "peak_viewers", "streams", "games", "main_game_id", "main_game_name", "language"]
        ) { r in
            [.text(date), .integer(Int64(r.rank)), .text(r.userID), .text(r.userLogin), .text(r.userName),
             .decimal(r.time.hoursWatched), .decimal(r.time.hoursStreamed), .decimal(r.avgViewers),
             .integer(Int64(r.peakViewers)), .integer(Int64(r.streams)), .integer(Int64(r.games)), .text(r.mainGameID),
             .text(r.mainGameName), .text(r.language)]
        }
    }

    public static func languages(date: String) -> ExtractTable<LanguageRow> {
        ExtractTable(
            name: "languages",
            columns: ["date", "rank", "language", "hours_watched", "hours_streamed", "avg_viewers", "avg_channels",
                      "peak_viewers", "peak_channels", "channels", "watch_share"]
        ) { r in
            [.text(date), .integer(Int64(r.rank)), .text(r.language), .decimal(r.time.hoursWatched),
             .decimal(r.time.hoursStreamed), .decimal(r.avgViewers), .decimal(r.avgChannels), .integer(r.peakViewers),
             .integer(Int64(r.peakChannels)), .integer(Int64(r.channels)), .decimal(r.watchShare)]
        }
    }

    public static func summary(date: String, length: Int64) -> ExtractTable<SummaryRow> {
        ExtractTable(
            name: "summary",
            columns: ["date", "crawls", "hours_watched", "hours_streamed", "avg_viewers", "avg_channels", "peak_viewers",
                      "peak_viewers_at", "peak_channels", "channels", "games", "streams"]
        ) { r in
            [.text(date), .integer(Int64(r.crawls)), .decimal(r.time.hoursWatched), .decimal(r.time.hoursStreamed),
             .decimal(r.avgViewers), .decimal(r.avgChannels), .integer(r.peakViewers),
             r.peakViewersAt.map { .time($0) } ?? .text(""), .integer(Int64(r.peakChannels)),
             .integer(Int64(r.channels)), .integer(Int64(r.games)), .integer(Int64(r.streams))]
        }
    }

    public static func segments() -> ExtractTable<SegmentSummary> {
        ExtractTable(
        name: "segments",
        columns: ["stream_id", "segment", "user_id", "user_login", "user_name", "game_id", "game_name", "title",
                  "language", "started_at", "first_seen", "last_seen", "duration_seconds", "watch_seconds",
                  "avg_viewers", "peak_viewers"]
    ) { r in
        [.text(r.streamID), .integer(Int64(r.segment)), .text(r.userID), .text(r.userLogin), .text(r.userName),
         .text(r.gameID), .text(r.gameName), .text(r.title), .text(r.language), .time(r.startedAt),
         .time(r.firstSeen), .time(r.lastSeen), .integer(wholeSeconds(r.durationMs)), .integer(wholeSeconds(r.watchMs)),
         .decimal(r.avgViewers), .integer(Int64(r.peakViewers))]
        }
    }
}

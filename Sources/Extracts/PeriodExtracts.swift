import Metrics
import Model

/// The four extracts of a period, exactly as METRICS.md §8 lays them out, in
/// `data/months/YYYY-MM/`, `data/years/YYYY/` or `data/last-Nd/`.
public enum PeriodExtracts {
    /// The file names, in the order the downloads page lists them.
    public static let names = ["summary", "games", "channels", "languages"]

    public static func files(_ t: PeriodTables) -> [ExtractFile] {
        let name = t.period.name
        let folder = t.period.dataFolder
        return both(summary(period: t.period), [t], folder: folder)
            + both(games(period: name), t.games, folder: folder)
            + both(channels(period: name), t.channels, folder: folder)
            + both(languages(period: name), t.languages, folder: folder)
    }

    private static func both<Rows: Sequence>(_ table: ExtractTable<Rows.Element>, _ rows: Rows, folder: String)
        -> [ExtractFile]
    {
        [ExtractFile(path: folder + table.name + ".csv", format: .csv) { try table.write(rows, as: .csv, to: $0) },
         ExtractFile(path: folder + table.name + ".json", format: .json) { try table.write(rows, as: .json, to: $0) }]
    }

    public static func games(period: String) -> ExtractTable<PeriodRanked<GameRow>> {
        ExtractTable(
            name: "games",
            columns: ["period", "rank", "previous_rank", "game_id", "game_name", "hours_watched", "hours_streamed",
                      "avg_viewers", "avg_channels", "peak_viewers", "peak_channels", "streamers", "viewer_ratio"]
        ) { ranked, w in
            let r = ranked.row
            w.text(period); w.integer(r.rank); w.optionalInteger(ranked.previousRank); w.text(r.gameID)
            w.text(r.gameName); w.decimal(r.time.hoursWatched); w.decimal(r.time.hoursStreamed); w.decimal(r.avgViewers)
            w.decimal(r.avgChannels); w.integer(r.peakViewers); w.integer(r.peakChannels); w.integer(r.streamers)
            w.decimal(r.viewerRatio)
        }
    }

    public static func channels(period: String) -> ExtractTable<PeriodRanked<ChannelRow>> {
        ExtractTable(
            name: "channels",
            columns: ["period", "rank", "previous_rank", "user_id", "user_login", "user_name", "hours_watched",
                      "hours_streamed", "avg_viewers", "peak_viewers", "streams", "games", "main_game_id",
                      "main_game_name", "language"]
        ) { ranked, w in
            let r = ranked.row
            w.text(period); w.integer(r.rank); w.optionalInteger(ranked.previousRank); w.text(r.userID)
            w.text(r.userLogin); w.text(r.userName); w.decimal(r.time.hoursWatched); w.decimal(r.time.hoursStreamed)
            w.decimal(r.avgViewers); w.integer(r.peakViewers); w.integer(r.streams); w.integer(r.games)
            w.text(r.mainGameID); w.text(r.mainGameName); w.text(r.language)
        }
    }

    public static func languages(period: String) -> ExtractTable<PeriodRanked<LanguageRow>> {
        ExtractTable(
            name: "languages",
            columns: ["period", "rank", "previous_rank", "language", "hours_watched", "hours_streamed", "avg_viewers",
                      "avg_channels", "peak_viewers", "peak_channels", "channels", "watch_share"]
        ) { ranked, w in
            let r = ranked.row
            w.text(period); w.integer(r.rank); w.optionalInteger(ranked.previousRank); w.text(r.language)
            w.decimal(r.time.hoursWatched); w.decimal(r.time.hoursStreamed); w.decimal(r.avgViewers)
            w.decimal(r.avgChannels); w.integer(r.peakViewers); w.integer(r.peakChannels); w.integer(r.channels)
            w.decimal(r.watchShare)
        }
    }

    public static func summary(period: Period) -> ExtractTable<PeriodTables> {
        let name = period.name
        let first = CivilDate(dayNumber: period.firstDay).iso
        let last = CivilDate(dayNumber: period.lastDay).iso
        return ExtractTable(
            name: "summary",
            columns: ["period", "first_day", "last_day", "days", "crawls", "hours_watched", "hours_streamed",
                      "avg_viewers", "avg_channels", "peak_viewers", "peak_viewers_at", "peak_channels", "channels",
                      "games", "streams"]
        ) { t, w in
            let r = t.summary
            w.text(name); w.text(first); w.text(last); w.integer(t.days.count); w.integer(r.crawls)
            w.decimal(r.time.hoursWatched); w.decimal(r.time.hoursStreamed); w.decimal(r.avgViewers)
            w.decimal(r.avgChannels); w.integer(r.peakViewers)
            if let at = r.peakViewersAt { w.time(at) } else { w.text("") }
            w.integer(r.peakChannels); w.integer(r.channels); w.integer(r.games); w.integer(r.streams)
        }
    }
}

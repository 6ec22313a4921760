import Metrics
import Model

/// One extract file of a day: where it goes and how to write its bytes.
public struct ExtractFile {
    /// Relative to the site root: `data/D/<name>.<csv|json>`.
    public let path: String
    public let format: ExtractFormat
    /// Writes the whole file to `out` (which may drain it in chunks as it goes).
    public let write: (ByteOutput) throws -> Void

    public init(path: String, format: ExtractFormat, write: @escaping (ByteOutput) throws -> Void) {
        self.path = path
        self.format = format
        self.write = write
    }

    /// The whole file in memory (small tables and tests).
    public func contents() throws -> [UInt8] {
        let out = ByteOutput()
        try write(out)
        return out.bytes
    }
}

/// The five extracts of a day, exactly as METRICS.md §6 lays them out.
public enum DayExtracts {
    /// The file names, in the order the downloads page lists them.
    public static let names = ["summary", "games", "channels", "languages", "segments"]

    /// The summary, games, channels and languages extracts of the day.
    public static func tableFiles(_ t: DayTables) -> [ExtractFile] {
        let date = t.date.iso
        return both(summary(date: date, length: t.lengthSeconds), [t.summary], date: date)
            + both(games(date: date), t.games, date: date)
            + both(channels(date: date), t.channels, date: date)
            + both(languages(date: date), t.languages, date: date)
    }

    /// The segments extracts of the day (`DaySegments.load`).
    public static func segmentFiles(day: Int, _ segments: DaySegments) -> [ExtractFile] {
        both(self.segments(), segments, date: CivilDate(dayNumber: day).iso)
    }

    private static func both<Rows: Sequence>(_ table: ExtractTable<Rows.Element>, _ rows: Rows, date: String) -> [ExtractFile] {
        let folder = "data/\(date)/"
        return [ExtractFile(path: folder + table.name + ".csv", format: .csv) { try table.write(rows, as: .csv, to: $0) },
                ExtractFile(path: folder + table.name + ".json", format: .json) { try table.write(rows, as: .json, to: $0) }]
    }

    public static func games(date: String) -> ExtractTable<GameRow> {
        ExtractTable(
            name: "games",
            columns: ["date", "rank", "game_id", "game_name", "hours_watched", "hours_streamed", "avg_viewers",
                      "avg_channels", "peak_viewers", "peak_channels", "streamers", "viewer_ratio"]
        ) { r, w in
            w.text(date); w.integer(r.rank); w.text(r.gameID); w.text(r.gameName); w.decimal(r.time.hoursWatched)
            w.decimal(r.time.hoursStreamed); w.decimal(r.avgViewers); w.decimal(r.avgChannels); w.integer(r.peakViewers)
            w.integer(r.peakChannels); w.integer(r.streamers); w.decimal(r.viewerRatio)
        }
    }

    public static func channels(date: String) -> ExtractTable<ChannelRow> {
        ExtractTable(
            name: "channels",
            columns: ["date", "rank", "user_id", "user_login", "user_name", "hours_watched", "hours_streamed",
                      "avg_viewers", "peak_viewers", "streams", "games", "main_game_id", "main_game_name", "language"]
        ) { r, w in
            w.text(date); w.integer(r.rank); w.text(r.userID); w.text(r.userLogin); w.text(r.userName)
            w.decimal(r.time.hoursWatched); w.decimal(r.time.hoursStreamed); w.decimal(r.avgViewers)
            w.integer(r.peakViewers); w.integer(r.streams); w.integer(r.games); w.text(r.mainGameID)
            w.text(r.mainGameName); w.text(r.language)
        }
    }

    public static func languages(date: String) -> ExtractTable<LanguageRow> {
        ExtractTable(
            name: "languages",
            columns: ["date", "rank", "language", "hours_watched", "hours_streamed", "avg_viewers", "avg_channels",
                      "peak_viewers", "peak_channels", "channels", "watch_share"]
        ) { r, w in
            w.text(date); w.integer(r.rank); w.text(r.language); w.decimal(r.time.hoursWatched)
            w.decimal(r.time.hoursStreamed); w.decimal(r.avgViewers); w.decimal(r.avgChannels); w.integer(r.peakViewers)
            w.integer(r.peakChannels); w.integer(r.channels); w.decimal(r.watchShare)
        }
    }

    public static func summary(date: String, length: Int64) -> ExtractTable<SummaryRow> {
        ExtractTable(
            name: "summary",
            columns: ["date", "crawls", "hours_watched", "hours_streamed", "avg_viewers", "avg_channels", "peak_viewers",
                      "peak_viewers_at", "peak_channels", "channels", "games", "streams"]
        ) { r, w in
            w.text(date); w.integer(r.crawls); w.decimal(r.time.hoursWatched); w.decimal(r.time.hoursStreamed)
            w.decimal(r.avgViewers); w.decimal(r.avgChannels); w.integer(r.peakViewers)
            if let at = r.peakViewersAt { w.time(at) } else { w.text("") }
            w.integer(r.peakChannels); w.integer(r.channels); w.integer(r.games); w.integer(r.streams)
        }
    }

    public static func segments() -> ExtractTable<DaySegment> {
        ExtractTable(
            name: "segments",
            columns: ["stream_id", "segment", "user_id", "user_login", "user_name", "game_id", "game_name", "title",
                      "language", "started_at", "first_seen", "last_seen", "duration_seconds", "watch_seconds",
                      "avg_viewers", "peak_viewers"]
        ) { r, w in
            w.text(r.streamID); w.integer(r.segment); w.text(r.userID); w.text(r.userLogin); w.text(r.userName)
            w.text(r.gameID); w.text(r.gameName); w.text(r.title); w.text(r.language); w.time(r.startedAt)
            w.time(r.firstSeen); w.time(r.lastSeen); w.integer(wholeSeconds(r.durationMs))
            w.integer(wholeSeconds(r.watchMs)); w.decimal(r.avgViewers); w.integer(r.peakViewers)
        }
    }
}

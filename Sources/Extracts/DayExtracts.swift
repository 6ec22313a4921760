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
        let rank = ExtractColumn<GameRow>("rank") { r, w in w.integer(r.rank) }
        return ExtractTable(name: "games", columns: [dateColumn(date), rank] + SharedColumns.games)
    }

    public static func channels(date: String) -> ExtractTable<ChannelRow> {
        let rank = ExtractColumn<ChannelRow>("rank") { r, w in w.integer(r.rank) }
        return ExtractTable(name: "channels", columns: [dateColumn(date), rank] + SharedColumns.channels)
    }

    public static func languages(date: String) -> ExtractTable<LanguageRow> {
        let rank = ExtractColumn<LanguageRow>("rank") { r, w in w.integer(r.rank) }
        return ExtractTable(name: "languages", columns: [dateColumn(date), rank] + SharedColumns.languages)
    }

    public static func summary(date: String, length: Int64) -> ExtractTable<SummaryRow> {
        ExtractTable(name: "summary", columns: [dateColumn(date)] + SharedColumns.summary)
    }

    public static func segments() -> ExtractTable<DaySegment> {
        ExtractTable(name: "segments", columns: [
            .init("stream_id") { r, w in w.text(r.streamID) },
            .init("segment") { r, w in w.integer(r.segment) },
            .init("user_id") { r, w in w.text(r.userID) },
            .init("user_login") { r, w in w.text(r.userLogin) },
            .init("user_name") { r, w in w.text(r.userName) },
            .init("game_id") { r, w in w.text(r.gameID) },
            .init("game_name") { r, w in w.text(r.gameName) },
            .init("title") { r, w in w.text(r.title) },
            .init("language") { r, w in w.text(r.language) },
            .init("started_at") { r, w in w.time(r.startedAt) },
            .init("first_seen") { r, w in w.time(r.firstSeen) },
            .init("last_seen") { r, w in w.time(r.lastSeen) },
            .init("duration_seconds") { r, w in w.integer(wholeSeconds(r.durationMs)) },
            .init("watch_seconds") { r, w in w.integer(wholeSeconds(r.watchMs)) },
            .init("avg_viewers") { r, w in w.decimal(r.avgViewers) },
            .init("peak_viewers") { r, w in w.integer(r.peakViewers) },
        ])
    }

    private static func dateColumn<Row>(_ date: String) -> ExtractColumn<Row> {
        .init("date") { _, w in w.text(date) }
    }
}

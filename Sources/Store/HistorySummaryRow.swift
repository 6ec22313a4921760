import GRDB

/// One reported day's summary as kept in `history_day`: the one definition of the day summary.
/// The history recorder writes it from a day's tables and the site reads it back as a day's
/// totals (`DayTotals`). GRDB writes and reads it by `CodingKeys`, so a field cannot be added
/// without its column (the record would not compile) nor be written and read in different orders.
public struct HistorySummaryRow: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "history_day"

    public var day: Int
    public var lengthSeconds: Int64
    public var crawls: Int
    public var watchMs: Int64
    public var secondsMs: Int64
    public var peakViewers: Int64
    public var peakChannels: Int
    public var channels: Int
    public var games: Int
    public var streams: Int

    enum CodingKeys: String, CodingKey {
        case day, lengthSeconds = "length_s", crawls, watchMs = "watch_ms", secondsMs = "seconds_ms"
        case peakViewers = "peak_viewers", peakChannels = "peak_channels", channels, games, streams
    }

    public init(day: Int, lengthSeconds: Int64, crawls: Int, watchMs: Int64, secondsMs: Int64, peakViewers: Int64,
                peakChannels: Int, channels: Int, games: Int, streams: Int) {
        self.day = day
        self.lengthSeconds = lengthSeconds
        self.crawls = crawls
        self.watchMs = watchMs
        self.secondsMs = secondsMs
        self.peakViewers = peakViewers
        self.peakChannels = peakChannels
        self.channels = channels
        self.games = games
        self.streams = streams
    }
}

import Model

/// One day part's increment (see the `day_part` table).
public struct DayPartDelta: Sendable {
    public var day: Int
    public var stream: Int64
    public var gameID: String
    public var language: String
    public var userID: String
    public var secondsMs: Int64
    public var watchMs: Int64
    public var latestAt: Millis
    public var latestFacts: Int64

    public init(day: Int, stream: Int64, gameID: String, language: String, userID: String, secondsMs: Int64,
                watchMs: Int64, latestAt: Millis, latestFacts: Int64) {
        self.day = day
        self.stream = stream
        self.gameID = gameID
        self.language = language
        self.userID = userID
        self.secondsMs = secondsMs
        self.watchMs = watchMs
        self.latestAt = latestAt
        self.latestFacts = latestFacts
    }
}

/// A stream's highest viewer count in one day's crawls.
public struct StreamPeak: Sendable {
    public var day: Int
    public var stream: Int64
    public var userID: String
    public var peak: Int

    public init(day: Int, stream: Int64, userID: String, peak: Int) {
        self.day = day
        self.stream = stream
        self.userID = userID
        self.peak = peak
    }
}

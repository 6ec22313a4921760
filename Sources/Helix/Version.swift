/// The one place the program's version lives; the User-Agent and `--version` read it.
public enum TwitchStatsVersion {
    public static let current = "0.1.0"

    /// What the collector sends as `User-Agent`.
    public static var userAgent: String { "twitch-stats/\(current)" }
}

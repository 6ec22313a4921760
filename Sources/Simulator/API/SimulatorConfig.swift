import Model

/// Everything `simulate`, `demo`, the tests and the benchmark can tune.
public struct SimulatorConfig: Sendable {
    /// Port on 127.0.0.1; 0 picks a free one (read it back from `RunningSimulator.port`).
    public var port: UInt16 = 0
    /// Live streams at the daily peak; Twitch has about 100,000.
    public var streams = 2_000
    /// Virtual seconds per real second; nil runs a manual clock the caller advances.
    public var speed: Double? = 1
    public var seed: UInt64 = 1
    /// Where virtual time starts; also the world's epoch (releases and renames count from it).
    public var start: Millis = Clock.nowMillis()

    /// Accepted app credentials; nil accepts any non-empty value.
    public var clientID: String?
    public var clientSecret: String?
    /// App token lifetime in virtual seconds (Twitch: 5,011,271 s, about 58 days).
    public var tokenLifetime: Int64 = 5_011_271

    public var rateLimit = RateLimit()
    public var quirks = HelixQuirks()
    /// Share of Helix requests (0…1) that fail on purpose: 5xx, 429, stalls, cut bodies.
    public var faultRate = 0.0
    /// How long a "slow" fault stalls before answering, in real seconds; longer than a
    /// typical client timeout.
    public var slowResponseSeconds = 20.0
    /// Share of listed streams whose viewer count moves between two page requests; the
    /// world's own motion adds to this whenever virtual time crosses a refresh step.
    public var driftRate = 0.0002
    /// How often, in virtual milliseconds, the listing is recomputed from the world.
    public var refreshMillis: Millis = 10_000

    /// Credentials the demo uses; any non-empty pair works unless `clientID`/`clientSecret` are set.
    public static let demoClientID = "twitch-stats-demo"
    public static let demoClientSecret = "demo-secret-not-for-twitch"

    public init() {}

    public struct RateLimit: Sendable {
        /// Bucket size in points (`Ratelimit-Limit`).
        public var capacity = 800
        /// Points added back per minute.
        public var refillPerMinute = 800.0
        /// Refill by real time instead of virtual time (and report `Ratelimit-Reset` in real
        /// Unix seconds).
        public var realTime = false

        public init() {}
    }

    /// How often the real API's known misbehaviours (HELIX.md, traps) happen; they are part of
    /// normal service, separate from `faultRate`.
    public struct HelixQuirks: Sendable {
        /// Chance that a crawl's last page carries a cursor that leads back to page 1.
        public var loopingLastPage = 0.5
        /// Per crawl: the last page carries a cursor that leads to an empty page (itself with a cursor).
        public var emptyPageWithCursor = 0.1
        /// Per cursor-following request: `400 invalid cursor` for a good cursor.
        public var invalidCursor = 0.002
        /// Per request: a 500 with an empty message.
        public var serverError = 0.002
        /// Per request: a 503.
        public var unavailable = 0.001

        public init() {}

        /// No quirks: a perfectly behaved API, for tests that need exact answers.
        public static let none: HelixQuirks = {
            var q = HelixQuirks()
            q.loopingLastPage = 0
            q.emptyPageWithCursor = 0
            q.invalidCursor = 0
            q.serverError = 0
            q.unavailable = 0
            return q
        }()
    }
}

import Model
import Testing

@Suite struct PlausibilityTests {
    static let now = Timestamp.parse("2026-03-08T12:00:00Z")!
    static let rules = Plausibility(now: now)
    static let second: Millis = 1_000
    static let minute: Millis = 60_000
    static let day: Millis = 86_400_000

    func field(crawlTime: Millis = now, startedAt: Millis? = nil, viewers: Int = 10) -> Plausibility.Violation.Field? {
        Self.rules.violation(crawlTime: crawlTime, startedAt: startedAt ?? crawlTime - Self.minute, viewerCount: viewers)?.field
    }

    func accepted(crawlTime: Millis = now, startedAt: Millis? = nil, viewers: Int = 10) -> Bool {
        let startedAt = startedAt ?? crawlTime - Self.minute
        let plausible = Self.rules.isPlausible(crawlTime: crawlTime, startedAt: startedAt, viewerCount: viewers)
        #expect(plausible == (Self.rules.violation(crawlTime: crawlTime, startedAt: startedAt, viewerCount: viewers) == nil))
        return plausible
    }

    @Test func crawlTimesInTheFutureAreRefused() {
        #expect(field(crawlTime: Timestamp.parse("9999-12-31T23:59:59Z")!) == .crawlTime)
        #expect(field(crawlTime: Self.now + 365 * Self.day) == .crawlTime)
        #expect(field(crawlTime: Self.now + 10 * Self.minute + 1) == .crawlTime)
        #expect(accepted(crawlTime: Self.now + 10 * Self.minute))
    }

    @Test func crawlTimesBeforeTwitchAreRefused() {
        #expect(field(crawlTime: Timestamp.parse("2011-05-31T23:59:59Z")!) == .crawlTime)
        #expect(field(crawlTime: Timestamp.parse("2011-05-31T00:00:00Z")!) == .crawlTime)
        #expect(field(crawlTime: 0) == .crawlTime)
        #expect(accepted(crawlTime: Timestamp.parse("2011-06-01T00:00:00Z")!))
    }

    @Test func startedAtAtMostSevenDaysBeforeTheCrawl() {
        #expect(accepted(startedAt: Self.now - 7 * Self.day))
        #expect(field(startedAt: Self.now - 7 * Self.day - Self.second) == .startedAt)
        #expect(field(startedAt: Timestamp.parse("0001-01-01T00:00:00Z")!) == .startedAt)
    }

    @Test func startedAtAtMostTenMinutesAfterTheCrawl() {
        #expect(accepted(startedAt: Self.now + 10 * Self.minute))
        #expect(field(startedAt: Self.now + 10 * Self.minute + Self.second) == .startedAt)
    }

    @Test func viewerCountsFromZeroToFiftyMillion() {
        #expect(accepted(viewers: 0))
        #expect(accepted(viewers: 50_000_000))
        #expect(field(viewers: 50_000_001) == .viewerCount)
        #expect(field(viewers: -1) == .viewerCount)
        #expect(field(viewers: Int.max) == .viewerCount)
        #expect(field(viewers: Int.min) == .viewerCount)
    }

    @Test func reasonsSayWhatIsWrongInWords() {
        let future = Self.rules.violation(crawlTime: Self.now + Self.day, startedAt: Self.now, viewerCount: 1)
        #expect(future?.description == "crawl time: 2026-03-09T12:00:00Z is more than 10 minutes past this machine's clock (2026-03-08T12:00:00Z)")
        let old = Self.rules.violation(crawlTime: Self.now, startedAt: Self.now - 8 * Self.day, viewerCount: 1)
        #expect(old?.description == "started_at: 2026-02-28T12:00:00Z is more than 7 days before the crawl time 2026-03-08T12:00:00Z")
        #expect(Plausibility.viewerCountViolation(50_000_001)?.reason == "must be at most 50,000,000, got 50000001")
    }

    @Test func saturatingArithmeticStopsAtTheLimitsInsteadOfTrapping() {
        #expect(Int64.max.addingSaturated(1) == .max)
        #expect(Int64.min.addingSaturated(-1) == .min)
        #expect(Int64(40).addingSaturated(2) == 42)
        #expect(Int64(500_000_000_000).multipliedSaturated(by: 50_000_000) == .max)
        #expect(Int64.min.multipliedSaturated(by: -1) == .max)
        #expect(Int64(-3).multipliedSaturated(by: Int64.max) == .min)
        #expect(Int64(6).multipliedSaturated(by: 7) == 42)
    }
}

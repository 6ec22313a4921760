import Metrics
import Model
import Testing

@Suite struct IntervalTests {
    @Test func firstSightingCoversTimeSinceStart() throws {
        let db = try TestDatabase()
        try db.add([obs("1", at: "2026-03-07T10:10:00Z", viewers: 100, started: "2026-03-07T10:00:00Z")])
        try db.consolidate()
        let ch = try #require(try db.tables("2026-03-07").channels.first)
        #expect(ch.time.secondsMs == 600_000)
        #expect(ch.time.watchMs == 600_000 * 100)
    }

    @Test func eachSightingCoversTheTimeSinceThePreviousOne() throws {
        let db = try TestDatabase()
        try db.add([
            obs("1", at: "2026-03-07T10:10:00Z", viewers: 100, started: "2026-03-07T10:00:00Z"),
            obs("1", at: "2026-03-07T10:15:00Z", viewers: 200, started: "2026-03-07T10:00:00Z"),
        ])
        try db.consolidate()
        let ch = try #require(try db.tables("2026-03-07").channels.first)
        #expect(ch.time.secondsMs == 900_000)
        #expect(ch.time.watchMs == 600_000 * 100 + 300_000 * 200)
        #expect(ch.peakViewers == 200)
    }

    @Test func missedCrawlsKeepAirTime() throws {
        let db = try TestDatabase()
        try db.add([
            obs("1", at: "2026-03-07T10:00:00Z", viewers: 10, started: "2026-03-07T10:00:00Z"),
            obs("2", at: "2026-03-07T10:05:00Z", viewers: 1, started: "2026-03-07T10:00:00Z"),
            obs("2", at: "2026-03-07T10:10:00Z", viewers: 1, started: "2026-03-07T10:00:00Z"),
            obs("1", at: "2026-03-07T10:10:00Z", viewers: 10, started: "2026-03-07T10:00:00Z"),
        ])
        try db.consolidate()
        let row = try #require(try db.tables("2026-03-07").channels.first { $0.userID == "u1" })
        #expect(row.time.secondsMs == 600_000)
    }

    @Test func sightingBeforeStartCountsZeroSeconds() throws {
        let db = try TestDatabase()
        try db.add([obs("1", at: "2026-03-07T10:00:00Z", viewers: 3, started: "2026-03-07T10:00:30Z")])
        try db.consolidate()
        let day = try db.tables("2026-03-07")
        #expect(day.channels.isEmpty)
        #expect(day.games.isEmpty)
        #expect(day.summary.peakViewers == 3)
        let segments = try db.segments("2026-03-07")
        #expect(segments.first?.durationMs == 0)
        #expect(segments.first?.avgViewers == 0)
    }

    @Test func duplicateInCrawlKeepsLastSighting() throws {
        let db = try TestDatabase()
        try db.add([
            obs("1", at: "2026-03-07T10:10:00Z", viewers: 999, started: "2026-03-07T10:00:00Z"),
            obs("1", at: "2026-03-07T10:10:00Z", viewers: 5, started: "2026-03-07T10:00:00Z"),
        ])
        try db.consolidate()
        let day = try db.tables("2026-03-07")
        #expect(day.channels.first?.peakViewers == 5)
        #expect(day.summary.peakViewers == 5)
        let watched = try #require(day.channels.first?.time.watchMs)
        #expect(watched == 3_000_000)
    }

    @Test func intervalSpanningMidnightSplitsIntoBothDays() throws {
        let db = try TestDatabase()
        try db.add([
            obs("1", at: "2026-03-07T23:50:00Z", viewers: 10, started: "2026-03-07T23:50:00Z"),
            obs("1", at: "2026-03-08T00:20:00Z", viewers: 20, started: "2026-03-07T23:50:00Z"),
        ])
        try db.consolidate()
        #expect(try db.tables("2026-03-07").channels.first?.time == Time(secondsMs: 600_000, watchMs: 600_000 * 20))
        #expect(try db.tables("2026-03-08").channels.first?.time == Time(secondsMs: 1_200_000, watchMs: 1_200_000 * 20))
    }

    @Test func daylightSavingDayIs23HoursLongInNewYork() throws {
        let db = try TestDatabase(timeZone: "America/New_York")
        // 2026-03-08 in New York runs from 05:00Z to 04:00Z next day: 82,800 s.
        try db.add([
            obs("1", at: "2026-03-08T05:00:00Z", viewers: 1, started: "2026-03-08T05:00:00Z"),
            obs("1", at: "2026-03-09T04:00:00Z", viewers: 1, started: "2026-03-08T05:00:00Z"),
            obs("1", at: "2026-03-09T05:00:00Z", viewers: 1, started: "2026-03-08T05:00:00Z"),
        ])
        try db.consolidate()
        let day = try db.tables("2026-03-08")
        #expect(day.lengthSeconds == 82_800)
        #expect(day.summary.time.secondsMs == 82_800_000)
        #expect(day.summary.avgChannels == 1)
        let next = try db.tables("2026-03-09")
        #expect(next.summary.time.secondsMs == 3_600_000)
    }

    @Test func partsInDaysWithoutCrawlsAreLeftOutOfDailyTablesButCountInSegments() throws {
        let db = try TestDatabase()
        try db.add([
            obs("1", at: "2026-03-07T12:00:00Z", viewers: 1, started: "2026-03-07T12:00:00Z"),
            obs("1", at: "2026-03-09T12:00:00Z", viewers: 1, started: "2026-03-07T12:00:00Z"),
        ])
        try db.consolidate()
        let reported = try ReportedDays.all(store: db.store, calendar: db.calendar).map { CivilDate(dayNumber: $0).iso }
        #expect(reported == ["2026-03-07", "2026-03-09"])
        #expect(try db.segments("2026-03-07").first?.durationMs == 48 * 3_600_000)
    }
}

@Suite struct SegmentTests {
    @Test func gameSwitchAndBackMakesThreeSegments() throws {
        let db = try TestDatabase()
        try db.add([
            obs("1", at: "2026-03-07T10:05:00Z", viewers: 10, started: "2026-03-07T10:00:00Z", game: "A"),
            obs("1", at: "2026-03-07T10:10:00Z", viewers: 20, started: "2026-03-07T10:00:00Z", game: "B"),
            obs("1", at: "2026-03-07T10:15:00Z", viewers: 30, started: "2026-03-07T10:00:00Z", game: "A"),
            obs("1", at: "2026-03-07T10:20:00Z", viewers: 40, started: "2026-03-07T10:00:00Z", game: "A"),
        ])
        try db.consolidate()
        let segments = try db.segments("2026-03-07")
        #expect(segments.map(\.segment) == [1, 2, 3])
        #expect(segments.map(\.gameID) == ["A", "B", "A"])
        #expect(segments.map(\.durationMs) == [300_000, 300_000, 600_000])
        #expect(segments[2].peakViewers == 40)
        #expect(segments[2].firstSeen == t("2026-03-07T10:15:00Z"))
    }

    @Test func openSegmentCarriesOverToTheNextBuild() throws {
        let db = try TestDatabase()
        try db.add([obs("1", at: "2026-03-07T10:05:00Z", viewers: 10, started: "2026-03-07T10:00:00Z")])
        try db.consolidate()
        try db.add([obs("1", at: "2026-03-07T10:10:00Z", viewers: 30, started: "2026-03-07T10:00:00Z")])
        try db.consolidate()
        let segments = try db.segments("2026-03-07")
        #expect(segments.count == 1)
        #expect(segments[0].durationMs == 600_000)
        #expect(segments[0].watchMs == 300_000 * 10 + 300_000 * 30)
    }
}

@Suite struct RankingTests {
    @Test func ranksBreakTiesByHoursStreamedThenIdInByteOrder() throws {
        let db = try TestDatabase()
        try db.add([
            obs("1", at: "2026-03-07T10:10:00Z", viewers: 10, started: "2026-03-07T10:00:00Z", user: "b", game: "Z"),
            obs("2", at: "2026-03-07T10:10:00Z", viewers: 10, started: "2026-03-07T10:00:00Z", user: "a", game: "a"),
            obs("3", at: "2026-03-07T10:10:00Z", viewers: 20, started: "2026-03-07T10:05:00Z", user: "c", game: "c"),
        ])
        try db.consolidate()
        let day = try db.tables("2026-03-07")
        // All three watched 6,000 viewer-seconds; c streamed less.
        #expect(day.channels.map(\.userID) == ["a", "b", "c"])
        #expect(day.games.map(\.gameID) == ["Z", "a", "c"])
    }

    @Test func namesComeFromTheLatestObservationWithTimeInTheDay() throws {
        let db = try TestDatabase()
        try db.add([
            obs("1", at: "2026-03-07T10:10:00Z", viewers: 1, started: "2026-03-07T10:00:00Z", gameName: "Old", login: "old"),
            obs("1", at: "2026-03-07T10:20:00Z", viewers: 1, started: "2026-03-07T10:00:00Z", gameName: "New", login: "new"),
        ])
        try db.consolidate()
        let day = try db.tables("2026-03-07")
        #expect(day.games.first?.gameName == "New")
        #expect(day.channels.first?.userLogin == "new")
    }
}

import Foundation
import Model
import Pipeline
import Site
import TestSupport
import Testing

/// METRICS.md §8 on hand-made crawls: which days a period holds, its length, and previous ranks.
@Suite struct PeriodTests {
    /// One sighting of a stream, as an import line.
    static func sighting(stream: String, user: String, game: String = "1", viewers: Int, startedAt: String,
                         at time: String, language: String = "en") -> String {
        """
        {"id": "\(stream)", "user_id": "\(user)", "user_login": "u\(user)", "user_name": "U\(user)", \
        "game_id": "\(game)", "game_name": "Game \(game)", "type": "live", "title": "t", "tags": [], \
        "viewer_count": \(viewers), "started_at": "\(startedAt)", "language": "\(language)", \
        "is_mature": false, "last_updated": "\(time)"}

        """
    }

    /// A stream of `user` live from 11:50 to 12:00 UTC on `date` with `viewers`: 600 s and
    /// 600 × viewers viewer-seconds, all in that day in UTC.
    static func tenMinutes(_ date: String, user: String, viewers: Int, game: String = "1") -> String {
        sighting(stream: "\(date)-\(user)", user: user, game: game, viewers: viewers, startedAt: "\(date)T11:50:00Z",
                 at: "\(date)T12:00:00Z")
    }

    /// The rows of a CSV extract (no quoted cells in these tests), by column name.
    static func rows(_ site: URL, _ path: String) throws -> [[String: String]] {
        let text = try String(contentsOf: site.appendingPathComponent("data/" + path), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    /// A scratch folder with the paths of its database and site, for tests that build more than once.
    static func scratchSite() throws -> (ScratchFolder, String, URL) {
        let scratch = try ScratchFolder()
        return (scratch, scratch.path("db.sqlite"), scratch.url.appendingPathComponent("site"))
    }

    static func build(_ lines: [String], zone: String = "UTC") throws -> (ScratchFolder, URL) {
        let scratch = try ScratchFolder()
        let file = try scratch.write("in.ndjson", lines.joined())
        let site = scratch.url.appendingPathComponent("site")
        _ = try importAndBuild([file], db: scratch.path("db.sqlite"), out: site, timeZone: zone)
        return (scratch, site)
    }

    @Test func aWindowCrossesTheEndOfAMonthAndAYear() throws {
        let days = ["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]
        // A crawl just after midnight completes 2026-01-02.
        let late = Self.sighting(stream: "late", user: "9", viewers: 0, startedAt: "2026-01-03T00:00:00Z",
                                 at: "2026-01-03T00:05:00Z")
        let (scratch, site) = try Self.build(days.map { Self.tenMinutes($0, user: "1", viewers: 36) } + [late])
        defer { _ = scratch }

        let week = try #require(try Self.rows(site, "last-7d/summary.csv").first)
        #expect(week["first_day"] == "2025-12-27")
        #expect(week["last_day"] == "2026-01-02")
        #expect(week["days"] == "4")
        #expect(week["crawls"] == "4")
        // 4 × 600 s at 36 viewers over four days of 86,400 s (the days without crawls add no length).
        #expect(week["hours_watched"] == "24.000")
        #expect(week["avg_viewers"] == "0.250")
        #expect(try Self.rows(site, "last-7d/channels.csv").map { $0["user_id"] } == ["1"])

        #expect(try Self.rows(site, "months/2025-12/summary.csv").first?["days"] == "2")
        #expect(try Self.rows(site, "months/2026-01/summary.csv").first?["days"] == "3")
        let year = try #require(try Self.rows(site, "years/2026/summary.csv").first)
        #expect(year["first_day"] == "2026-01-01")
        #expect(year["last_day"] == "2026-12-31")
        #expect(year["hours_watched"] == "12.000")
        // The channel was first in 2025 too; the late one was not there.
        #expect(try Self.rows(site, "years/2026/channels.csv").map { [$0["user_id"]!, $0["previous_rank"]!] }
            == [["1", "1"], ["9", ""]])
    }

    @Test func aMonthCountsOnlyItsReportedDaysAndTheirLength() throws {
        // 2026-02-02 has no crawl: the hour a stream spent in it before its first sighting on the
        // 3rd is left out, and its length does not count.
        let overnight = Self.sighting(stream: "night", user: "2", viewers: 10, startedAt: "2026-02-02T23:00:00Z",
                                      at: "2026-02-03T00:30:00Z")
        let (scratch, site) = try Self.build([Self.tenMinutes("2026-02-01", user: "1", viewers: 36), overnight])
        defer { _ = scratch }
        let month = try #require(try Self.rows(site, "months/2026-02/summary.csv").first)
        #expect(month["first_day"] == "2026-02-01")
        #expect(month["last_day"] == "2026-02-28")
        #expect(month["days"] == "2")
        // 600 s + the 30 minutes after midnight; over two days of 86,400 s.
        #expect(month["hours_streamed"] == "0.667")
        #expect(month["avg_channels"] == "0.014")
        #expect(month["channels"] == "2")
        #expect(month["streams"] == "2")
    }

    @Test func aDaylightSavingMonthInNewYorkHasItsRealLength() throws {
        // Clocks go forward on 2026-03-08 in New York: a day of 82,800 s between two of 86,400 s.
        let lines = ["2026-03-07", "2026-03-08", "2026-03-09"].map {
            Self.sighting(stream: "s\($0)", user: "1", viewers: 100, startedAt: "\($0)T16:00:00Z", at: "\($0)T17:00:00Z")
        } + [Self.sighting(stream: "late", user: "1", viewers: 0, startedAt: "2026-03-10T05:00:00Z",
                           at: "2026-03-10T05:00:00Z")]
        let (scratch, site) = try Self.build(lines, zone: "America/New_York")
        defer { _ = scratch }
        let month = try #require(try Self.rows(site, "months/2026-03/summary.csv").first)
        #expect(month["days"] == "4")
        #expect(month["hours_watched"] == "300.000")
        // 3 hours streamed over 86,400 × 3 + 82,800 s = 342,000 s: 1,080,000,000 ms watched / 342,000,000 ms.
        #expect(month["avg_viewers"] == "3.158")
        #expect(month["avg_channels"] == "0.032")
        let week = try #require(try Self.rows(site, "last-7d/summary.csv").first)
        #expect(week["last_day"] == "2026-03-09")
        #expect(week["days"] == "3")
        #expect(week["avg_viewers"] == "4.225")  // 300 h over 86,400 × 2 + 82,800 s
    }

    @Test func previousRankIsEmptyForARowAbsentFromThePeriodBefore() throws {
        let lines = [
            Self.tenMinutes("2026-01-10", user: "1", viewers: 20), Self.tenMinutes("2026-01-10", user: "2", viewers: 10),
            Self.tenMinutes("2026-02-10", user: "3", viewers: 50, game: "7"),
            Self.tenMinutes("2026-02-10", user: "2", viewers: 30), Self.tenMinutes("2026-02-10", user: "1", viewers: 5),
        ]
        let (scratch, site) = try Self.build(lines)
        defer { _ = scratch }
        let channels = try Self.rows(site, "months/2026-02/channels.csv")
        #expect(channels.map { [$0["user_id"]!, $0["rank"]!, $0["previous_rank"]!] }
            == [["3", "1", ""], ["2", "2", "2"], ["1", "3", "1"]])
        #expect(try Self.rows(site, "months/2026-02/games.csv").map { [$0["game_id"]!, $0["previous_rank"]!] }
            == [["7", ""], ["1", "1"]])
        #expect(try Self.rows(site, "months/2026-01/channels.csv").allSatisfy { $0["previous_rank"] == "" })
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: site.appendingPathComponent("data/months/2026-02/channels.json"))) as? [[String: Any]]
        #expect(json?.first?["previous_rank"] is NSNull)
        #expect(json?.last?["previous_rank"] as? Int == 1)
    }

    @Test func aBuildWritesOnlyThePeriodsOfChangedDays() throws {
        let (scratch, db, site) = try Self.scratchSite()
        let first = try scratch.write("first.ndjson", [
            Self.tenMinutes("2025-11-20", user: "1", viewers: 5), Self.tenMinutes("2026-01-10", user: "1", viewers: 5),
            Self.tenMinutes("2026-02-10", user: "1", viewers: 5),
        ].joined())
        let all = try importAndBuild([first], db: db, out: site)
        #expect(all.writtenPeriods.map(\.name) == [
            "2025-11", "2026-01", "2026-02", "2025", "2026", "last-7d", "last-30d", "last-90d", "last-180d", "last-365d",
        ])
        // A day in February: its month, the month after (whose previous ranks it holds, not
        // written: no day of March is reported), its year and every window (they moved).
        let next = try scratch.write("next.ndjson", Self.tenMinutes("2026-02-11", user: "2", viewers: 5))
        let step = try importAndBuild([next], db: db, out: site)
        #expect(step.writtenPeriods.map(\.name) == [
            "2026-02", "2026", "last-7d", "last-30d", "last-90d", "last-180d", "last-365d",
        ])
        let nothing = try BuildJob.run(BuildOptions(databasePath: db, output: site))
        #expect(nothing.writtenPeriods.isEmpty)
    }

    /// The periods' extracts are written on a thread of their own while the next period is
    /// computed: a file that cannot be written fails the build (without waiting forever) and
    /// leaves the published site as it was.
    @Test func aPeriodExtractThatCannotBeWrittenFailsTheBuildAndKeepsThePublishedSite() throws {
        let (scratch, db, site) = try Self.scratchSite()
        let first = try scratch.write("first.ndjson", Self.tenMinutes("2026-02-10", user: "1", viewers: 5))
        _ = try importAndBuild([first], db: db, out: site)
        // A file where February's extracts go: the next build cannot make their folder.
        let blocked = site.appendingPathComponent("data/months/2026-02")
        try FileManager.default.removeItem(at: blocked)
        try Data("not a folder".utf8).write(to: blocked)
        let next = try scratch.write("next.ndjson", Self.tenMinutes("2026-02-11", user: "2", viewers: 5))
        let error = #expect(throws: PublishError.self) { try importAndBuild([next], db: db, out: site) }
        #expect(error?.path.hasPrefix("data/months/2026-02/") == true)
        #expect(try String(contentsOf: blocked, encoding: .utf8) == "not a folder")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("data/2026-02-11").path))

        try FileManager.default.removeItem(at: blocked)
        let again = try BuildJob.run(BuildOptions(databasePath: db, output: site))
        #expect(again.writtenPeriods.map(\.name).contains("2026-02"))
        #expect(try Self.rows(site, "months/2026-02/channels.csv").map { $0["user_id"]! } == ["1", "2"])
    }

    /// A changed template renders every period page again with nothing new: the periods step
    /// computes none of them then, so the pages step computes each, cut to what its page shows.
    @Test func aChangedTemplateRendersEveryPeriodPageAgainWithoutNewData() throws {
        let (scratch, db, site) = try Self.scratchSite()
        let input = try scratch.write("in.ndjson", [
            Self.tenMinutes("2026-01-31", user: "1", viewers: 20), Self.tenMinutes("2026-02-01", user: "2", viewers: 30),
        ].joined())
        _ = try importAndBuild([input], db: db, out: site)
        let templates = scratch.url.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let original = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates/period.mustache")
        let text = try String(contentsOf: original, encoding: .utf8)
        try Data(("<!-- changed -->" + text).utf8).write(to: templates.appendingPathComponent("period.mustache"))

        let again = try BuildJob.run(BuildOptions(databasePath: db, output: site, templates: templates))
        #expect(again.writtenPeriods.isEmpty)
        // The windows end with 31 January, the last complete day.
        for (path, channel) in [("months/2026-02", "U2"), ("years/2026", "U2"), ("rollups/7d", "U1")] {
            let page = try String(contentsOf: site.appendingPathComponent("\(path)/index.html"), encoding: .utf8)
            #expect(page.hasPrefix("<!-- changed -->"), "\(path)")
            #expect(page.contains("<bdi>\(channel)</bdi>"), "\(path) ranks its channels")
        }
    }

    @Test func periodPagesDownloadsAndTheDigestLinkThePeriods() throws {
        let (scratch, site) = try Self.build([
            Self.tenMinutes("2026-01-31", user: "1", viewers: 20), Self.tenMinutes("2026-02-01", user: "1", viewers: 30),
            Self.tenMinutes("2026-02-02", user: "2", viewers: 40),
        ])
        defer { _ = scratch }
        func page(_ path: String) throws -> String {
            try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
        }
        let february = try page("months/2026-02/index.html")
        #expect(february.contains("<h1>February 2026</h1>"))
        #expect(february.contains("Against January 2026"))
        #expect(february.contains("../../data/months/2026-02/channels.csv"))
        #expect(try page("years/2026/index.html").contains("<h1>2026</h1>"))
        let index = try page("periods/index.html")
        for link in ["../months/2026-01/index.html", "../years/2026/index.html", "../rollups/90d/index.html"] {
            #expect(index.contains("href=\"\(link)\""), "\(link)")
        }
        #expect(try page("index.html").contains("href=\"periods/index.html\""), "the navigation links the periods")
        let downloads = try page("downloads/index.html")
        #expect(downloads.contains("../data/months/2026-01/games.csv"))
        #expect(downloads.contains("../data/last-7d/summary.json"))
        #expect(downloads.contains("<code>previous_rank</code>"))
        let digest = try page("reports/2026-02-01/email.html")
        #expect(digest.contains("../../months/2026-01/index.html\" style=\"color:#6441a5;\">January 2026 in full"))
        #expect(digest.contains("February 2026 so far"))
        #expect(!(try page("reports/2026-01-31/email.html")).contains("in full"))
        let game = try page("games/1/index.html")
        #expect(game.contains("Monthly history"))
        #expect(game.contains("../../months/2026-02/index.html"))
        #expect(game.contains("This period against the one before"))
    }

    /// A month merges its days' kept sums: a stream across midnight is one stream of the month,
    /// not one a day, and a build that adds a day to the month (its sums merged with the kept
    /// ones of the days before) counts the same as a build of all the days at once.
    @Test func aStreamAcrossMidnightIsOneStreamOfTheMonthBuiltInSteps() throws {
        let scratch = try ScratchFolder()
        defer { _ = scratch }
        let across = [("2026-03-01T23:50:00Z", 30), ("2026-03-02T00:10:00Z", 30), ("2026-03-02T00:30:00Z", 30)].map {
            Self.sighting(stream: "night", user: "1", viewers: $0.1, startedAt: "2026-03-01T23:45:00Z", at: $0.0)
        }
        let first = try scratch.write("first.ndjson", across.joined())
        let second = try scratch.write("second.ndjson", Self.tenMinutes("2026-03-03", user: "1", viewers: 10))
        let stepped = scratch.url.appendingPathComponent("stepped")
        let atOnce = scratch.url.appendingPathComponent("at-once")
        _ = try importAndBuild([first], db: scratch.path("stepped.sqlite"), out: stepped)
        _ = try importAndBuild([second], db: scratch.path("stepped.sqlite"), out: stepped)
        _ = try importAndBuild([first, second], db: scratch.path("at-once.sqlite"), out: atOnce)

        for site in [stepped, atOnce] {
            #expect(try Self.rows(site, "2026-03-01/summary.csv").first?["streams"] == "1")
            #expect(try Self.rows(site, "2026-03-02/summary.csv").first?["streams"] == "1")
            let month = try #require(try Self.rows(site, "months/2026-03/summary.csv").first)
            #expect(month["streams"] == "2", "the night stream once, and the stream of the 3rd")
            #expect(month["days"] == "3")
            #expect(try Self.rows(site, "months/2026-03/channels.csv").first?["streams"] == "2")
            #expect(try Self.rows(site, "years/2026/summary.csv").first?["streams"] == "2")
        }
        for file in ["months/2026-03/channels.csv", "months/2026-03/summary.csv", "years/2026/games.csv"] {
            let a = try Data(contentsOf: stepped.appendingPathComponent("data/" + file))
            let b = try Data(contentsOf: atOnce.appendingPathComponent("data/" + file))
            #expect(a == b, "\(file)")
        }
    }

    /// The periods before are ranked while the new crawls are consolidated, from a guess of the
    /// days they change: a ranking is used only when none of its days changed. A stream seen again
    /// after days changes every day between (its interval spans them), which the guess misses:
    /// early in a month that reaches into the month before, the period before of the month, whose
    /// ranking is then computed again; every period file equals one build's.
    @Test func periodsBeforeRankedAheadAreUsedOnlyWhereNoneOfTheirDaysChanged() throws {
        let scratch = try ScratchFolder()
        defer { _ = scratch }
        let start = CivilDate(year: 2026, month: 1, day: 1).dayNumber
        func date(_ offset: Int) -> String { CivilDate(dayNumber: start + offset).iso }
        func day(_ offset: Int) -> String {
            (1...3).map { user in
                // User 3 has the fewest viewers, until its stream of January 29 comes back.
                Self.tenMinutes(date(offset), user: String(user), viewers: user == 3 ? 1 : 5 + (offset * (user + 2)) % 11)
            }.joined()
        }
        // January and February 1st, then the 2nd, then the 3rd with user 3's stream of January 29.
        let history = try scratch.write("history.ndjson", (0..<32).map(day).joined())
        let next = try scratch.write("next.ndjson", day(32))
        // Its interval from January 29 on, at these viewers, puts user 3 first in January.
        let back = Self.sighting(stream: "\(date(28))-3", user: "3", viewers: 10_000,
                                 startedAt: "\(date(28))T11:50:00Z", at: "\(date(33))T12:00:00Z")
        let late = try scratch.write("late.ndjson", day(33) + back)
        let stepped = scratch.url.appendingPathComponent("stepped")
        let atOnce = scratch.url.appendingPathComponent("at-once")
        let db = scratch.path("stepped.sqlite")

        _ = try importAndBuild([history], db: db, out: stepped, keepRaw: -1)
        let nightly = try importAndBuild([next], db: db, out: stepped, keepRaw: -1)
        #expect(nightly.periodsBeforeRankedAhead.ranked > 0)
        #expect(nightly.periodsBeforeRankedAhead.used == nightly.periodsBeforeRankedAhead.ranked)
        let afterGap = try importAndBuild([late], db: db, out: stepped, keepRaw: -1)
        #expect(afterGap.writtenDays.contains(start + 29), "January 30th changed")
        #expect(afterGap.periodsBeforeRankedAhead.used > 0)
        #expect(afterGap.periodsBeforeRankedAhead.used < afterGap.periodsBeforeRankedAhead.ranked)
        _ = try importAndBuild([history, next, late], db: scratch.path("at-once.sqlite"), out: atOnce, keepRaw: -1)

        let periodFiles = try FileManager.default.subpathsOfDirectory(atPath: atOnce.appendingPathComponent("data").path)
            .filter { ["months/", "years/", "last-"].contains(where: $0.hasPrefix) && $0.hasSuffix(".csv") }
        #expect(periodFiles.count > 20)
        for file in periodFiles {
            let a = try Data(contentsOf: stepped.appendingPathComponent("data/" + file))
            let b = try Data(contentsOf: atOnce.appendingPathComponent("data/" + file))
            #expect(a == b, "\(file)")
        }
        let february = try Self.rows(stepped, "months/2026-02/channels.csv")
        #expect(february.first { $0["user_id"] == "3" }?["previous_rank"] == "1")
    }
}

@testable import Metrics
import Model
@testable import Store
import Testing

/// Period sums (METRICS.md §8 over kept day sums): what merging days keeps exact.
@Suite struct PeriodSumsTests {
    static func part(_ stream: Int64, user: String, game: String = "g1", language: String = "en",
                     seconds: Int64 = 600_000, watch: Int64 = 6_000_000, at: Millis = 0, facts: Int64 = 1) -> DayPartRow {
        DayPartRow(stream: stream, userID: user, gameID: game, language: language, secondsMs: seconds, watchMs: watch,
                   latestAt: at, latestFacts: facts)
    }

    static func merged(_ days: [PeriodSums], timesOnly: Bool = false) -> PeriodSums {
        var sums = PeriodSums()
        for day in days {
            let added = sums.merge(encoded: day.encoded(), timesOnly: timesOnly)
            #expect(added)
        }
        return sums
    }

    /// A period starts from its newest month and adds the older ones: streams merge the same in
    /// any order, each once (before, after, and overlapping at a midnight).
    @Test func streamsUniteInAnyOrder() {
        var early = PeriodSums(), middle = PeriodSums(), late = PeriodSums()
        for stream in [3, 5, 7] as [Int64] { early.add(Self.part(stream, user: "1")) }
        for stream in [7, 8, 12] as [Int64] { middle.add(Self.part(stream, user: "1")) }
        for stream in [12, 20] as [Int64] { late.add(Self.part(stream, user: "1")) }
        for order in [[early, middle, late], [late, middle, early], [middle, late, early], [late, early, middle]] {
            let all = Self.merged(order)
            #expect(all.channels[0].streams == [3, 5, 7, 8, 12, 20])
            #expect(all.streams == 6)
        }
    }

    /// A channel that played many games (the merge looks their places up) sums each game's time
    /// once, whichever days come first.
    /// Months merged newest first, ranges overlapping at either end or inside, one list inside
    /// the other: the united list is every id once, ascending.
    @Test func streamListsUniteWhereverTheirRangesOverlap() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var lists: [[Int64]] = []
            for _ in 0..<Int.random(in: 1...5, using: &random) {
                let start = Int64.random(in: 0...60, using: &random)
                let ids = (0..<Int.random(in: 1...12, using: &random)).map { _ in start + Int64.random(in: 0...25, using: &random) }
                lists.append(Array(Set(ids)).sorted())
            }
            var sums = PeriodSums()
            for list in lists {
                var day = PeriodSums()
                for stream in list { day.add(Self.part(stream, user: "1")) }
                let added = sums.merge(encoded: day.encoded())
                #expect(added)
            }
            #expect(sums.channels[0].streams == Array(Set(lists.joined())).sorted())
        }
    }

    @Test func manyGamesOfAChannelMergeByGame() {
        var first = PeriodSums(), second = PeriodSums()
        for g in 0..<12 { first.add(Self.part(Int64(g), user: "1", game: "g\(g)")) }
        for g in 6..<20 { second.add(Self.part(Int64(100 + g), user: "1", game: "g\(g)", seconds: 60_000, watch: 0)) }
        for order in [[first, second], [second, first]] {
            let all = Self.merged(order)
            let games = all.channels[0].games
            #expect(games.count == 20)
            #expect(Set(games.map { all.games[$0.game] }).count == 20)
            let g7 = games.first { all.games[$0.game] == "g7" }!
            #expect(g7.time == Time(secondsMs: 660_000, watchMs: 6_000_000))
        }
    }

    @Test func aStreamAcrossMidnightIsOneStreamOfTheMergedDays() {
        var first = PeriodSums(), second = PeriodSums()
        first.add(Self.part(7, user: "1"))
        second.add(Self.part(7, user: "1", at: 90_000_000))
        second.add(Self.part(9, user: "1", game: "g2", at: 95_000_000))
        let both = Self.merged([first, second])
        #expect(both.streams == 2)
        #expect(both.channels[0].streams == [7, 9])
        #expect(both.channels[0].games.map(\.game).map { both.games[$0] } == ["g1", "g2"])
        #expect(both.channels[0].time == Time(secondsMs: 1_800_000, watchMs: 18_000_000))
        #expect(both.channels[0].latest?.stream == 9)
        let streamers = both.distinctChannels().games
        #expect(streamers == [1, 1], "one channel in each game, not one a day")
    }

    @Test func aPeakAloneDoesNotRankAChannelButItsPeakCountsOnceItHasTime() {
        var first = PeriodSums(), second = PeriodSums()
        first.raisePeak(of: "2", to: 50)
        #expect(Self.merged([first]).rankedChannels == 0)
        second.raisePeak(of: "2", to: 10)
        second.add(Self.part(3, user: "2"))
        let both = Self.merged([first, second])
        #expect(both.rankedChannels == 1)
        #expect(both.channels[Int(both.users.existing("2")!)].peak == 50)
    }

    @Test func theHighestCrawlIsTheEarliestOnATie() {
        var first = PeriodSums(), second = PeriodSums()
        first.add(crawl: CrawlPoint(time: 2_000, viewers: 90, channels: 4))
        second.add(crawl: CrawlPoint(time: 1_000, viewers: 90, channels: 7))
        second.add(crawl: CrawlPoint(time: 3_000, viewers: 80, channels: 9))
        let both = Self.merged([first, second])
        #expect(both.crawls == 3)
        #expect(both.peakCrawl == CrawlPoint(time: 1_000, viewers: 90, channels: 7))
        #expect(both.peakChannels == 9)
    }

    @Test func sumsComeBackFromTheirBytesUnchanged() {
        var rng = SplitMix64(seed: 8)
        var sums = PeriodSums()
        for stream in Int64(1)...400 {
            let user = "u\(rng.next() % 60)"
            for _ in 0..<(1 + rng.next() % 3) {
                sums.add(Self.part(stream, user: user, game: "g\(rng.next() % 9)", language: ["en", "de", "ja"][Int(rng.next() % 3)],
                                   seconds: Int64(rng.next() % 9_000_000), watch: Int64(rng.next() % 90_000_000),
                                   at: Int64(rng.next() % 86_400_000), facts: Int64(rng.next() % 1_000)))
            }
            if rng.next() % 5 == 0 { sums.raisePeak(of: user, to: Int(rng.next() % 5_000)) }
        }
        sums.raiseGamePeak("g3", to: PeakPair(viewers: 700, channels: 12))
        sums.add(crawl: CrawlPoint(time: 5, viewers: 9_999, channels: 77))
        let again = Self.merged([sums])
        #expect(again.encoded() == sums.encoded())
        #expect(again.streams == 400)
    }

    @Test func timesOnlyKeepsEachIdsTimeAndNoIds() {
        var first = PeriodSums()
        first.add(Self.part(7, user: "1"))
        first.add(Self.part(8, user: "1", game: "g2"))
        let times = Self.merged([first], timesOnly: true)
        #expect(times.channels[0].time == Time(secondsMs: 1_200_000, watchMs: 12_000_000))
        #expect(times.gameTime.count == 2)
        #expect(times.channels[0].streams.isEmpty && times.channels[0].games.isEmpty)
    }

    @Test func aBlobOfAnotherFormatIsRefusedAndNothingIsAdded() {
        var first = PeriodSums()
        first.add(Self.part(7, user: "1"))
        var blob = first.encoded()
        blob[0] = UInt8(PeriodSums.format + 1)
        #expect(!PeriodSums.isCurrent(blob))
        var sums = PeriodSums()
        let added = sums.merge(encoded: blob)
        #expect(!added)
        #expect(sums.channels.isEmpty && sums.crawls == 0)
    }

    /// A damaged blob (on-disk damage: a count, an id) is refused at once, without a crash or a
    /// loop over a count it cannot hold.
    @Test func aDamagedBlobIsRefusedWithoutACrash() {
        var day = PeriodSums()
        day.add(Self.part(7, user: "1"))
        day.add(Self.part(8, user: "2", game: "g2", language: "de"))
        let blob = day.encoded()
        var damaged: [[UInt8]] = [Array(blob.prefix(blob.count / 2))]
        for at in 1..<blob.count {
            var bytes = blob
            bytes[at] = 0xFF  // continues a varint into the next bytes: a huge count or id
            damaged.append(bytes)
            bytes[at] = 0x7F
            damaged.append(bytes)
        }
        var refused = 0
        for bytes in damaged {
            var sums = PeriodSums()
            if !sums.merge(encoded: bytes) { refused += 1 }
        }
        // Most damaged bytes land in times, which read as other numbers; a damaged count or id is refused.
        #expect(refused > 0)
        var whole = PeriodSums()
        let merged = whole.merge(encoded: blob)
        #expect(merged)
    }
}

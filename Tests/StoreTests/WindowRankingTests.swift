import Foundation
import Model
import TestSupport
import Testing
@testable import Store

/// Window rankings meet only the channels near the top of each day (`TopChannels`); they must
/// equal the ranking from summing every channel of the window, ties and names included.
@Suite struct WindowRankingTests {
    /// `days` recorded days of channels drawn from a pool: some recur every day, most come and
    /// go; hours watched are coarse so that ties happen, and names change from day to day.
    static func history(in scratch: ScratchFolder, days: Int, channelsPerDay: Int, pool: Int, seed: UInt64) throws -> Store {
        let store = try Store(path: scratch.path("db.sqlite"))
        var state = seed
        func random(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for day in 100..<(100 + days) {
            var users = Set<Int>()
            while users.count < min(channelsPerDay, pool / 2) { users.insert(random(10) < 3 ? random(pool / 10) : random(pool)) }
            var rows = users.map { u in
                HistoryChannelRow(
                    day: day, userID: "u\(u)", userLogin: "l\(u)", userName: "Name \(u) \(day % 3)", rank: 0,
                    watchMs: Int64(random(40) * 1_000 + (u < pool / 10 ? 30_000 : 0)), secondsMs: Int64(random(5) * 100),
                    peakViewers: random(500), streams: 1, mainGameID: "g", mainGameName: "G", language: "en")
            }
            rows.sort { ($0.watchMs, $0.secondsMs, $1.userID) > ($1.watchMs, $1.secondsMs, $0.userID) }
            for i in rows.indices { rows[i].rank = i + 1 }
            try store.replaceHistory(
                summary: HistorySummaryRow(day: day, lengthSeconds: 86_400, crawls: 1, watchMs: 0, secondsMs: 0,
                                           peakViewers: 0, peakChannels: 0, channels: rows.count, games: 0, streams: 0),
                games: [], channels: rows, languages: [])
        }
        return store
    }

    @Test(arguments: [(UInt64(1), 60), (UInt64(2), 400), (UInt64(3), 2_000)])
    func rankingsEqualSummingEveryChannel(seed: UInt64, pool: Int) throws {
        let scratch = try ScratchFolder()
        let store = try Self.history(in: scratch, days: 12, channelsPerDay: 300, pool: pool, seed: seed)
        for (from, through) in [(100, 111), (105, 111), (111, 111), (90, 102), (120, 130)] {
            for limit in [0, 1, 7, 100, 299, 1_000] {
                let fast = try store.channelTotals(from: from, through: through, limit: limit)
                let all = try store.channelTotalsSummingAll(from: from, through: through, limit: limit)
                #expect(fast == all, "window \(from)...\(through), limit \(limit)")
            }
        }
    }

    /// Channels that top one day each fill every day's first ranks; the channels that lead the
    /// window rank lower every day but stream every day: found only by reading deeper.
    @Test func steadyChannelsBelowEveryDaysTopStillLeadTheWindow() throws {
        let scratch = try ScratchFolder()
        let store = try Store(path: scratch.path("db.sqlite"))
        for day in 0..<12 {
            func row(_ id: String, _ watch: Int64) -> HistoryChannelRow {
                HistoryChannelRow(day: day, userID: id, userLogin: id, userName: id, rank: 0, watchMs: watch, secondsMs: 1,
                                  peakViewers: 1, streams: 1, mainGameID: "g", mainGameName: "G", language: "en")
            }
            let spikes: [HistoryChannelRow] = (0..<400).map { i in row("spike-\(day)-\(i)", Int64(500 + i)) }
            let steady: [HistoryChannelRow] = (0..<300).map { i in row("steady-\(i)", Int64(100 + i % 7)) }
            var rows = spikes + steady
            rows.sort { ($0.watchMs, $1.userID) > ($1.watchMs, $0.userID) }
            for i in rows.indices { rows[i].rank = i + 1 }
            try store.replaceHistory(
                summary: HistorySummaryRow(day: day, lengthSeconds: 86_400, crawls: 1, watchMs: 0, secondsMs: 0,
                                           peakViewers: 0, peakChannels: 0, channels: rows.count, games: 0, streams: 0),
                games: [], channels: rows, languages: [])
        }
        for limit in [1, 10, 300, 500] {
            let fast = try store.channelTotals(from: 0, through: 11, limit: limit)
            #expect(fast == (try store.channelTotalsSummingAll(from: 0, through: 11, limit: limit)), "limit \(limit)")
        }
        #expect(try store.channelTotals(from: 0, through: 11, limit: 1).first?.id.hasPrefix("steady") == true)
    }

    @Test func channelDaysComeInDayOrderForEachChannel() throws {
        let scratch = try ScratchFolder()
        let store = try Self.history(in: scratch, days: 5, channelsPerDay: 50, pool: 60, seed: 9)
        let top = try store.channelTotalsSummingAll(from: 100, through: 104, limit: 5).map(\.id)
        let days = try store.historyChannels(users: top + ["nobody"], from: 101, through: 104)
        #expect(days["nobody"] == [])
        for (i, user) in top.enumerated() {
            let rows = days[user] ?? []
            #expect(rows.map(\.day) == rows.map(\.day).sorted())
            #expect(rows.allSatisfy { $0.userID == user && (101...104).contains($0.day) })
            let window = try store.channelTotalsSummingAll(from: 101, through: 104, limit: -1).first { $0.id == top[i] }
            #expect(rows.map(\.watchMs).reduce(0, +) == window?.watchMs ?? 0)
        }
    }
}

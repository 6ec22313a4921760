import Foundation
import Testing
@testable import Store

@Suite struct HistorySummaryTests {
    @Test func aDaySummaryReadsBackAsWrittenAndReplacesTheDaysBefore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("db.sqlite").path)
        // Every field a different value, so a column swapped with another reads back wrong.
        let first = HistorySummaryRow(day: 20_500, lengthSeconds: 82_800, crawls: 3, watchMs: 4_000_000_000_001,
                                      secondsMs: 5_000_000_002, peakViewers: 6_000_000_003, peakChannels: 7, channels: 8,
                                      games: 9, streams: 10)
        var second = first
        second.day += 1
        second.crawls = 30
        try store.replaceHistory(summary: first, games: [], channels: [], languages: [])
        try store.replaceHistory(summary: second, games: [], channels: [], languages: [])
        var again = first
        again.streams = 11
        try store.replaceHistory(summary: again, games: [], channels: [], languages: [])
        #expect(try store.historySummaries(from: 20_000, through: 21_000) == [again, second])
        #expect(try store.historySummary(day: 20_501) == second)
        #expect(try store.historySummary(day: 20_502) == nil)
    }
}

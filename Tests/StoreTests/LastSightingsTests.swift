import Model
import Testing
@testable import Store

/// Of several sightings of a stream in one crawl the last one is kept, whatever the ids' sizes.
@Suite struct LastSightingsTests {
    static func expected(_ rows: [StoredObservation]) -> [StoredObservation] {
        var last: [Int64: StoredObservation] = [:]
        for row in rows { last[row.stream] = row }
        return last.values.sorted { $0.stream < $1.stream }
    }

    @Test(arguments: [0, 1, 7, 2_500, 70_000])
    func theLastSightingOfEachStreamIsKeptInStreamOrder(count: Int) {
        var random = SplitMix64(seed: UInt64(count) + 1)
        // Few streams (many repeats) and ids that need many radix passes.
        let rows = (0..<count).map { n in
            StoredObservation(stream: Int64(random.next() % UInt64(max(1, count / 3))) * 1_000_003, offset: Int64(n), viewers: Int64(n), facts: 1)
        }
        #expect(LastSightings.lastPerStream(rows) == Self.expected(rows))
    }

    @Test func idsTooLargeToPackStillSortByStream() {
        let rows = [Int64.max, 5, Int64.max, 0, 5].enumerated().map { n, stream in
            StoredObservation(stream: stream, offset: Int64(n), viewers: 0, facts: 0)
        }
        #expect(LastSightings.lastPerStream(rows) == Self.expected(rows))
        #expect(LastSightings.lastPerStream(rows).map(\.offset) == [3, 4, 2])
    }

    @Test func radixSortOrdersAnyKeys() {
        var random = SplitMix64(seed: 9)
        var keys = (0..<10_000).map { _ in random.next() >> 4 }
        let sorted = keys.sorted()
        LastSightings.radixSort(&keys, bits: 60)
        #expect(keys == sorted)
    }
}

@testable import Store
import Testing

/// The facts rows of a day's segments are read in id ranges: short gaps are scanned over, long
/// ones split the range, and every wanted id is covered.
@Suite struct FactsRangesTests {
    @Test func shortGapsJoinAndLongGapsSplit() {
        let gap = FactsRanges.longestGapScanned
        let ids: [Int64] = [1, 2, 3, 3 + gap, 3 + 2 * gap + 1, 5_000, 5_001]
        #expect(FactsRanges.covering(ids) == [1...(3 + gap), (3 + 2 * gap + 1)...(3 + 2 * gap + 1), 5_000...5_001])
    }

    @Test func noIdsNoRanges() {
        #expect(FactsRanges.covering([]).isEmpty)
        #expect(FactsRanges.covering([7]) == [7...7])
    }
}

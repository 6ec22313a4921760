@testable import Store
import Testing

/// The facts rows of a day's segments are read in id ranges: short gaps are scanned over, long
/// ones split the range, and every wanted id is covered.
@Suite struct IdRangesTests {
    @Test func shortGapsJoinAndLongGapsSplit() {
        let gap = IdRanges.longestGapScanned
        let ids: [Int64] = [1, 2, 3, 3 + gap, 3 + 2 * gap + 1, 5_000, 5_001]
        #expect(IdRanges.covering(ids) == [1...(3 + gap), (3 + 2 * gap + 1)...(3 + 2 * gap + 1), 5_000...5_001])
    }

    @Test func noIdsNoRanges() {
        #expect(IdRanges.covering([]).isEmpty)
        #expect(IdRanges.covering([7]) == [7...7])
    }
}

import Model
import Testing

@Suite struct PartitioningIndexTests {
    /// The first index where the condition holds, as a linear scan finds it, on arrays and on
    /// slices that do not start at 0.
    @Test func findsTheFirstIndexWhereTheConditionHolds() {
        let days = [3, 5, 5, 8, 13, 21]
        for bound in 0...25 {
            #expect(days.partitioningIndex { $0 >= bound } == days.firstIndex { $0 >= bound } ?? days.endIndex)
            #expect(days.partitioningIndex { $0 > bound } == days.firstIndex { $0 > bound } ?? days.endIndex)
            let slice = days[2...]
            #expect(slice.partitioningIndex { $0 > bound } == slice.firstIndex { $0 > bound } ?? slice.endIndex)
        }
        #expect([Int]().partitioningIndex { $0 > 0 } == 0)
    }
}

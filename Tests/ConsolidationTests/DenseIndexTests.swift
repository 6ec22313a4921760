@testable import Consolidation
import Testing

@Suite struct DenseIndexTests {
    @Test func smallAndHugeIdsAreBothKept() {
        var index = DenseIndex()
        #expect(index[id: 5] == DenseIndex.absent)
        index[id: 5] = 1
        index[id: 70_000] = 2
        index[id: 1 << 40] = 3
        index[id: -4] = 4
        #expect(index[id: 5] == 1)
        #expect(index[id: 70_000] == 2)
        #expect(index[id: 1 << 40] == 3)
        #expect(index[id: -4] == 4)
        #expect(index[id: 6] == DenseIndex.absent)
        #expect(index[id: (1 << 40) + 1] == DenseIndex.absent)
    }
}

@Suite struct DenseIndexBaseTests {
    @Test func idsBelowTheFirstOneAreKeptToo() {
        var index = DenseIndex()
        index[id: 5_000_000] = 1
        index[id: 3] = 2
        index[id: 5_000_001] = 3
        #expect(index[id: 5_000_000] == 1)
        #expect(index[id: 3] == 2)
        #expect(index[id: 5_000_001] == 3)
        #expect(index[id: 4] == DenseIndex.absent)
        #expect(index[id: 4_999_999] == DenseIndex.absent)
    }
}

@Suite struct DenseIndexSparseTests {
    @Test func sparseIdsDoNotChooseWhereTheArrayStarts() {
        var index = DenseIndex()
        index.insertSparse(id: 7, 1)
        index.insertSparse(id: 9_000_000, 2)
        index[id: 5_000_000] = 3
        index.insertSparse(id: 5_000_500, 4)
        index.insertSparse(id: 12, 5)
        #expect(index[id: 7] == 1)
        #expect(index[id: 9_000_000] == 2)
        #expect(index[id: 5_000_000] == 3)
        #expect(index[id: 5_000_500] == 4)
        #expect(index[id: 12] == 5)
        #expect(index[id: 8] == DenseIndex.absent)
        #expect(index[id: 9_000_001] == DenseIndex.absent)
    }
}

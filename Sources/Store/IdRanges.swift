/// Id ranges that cover a sorted list of row ids (facts, streams), for reading those rows in a few
/// range scans. A gap of a few unwanted rows is cheaper to step over than starting another scan; a
/// long one (an old facts row still in use, a stream live for days) gets a range of its own.
enum IdRanges {
    static let longestGapScanned: Int64 = 32

    /// `ids`: ascending and distinct.
    static func covering(_ ids: [Int64]) -> [ClosedRange<Int64>] {
        var ranges: [ClosedRange<Int64>] = []
        guard var low = ids.first else { return [] }
        var high = low
        for id in ids.dropFirst() {
            if id - high > longestGapScanned {
                ranges.append(low...high)
                low = id
            }
            high = id
        }
        ranges.append(low...high)
        return ranges
    }
}

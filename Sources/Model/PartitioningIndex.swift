extension RandomAccessCollection {
    /// In a collection where `isPast` holds from some element on and not before (an ascending
    /// one, asked for a bound), the index of the first element where it holds; `endIndex` when
    /// none does. A binary search: the days of a period, a stream's crawls, a channel's streams.
    @inlinable
    public func partitioningIndex(where isPast: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex, high = endIndex
        while low != high {
            let mid = index(low, offsetBy: distance(from: low, to: high) / 2)
            if try isPast(self[mid]) { high = mid } else { low = index(after: mid) }
        }
        return low
    }
}

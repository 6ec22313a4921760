/// Strings to small integers, so per-crawl sums index arrays instead of hashing strings.
struct Interner {
    private var indices: [String: Int32] = [:]
    private(set) var values: [String] = []
    var count: Int { values.count }

    mutating func index(_ s: String) -> Int32 {
        if let i = indices[s] { return i }
        let i = Int32(values.count)
        indices[s] = i
        values.append(s)
        return i
    }

    subscript(i: Int32) -> String { values[Int(i)] }
}

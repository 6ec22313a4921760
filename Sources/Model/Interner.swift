/// Strings to small integers in order of first appearance, so sums index arrays instead of
/// hashing strings (consolidation's games and languages, a day's users, games and languages).
public struct Interner: Sendable {
    private var indices: [String: Int32] = [:]
    public private(set) var values: [String] = []
    public var count: Int { values.count }

    public init(capacity: Int = 0) {
        indices.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    public mutating func index(_ s: String) -> Int32 {
        if let i = indices[s] { return i }
        let i = Int32(values.count)
        indices[s] = i
        values.append(s)
        return i
    }

    /// The number of a string seen before; nil for one never interned.
    public func existing(_ s: String) -> Int32? { indices[s] }

    public subscript(i: Int32) -> String { values[Int(i)] }
}

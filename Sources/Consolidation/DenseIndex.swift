/// Row ids to small slot numbers. SQLite hands out row ids densely, and a pass mostly meets
/// recent ones, so an array indexed by `id - base` answers almost every look-up, `base` being
/// where the first id set falls. Ids below it, or too far above it, fall back to a dictionary.
struct DenseIndex {
    static let absent: Int32 = -1
    private static let arrayLimit = 1 << 26
    private var base: Int64?
    private var slots: [Int32] = []
    private var overflow: [Int64: Int32] = [:]

    subscript(id id: Int64) -> Int32 {
        get {
            if let offset = arrayOffset(id) { return offset < slots.count ? slots[offset] : Self.absent }
            return overflow[id] ?? Self.absent
        }
        set {
            if base == nil, id >= 0 { base = id - id % 1024 }
            guard let offset = arrayOffset(id) else {
                overflow[id] = newValue
                return
            }
            if offset >= slots.count {
                let grown = min(max(offset + 1, slots.count * 2, 1024), Self.arrayLimit)
                slots.append(contentsOf: repeatElement(Self.absent, count: grown - slots.count))
            }
            slots[offset] = newValue
        }
    }

    private func arrayOffset(_ id: Int64) -> Int? {
        guard let base, id >= base, id - base < Int64(Self.arrayLimit) else { return nil }
        return Int(id - base)
    }
}

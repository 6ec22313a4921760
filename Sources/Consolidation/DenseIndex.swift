/// Row ids to small slot numbers. SQLite hands out row ids densely, and a pass mostly meets
/// recent ones, so an array indexed by `id - base` answers almost every look-up, `base` being
/// where the first densely met id falls. Ids below it, or too far above it, fall back to a
/// dictionary. Every id the array's range covers is in the array.
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
            if base == nil, id >= 0 { startArray(at: id - id % 1024) }
            store(newValue, id: id)
        }
    }

    /// Keeps an id met out of order (an old row referenced again) without letting it choose
    /// where the array starts: only a dense run of ids should, or the array would span the
    /// history between an old id and the new ones.
    mutating func insertSparse(id: Int64, _ value: Int32) {
        store(value, id: id)
    }

    private mutating func store(_ value: Int32, id: Int64) {
        guard let offset = arrayOffset(id) else {
            overflow[id] = value
            return
        }
        if offset >= slots.count {
            let grown = min(max(offset + 1, slots.count * 2, 1024), Self.arrayLimit)
            slots.append(contentsOf: repeatElement(Self.absent, count: grown - slots.count))
        }
        slots[offset] = value
    }

    /// Ids kept before the array started move into it when its range covers them.
    private mutating func startArray(at first: Int64) {
        base = first
        let covered = overflow.filter { arrayOffset($0.key) != nil }
        for (id, value) in covered {
            overflow[id] = nil
            store(value, id: id)
        }
    }

    private func arrayOffset(_ id: Int64) -> Int? {
        guard let base, id >= base, id - base < Int64(Self.arrayLimit) else { return nil }
        return Int(id - base)
    }
}

/// Row ids to small slot numbers. SQLite hands out row ids densely, so an array indexed by row id
/// answers almost every look-up; ids beyond `arrayLimit` (never made by this program, but legal)
/// fall back to a dictionary.
struct DenseIndex {
    static let absent: Int32 = -1
    private static let arrayLimit: Int64 = 1 << 26
    private var slots: [Int32] = []
    private var overflow: [Int64: Int32] = [:]

    subscript(id id: Int64) -> Int32 {
        get {
            if id >= 0 && id < Int64(slots.count) { return slots[Int(id)] }
            if id >= 0 && id < Self.arrayLimit { return Self.absent }
            return overflow[id] ?? Self.absent
        }
        set {
            if id >= 0 && id < Self.arrayLimit {
                if id >= Int64(slots.count) {
                    let grown = max(Int(id) + 1, slots.count * 2, 1024)
                    slots.append(contentsOf: repeatElement(Self.absent, count: min(grown, Int(Self.arrayLimit)) - slots.count))
                }
                slots[Int(id)] = newValue
            } else {
                overflow[id] = newValue
            }
        }
    }
}

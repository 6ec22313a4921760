/// The day parts a pass adds to: records in an array, found by key through a dictionary only when
/// a stream moves to another day, game or language.
struct DayPartTable {
    struct Key: Hashable {
        var day: Int
        var slot: Int32
        var game: Int32
        var language: Int32
    }

    struct Part {
        var key: Key
        var secondsMs: Int64 = 0
        var watchMs: Int64 = 0
        var latestAt: Int64 = .min
        var latestFacts: Int64 = 0
    }

    private(set) var parts: [Part] = []
    private var index: [Key: Int32] = [:]

    /// The part's index, and whether it was created now.
    mutating func find(_ key: Key) -> (index: Int32, created: Bool) {
        if let i = index[key] { return (i, false) }
        let i = Int32(parts.count)
        parts.append(Part(key: key))
        index[key] = i
        return (i, true)
    }

    subscript(i: Int32) -> Part {
        get { parts[Int(i)] }
        _modify { yield &parts[Int(i)] }
    }
}

import Model

/// The day parts a pass adds to and has not handed over yet: records in an array, found by key
/// through a dictionary only when a stream's run of intervals ends.
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

    /// Adds a run into its part. Applying the run at once equals applying its intervals one by
    /// one: the sums add up, and the latest time with its facts is a maximum taken in order, ties
    /// going to the later observation, either way. Returns whether the part is new.
    mutating func add(_ run: PartRun, slot: Int32) -> Bool {
        let key = Key(day: run.day, slot: slot, game: run.game, language: run.language)
        var created = false
        let i: Int
        if let found = index[key] {
            i = Int(found)
        } else {
            i = parts.count
            parts.append(Part(key: key))
            index[key] = Int32(i)
            created = true
        }
        parts[i].secondsMs = parts[i].secondsMs.addingSaturated(run.secondsMs)
        parts[i].watchMs = parts[i].watchMs.addingSaturated(run.watchMs)
        if run.latestAt >= parts[i].latestAt {
            parts[i].latestAt = run.latestAt
            parts[i].latestFacts = run.latestFacts
        }
        return created
    }

    /// Every part so far, leaving the table empty: the store adds them up as increments, so a
    /// part that grows again later is simply handed over again.
    mutating func takeAll() -> [Part] {
        defer {
            parts.removeAll(keepingCapacity: true)
            index.removeAll(keepingCapacity: true)
        }
        return parts
    }
}

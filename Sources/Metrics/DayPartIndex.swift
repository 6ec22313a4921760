import Store

/// The parts of a day with their users, games and languages numbered in order of first
/// appearance, and each user's parts listed together (still in query order). The daily tables
/// are then sums into arrays: one dictionary look-up per part and name instead of a dictionary
/// (and a set or two) per user.
struct DayPartIndex {
    let parts: [DayPartRow]
    private(set) var userIDs: [String] = []
    private(set) var gameIDs: [String] = []
    private(set) var languages: [String] = []
    /// Each part's user, game and language number.
    private(set) var userOf: [Int32] = []
    private(set) var gameOf: [Int32] = []
    private(set) var languageOf: [Int32] = []
    private let userNumbers: [String: Int32]
    /// Part numbers grouped by user: see `parts(ofUser:)`.
    private var userParts: [Int32] = []
    private var userStart: [Int] = []

    init(_ parts: [DayPartRow]) {
        self.parts = parts
        var users: [String: Int32] = [:]
        var games: [String: Int32] = [:]
        var languages: [String: Int32] = [:]
        users.reserveCapacity(parts.count / 2)
        userOf.reserveCapacity(parts.count)
        gameOf.reserveCapacity(parts.count)
        languageOf.reserveCapacity(parts.count)
        func number(_ key: String, in table: inout [String: Int32], names: inout [String]) -> Int32 {
            if let n = table[key] { return n }
            let n = Int32(names.count)
            table[key] = n
            names.append(key)
            return n
        }
        for p in parts {
            userOf.append(number(p.userID, in: &users, names: &userIDs))
            gameOf.append(number(p.gameID, in: &games, names: &gameIDs))
            languageOf.append(number(p.language, in: &languages, names: &self.languages))
        }
        userNumbers = users

        // A counting sort by user keeps each user's parts in query order.
        var start = [Int](repeating: 0, count: userIDs.count + 1)
        for u in userOf { start[Int(u) + 1] += 1 }
        for u in 0..<userIDs.count { start[u + 1] += start[u] }
        var next = start
        userParts = [Int32](repeating: 0, count: parts.count)
        for (i, u) in userOf.enumerated() {
            userParts[next[Int(u)]] = Int32(i)
            next[Int(u)] += 1
        }
        userStart = start
    }

    func user(_ id: String) -> Int? { userNumbers[id].map(Int.init) }

    /// The part numbers of user `u`, in query order.
    func parts(ofUser u: Int) -> ArraySlice<Int32> { userParts[userStart[u]..<userStart[u + 1]] }
}

import Model
import Store

/// The parts of a day with their users, games and languages numbered in order of first
/// appearance, and each user's parts listed together (still in query order). The daily tables
/// are then sums into arrays: one dictionary look-up per part and name instead of a dictionary
/// (and a set or two) per user.
struct DayPartIndex {
    let parts: [DayPartRow]
    private let users: Interner
    private let games: Interner
    private let languageNames: Interner
    /// Each part's user, game and language number.
    private(set) var userOf: [Int32] = []
    private(set) var gameOf: [Int32] = []
    private(set) var languageOf: [Int32] = []
    /// Part numbers grouped by user: see `parts(ofUser:)`.
    private var userParts: [Int32] = []
    private var userStart: [Int] = []

    var userIDs: [String] { users.values }
    var gameIDs: [String] { games.values }
    var languages: [String] { languageNames.values }

    init(_ parts: [DayPartRow]) {
        self.parts = parts
        var users = Interner(capacity: parts.count / 2)
        var games = Interner()
        var languages = Interner()
        userOf.reserveCapacity(parts.count)
        gameOf.reserveCapacity(parts.count)
        languageOf.reserveCapacity(parts.count)
        // Parts come by stream, and one stream has one user: its user is looked up once. Games
        // and languages repeat from part to part often enough to check the last one first.
        var lastStream: Int64?
        var user: Int32 = 0
        var game = LastLookup(), language = LastLookup()
        for p in parts {
            if p.stream != lastStream {
                user = users.index(p.userID)
                lastStream = p.stream
            }
            userOf.append(user)
            gameOf.append(game.index(p.gameID, in: &games))
            languageOf.append(language.index(p.language, in: &languages))
        }
        self.users = users
        self.games = games
        languageNames = languages

        // A counting sort by user keeps each user's parts in query order.
        var start = [Int](repeating: 0, count: users.count + 1)
        for u in userOf { start[Int(u) + 1] += 1 }
        for u in 0..<users.count { start[u + 1] += start[u] }
        var next = start
        userParts = [Int32](repeating: 0, count: parts.count)
        for (i, u) in userOf.enumerated() {
            userParts[next[Int(u)]] = Int32(i)
            next[Int(u)] += 1
        }
        userStart = start
    }

    func user(_ id: String) -> Int? { users.existing(id).map(Int.init) }

    /// The part numbers of user `u`, in query order.
    func parts(ofUser u: Int) -> ArraySlice<Int32> { userParts[userStart[u]..<userStart[u + 1]] }
}

/// An interner's number for a string, the previous string's checked first.
private struct LastLookup {
    private var last: (id: String, index: Int32)?

    mutating func index(_ id: String, in interner: inout Interner) -> Int32 {
        if let last, last.id == id { return last.index }
        let index = interner.index(id)
        last = (id, index)
        return index
    }
}

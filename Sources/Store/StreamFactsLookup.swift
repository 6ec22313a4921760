import GRDB
import Model

/// Finds (or creates) the stream and facts rows of an observation by their texts. What it learns
/// goes into the `ObservationWriter.Cache` given (its own when none), which keeps it only once
/// the write is known to have committed.
final class StreamFactsLookup {
    private let cache: ObservationWriter.Cache
    private let findStream: FastStatement
    private let insertStream: FastStatement
    private let findFacts: FastStatement
    private let insertFacts: FastStatement

    init(_ db: Database, cache: ObservationWriter.Cache?) throws {
        self.cache = cache ?? ObservationWriter.Cache()
        self.cache.begin()
        findStream = try FastStatement(db, "SELECT id FROM stream WHERE stream_id = ?")
        insertStream = try FastStatement(db, "INSERT INTO stream(stream_id, user_id, started_at) VALUES (?, ?, ?)")
        findFacts = try FastStatement(
            db,
            """
            SELECT id, user_login, user_name, game_id, game_name, language, title, tags, is_mature, type
            FROM facts WHERE hash = ?
            """)
        insertFacts = try FastStatement(
            db,
            """
            INSERT INTO facts(hash, user_login, user_name, game_id, game_name, language, title, tags, is_mature, type)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// `factsHash` is `o.factsHash` when the caller has it already.
    func ids(_ o: Observation, factsHash: Int64? = nil) throws -> StreamFactsIDs {
        if let entry = cache.streams[o.streamID] {
            // Compared field by field first: building a key hashes the title, and most rows
            // repeat their stream's facts.
            if entry.lastFacts.key.matches(o) { return StreamFactsIDs(stream: entry.ref, facts: entry.lastFacts.id) }
            let facts = try factsRef(o, hash: factsHash ?? o.factsHash)
            cache.streams[o.streamID] = StreamEntry(ref: entry.ref, lastFacts: facts)
            return StreamFactsIDs(stream: entry.ref, facts: facts.id)
        }
        findStream.bind(1, o.streamID)
        let found = try findStream.step() ? findStream.int64(0) : nil
        findStream.reset()
        let ref: Int64
        if let found {
            ref = found
        } else {
            insertStream.bind(1, o.streamID)
            insertStream.bind(2, o.userID)
            insertStream.bind(3, o.startedAt)
            try insertStream.run()
            ref = insertStream.lastInsertedRowID
        }
        let facts = try factsRef(o, hash: factsHash ?? o.factsHash)
        cache.makeRoom()
        cache.streams[o.streamID] = StreamEntry(ref: ref, lastFacts: facts)
        return StreamFactsIDs(stream: ref, facts: facts.id)
    }

    /// The facts row id of `o` (whose `factsHash` is `hash`), for a stream whose row is known.
    func factsID(_ o: Observation, hash: Int64) throws -> Int64 {
        try factsRef(o, hash: hash).id
    }

    private func factsRef(_ o: Observation, hash: Int64) throws -> LastFacts {
        if let known = cache.facts[hash], known.key.matches(o) { return known }
        let key = FactsKey(o, hash: hash)
        findFacts.bind(1, hash)
        var found: Int64?
        while try findFacts.step() {
            let candidate = FactsKey(
                userLogin: findFacts.string(1), userName: findFacts.string(2), gameID: findFacts.string(3),
                gameName: findFacts.string(4), language: findFacts.string(5), title: findFacts.string(6),
                tags: findFacts.string(7), isMature: findFacts.int64(8) != 0, type: findFacts.string(9))
            if candidate == key {
                found = findFacts.int64(0)
                break
            }
        }
        findFacts.reset()
        let id: Int64
        if let found {
            id = found
        } else {
            insertFacts.bind(1, hash)
            insertFacts.bind(2, key.userLogin)
            insertFacts.bind(3, key.userName)
            insertFacts.bind(4, key.gameID)
            insertFacts.bind(5, key.gameName)
            insertFacts.bind(6, key.language)
            insertFacts.bind(7, key.title)
            insertFacts.bind(8, key.tags)
            insertFacts.bind(9, key.isMature ? 1 : 0)
            insertFacts.bind(10, key.type)
            try insertFacts.run()
            id = insertFacts.lastInsertedRowID
        }
        let facts = LastFacts(key, id: id)
        cache.makeRoom()
        // A collision replaces the other key's entry: the cache only saves look-ups.
        cache.facts[hash] = facts
        return facts
    }
}

/// The row ids of an observation's stream and facts; plain values, so that carrying them costs
/// no reference counting.
struct StreamFactsIDs: Equatable {
    static let unknown = StreamFactsIDs(stream: -1, facts: -1)
    var stream: Int64
    var facts: Int64

    var isKnown: Bool { stream >= 0 }
}

/// A stream's row id and the facts of its last observation: consecutive observations of a
/// stream usually share their facts, so comparing saves hashing the title on every row.
struct StreamEntry {
    var ref: Int64
    /// Boxed, so that reading an entry out of a dictionary retains one object, not nine strings.
    var lastFacts: LastFacts
}

/// A facts row's key and id, one object shared by the facts cache and the streams whose last
/// observation had these facts.
final class LastFacts {
    let key: FactsKey
    let id: Int64

    init(_ key: FactsKey, id: Int64) {
        self.key = key
        self.id = id
    }
}

extension FactsKey {
    init(userLogin: String, userName: String, gameID: String, gameName: String, language: String, title: String,
         tags: String, isMature: Bool, type: String) {
        self.userLogin = userLogin
        self.userName = userName
        self.gameID = gameID
        self.gameName = gameName
        self.language = language
        self.title = title
        self.tags = tags
        self.isMature = isMature
        self.type = type
        stableHash = Self.stableHash(userLogin, userName, gameID, gameName, language, title, tags, isMature, type)
    }
}

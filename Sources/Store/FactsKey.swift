import Model

/// The rarely-changing fields of an observation, stored once per distinct combination.
///
/// Hashes with its stable hash, computed once: dictionaries of facts then never hash the nine
/// strings again, not even when they grow.
struct FactsKey: Hashable {
    let userLogin: String
    let userName: String
    let gameID: String
    let gameName: String
    let language: String
    let title: String
    let tags: String
    let isMature: Bool
    let type: String

    /// The facts of `o`; `hash` is its `factsHash` when already known.
    init(_ o: Observation, hash: Int64? = nil) {
        userLogin = o.userLogin
        userName = o.userName
        gameID = o.gameID
        gameName = o.gameName
        language = o.language
        title = o.title
        tags = o.tags
        isMature = o.isMature
        type = o.type
        stableHash = hash ?? o.factsHash
    }

    static func == (a: FactsKey, b: FactsKey) -> Bool {
        a.stableHash == b.stableHash && a.userLogin == b.userLogin && a.userName == b.userName && a.gameID == b.gameID
            && a.gameName == b.gameName && a.language == b.language && a.title == b.title && a.tags == b.tags
            && a.isMature == b.isMature && a.type == b.type
    }

    /// Whether `o` has exactly these facts, without building (and hashing) a key for it.
    func matches(_ o: Observation) -> Bool {
        userLogin == o.userLogin && userName == o.userName && gameID == o.gameID && gameName == o.gameName
            && language == o.language && title == o.title && tags == o.tags && isMature == o.isMature && type == o.type
    }

    func hash(into hasher: inout Hasher) { hasher.combine(stableHash) }

    /// `Observation.factsHash` of these fields, computed once.
    let stableHash: Int64

    static func stableHash(
        _ userLogin: String, _ userName: String, _ gameID: String, _ gameName: String, _ language: String,
        _ title: String, _ tags: String, _ isMature: Bool, _ type: String
    ) -> Int64 {
        Observation.factsHash(userLogin, userName, gameID, gameName, language, title, tags, isMature, type)
    }
}

import Model

/// The rarely-changing fields of an observation, stored once per distinct combination.
struct FactsKey: Hashable {
    var userLogin: String
    var userName: String
    var gameID: String
    var gameName: String
    var language: String
    var title: String
    var tags: String
    var isMature: Bool
    var type: String

    init(_ o: Observation) {
        userLogin = o.userLogin
        userName = o.userName
        gameID = o.gameID
        gameName = o.gameName
        language = o.language
        title = o.title
        tags = o.tags
        isMature = o.isMature
        type = o.type
    }

    /// A hash that is the same in every process (Swift's `Hasher` is seeded per run), so the
    /// database can index it: 64-bit FNV-1a over the fields with a separator between them.
    var stableHash: Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ s: String) {
            for byte in s.utf8 {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
            h ^= 0xff
            h = h &* 0x100_0000_01b3
        }
        mix(userLogin); mix(userName); mix(gameID); mix(gameName); mix(language); mix(title); mix(tags)
        mix(isMature ? "1" : "0"); mix(type)
        return Int64(bitPattern: h)
    }
}

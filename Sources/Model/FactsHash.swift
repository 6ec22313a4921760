extension Observation {
    /// A hash of the fields a store keeps once per distinct combination (its facts: everything
    /// but the stream, the user id, the start, the viewer count and the time) that is the same in
    /// every process, so that a database can index it: `FNV1a` over the fields, each ended by a
    /// separator.
    ///
    /// Here rather than in the store, so that a pull computes it on the thread that unpacks
    /// crawls instead of the one that writes them.
    @inlinable
    public var factsHash: Int64 {
        Self.factsHash(userLogin, userName, gameID, gameName, language, title, tags, isMature, type)
    }

    @inlinable
    public static func factsHash(
        _ userLogin: String, _ userName: String, _ gameID: String, _ gameName: String, _ language: String,
        _ title: String, _ tags: String, _ isMature: Bool, _ type: String
    ) -> Int64 {
        var h = FNV1a()
        h.addField(userLogin); h.addField(userName); h.addField(gameID); h.addField(gameName); h.addField(language)
        h.addField(title); h.addField(tags); h.addField(isMature ? "1" : "0"); h.addField(type)
        return Int64(bitPattern: h.value)
    }
}

import FlyingFox
import Model

/// Get Streams, Get Users and Get Games over the simulated world: the server side of the
/// collector's `HelixEndpoints`.
struct SimulatedHelixEndpoints: Sendable {
    let config: SimulatorConfig
    let world: World
    let listing: StreamListing
    let fragments: StreamFragments

    static let maxPerParameter = 100

    /// `GET /helix/streams`.
    func streams(_ request: HTTPRequest, _ context: HelixGate.Context) -> Reply {
        let firstText = request.query["first"] ?? "20"
        guard let first = Int(firstText), (1...100).contains(first) else {
            return .helixError(400, message: "The parameter \"first\" was malformed: the value must be less than or equal to 100")
        }
        let after = request.query["after"].flatMap { $0.isEmpty ? nil : $0 }
        let before = request.query["before"].flatMap { $0.isEmpty ? nil : $0 }
        if after != nil && before != nil {
            return .helixError(400, message: "Only one of \"after\" and \"before\" may be specified")
        }
        let type = request.query["type"] ?? "all"
        guard type == "all" || type == "live" else {
            return .helixError(400, message: "The parameter \"type\" was malformed: the value must be a valid type")
        }
        let userIDs = request.values("user_id"), logins = request.values("user_login")
        let gameIDs = request.values("game_id"), languages = request.values("language")
        for (name, values) in [("user_id", userIDs), ("user_login", logins), ("game_id", gameIDs), ("language", languages)]
        where values.count > Self.maxPerParameter {
            return .helixError(400, message: "The parameter \"\(name)\" may be specified at most 100 times")
        }
        let filter = makeFilter(userIDs: userIDs, logins: logins, gameIDs: gameIDs, languages: languages, at: context.now)

        var offset = 0
        var crawl = context.number
        if let text = after ?? before {
            guard let cursor = Cursor.decode(text, seed: config.seed) else {
                return .helixError(400, message: "invalid cursor")
            }
            offset = before != nil ? max(0, cursor.offset - 2 * first) : cursor.offset
            crawl = cursor.crawl
            let quirk = Quirk.decide(seed: config.seed, quirks: config.quirks, request: context.number, followsCursor: true)
            if quirk == .invalidCursor { return .helixError(400, message: "invalid cursor") }
        }

        let page = listing.page(at: context.now, filter: filter, offset: offset, first: first)
        var next: Cursor?
        if offset + first < page.total {
            next = Cursor(offset: offset + first, crawl: crawl)
        } else if !page.entries.isEmpty, Quirk.loopsAtEnd(seed: config.seed, quirks: config.quirks, crawl: crawl) {
            next = Cursor(offset: 0, crawl: crawl)
        } else if Quirk.emptyAfterEnd(seed: config.seed, quirks: config.quirks, crawl: crawl) {
            // Past the end: an empty page that still carries a cursor.
            next = Cursor(offset: offset + first, crawl: crawl)
        }
        return .json(200, fragments.page(page.entries, at: context.now, cursor: next?.encoded(seed: config.seed)))
    }

    private func makeFilter(userIDs: [String], logins: [String], gameIDs: [String], languages: [String],
                            at t: Millis) -> StreamFilter {
        var filter = StreamFilter()
        if !userIDs.isEmpty || !logins.isEmpty {
            var channels = Set<Int32>()
            for id in userIDs { if let c = world.model.channel(forUserID: id) { channels.insert(Int32(c)) } }
            for login in logins { if let c = world.channel(forLogin: login.lowercased(), at: t) { channels.insert(Int32(c)) } }
            filter.channels = channels
        }
        if !gameIDs.isEmpty {
            filter.games = Set(gameIDs.compactMap { world.gameRef(id: $0) })
        }
        if !languages.isEmpty {
            filter.languages = Set(languages.compactMap { Languages.index(of: $0).map(UInt8.init) })
        }
        return filter
    }

    /// `GET /helix/users?id=…&login=…`.
    func users(_ request: HTTPRequest, _ context: HelixGate.Context) -> Reply {
        let ids = request.values("id"), logins = request.values("login")
        guard !ids.isEmpty || !logins.isEmpty else {
            return .helixError(400, message: "Must provide either an ID or Login when using an app access token")
        }
        guard ids.count + logins.count <= Self.maxPerParameter else {
            return .helixError(400, message: "The combined number of ID and Login parameters must not exceed 100")
        }
        var seen = Set<String>()
        var users: [SimulatedUser] = []
        for user in ids.compactMap({ world.user(id: $0, at: context.now) })
            + logins.compactMap({ world.user(login: $0, at: context.now) }) where seen.insert(user.id).inserted {
            users.append(user)
        }
        return .json(200, HelixJSON.users(users))
    }

    /// `GET /helix/games?id=…&name=…&igdb_id=…`.
    func games(_ request: HTTPRequest, _ context: HelixGate.Context) -> Reply {
        let ids = request.values("id"), names = request.values("name"), igdb = request.values("igdb_id")
        guard !ids.isEmpty || !names.isEmpty || !igdb.isEmpty else {
            return .helixError(400, message: "Must provide at least one of id, name or igdb_id")
        }
        guard ids.count + names.count + igdb.count <= Self.maxPerParameter else {
            return .helixError(400, message: "The combined number of parameters must not exceed 100")
        }
        var seen = Set<String>()
        var games: [SimulatedGame] = []
        let byIGDB = igdb.compactMap { id in world.catalog.games.first { $0.igdbID == id && !id.isEmpty }?.id }
        for game in (ids + byIGDB).compactMap({ world.game(id: $0, at: context.now) })
            + names.compactMap({ world.game(name: $0, at: context.now) }) where seen.insert(game.id).inserted {
            games.append(game)
        }
        return .json(200, HelixJSON.games(games))
    }
}

import Model

/// Response bodies in Helix's exact shapes.
enum HelixJSON {
    static func streamsPage(_ streams: [SimulatedStream], cursor: String?) -> [UInt8] {
        streamsPage(count: streams.count, cursor: cursor) { j, i in
            streamHead(streams[i], &j)
            j.int(streams[i].viewerCount)
            streamTail(streams[i], &j)
        }
    }

    /// A Get Streams page whose stream objects `object` writes, by index.
    static func streamsPage(count: Int, cursor: String?, object: (inout JSONPageWriter, Int) -> Void) -> [UInt8] {
        var j = JSONPageWriter(capacity: 900 * max(1, count))
        j.raw("{\"data\":[")
        for i in 0..<count {
            if i > 0 { j.comma() }
            object(&j, i)
        }
        j.raw("],")
        pagination(&j, cursor)
        j.raw("}")
        return j.bytes
    }

    /// A stream object up to its viewer count: `{"id":…,"viewer_count":`. The count is the
    /// only field that moves from one request to the next, so head and tail can be kept.
    static func streamHead(_ s: SimulatedStream, _ j: inout JSONPageWriter) {
        j.raw("{\"id\":"); j.string(s.id)
        j.raw(",\"user_id\":"); j.string(s.userID)
        j.raw(",\"user_login\":"); j.string(s.userLogin)
        j.raw(",\"user_name\":"); j.string(s.userName)
        j.raw(",\"game_id\":"); j.string(s.gameID)
        j.raw(",\"game_name\":"); j.string(s.gameName)
        j.raw(",\"type\":"); j.string(s.type)
        j.raw(",\"title\":"); j.string(s.title)
        j.raw(",\"viewer_count\":")
    }

    /// A stream object after its viewer count: `,"started_at":…}`.
    static func streamTail(_ s: SimulatedStream, _ j: inout JSONPageWriter) {
        j.raw(",\"started_at\":"); j.string(Timestamp.format(s.startedAt))
        j.raw(",\"language\":"); j.string(s.language)
        j.raw(",\"thumbnail_url\":"); j.string(s.thumbnailURL)
        j.raw(",\"tag_ids\":[]")
        j.raw(",\"tags\":")
        if let tags = s.tags {
            j.raw("[")
            for (k, tag) in tags.enumerated() {
                if k > 0 { j.comma() }
                j.string(tag)
            }
            j.raw("]")
        } else {
            j.raw("null")
        }
        j.raw(",\"is_mature\":"); j.bool(s.isMature)
        j.raw("}")
    }

    static func users(_ users: [SimulatedUser]) -> [UInt8] {
        var j = JSONPageWriter()
        j.raw("{\"data\":[")
        for (i, u) in users.enumerated() {
            if i > 0 { j.comma() }
            j.raw("{\"id\":"); j.string(u.id)
            j.raw(",\"login\":"); j.string(u.login)
            j.raw(",\"display_name\":"); j.string(u.displayName)
            j.raw(",\"type\":"); j.string(u.type)
            j.raw(",\"broadcaster_type\":"); j.string(u.broadcasterType)
            j.raw(",\"description\":"); j.string(u.description)
            j.raw(",\"profile_image_url\":"); j.string(u.profileImageURL)
            j.raw(",\"offline_image_url\":"); j.string(u.offlineImageURL)
            j.raw(",\"view_count\":0")
            j.raw(",\"created_at\":"); j.string(Timestamp.format(u.createdAt))
            j.raw("}")
        }
        j.raw("]}")
        return j.bytes
    }

    static func games(_ games: [SimulatedGame]) -> [UInt8] {
        var j = JSONPageWriter()
        j.raw("{\"data\":[")
        for (i, g) in games.enumerated() {
            if i > 0 { j.comma() }
            j.raw("{\"id\":"); j.string(g.id)
            j.raw(",\"name\":"); j.string(g.name)
            j.raw(",\"box_art_url\":"); j.string(g.boxArtURL)
            j.raw(",\"igdb_id\":"); j.string(g.igdbID)
            j.raw("}")
        }
        j.raw("]}")
        return j.bytes
    }

    /// Helix errors: `{"error":"<reason phrase>","status":<code>,"message":"<text or empty>"}`.
    static func helixError(status: Int, error: String, message: String) -> [UInt8] {
        var j = JSONPageWriter()
        j.raw("{\"error\":"); j.string(error)
        j.raw(",\"status\":"); j.int(status)
        j.raw(",\"message\":"); j.string(message)
        j.raw("}")
        return j.bytes
    }

    /// id.twitch.tv errors: `{"status":<code>,"message":"<text>"}`, no `error` key.
    static func identityError(status: Int, message: String) -> [UInt8] {
        var j = JSONPageWriter()
        j.raw("{\"status\":"); j.int(status)
        j.raw(",\"message\":"); j.string(message)
        j.raw("}")
        return j.bytes
    }

    static func token(_ token: String, expiresIn: Int64) -> [UInt8] {
        var j = JSONPageWriter()
        j.raw("{\"access_token\":"); j.string(token)
        j.raw(",\"expires_in\":"); j.int(expiresIn)
        j.raw(",\"token_type\":\"bearer\"}")
        return j.bytes
    }

    static func validation(clientID: String, expiresIn: Int64) -> [UInt8] {
        var j = JSONPageWriter()
        j.raw("{\"client_id\":"); j.string(clientID)
        j.raw(",\"scopes\":[],\"expires_in\":"); j.int(expiresIn)
        j.raw("}")
        return j.bytes
    }

    private static func pagination(_ j: inout JSONPageWriter, _ cursor: String?) {
        if let cursor {
            j.raw("\"pagination\":{\"cursor\":"); j.string(cursor); j.raw("}")
        } else {
            j.raw("\"pagination\":{}")
        }
    }
}

import Model

/// One parsed Get Streams page.
public struct StreamsPage: Sendable {
    public var observations: [Observation]
    /// `pagination.cursor`; nil when absent, null or empty.
    public var cursor: String?
    /// Stream objects dropped because an essential field (id, started_at) was missing or invalid.
    public var skippedStreams: Int

    /// Parses a page body; every observation gets `observedAt`.
    ///
    /// Throws `MalformedPage` for anything that is not a complete Get Streams document (truncated
    /// bodies, HTML error pages), which the crawler treats as a fault and retries.
    public static func parse(_ body: [UInt8], observedAt: Millis) throws(MalformedPage) -> StreamsPage {
        do {
            return try body.withUnsafeBufferPointer { (buffer) throws(JSONScanner.Malformed) -> StreamsPage in
                var scanner = JSONScanner(buffer)
                return try parse(&scanner, observedAt: observedAt)
            }
        } catch {
            throw MalformedPage(offset: error.offset, expected: error.expected, bodyLength: body.count)
        }
    }

    private static func parse(_ s: inout JSONScanner, observedAt: Millis) throws(JSONScanner.Malformed) -> StreamsPage {
        var page = StreamsPage(observations: [], cursor: nil, skippedStreams: 0)
        var sawData = false
        try s.readObject { (s: inout JSONScanner, key: JSONKey) throws(JSONScanner.Malformed) in
            switch key {
            case "data":
                sawData = true
                page.observations.reserveCapacity(100)
                try s.readArray { (s: inout JSONScanner) throws(JSONScanner.Malformed) in
                    if let observation = try readStream(&s, observedAt: observedAt) {
                        page.observations.append(observation)
                    } else {
                        page.skippedStreams += 1
                    }
                }
            case "pagination":
                if s.readNull() { return }
                try s.readObject { (s: inout JSONScanner, key: JSONKey) throws(JSONScanner.Malformed) in
                    switch key {
                    case "cursor":
                        let cursor = try s.readStringOrNumberText()
                        page.cursor = cursor.isEmpty ? nil : cursor
                    default:
                        try s.skipValue()
                    }
                }
            default:
                try s.skipValue()
            }
        }
        guard s.peek() == nil else { throw JSONScanner.Malformed(offset: s.index, expected: "end of body") }
        guard sawData else { throw JSONScanner.Malformed(offset: 0, expected: "a data array") }
        return page
    }

    /// One stream object, or nil when it lacks an id or a valid started_at.
    private static func readStream(_ s: inout JSONScanner, observedAt: Millis) throws(JSONScanner.Malformed) -> Observation? {
        var o = Observation(
            streamID: "", userID: "", userLogin: "", userName: "", gameID: "", gameName: "", title: "",
            viewerCount: 0, startedAt: 0, language: "", tags: "[]", isMature: false, type: "",
            observedAt: observedAt)
        var startedAt: Millis? = nil
        try s.readObject { (s: inout JSONScanner, key: JSONKey) throws(JSONScanner.Malformed) in
            switch key {
            case "id": o.streamID = try s.readStringOrNumberText()
            case "user_id": o.userID = try s.readStringOrNumberText()
            case "user_login": o.userLogin = try s.readStringOrNumberText()
            case "user_name": o.userName = try s.readStringOrNumberText()
            case "game_id": o.gameID = try s.readStringOrNumberText()
            case "game_name": o.gameName = try s.readStringOrNumberText()
            case "title": o.title = try s.readStringOrNumberText()
            case "type": o.type = try s.readStringOrNumberText()
            case "language": o.language = try s.readStringOrNumberText()
            case "viewer_count": o.viewerCount = s.readNull() ? 0 : try s.readInt()
            case "started_at":
                startedAt = s.readNull() ? nil : try s.withStringBytes { Timestamp.parse(bytes: $0) }
            case "is_mature": o.isMature = s.readNull() ? false : try s.readBool()
            case "tags": o.tags = try readTags(&s)
            default: try s.skipValue()
            }
        }
        guard !o.streamID.isEmpty, let startedAt else { return nil }
        o.startedAt = startedAt
        return o
    }

    /// Tags as compact JSON array text; null or absent is `[]`.
    private static func readTags(_ s: inout JSONScanner) throws(JSONScanner.Malformed) -> String {
        if s.readNull() { return "[]" }
        if let text = s.readPlainStringArrayText() { return text }
        var tags: [String] = []
        try s.readArray { (s: inout JSONScanner) throws(JSONScanner.Malformed) in
            tags.append(try s.readStringOrNumberText())
        }
        return MinimalJSON.array(of: tags)
    }
}

/// A page body that is not a complete Get Streams document.
public struct MalformedPage: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var expected: String
    public var bodyLength: Int

    public var description: String {
        "malformed page: expected \(expected) at byte \(offset) of \(bodyLength)"
    }
}

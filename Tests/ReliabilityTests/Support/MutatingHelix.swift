import FlyingFox
import Foundation
import Model

/// A Helix-compatible server on loopback that serves a short list of streams and answers many of
/// its requests with a seeded mutation: of a page's JSON (flipped bits, cut bodies, extreme
/// numbers and timestamps, values of the wrong type, deep nesting, huge strings, invalid UTF-8,
/// hostile cursors), of the rate-limit headers, and of the token and validation answers.
///
/// A mutated answer is never followed by another for the same page (or token request), so a
/// collector that retries what it cannot use always gets through; what is tested is that it
/// neither traps nor stalls on the way.
final class MutatingHelix: @unchecked Sendable {
    static let pageSize = 20
    static let pageCount = 3

    private let lock = NSLock()
    private var dice: Dice
    private var lastWasMutated: [String: Bool] = [:]
    private(set) var mutations: [String] = []
    private let streams: [String]
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private(set) var rootURL = ""

    init(seed: UInt64) {
        dice = Dice(seed: seed)
        // Started an hour ago by the machine's clock, which the child collector stamps crawls with.
        let startedAt = Timestamp.format(Clock.nowMillis() / 1000 * 1000 - 3_600_000)
        streams = (0..<(Self.pageSize * Self.pageCount)).map { i in
            #"{"id":"\#(70_000 + i)","user_id":"\#(500 + i)","user_login":"user\#(i)","user_name":"User\#(i)","game_id":"509658","game_name":"Just Chatting","type":"live","title":"title \#(i)","tags":["English"],"viewer_count":\#(5_000 - i * 50),"started_at":"\#(startedAt)","language":"en","thumbnail_url":"https://example.invalid/\#(i)-{width}x{height}.jpg","tag_ids":[],"is_mature":false}"#
        }
    }

    var mutationLog: [String] { lock.withLock { mutations } }

    func start() async throws {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled)
        await server.appendRoute("POST /oauth2/token") { [self] _ in self.token() }
        await server.appendRoute("GET /oauth2/validate") { [self] _ in self.validate() }
        await server.appendRoute("GET /helix/streams") { [self] request in self.streams(request) }
        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let port) = await server.listeningAddress else { throw SetupError() }
        self.server = server
        serverTask = task
        rootURL = "http://127.0.0.1:\(port)"
    }

    func stop() async {
        await server?.stop()
        serverTask?.cancel()
    }

    struct SetupError: Error {}

    /// Whether this answer to `key` is mutated (never twice in a row for one key), and the dice to do it.
    private func decide(_ key: String, chance: Double) -> Dice? {
        lock.withLock {
            let mutate = !(lastWasMutated[key] ?? false) && dice.chance(chance)
            lastWasMutated[key] = mutate
            guard mutate else { return nil }
            return Dice(seed: dice.seed &+ UInt64(mutations.count + 1) &* 0x9E37_79B9)
        }
    }

    private func note(_ text: String) { lock.withLock { mutations.append(String(text.prefix(120))) } }

    // MARK: Token and validation

    private func token() -> HTTPResponse {
        let good = #"{"access_token":"fuzz-token","expires_in":5011271,"token_type":"bearer"}"#
        guard var dice = decide("token", chance: 0.7) else { return Self.json(good) }
        let body: [UInt8]
        if dice.chance(0.6) {
            let n = dice.pick(Extremes.numbers)
            body = Array(#"{"access_token":"fuzz-token","expires_in":\#(n),"token_type":"bearer"}"#.utf8)
            note("token expires_in \(n)")
        } else {
            body = Self.mutateBody(Array(good.utf8), &dice, note: note)
        }
        return Self.json(body)
    }

    private func validate() -> HTTPResponse {
        let good = #"{"client_id":"fuzz-id","scopes":[],"expires_in":5011271}"#
        guard var dice = decide("validate", chance: 0.5) else { return Self.json(good) }
        let n = dice.pick(Extremes.numbers)
        note("validate expires_in \(n)")
        return Self.json(Array(#"{"client_id":"fuzz-id","scopes":[],"expires_in":\#(n)}"#.utf8))
    }

    // MARK: Streams

    private func streams(_ request: HTTPRequest) -> HTTPResponse {
        let after = request.query.first { $0.name == "after" }?.value
        let index = after.map { $0.hasPrefix("c") ? Int($0.dropFirst()) ?? -1 : -1 } ?? 0
        guard index >= 0, index < Self.pageCount else {
            // A cursor the server never gave (a mutated one came back): the end of the list.
            return Self.json(Array(#"{"data":[],"pagination":{}}"#.utf8), headers: Self.rateHeaders())
        }
        var page = Array(streams[(index * Self.pageSize)..<((index + 1) * Self.pageSize)])
        var pagination = index + 1 < Self.pageCount ? #"{"cursor":"c\#(index + 1)"}"# : "{}"
        guard var dice = decide("page \(index)", chance: 0.6) else {
            return Self.json(Self.page(page, pagination), headers: Self.rateHeaders())
        }
        var headers = Self.rateHeaders()
        switch dice.below(9) {
        case 0, 5, 6, 7:
            // Some streams' fields.
            for _ in 0..<(1 + dice.below(6)) {
                let j = dice.below(page.count)
                var line = Array(page[j].utf8)
                let (field, value) = Self.hostileValue(&dice)
                if let range = RowText.jsonValueRange(field, in: line) { line.replaceSubrange(range, with: Array(value.utf8)) }
                page[j] = String(decoding: line, as: UTF8.self)
                note("page \(index) stream \(j) \(field) = \(value.prefix(60))")
            }
            return Self.json(Self.page(page, pagination), headers: headers)
        case 8:
            // The token is refused: the collector fetches another, whose answer may be damaged too.
            lock.withLock { lastWasMutated["token"] = false }
            note("page \(index) 401")
            let body = #"{"error":"Unauthorized","status":401,"message":"Invalid OAuth token"}"#
            return HTTPResponse(statusCode: .unauthorized, headers: headers, body: Data(body.utf8))
        case 1:
            let cursor = dice.pick([
                "null", "1e400", "\"\"", "\"IA\"", "{}", "[\"c1\"]", Extremes.nested(dice.pick(Extremes.depths), objects: false),
                "\"" + Extremes.hugeString(dice.pick(Extremes.stringLengths), &dice) + "\"",
            ])
            pagination = #"{"cursor":\#(cursor)}"#
            note("page \(index) cursor \(cursor.prefix(60))")
            return Self.json(Self.page(page, pagination), headers: headers)
        case 2:
            let name = dice.pick(["Ratelimit-Reset", "Ratelimit-Remaining", "Ratelimit-Limit"])
            let value = dice.pick(Extremes.numbers + ["\(Clock.nowMillis() / 1000 + 1_000_000_000)", "abc", "-5"])
            // A tiny bucket left would make an honest collector wait for real: keep the reset near.
            if name == "Ratelimit-Remaining", let n = Int64(value), n >= 0, n < 100 { headers[HTTPHeader(name)] = "700" } else {
                headers[HTTPHeader(name)] = value
            }
            note("page \(index) header \(name): \(value.prefix(60))")
            return Self.json(Self.page(page, pagination), headers: headers)
        case 3:
            let whole = dice.pick([
                "", "null", "[]", "{}", "<html>502 Bad Gateway</html>", #"{"data":null}"#, #"{"data":{}}"#,
                #"{"data":[1,2,3],"pagination":{}}"#, #"{"data":[],"data":[],"pagination":{"cursor":"c1"}}"#,
                #"{"data":"# + Extremes.nested(dice.pick(Extremes.depths), objects: dice.chance(0.5)) + "}",
            ])
            note("page \(index) body \(whole.prefix(60))")
            return Self.json(Array(whole.utf8), headers: headers)
        default:
            let body = Self.mutateBody(Self.page(page, pagination), &dice) { self.note("page \(index) \($0)") }
            return Self.json(body, headers: headers)
        }
    }

    /// A field and a hostile JSON value for it.
    static func hostileValue(_ dice: inout Dice) -> (String, String) {
        switch dice.below(6) {
        case 0, 5: return ("viewer_count", dice.pick(Extremes.numbers))
        case 1: return (dice.pick(["started_at", "started_at"]), "\"" + dice.pick(Extremes.timestamps) + "\"")
        case 2:
            let field = dice.pick(["viewer_count", "started_at", "id", "user_id", "tags", "title", "game_id", "is_mature"])
            return (field, dice.pick(["null", "true", "{}", "[]", "\"abc\"", "[1,2]", "{\"x\":1}", "\"\"", "12"]))
        case 3:
            return (dice.pick(["tags", "tag_ids", "title"]), Extremes.nested(dice.pick(Extremes.depths), objects: dice.chance(0.5)))
        default:
            let field = dice.pick(["title", "user_name", "game_name", "id"])
            return (field, "\"" + Extremes.hugeString(dice.pick(Extremes.stringLengths), &dice) + "\"")
        }
    }

    /// Byte-level damage: flipped bits, a cut, invalid UTF-8 or control bytes somewhere.
    static func mutateBody(_ body: [UInt8], _ dice: inout Dice, note: (String) -> Void) -> [UInt8] {
        var body = body
        switch dice.below(4) {
        case 0:
            let flips = 1 + dice.below(6)
            for _ in 0..<flips { body[dice.below(body.count)] ^= UInt8(1) << UInt8(dice.below(8)) }
            note("\(flips) bits flipped")
        case 1:
            let keep = dice.below(body.count)
            note("cut at \(keep) of \(body.count)")
            body = Array(body.prefix(keep))
        case 2:
            let bytes = dice.pick(Extremes.invalidUTF8)
            body.insert(contentsOf: bytes, at: dice.below(body.count + 1))
            note("invalid UTF-8 \(bytes)")
        default:
            let bytes = dice.pick(Extremes.controls)
            body.insert(contentsOf: bytes, at: dice.below(body.count + 1))
            note("control bytes \(bytes)")
        }
        return body
    }

    static func page(_ streams: [String], _ pagination: String) -> [UInt8] {
        Array((#"{"data":["# + streams.joined(separator: ",") + #"],"pagination":"# + pagination + "}").utf8)
    }

    /// A full bucket that refills within a second, so an honest collector never waits long.
    static func rateHeaders() -> HTTPHeaders {
        var headers: HTTPHeaders = [:]
        headers[HTTPHeader("Ratelimit-Limit")] = "800"
        headers[HTTPHeader("Ratelimit-Remaining")] = "700"
        headers[HTTPHeader("Ratelimit-Reset")] = "\(Clock.nowMillis() / 1000 + 1)"
        return headers
    }

    static func json(_ body: [UInt8], headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return HTTPResponse(statusCode: .ok, headers: headers, body: Data(body))
    }

    static func json(_ text: String) -> HTTPResponse { json(Array(text.utf8)) }
}

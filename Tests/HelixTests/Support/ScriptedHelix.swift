import FlyingFox
import Foundation
import Helix
import Model

typealias ServerResponse = FlyingFox.HTTPResponse

/// A Helix-compatible server on loopback that serves a fixed list of pages and misbehaves on cue.
///
/// Cursors are `c<page index>`; scripted faults are consumed in order, each for one request of a
/// given page. Every API request moves the shared virtual clock one second on (or as set), so
/// pages arrive at distinct times.
final class ScriptedHelix: @unchecked Sendable {
    enum Fault: Sendable {
        case status(Int, body: String)
        case unauthorized
        case rateLimited(resetInSeconds: Int64)
        case truncatedBody
        case slow(milliseconds: UInt64)
        /// Sets the stop flag, then serves the page normally.
        case raise(StopFlag)
        /// Answers with exactly this status and body; `headers` replace the usual ones of that name.
        case answer(status: Int, headers: [String: String] = [:], body: [UInt8])

        /// A 200 whose body is `text`.
        static func body(_ text: String) -> Fault { .answer(status: 200, body: Array(text.utf8)) }
    }

    /// What the token endpoint says instead of issuing a token.
    struct TokenAnswer: Sendable {
        var status: Int
        var body: String
    }

    enum LastPage: Sendable {
        /// No `pagination.cursor` on the last page.
        case noCursor
        /// The last page's cursor leads back to page 1.
        case loopsToFirst
        /// The last page's cursor leads to `"data": []`.
        case emptyAfter
    }

    struct Request: Sendable {
        var path: String
        var rawQuery: String
        var query: [(String, String)]
        var headers: [String: String]
        var body: String
        func values(_ name: String) -> [String] { query.filter { $0.0 == name }.map(\.1) }
    }

    let clock: VirtualClock
    private let lock = NSLock()
    private var pages: [String]
    private var lastPage: LastPage
    private var faults: [Int: [Fault]] = [:]
    private var remaining = 700
    private var millisPerRequest: Millis = 1_000
    /// The `expires_in` member's JSON text; nil leaves the member out.
    private var tokenExpiresIn: String? = "5011271"
    private var tokenAnswers: [TokenAnswer] = []
    /// Replaces the usual `Ratelimit-*` values on every answer (nil: the usual).
    private var rateLimitOverride: [String: String] = [:]
    private var tokenRejection: (status: Int, body: String)?
    private var issuedTokens = 0
    private var _apiRequests: [Request] = []
    private var _tokenRequests: [Request] = []
    private var _validateRequests: [Request] = []
    private var validationRejects = false
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private(set) var baseURL = ""

    /// - Parameter pages: each page's stream objects as JSON texts.
    init(pages: [[String]], lastPage: LastPage = .noCursor, clock: VirtualClock) {
        self.pages = pages.map { "[" + $0.joined(separator: ",") + "]" }
        self.lastPage = lastPage
        self.clock = clock
    }

    var endpoints: HelixEndpoints { HelixEndpoints(baseURL: baseURL) }
    var apiRequests: [Request] { lock.withLock { _apiRequests } }
    var tokenRequests: [Request] { lock.withLock { _tokenRequests } }
    var validateRequests: [Request] { lock.withLock { _validateRequests } }

    func script(page: Int, _ faults: Fault...) { lock.withLock { self.faults[page, default: []] += faults } }
    func setRemaining(_ value: Int) { lock.withLock { remaining = value } }
    /// How far each API request moves the virtual clock (one second unless set).
    func setSecondsPerRequest(_ seconds: Int) { lock.withLock { millisPerRequest = Millis(seconds) * 1_000 } }
    func setTokenLifetime(seconds: Int) { lock.withLock { tokenExpiresIn = "\(seconds)" } }
    /// `expires_in` exactly as sent (any JSON text), or nil to leave it out.
    func setTokenExpiresIn(json: String?) { lock.withLock { tokenExpiresIn = json } }
    /// Answers the next token requests with these, in order, before issuing tokens again.
    func scriptToken(_ answers: TokenAnswer...) { lock.withLock { tokenAnswers += answers } }
    /// Sends these `Ratelimit-*` header values (exact text) on every API answer.
    func overrideRateLimitHeaders(_ headers: [String: String]) { lock.withLock { rateLimitOverride = headers } }
    func rejectTokens(status: Int, body: String) { lock.withLock { tokenRejection = (status, body) } }
    /// Makes `/oauth2/validate` answer 401 invalid access token.
    func rejectValidation() { lock.withLock { validationRejects = true } }

    func start() async throws {
        // A kept-alive connection idle past the timeout is closed; on a loaded machine the crawler
        // can be held up that long between pages, and reusing the closed connection costs a retry
        // the tests do not expect (seen once in CI with 10 s).
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 120, logger: .disabled)
        await server.appendRoute("POST /oauth2/token") { [self] request in try await self.token(request) }
        await server.appendRoute("GET /oauth2/validate") { [self] request in try await self.validate(request) }
        await server.appendRoute("GET /helix/streams") { [self] request in try await self.streams(request) }
        let task = Task { try await server.run() }
        // Generous: under a loaded machine the cooperative pool can be held up by the suite's
        // blocking tests for seconds, and FlyingFox's default of 5 s then fails the test for nothing.
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let port) = await server.listeningAddress else { throw SetupError() }
        self.server = server
        serverTask = task
        baseURL = "http://127.0.0.1:\(port)"
    }

    func stop() async {
        await server?.stop()
        serverTask?.cancel()
    }

    struct SetupError: Error {}

    // MARK: Handlers

    private func record(_ request: HTTPRequest) async throws -> Request {
        var headers: [String: String] = [:]
        for (key, value) in request.headers { headers[key.rawValue.lowercased()] = value }
        let body = String(decoding: try await request.bodyData, as: UTF8.self)
        return Request(
            path: request.path, rawQuery: request.target.query(percentEncoded: true),
            query: request.query.map { ($0.name, $0.value) }, headers: headers, body: body)
    }

    private func token(_ request: HTTPRequest) async throws -> ServerResponse {
        let recorded = try await record(request)
        let (rejection, issued, expiresIn): ((Int, String)?, Int, String?) = lock.withLock {
            _tokenRequests.append(recorded)
            if !tokenAnswers.isEmpty {
                let answer = tokenAnswers.removeFirst()
                return ((answer.status, answer.body), issuedTokens, tokenExpiresIn)
            }
            if tokenRejection == nil { issuedTokens += 1 }
            return (tokenRejection, issuedTokens, tokenExpiresIn)
        }
        if let (status, body) = rejection {
            return ServerResponse(statusCode: HTTPStatusCode(status, phrase: "Error"), body: Data(body.utf8))
        }
        let lifetime = expiresIn.map { #","expires_in":\#($0)"# } ?? ""
        let json = #"{"access_token":"\#(Self.tokenValue(issued))"\#(lifetime),"token_type":"bearer"}"#
        return ServerResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(json.utf8))
    }

    static func tokenValue(_ n: Int) -> String { "tok-secret-\(n)" }

    private func validate(_ request: HTTPRequest) async throws -> ServerResponse {
        let recorded = try await record(request)
        let rejects = lock.withLock {
            _validateRequests.append(recorded)
            return validationRejects
        }
        guard rejects else { return ServerResponse(statusCode: .ok, body: Data("{}".utf8)) }
        let json = #"{"status":401,"message":"invalid access token"}"#
        return ServerResponse(statusCode: .unauthorized, body: Data(json.utf8))
    }

    private func streams(_ request: HTTPRequest) async throws -> ServerResponse {
        let recorded = try await record(request)
        let after = recorded.values("after").first
        let index = after.map { Int($0.dropFirst()) ?? -1 } ?? 0
        let fault: Fault? = lock.withLock {
            _apiRequests.append(recorded)
            guard var queue = faults[index], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            faults[index] = queue
            return first
        }
        clock.advance(lock.withLock { millisPerRequest })
        let now = clock.now()
        var headers: HTTPHeaders = [.contentType: "application/json"]
        let remaining = lock.withLock { self.remaining }
        headers[HTTPHeader("Ratelimit-Limit")] = "800"
        headers[HTTPHeader("Ratelimit-Remaining")] = "\(remaining)"
        headers[HTTPHeader("Ratelimit-Reset")] = "\(now / 1000 + 10)"
        for (name, value) in lock.withLock({ rateLimitOverride }) { headers[HTTPHeader(name)] = value }

        let current = "Bearer " + Self.tokenValue(lock.withLock { issuedTokens })
        if recorded.headers["authorization"] != current || recorded.headers["client-id"] == nil {
            return Self.error(401, "Invalid OAuth token", headers)
        }
        switch fault {
        case .status(let code, let body)?:
            return ServerResponse(statusCode: HTTPStatusCode(code, phrase: "Error"), headers: headers, body: Data(body.utf8))
        case .unauthorized?:
            return Self.error(401, "Invalid OAuth token", headers)
        case .rateLimited(let resetIn)?:
            headers[HTTPHeader("Ratelimit-Remaining")] = "0"
            headers[HTTPHeader("Ratelimit-Reset")] = "\(now / 1000 + resetIn)"
            return Self.error(429, "Too Many Requests", headers)
        case .slow(let ms)?:
            try await Task.sleep(nanoseconds: ms * 1_000_000)
        case .raise(let flag)?:
            flag.stop()
        case .answer(let status, let extra, let body)?:
            for (name, value) in extra { headers[HTTPHeader(name)] = value }
            return ServerResponse(statusCode: HTTPStatusCode(status, phrase: "Answer"), headers: headers, body: Data(body))
        case .truncatedBody?, nil:
            break
        }
        let body = pageBody(index)
        if case .truncatedBody? = fault {
            return ServerResponse(statusCode: .ok, headers: headers, body: Data(body.utf8.prefix(body.utf8.count / 2)))
        }
        return ServerResponse(statusCode: .ok, headers: headers, body: Data(body.utf8))
    }

    private func pageBody(_ index: Int) -> String {
        guard index >= 0, index < pages.count else {
            return #"{"data":[],"pagination":{}}"#
        }
        let cursor: String?
        if index + 1 < pages.count {
            cursor = "c\(index + 1)"
        } else {
            switch lastPage {
            case .noCursor: cursor = nil
            case .loopsToFirst: cursor = "c0"
            case .emptyAfter: cursor = "c\(pages.count)"
            }
        }
        let pagination = cursor.map { #"{"cursor":"\#($0)"}"# } ?? "{}"
        return #"{"data":\#(pages[index]),"pagination":\#(pagination)}"#
    }

    private static func error(_ code: Int, _ message: String, _ headers: HTTPHeaders) -> ServerResponse {
        let phrase = code == 401 ? "Unauthorized" : code == 429 ? "Too Many Requests" : "Error"
        let json = #"{"error":"\#(phrase)","status":\#(code),"message":"\#(message)"}"#
        return ServerResponse(statusCode: HTTPStatusCode(code, phrase: phrase), headers: headers, body: Data(json.utf8))
    }
}

/// Stream objects in Twitch's shape.
enum StreamJSON {
    static func stream(_ id: Int, viewers: Int, tags: String = #"["English"]"#, title: String = "a title") -> String {
        #"{"id":"\#(id)","user_id":"u\#(id)","user_login":"user\#(id)","user_name":"User\#(id)","game_id":"509658","game_name":"Just Chatting","type":"live","title":"\#(title)","tags":\#(tags),"viewer_count":\#(viewers),"started_at":"2026-03-07T18:00:00Z","language":"en","thumbnail_url":"https://example.invalid/{width}x{height}.jpg","tag_ids":[],"is_mature":false}"#
    }

    /// `count` pages of `perPage` streams with ids from 1 and viewer counts falling.
    static func pages(_ count: Int, perPage: Int = 100, lastPageSize: Int? = nil) -> [[String]] {
        var id = 0
        return (0..<count).map { p in
            let size = p == count - 1 ? (lastPageSize ?? perPage) : perPage
            return (0..<size).map { _ in
                id += 1
                return stream(id, viewers: max(0, 100_000 - id * 10))
            }
        }
    }
}

import FlyingFox
import Foundation
import Model

/// What every Helix request passes through, in the real API's order: injected faults, the
/// `Authorization`/`Client-Id` check, the rate-limit bucket, the API's own quirks, then the
/// endpoint. Rate-limit headers go on every answer after authentication.
struct HelixGate: Sendable {
    let config: SimulatorConfig
    let clock: SimulatedClock
    let tokens: TokenStore
    let limiter: RateLimiter
    let requests = Locked<UInt64>(0)

    struct Context {
        let now: Millis
        /// This request's number, the input to every seeded per-request decision.
        let number: UInt64
    }

    func handle(_ request: HTTPRequest, endpoint: (HTTPRequest, Context) -> Reply) async -> Reply {
        let number = requests.withLock { n -> UInt64 in n += 1; return n }
        let seed = config.seed
        let fault = Fault.decide(seed: seed, rate: config.faultRate, request: number)
        if fault == .slow {
            try? await Task.sleep(for: .milliseconds(Int(config.slowResponseSeconds * 1000)))
        }
        if case .serverError(let status) = fault { return Self.serverError(status) }

        let now = clock.now()
        guard let token = IdentityEndpoints.token(from: request.headers[.authorization], schemes: ["bearer"]) else {
            return .helixError(401, message: "OAuth token is missing")
        }
        guard let clientID = request.headers[HTTPHeader("Client-Id")], !clientID.isEmpty else {
            return .helixError(401, message: "Client-Id header required")
        }
        guard let grant = tokens.validate(token, now: now) else {
            return .helixError(401, message: "Invalid OAuth token")
        }
        guard grant.clientID == clientID else {
            return .helixError(401, message: "Client ID and OAuth token do not match")
        }

        let bucketClock = config.rateLimit.realTime ? Clock.nowMillis() : now
        let decision = limiter.take(clientID: clientID, now: bucketClock)
        var reply: Reply
        if !decision.allowed || fault == .unrelatedTooManyRequests {
            reply = .helixError(429, message: "Too Many Requests")
        } else {
            let followsCursor = !(request.query["after"] ?? request.query["before"] ?? "").isEmpty
            switch Quirk.decide(seed: seed, quirks: config.quirks, request: number, followsCursor: followsCursor) {
            case .serverError?: reply = .helixError(500)
            case .unavailable?: reply = .helixError(503, message: "Service Unavailable")
            default: reply = endpoint(request, Context(now: now, number: number))
            }
        }
        // A bucket on virtual time says when it is full on the collector's clock, like `started_at`.
        let reset = config.rateLimit.realTime ? decision.reset : (clock.collectorTime(decision.reset * 1000) + 999) / 1000
        reply.headers += [
            ("Ratelimit-Limit", String(decision.limit)),
            ("Ratelimit-Remaining", String(decision.remaining)),
            ("Ratelimit-Reset", String(reset)),
        ]
        if reply.status == 200 { Self.damage(&reply, fault: fault, seed: seed, number: number) }
        return reply
    }

    /// Gateways in front of Helix answer 502/504 with HTML or nothing; Helix itself with JSON.
    private static func serverError(_ status: Int) -> Reply {
        switch status {
        case 502: Reply(status: 502, body: Array("<html><body><h1>502 Bad Gateway</h1></body></html>".utf8))
        case 504: Reply(status: 504, body: [])
        default: .helixError(status, message: status == 503 ? "Service Unavailable" : "")
        }
    }

    private static func damage(_ reply: inout Reply, fault: Fault?, seed: UInt64, number: UInt64) {
        guard reply.body.count > 2 else { return }
        let cut = 1 + Int(Mix.hash(seed, Salt.faults, number, 3) % UInt64(reply.body.count - 1))
        switch fault {
        case .cutJSON?:
            reply.body = Array(reply.body[..<cut])
        case .shortBody?:
            reply.announcedLength = reply.body.count
            reply.body = Array(reply.body[..<cut])
        default:
            break
        }
    }
}

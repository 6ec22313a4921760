import Foundation
import Logging
import Model

/// Gets and keeps an app access token (client-credentials grant).
///
/// A token is requested on first use, again when little of its lifetime is left (an hour, or a
/// tenth of the lifetime for short-lived tokens), and again after the API answers 401 (app tokens
/// cannot be refreshed, only replaced). While a token is in use it is validated at the start and
/// then hourly, as Twitch asks of apps that keep a session.
public final class AppTokenProvider {
    public let credentials: Credentials
    private let tokenURL: String
    private let validateURL: String?
    private let client: HTTPClient
    private let now: @Sendable () -> Millis
    private let logger: Logger
    private var current: AccessToken?
    private var validatedAt: Millis = .min

    public static let validationInterval: Millis = 3_600_000
    /// The lifetimes a token is believed to have. `expires_in` is the server's word: one below a
    /// minute would have a token fetched for nearly every request, and one of years (or Int64's
    /// maximum, which overflows when added to the clock) would keep a token long after Twitch's
    /// ~58 days; either way a 401 replaces a token that died early.
    public static let believableLifetime: ClosedRange<Millis> = 60_000...(90 * 86_400_000)
    /// Assumed when `expires_in` is missing, zero, negative or no whole number.
    public static let assumedLifetime: Millis = 3_600_000
    /// Tokens obtained from the endpoint so far.
    public private(set) var tokensObtained = 0

    public init(
        credentials: Credentials, endpoints: HelixEndpoints, client: HTTPClient,
        now: @escaping @Sendable () -> Millis = Clock.nowMillis,
        logger: Logger = Logger(label: "twitch-stats.collect")
    ) {
        self.credentials = credentials
        self.tokenURL = endpoints.tokenURL
        self.validateURL = endpoints.validateURL
        self.client = client
        self.now = now
        self.logger = logger
    }

    /// A token good for the next request.
    public func token() throws(AuthError) -> AccessToken {
        let t = now()
        if let token = current, !needsReplacement(token, at: t) {
            if t - validatedAt >= Self.validationInterval { validate(token, at: t) }
            if let token = current { return token }
        }
        let token = try requestToken()
        current = token
        validatedAt = token.obtainedAt
        return token
    }

    /// Forgets the current token after the API rejected it; the next `token()` gets a new one.
    public func invalidate() {
        current = nil
    }

    func needsReplacement(_ token: AccessToken, at t: Millis) -> Bool {
        let margin = min(token.lifetime / 10, 3_600_000)
        return t >= token.expiresAt - margin
    }

    private func requestToken() throws(AuthError) -> AccessToken {
        let response: HTTPResponse
        do {
            response = try client.post(tokenURL, form: [
                ("client_id", credentials.clientID),
                ("client_secret", credentials.clientSecret),
                ("grant_type", "client_credentials"),
            ])
        } catch {
            throw .tokenEndpointUnavailable(String(describing: error))
        }
        let arrived = now()
        switch response.status {
        case 200:
            guard let (value, expiresIn) = Self.parseToken(response.body), Self.isUsableTokenValue(value) else {
                throw .malformedTokenResponse
            }
            tokensObtained += 1
            let token = AccessToken(value: value, obtainedAt: arrived, expiresAt: arrived + Self.lifetime(expiresIn: expiresIn))
            logger.info("obtained app access token", metadata: ["expires_at": "\(Timestamp.format(token.expiresAt))"])
            return token
        case 400, 401, 403:
            throw .clientRejected(status: response.status, message: redact(Self.parseMessage(response.body)))
        default:
            throw .tokenEndpointUnavailable("status \(response.status)")
        }
    }

    /// Checks the token with the validation endpoint; a 401 drops it. Other failures are ignored,
    /// since a bad token also shows as a 401 from the API itself.
    private func validate(_ token: AccessToken, at t: Millis) {
        validatedAt = t
        guard let validateURL else { return }
        guard let response = try? client.get(validateURL, headers: ["Authorization": "OAuth \(token.value)"]) else {
            logger.debug("token validation unreachable")
            return
        }
        if response.status == 401 {
            logger.info("app access token no longer valid; requesting a new one")
            current = nil
        }
    }

    /// Strips the secret or a token from text that came from the server before it goes into an error.
    private func redact(_ text: String) -> String {
        var text = text
        for secret in [credentials.clientSecret, current?.value].compactMap({ $0 }) where !secret.isEmpty {
            text = text.replacingAll(secret, with: "<redacted>")
        }
        return String(text.prefix(200))
    }

    /// A token goes into an `Authorization` header: it must be visible ASCII, so that a hostile
    /// answer cannot break the header or add lines to the request.
    static func isUsableTokenValue(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// The lifetime to believe for an `expires_in` of `seconds`.
    static func lifetime(expiresIn seconds: Int?) -> Millis {
        guard let seconds, seconds > 0 else { return assumedLifetime }
        // Compared in seconds first, so that multiplying cannot overflow.
        guard Millis(seconds) < believableLifetime.upperBound / 1000 else { return believableLifetime.upperBound }
        return max(Millis(seconds) * 1000, believableLifetime.lowerBound)
    }

    /// The token and its `expires_in` (nil when missing or not a whole number within 64 bits);
    /// nil when the body is no JSON object or has no string `access_token`.
    static func parseToken(_ body: [UInt8]) -> (String, Int?)? {
        var value: String?
        var expiresIn: Int?
        let ok: Bool = body.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            do {
                try s.readObject { (s: inout JSONScanner, key: JSONKey) throws(JSONScanner.Malformed) in
                    switch key {
                    case "access_token": value = try s.readString()
                    case "expires_in": expiresIn = try s.readIntOrSkip()
                    default: try s.skipValue()
                    }
                }
                return s.peek() == nil
            } catch {
                return false
            }
        }
        guard ok, let value else { return nil }
        return (value, expiresIn)
    }

    static func parseMessage(_ body: [UInt8]) -> String {
        var message = ""
        body.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            try? s.readObject { (s: inout JSONScanner, key: JSONKey) throws(JSONScanner.Malformed) in
                switch key {
                case "message": message = try s.readStringOrNumberText()
                default: try s.skipValue()
                }
            }
        }
        return message
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}

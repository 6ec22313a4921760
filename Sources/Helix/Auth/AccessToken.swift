import Model

/// An app access token and its lifetime. Its textual forms hide the value.
public struct AccessToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String
    public let obtainedAt: Millis
    public let expiresAt: Millis

    init(value: String, obtainedAt: Millis, expiresAt: Millis) {
        self.value = value
        self.obtainedAt = obtainedAt
        self.expiresAt = expiresAt
    }

    public var lifetime: Millis { expiresAt - obtainedAt }

    public var description: String { "AccessToken(<redacted>, expiresAt: \(Timestamp.format(expiresAt)))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["value": "<redacted>", "expiresAt": expiresAt], displayStyle: .struct)
    }
}

public enum AuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token endpoint refused the client id or secret (400 invalid client, 403 invalid
    /// secret): retrying cannot help.
    case clientRejected(status: Int, message: String)
    /// The token endpoint failed in a way that may pass (5xx, 429, timeouts).
    case tokenEndpointUnavailable(String)
    /// A 200 whose body is no JSON object with a usable `access_token` (a string of visible
    /// ASCII).
    case malformedTokenResponse

    public var isPermanent: Bool {
        if case .clientRejected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .clientRejected(let status, let message):
            "Twitch rejected the client credentials (\(status)\(message.isEmpty ? "" : ": \(message)")); check TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET"
        case .tokenEndpointUnavailable(let why):
            "token endpoint unavailable: \(why)"
        case .malformedTokenResponse:
            "token endpoint answered without a usable access token"
        }
    }
}

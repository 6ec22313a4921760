/// Where the collector sends its requests: Twitch itself, or a Helix-compatible server such as
/// the simulator.
public struct HelixEndpoints: Sendable, Equatable {
    public var streamsURL: String
    public var tokenURL: String
    /// Token validation (`GET` with `Authorization: OAuth <token>`); nil skips validation.
    public var validateURL: String?

    public init(streamsURL: String, tokenURL: String, validateURL: String?) {
        self.streamsURL = streamsURL
        self.tokenURL = tokenURL
        self.validateURL = validateURL
    }

    public static let twitch = HelixEndpoints(
        streamsURL: "https://api.twitch.tv/helix/streams",
        tokenURL: "https://id.twitch.tv/oauth2/token",
        validateURL: "https://id.twitch.tv/oauth2/validate")

    /// A server that serves everything under one base URL (`http://127.0.0.1:8080`):
    /// `/helix/streams`, `/oauth2/token` and `/oauth2/validate`.
    public init(baseURL: String) {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.init(
            streamsURL: base + "/helix/streams", tokenURL: base + "/oauth2/token",
            validateURL: base + "/oauth2/validate")
    }
}

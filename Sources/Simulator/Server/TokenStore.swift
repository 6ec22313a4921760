import Model

/// App access tokens issued by the simulated id.twitch.tv. Expiry runs on virtual time so a test
/// can expire a token by advancing the clock.
final class TokenStore: Sendable {
    private struct Grant {
        let clientID: String
        let expiresAt: Millis
    }

    private let state: Locked<(issued: UInt64, grants: [String: Grant])>
    private let seed: UInt64
    private let lifetimeSeconds: Int64

    init(seed: UInt64, lifetimeSeconds: Int64) {
        self.seed = seed
        self.lifetimeSeconds = lifetimeSeconds
        state = Locked((0, [:]))
    }

    /// A new token shaped like Twitch's: 30 lowercase letters and digits.
    func issue(clientID: String, now: Millis) -> (token: String, expiresIn: Int64) {
        state.withLock { s in
            s.issued += 1
            var rng = SplitMix64(seed: Mix.hash(seed, Salt.tokens, s.issued))
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            let token = String((0..<30).map { _ in alphabet[rng.below(alphabet.count)] })
            s.grants[token] = Grant(clientID: clientID, expiresAt: now + lifetimeSeconds * 1000)
            return (token, lifetimeSeconds)
        }
    }

    /// The client id and remaining seconds of a live token; nil when unknown or expired.
    func validate(_ token: String, now: Millis) -> (clientID: String, expiresIn: Int64)? {
        state.withLock { s in
            guard let g = s.grants[token], g.expiresAt > now else { return nil }
            return (g.clientID, (g.expiresAt - now) / 1000)
        }
    }

    func revoke(_ token: String) { _ = state.withLock { $0.grants.removeValue(forKey: token) } }
}

import FlyingFox
import Foundation

/// The simulated id.twitch.tv: app tokens by client credentials, validation and revocation.
struct IdentityEndpoints: Sendable {
    let config: SimulatorConfig
    let clock: SimulatedClock
    let tokens: TokenStore

    /// `POST /oauth2/token` with client_id, client_secret, grant_type=client_credentials.
    func token(_ request: HTTPRequest) async -> Reply {
        let fields = await request.formFields()
        let clientID = fields["client_id"] ?? ""
        let secret = fields["client_secret"] ?? ""
        guard !clientID.isEmpty, config.clientID == nil || config.clientID == clientID else {
            return .identityError(400, message: "invalid client")
        }
        guard !secret.isEmpty else { return .identityError(400, message: "missing client secret") }
        guard config.clientSecret == nil || config.clientSecret == secret else {
            return .identityError(403, message: "invalid client secret")
        }
        guard fields["grant_type"] == "client_credentials" else {
            return .identityError(400, message: "unsupported grant type")
        }
        let grant = tokens.issue(clientID: clientID, now: clock.now())
        return .json(200, HelixJSON.token(grant.token, expiresIn: grant.expiresIn))
    }

    /// `GET /oauth2/validate` with `Authorization: OAuth <token>`.
    func validate(_ request: HTTPRequest) -> Reply {
        guard let token = Self.token(from: request.headers[.authorization], schemes: ["oauth", "bearer"]),
              let grant = tokens.validate(token, now: clock.now())
        else { return .identityError(401, message: "invalid access token") }
        return .json(200, HelixJSON.validation(clientID: grant.clientID, expiresIn: grant.expiresIn))
    }

    /// `POST /oauth2/revoke` with client_id and token.
    func revoke(_ request: HTTPRequest) async -> Reply {
        let fields = await request.formFields()
        guard let token = fields["token"], let grant = tokens.validate(token, now: clock.now()),
              grant.clientID == fields["client_id"]
        else { return .identityError(400, message: "Invalid token") }
        tokens.revoke(token)
        return Reply(status: 200, body: [])
    }

    /// The token in an `Authorization` header using one of `schemes` (case-insensitive).
    static func token(from header: String?, schemes: [String]) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, schemes.contains(parts[0].lowercased()) else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

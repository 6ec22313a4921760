import Foundation
import Model

/// A Twitch application's client id and secret.
///
/// Every textual form of a value (description, debug description, mirror) hides the secret, so a
/// stray `print`, `dump` or string interpolation cannot leak it.
public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public static let clientIDVariable = "TWITCH_CLIENT_ID"
    public static let clientSecretVariable = "TWITCH_CLIENT_SECRET"

    public let clientID: String
    let clientSecret: String

    public init(clientID: String, clientSecret: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    public var description: String { "Credentials(clientID: \(clientID), clientSecret: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["clientID": clientID, "clientSecret": "<redacted>"], displayStyle: .struct)
    }

    /// From `TWITCH_CLIENT_ID` and `TWITCH_CLIENT_SECRET`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Credentials {
        try from(environment, source: "the environment")
    }

    /// From a file of `NAME=value` lines (the same format as a systemd `EnvironmentFile`, so one
    /// file serves both). The file must not be readable by group or others.
    public static func load(secretFile path: String) throws -> Credentials {
        do {
            return try from(SecretFile.assignments(SecretFile.read(path)), source: path)
        } catch let problem as SecretFile.Problem {
            switch problem {
            case .unreadable(let reason): throw CredentialsError.secretFileUnreadable(path: path, reason: reason)
            case .tooOpen(let mode): throw CredentialsError.secretFileTooOpen(path: path, mode: mode)
            }
        }
    }

    /// The secret file when one is named, otherwise the environment.
    public static func resolve(
        secretFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Credentials {
        if let secretFile { return try load(secretFile: secretFile) }
        return try fromEnvironment(environment)
    }

    private static func from(_ values: [String: String], source: String) throws -> Credentials {
        let id = values[clientIDVariable] ?? ""
        let secret = values[clientSecretVariable] ?? ""
        let missing = [(clientIDVariable, id), (clientSecretVariable, secret)].filter { $0.1.isEmpty }.map(\.0)
        guard missing.isEmpty else { throw CredentialsError.missing(variables: missing, source: source) }
        return Credentials(clientID: id, clientSecret: secret)
    }
}

public enum CredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(variables: [String], source: String)
    case secretFileUnreadable(path: String, reason: String)
    /// The secret file can be read by group or others (`mode` holds the permission bits).
    case secretFileTooOpen(path: String, mode: Int)

    public var description: String {
        switch self {
        case .missing(let variables, let source):
            "missing \(variables.joined(separator: " and ")) in \(source)"
        case .secretFileUnreadable(let path, let reason):
            "cannot read secret file \(path): \(reason)"
        case .secretFileTooOpen(let path, let mode):
            "secret file \(path) is readable by others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
        }
    }
}

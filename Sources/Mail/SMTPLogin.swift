import Foundation
import Model

/// The user and password `mail` logs in to the SMTP server with. Read from the environment or from
/// a file that only its owner can read, never from the command line; every textual form hides the
/// password.
public struct SMTPLogin: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public static let userVariable = "TWITCH_STATS_SMTP_USER"
    public static let passwordVariable = "TWITCH_STATS_SMTP_PASSWORD"

    public let user: String
    let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    public var description: String { "SMTPLogin(user: \(user), password: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["user": user, "password": "<redacted>"]) }

    /// From `file` when one is named (`NAME=value` lines, like a systemd `EnvironmentFile`),
    /// otherwise from the environment; nil when neither names a user (the server takes mail
    /// without logging in).
    public static func resolve(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SMTPLogin? {
        if let file { return try from(try read(file), source: file) }
        return try from(environment, source: "the environment")
    }

    private static func from(_ values: [String: String], source: String) throws -> SMTPLogin? {
        let user = values[userVariable] ?? ""
        let password = values[passwordVariable] ?? ""
        if user.isEmpty && password.isEmpty { return nil }
        if user.isEmpty { throw MailError.login("\(passwordVariable) is set in \(source) but \(userVariable) is not") }
        if password.isEmpty { throw MailError.login("\(userVariable) is set in \(source) but \(passwordVariable) is not") }
        return SMTPLogin(user: user, password: password)
    }

    private static func read(_ path: String) throws -> [String: String] {
        do {
            return SecretFile.assignments(try SecretFile.read(path))
        } catch .unreadable(let reason) {
            throw MailError.login("cannot read credentials file \(path): \(reason)")
        } catch .tooOpen(let mode) {
            throw MailError.login(
                "credentials file \(path) is readable by others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)")
        }
    }
}

import Foundation
import Model

/// Where the shared store is: a `postgres://USER@HOST:PORT/DB?sslmode=…` URL and, optionally, a
/// file holding the password. A URL carrying a password is refused: it would show in `ps`, in
/// shell history and in unit files.
public struct PostgresLocation: Sendable, Equatable {
    public let url: String
    public let passwordFile: String?
    public var connectTimeoutSeconds = 5

    public init(url: String, passwordFile: String? = nil) throws {
        guard let parts = URLComponents(string: url), parts.scheme == "postgres" || parts.scheme == "postgresql",
            parts.host?.isEmpty == false
        else {
            throw PostgresError.invalid("\(url): not a PostgreSQL URL; expected postgres://USER@HOST:PORT/DATABASE")
        }
        if parts.password != nil {
            throw PostgresError.invalid(
                "the PostgreSQL URL must not contain a password (it would show in the process list); "
                    + "use PGPASSWORD, ~/.pgpass or --store-password-file")
        }
        self.url = url
        self.passwordFile = passwordFile
    }

    /// The URL as logs may show it: it never holds a password.
    public var redacted: String { url }

    /// The password from the password file (its first line), or nil to let libpq look for one.
    func password() throws -> String? {
        guard let passwordFile else { return nil }
        let path = (passwordFile as NSString).expandingTildeInPath
        let text: String
        do {
            text = try SecretFile.read(path)
        } catch .unreadable(let reason) {
            throw PostgresError.invalid("\(passwordFile): cannot read the PostgreSQL password file: \(reason)")
        } catch .tooOpen(let mode) {
            throw PostgresError.invalid(
                "\(passwordFile): the PostgreSQL password file is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let password = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        guard !password.isEmpty else { throw PostgresError.invalid("\(passwordFile): line 1: password: the file is empty") }
        return password
    }
}

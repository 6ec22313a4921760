import Foundation

/// A file holding a secret (the Twitch client secret, the SMTP login, a PostgreSQL password):
/// read only when its owner alone can read it, so a secret never sits in a file others can open.
/// Each caller words its own errors from the `Problem`.
public enum SecretFile {
    public enum Problem: Error, Sendable, Equatable {
        /// The file cannot be read (`reason` is the system's, or says the text is not UTF-8).
        case unreadable(reason: String)
        /// Group or others may read the file; `mode` holds its permission bits.
        case tooOpen(mode: Int)
    }

    /// The file's text, once its permissions are checked.
    public static func read(_ path: String) throws(Problem) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        let mode = Int(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else { throw .tooOpen(mode: mode) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(reason: "cannot read") }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(reason: "not UTF-8 text") }
        return text
    }

    /// `NAME=value` lines, as in a systemd `EnvironmentFile` (so one file serves both): blank
    /// lines and `#` comments ignored, `export ` and surrounding quotes allowed.
    public static func assignments(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[name] = value
        }
        return values
    }
}

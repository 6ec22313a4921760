/// Why a digest could not be mailed.
public enum MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The login could not be read (the password is never part of the text).
    case login(String)
    /// The SMTP exchange failed for `recipient`: libcurl's reason and the server's last reply.
    case send(recipient: String, reason: String, serverReply: String?)
    case setup(String)

    public var description: String {
        switch self {
        case .login(let text): return text
        case .send(let recipient, let reason, let reply):
            return "sending to \(recipient) failed: \(reason)" + (reply.map { "; the server replied: \($0)" } ?? "")
        case .setup(let text): return text
        }
    }
}

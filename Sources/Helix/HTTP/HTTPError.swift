/// Why an HTTP request produced no response. Descriptions name the failure, never a header value.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connect or total timeout passed.
    case timeout
    /// No connection could be made (refused, unreachable, host not found).
    case connectionFailed(String)
    /// The connection broke mid-exchange: reset, nothing received, body shorter than announced.
    case connectionLost(String)
    /// The request was abandoned because the stop flag was set.
    case aborted
    /// The decoded body passed `HTTPClient.Configuration.maxBodyBytes`; the transfer was
    /// abandoned there.
    case bodyTooLarge(limit: Int)
    /// The response's headers passed `HTTPClient.maxHeaderBytes`.
    case headersTooLarge(limit: Int)
    /// libcurl could not be set up or failed in another way.
    case transfer(code: Int, message: String)

    public var description: String {
        switch self {
        case .timeout: "request timed out"
        case .connectionFailed(let why): "could not connect: \(why)"
        case .connectionLost(let why): "connection lost: \(why)"
        case .aborted: "request aborted (stopping)"
        case .bodyTooLarge(let limit): "response body larger than \(Self.size(limit)); refused"
        case .headersTooLarge(let limit): "response headers larger than \(Self.size(limit)); refused"
        case .transfer(let code, let message): "transfer failed (curl \(code)): \(message)"
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB"
            : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}

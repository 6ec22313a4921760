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
    /// libcurl could not be set up or failed in another way.
    case transfer(code: Int, message: String)

    public var description: String {
        switch self {
        case .timeout: "request timed out"
        case .connectionFailed(let why): "could not connect: \(why)"
        case .connectionLost(let why): "connection lost: \(why)"
        case .aborted: "request aborted (stopping)"
        case .transfer(let code, let message): "transfer failed (curl \(code)): \(message)"
        }
    }
}

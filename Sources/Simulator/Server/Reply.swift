import FlyingFox
import Foundation

/// A response before it becomes FlyingFox's `HTTPResponse`.
struct Reply {
    var status: Int
    var body: [UInt8]
    var headers: [(String, String)] = []
    /// Content-Length to announce when it must differ from the body (a short-body fault).
    var announcedLength: Int?

    static func json(_ status: Int, _ body: [UInt8]) -> Reply { Reply(status: status, body: body) }

    static func helixError(_ status: Int, message: String = "") -> Reply {
        json(status, HelixJSON.helixError(status: status, error: phrase(status), message: message))
    }

    static func identityError(_ status: Int, message: String) -> Reply {
        json(status, HelixJSON.identityError(status: status, message: message))
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Error"
        }
    }

    var response: HTTPResponse {
        var h = HTTPHeaders()
        h[.contentType] = body.first == UInt8(ascii: "<") ? "text/html" : "application/json; charset=utf-8"
        for (name, value) in headers { h[HTTPHeader(name)] = value }
        let status = HTTPStatusCode(status, phrase: Self.phrase(status))
        if let announcedLength {
            return HTTPResponse(statusCode: status, headers: h, body: ShortBody.body(body, announced: announcedLength))
        }
        // One buffer for the whole body: FlyingFox otherwise writes it in 4 KB pieces, a
        // system call and a TCP segment each (with TCP_NODELAY), for every 60 KB page.
        return HTTPResponse(
            statusCode: status, headers: h,
            body: HTTPBodySequence(data: Data(body), suggestedBufferSize: max(4096, body.count)))
    }
}

extension HTTPRequest {
    /// All values of a repeated query parameter (`&game_id=1&game_id=2`).
    func values(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// A form-encoded body's fields, falling back to the query string as id.twitch.tv does.
    func formFields() async -> [String: String] {
        var fields: [String: String] = [:]
        for item in query { fields[item.name] = item.value }
        guard let data = try? await bodyData, let text = String(data: data, encoding: .utf8) else { return fields }
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

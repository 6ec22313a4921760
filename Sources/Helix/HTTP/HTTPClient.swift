import CCurl
import Model

/// A small HTTP client over libcurl's easy interface.
///
/// One easy handle is reused for every request so connections (and TLS sessions) are kept alive
/// between pages. Not thread-safe: one client per collector, used from one thread at a time.
public final class HTTPClient {
    /// The largest (decoded) body accepted: a full Get Streams page of 100 streams is about
    /// 50 KiB, so this is far beyond any real answer, and it bounds what a broken or hostile
    /// server (or a gzip bomb) can make the collector hold.
    public static let defaultMaxBodyBytes = 16 << 20
    /// The most header bytes accepted in one response; Twitch sends about one KiB.
    public static let maxHeaderBytes = 256 << 10

    public struct Configuration: Sendable {
        /// Time allowed to establish the connection.
        public var connectTimeout: Millis
        /// Time allowed for the whole exchange, connection included.
        public var totalTimeout: Millis
        public var userAgent: String
        /// A body larger than this, once decoded, fails the request with `HTTPError.bodyTooLarge`.
        public var maxBodyBytes: Int

        public init(
            connectTimeout: Millis = 5_000, totalTimeout: Millis = 30_000,
            userAgent: String = TwitchStatsVersion.userAgent, maxBodyBytes: Int = HTTPClient.defaultMaxBodyBytes
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.userAgent = userAgent
            self.maxBodyBytes = maxBodyBytes
        }
    }

    public let configuration: Configuration
    private let handle: UnsafeMutableRawPointer
    private let exchange = Exchange()

    /// - Parameter shouldAbort: polled while a transfer runs; returning true abandons it with
    ///   `HTTPError.aborted` (the collector passes its stop flag so SIGTERM does not wait for a
    ///   slow page).
    public init(configuration: Configuration = Configuration(), shouldAbort: (@Sendable () -> Bool)? = nil) throws {
        CurlGlobal.initializeOnce()
        guard let handle = curl_easy_init() else {
            throw HTTPError.transfer(code: -1, message: "curl_easy_init failed")
        }
        self.handle = handle
        self.configuration = configuration
        exchange.shouldAbort = shouldAbort
        exchange.maxBodyBytes = configuration.maxBodyBytes
        try setUpHandle()
    }

    deinit { curl_easy_cleanup(handle) }

    public func get(_ url: String, headers: [String: String] = [:]) throws -> HTTPResponse {
        try check(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        return try perform(url: url, headers: headers)
    }

    /// POSTs `form` as an `application/x-www-form-urlencoded` body.
    public func post(_ url: String, form: [(String, String)], headers: [String: String] = [:]) throws -> HTTPResponse {
        let body = FormEncoding.encode(form)
        var headers = headers
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        try check(ccurl_setopt_long(handle, CURLOPT_POST, 1))
        try check(ccurl_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.utf8.count)))
        // COPYPOSTFIELDS copies, so the body does not need to outlive this call.
        try check(ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, body))
        return try perform(url: url, headers: headers)
    }

    private func setUpHandle() throws {
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        try check(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout)))
        try check(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(configuration.totalTimeout)))
        try check(ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        try check(ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1))
        // "" asks for every encoding this libcurl can decode (gzip, deflate, ...) and decodes it.
        try check(ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        try check(ccurl_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent))
        try check(ccurl_setopt_write(handle, CURLOPT_WRITEFUNCTION, curlWriteBody))
        try check(ccurl_setopt_ptr(handle, CURLOPT_WRITEDATA, context))
        try check(ccurl_setopt_write(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader))
        try check(ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, context))
        if exchange.shouldAbort != nil {
            try check(ccurl_setopt_xferinfo(handle, curlProgress))
            try check(ccurl_setopt_ptr(handle, CURLOPT_XFERINFODATA, context))
            try check(ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
        }
    }

    private func perform(url: String, headers: [String: String]) throws -> HTTPResponse {
        exchange.reset()
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in headers {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        defer {
            _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
            curl_slist_free_all(list)
        }
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
        try check(ccurl_setopt_string(handle, CURLOPT_URL, url))

        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            // A callback that refused the data made curl fail with a write error; say why.
            let refusal = exchange.refusal
            exchange.reset()
            throw refusal ?? Self.error(for: code)
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let response = HTTPResponse(status: status, headers: exchange.headers, body: exchange.body)
        exchange.reset()
        return response
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else { throw Self.error(for: code) }
    }

    static func error(for code: CURLcode) -> HTTPError {
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .connectionFailed(message)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
            CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_BAD_CONTENT_ENCODING:
            return .connectionLost(message)
        case CURLE_ABORTED_BY_CALLBACK:
            return .aborted
        default:
            return .transfer(code: Int(code.rawValue), message: message)
        }
    }
}

/// What the C callbacks fill in during one transfer.
private final class Exchange {
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    var headerBytes = 0
    var maxBodyBytes = HTTPClient.defaultMaxBodyBytes
    /// Why a callback stopped the transfer, when one did.
    var refusal: HTTPError?
    var shouldAbort: (@Sendable () -> Bool)?

    func reset() {
        body = []
        body.reserveCapacity(64 * 1024)
        headers = [:]
        headerBytes = 0
        refusal = nil
    }

    /// Appends body bytes; false (and `refusal` set) when they would pass the limit.
    func takeBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= maxBodyBytes - body.count else {
            refusal = .bodyTooLarge(limit: maxBodyBytes)
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Takes one header line; false (and `refusal` set) when the headers pass their limit.
    func takeHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        headerBytes += bytes.count
        guard headerBytes <= HTTPClient.maxHeaderBytes else {
            refusal = .headersTooLarge(limit: HTTPClient.maxHeaderBytes)
            return false
        }
        takeHeaderLine(bytes)
        return true
    }

    private func takeHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        // A new status line (an interim 100 Continue, say) starts a fresh header block.
        if bytes.starts(with: "HTTP/".utf8) {
            headers = [:]
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        // Byte-wise: names are ASCII tokens and values are trimmed of SP, HTAB, CR and LF only
        // (RFC 9110), which spares Unicode case mapping and grapheme breaking on every header
        // of every page.
        let name = String(decoding: bytes[..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        var start = colon + 1
        var end = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        headers[name] = String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

private let curlWriteBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    curlDeliver($0, $1, $2, $3) { $0.takeBody($1) }
}

private let curlWriteHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    curlDeliver($0, $1, $2, $3) { $0.takeHeader($1) }
}

/// libcurl's body and header callbacks differ only in which part of the exchange takes the bytes.
private func curlDeliver(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?,
                         to take: (Exchange, UnsafeBufferPointer<UInt8>) -> Bool) -> Int {
    let total = size * count
    guard let data, let context else { return total }
    let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
    let taken = data.withMemoryRebound(to: UInt8.self, capacity: total) {
        take(exchange, UnsafeBufferPointer(start: $0, count: total))
    }
    // Returning less than `total` makes libcurl abandon the transfer.
    return taken ? total : 0
}

private let curlProgress: @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> Int32 = {
    context, _, _, _, _ in
    guard let context else { return 0 }
    let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
    return exchange.shouldAbort?() == true ? 1 : 0
}

/// `curl_global_init` must run once per process before any handle is made.
enum CurlGlobal {
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    static func initializeOnce() { _ = initialized }
}

extension String {
    func trimmingWhitespace() -> String {
        // Character.isWhitespace, because "\r\n" is a single Character.
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}

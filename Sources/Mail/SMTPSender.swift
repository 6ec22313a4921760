import CCurl
import Foundation

/// Where and how to deliver mail.
public struct SMTPConfiguration: Sendable {
    /// `smtp://host[:port]` (STARTTLS when the server offers it) or `smtps://host[:port]` (TLS from
    /// the start).
    public var url: String
    /// Fail unless the connection is encrypted (STARTTLS required on `smtp://`).
    public var requireTLS: Bool
    public var login: SMTPLogin?
    /// A PEM file of certificate authorities to trust instead of the system's (a private server).
    public var caFile: String?
    public var connectTimeoutMillis: Int
    public var totalTimeoutMillis: Int

    public init(url: String, requireTLS: Bool = false, login: SMTPLogin? = nil, caFile: String? = nil,
                connectTimeoutMillis: Int = 10_000, totalTimeoutMillis: Int = 60_000) {
        self.url = url
        self.requireTLS = requireTLS
        self.login = login
        self.caFile = caFile
        self.connectTimeoutMillis = connectTimeoutMillis
        self.totalTimeoutMillis = totalTimeoutMillis
    }
}

/// Sends messages through SMTP with libcurl, one recipient per transaction, so that the server's
/// answer (and the record of what was sent) is per recipient.
public final class SMTPSender {
    private let configuration: SMTPConfiguration
    private let handle: UnsafeMutableRawPointer

    public init(_ configuration: SMTPConfiguration) throws {
        guard configuration.url.hasPrefix("smtp://") || configuration.url.hasPrefix("smtps://") else {
            throw MailError.setup("the SMTP URL must start with smtp:// or smtps://")
        }
        SMTPSender.initializeCurl
        guard let handle = curl_easy_init() else { throw MailError.setup("curl_easy_init failed") }
        self.handle = handle
        self.configuration = configuration
    }

    deinit { curl_easy_cleanup(handle) }

    /// libcurl's global state, set up once before the first handle (curl_easy_init would do it
    /// lazily, but not thread-safely).
    private static let initializeCurl: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Sends `message` (CRLF lines) from `from` to `to`; throws `MailError.send` with the server's
    /// reply when the server or the connection refuses it.
    public func send(_ message: String, from: MailAddress, to: MailAddress) throws {
        let transfer = Transfer(body: Array(message.utf8))
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        curl_easy_reset(handle)
        let recipients = curl_slist_append(nil, "<\(to)>")
        defer { curl_slist_free_all(recipients) }
        let c = configuration
        try withExtendedLifetime(transfer) {
            try set(ccurl_setopt_string(handle, CURLOPT_URL, c.url), to)
            try set(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), to)
            try set(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, c.connectTimeoutMillis), to)
            try set(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, c.totalTimeoutMillis), to)
            let tls = c.requireTLS ? CURLUSESSL_ALL : CURLUSESSL_TRY
            try set(ccurl_setopt_long(handle, CURLOPT_USE_SSL, Int(tls.rawValue)), to)
            if let caFile = c.caFile { try set(ccurl_setopt_string(handle, CURLOPT_CAINFO, caFile), to) }
            if let login = c.login {
                try set(ccurl_setopt_string(handle, CURLOPT_USERNAME, login.user), to)
                try set(ccurl_setopt_string(handle, CURLOPT_PASSWORD, login.password), to)
            }
            try set(ccurl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(from)>"), to)
            try set(ccurl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients), to)
            try set(ccurl_setopt_long(handle, CURLOPT_UPLOAD, 1), to)
            try set(ccurl_setopt_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(transfer.body.count)), to)
            try set(ccurl_setopt_write(handle, CURLOPT_READFUNCTION, smtpReadBody), to)
            try set(ccurl_setopt_ptr(handle, CURLOPT_READDATA, context), to)
            // For SMTP, libcurl hands the server's replies to the header callback.
            try set(ccurl_setopt_write(handle, CURLOPT_HEADERFUNCTION, smtpServerReply), to)
            try set(ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, context), to)
            let code = curl_easy_perform(handle)
            guard code == CURLE_OK else {
                throw MailError.send(
                    recipient: to.text, reason: String(cString: curl_easy_strerror(code)),
                    serverReply: transfer.lastRefusal)
            }
        }
    }

    private func set(_ code: CURLcode, _ to: MailAddress) throws {
        guard code == CURLE_OK else {
            throw MailError.send(recipient: to.text, reason: String(cString: curl_easy_strerror(code)), serverReply: nil)
        }
    }
}

/// The message being uploaded and what the server said, shared with the C callbacks.
private final class Transfer {
    let body: [UInt8]
    var offset = 0
    var replies: [String] = []

    init(body: [UInt8]) { self.body = body }

    /// The server's last negative reply (4xx or 5xx), or its last reply when none was negative.
    var lastRefusal: String? {
        replies.last { $0.hasPrefix("4") || $0.hasPrefix("5") } ?? replies.last
    }
}

private func smtpReadBody(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let n = min(size * count, transfer.body.count - transfer.offset)
    guard n > 0 else { return 0 }
    transfer.body.withUnsafeBufferPointer { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + transfer.offset, byteCount: n)
    }
    transfer.offset += n
    return n
}

private func smtpServerReply(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    let n = size * count
    guard let buffer, let context else { return n }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: n), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    // Replies to AUTH are server challenges, never the client's credentials.
    if !line.isEmpty {
        if transfer.replies.count == 50 { transfer.replies.removeFirst() }
        transfer.replies.append(line)
    }
    return n
}

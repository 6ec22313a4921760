import Foundation
import Model

/// One recipient's copy of a day's digest, as the bytes SMTP carries: multipart/alternative with
/// the plain-text digest first and the HTML digest last (the part a client prefers when it can).
public struct DigestMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var date: Date
    /// The day the digest is about (`2026-12-04`): part of the Message-ID.
    public var day: String
    public var text: String
    public var html: String
    /// A `mailto:` or `https:` URL for `List-Unsubscribe`, when one is configured.
    public var listUnsubscribe: String?

    public init(from: MailAddress, to: MailAddress, subject: String, date: Date, day: String, text: String,
                html: String, listUnsubscribe: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.day = day
        self.text = text
        self.html = html
        self.listUnsubscribe = listUnsubscribe
    }

    /// The same for every send of one day's digest to one recipient, so that a resend (`--force`)
    /// is recognisable as the same message.
    public var messageID: String {
        "<digest.\(day).\(Self.fnv1a(to.key))@\(from.domain)>"
    }

    public func rendered() -> String {
        let boundary = "=_digest-\(Self.fnv1a(day + to.key))"
        var headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(MIMEText.headerValue(subject))",
            "Date: \(MIMEText.date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        if let listUnsubscribe { headers.append("List-Unsubscribe: <\(listUnsubscribe)>") }
        headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        func part(_ type: String, _ body: String) -> String {
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + MIMEText.quotedPrintable(body) + "\r\n"
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n"
            + part("text/plain", text) + part("text/html", html) + "--\(boundary)--\r\n"
    }

    /// `FNV1a` of `text` in 16 hex digits: stable across runs and machines (unlike `hashValue`).
    static func fnv1a(_ text: String) -> String {
        var hash = FNV1a()
        hash.add(text)
        return hash.paddedHex
    }
}

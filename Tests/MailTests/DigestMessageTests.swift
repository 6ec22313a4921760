import Foundation
import Testing
@testable import Mail

@Suite("Digest message")
struct DigestMessageTests {
    static let from = MailAddress("stats@example.org")!
    static let to = MailAddress("Alice@Example.org")!

    static func message(subject: String = "twitch-stats: Saturday, 7 March 2026", text: String = "Hello\n",
                        html: String = "<p>Hello</p>\n", listUnsubscribe: String? = nil) -> DigestMessage {
        DigestMessage(from: from, to: to, subject: subject, date: Date(timeIntervalSince1970: 1_772_913_600),
                      day: "2026-03-07", text: text, html: html, listUnsubscribe: listUnsubscribe)
    }

    @Test func headersAreThoseOfRFC5322() {
        let rendered = Self.message(listUnsubscribe: "mailto:leave@example.org").rendered()
        let head = rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(head.contains("From: stats@example.org"))
        #expect(head.contains("To: Alice@Example.org"))
        #expect(head.contains("Date: Sat, 07 Mar 2026 20:00:00 +0000"))
        #expect(head.contains("MIME-Version: 1.0"))
        #expect(head.contains("List-Unsubscribe: <mailto:leave@example.org>"))
        #expect(head.contains { $0.hasPrefix("Content-Type: multipart/alternative; boundary=") })
        #expect(rendered.contains("List-Unsubscribe"))
        #expect(!Self.message().rendered().contains("List-Unsubscribe"))
    }

    @Test func messageIDIsStableForDayAndRecipientAndDiffersOtherwise() {
        let a = Self.message()
        var later = Self.message()
        later.date = Date(timeIntervalSince1970: 1_772_999_999)
        #expect(a.messageID == later.messageID)
        #expect(a.messageID.hasPrefix("<digest.2026-03-07.") && a.messageID.hasSuffix("@example.org>"))
        var otherDay = Self.message()
        otherDay.day = "2026-03-08"
        #expect(otherDay.messageID != a.messageID)
        var otherRecipient = Self.message()
        otherRecipient.to = MailAddress("bob@example.org")!
        #expect(otherRecipient.messageID != a.messageID)
        var sameInOtherCase = Self.message()
        sameInOtherCase.to = MailAddress("alice@example.org")!
        #expect(sameInOtherCase.messageID == a.messageID)
    }

    @Test func nonASCIISubjectIsEncodedWordsOfWholeCharacters() {
        let subject = "Τwitch στατιστικά: 日本語のチャンネル " + String(repeating: "é", count: 40)
        let value = MIMEText.headerValue(subject)
        #expect(value.unicodeScalars.allSatisfy { $0.isASCII })
        var decoded = Data()
        for word in value.components(separatedBy: "\r\n ") {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") && word.count <= 68)
            let bytes = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
            #expect(String(data: bytes, encoding: .utf8) != nil, "a word splits a character")
            decoded += bytes
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        #expect(MIMEText.headerValue("plain ASCII") == "plain ASCII")
    }

    @Test func quotedPrintableKeepsLinesShortAndRoundTrips() {
        let long = String(repeating: "<td style=\"padding:4px\">Ωmega = 1 </td>", count: 60)
        let text = "first line \nsecond=line\t\n" + long + "\n"
        let encoded = MIMEText.quotedPrintable(text)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76)
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
        }
        #expect(Self.decodeQuotedPrintable(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func everyLineOfTheMessageIsWithinSMTPLimits() {
        let html = "<p>" + String(repeating: "ä", count: 3000) + "</p>"
        let rendered = Self.message(html: html).rendered()
        for line in rendered.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 998) }
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func addressesThatCouldBreakAHeaderAreRefused() {
        for bad in ["a@b\r\nBcc: x@y", "no-at-sign", "two@@example.org", "<a@b>", "a b@c", "@example.org", "a@"] {
            #expect(MailAddress(bad) == nil, "\(bad)")
        }
        #expect(MailAddress("first.last+tag@sub.example.org")?.domain == "sub.example.org")
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "="), i + 2 < source.count,
                let byte = UInt8(String(decoding: source[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

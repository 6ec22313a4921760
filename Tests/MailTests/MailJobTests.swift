import Foundation
import Mail
import Model
import Pipeline
import Store
import Testing

@Suite("Mail job against a loopback SMTP server")
struct MailJobTests {
    @Test func sendsBothPartsWithHeadersAndAbsoluteLinks() throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let alice = MailFixture.address("alice")
        let report = try MailJob.run(fixture.options(server, to: [alice]))
        #expect(report.day.iso == "2026-03-07")  // 2026-03-08 is still in progress
        #expect(report.sent == [alice])

        let mail = try #require(try server.messages(to: alice.text).first)
        #expect(mail.contentType == "multipart/alternative")
        #expect(mail.headers["From"] == "stats@example.org")
        #expect(mail.headers["To"] == alice.text)
        #expect(mail.headers["Subject"] == "twitch-stats: Saturday, March 7, 2026")
        #expect(mail.headers["MIME-Version"] == "1.0")
        #expect(mail.headers["List-Unsubscribe"] == "<mailto:leave@example.org>")
        let date = try #require(mail.headers["Date"])
        #expect(date.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"#, options: .regularExpression) != nil)
        let messageID = try #require(mail.headers["Message-ID"])
        #expect(messageID.hasPrefix("<digest.2026-03-07.") && messageID.hasSuffix("@example.org>"))
        #expect(mail.longestLine <= 998)
        #expect(mail.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(mail.parts.allSatisfy { $0.charset == "utf-8" && $0.encoding == "quoted-printable" })

        let html = try #require(mail.part("text/html"))
        #expect(html.replacingOccurrences(of: "\r\n", with: "\n") == fixture.text("reports/2026-03-07/email.html"))
        let links = Self.hrefs(html)
        #expect(links.count >= 5)
        for link in links { #expect(link.hasPrefix(MailFixture.base), "\(link)") }

        let text = try #require(mail.part("text/plain")).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(text == fixture.text("reports/2026-03-07/email.txt"))
        #expect(!text.contains("<"), "the text part is not HTML")
        #expect(text.contains("Hours watched:") && text.contains("Top games") && text.contains("Top channels"))
        #expect(text.contains(MailFixture.base + "reports/2026-03-07/index.html"))
        #expect(text.contains("Ελληνικά") || text.contains("日本") || text.unicodeScalars.contains { !$0.isASCII })
        for line in text.split(separator: "\n") where line.contains("://") {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix(MailFixture.base), "\(line)")
        }
        #expect(try Store(path: fixture.db).mailRecipients(day: CivilDate(iso: "2026-03-07")!.dayNumber) == [alice.key])
    }

    @Test func aDigestBuiltWithoutBaseURLIsRefusedUnlessOneIsGiven() throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture(baseURL: nil)
        let bob = MailFixture.address("bob")
        #expect {
            try MailJob.run(fixture.options(server, to: [bob]))
        } throws: { error in
            "\(error)".contains("relative links") && "\(error)".contains("--base-url")
        }
        #expect(try server.messages(to: bob.text).isEmpty)

        var options = fixture.options(server, to: [bob])
        options.baseURL = "https://elsewhere.example.net/stats"
        _ = try MailJob.run(options)
        let mail = try #require(try server.messages(to: bob.text).first)
        for link in Self.hrefs(try #require(mail.part("text/html"))) {
            #expect(link.hasPrefix("https://elsewhere.example.net/stats/"), "\(link)")
        }
        #expect(try #require(mail.part("text/plain")).contains("https://elsewhere.example.net/stats/reports/2026-03-07/index.html"))
    }

    /// A retry started while the scheduled run is still sending waits for it, then finds every
    /// recipient served.
    @Test func twoRunsAtOnceSendEachRecipientTheDigestOnce() async throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let recipients = (0..<6).map { MailFixture.address("both\($0)") }
        let options = fixture.options(server, to: recipients)
        async let first = Task.detached { try MailJob.run(options) }.value
        async let second = Task.detached { try MailJob.run(options) }.value
        let reports = try await [first, second]
        #expect(reports.map(\.sent.count).sorted() == [0, recipients.count])
        #expect(reports.map(\.alreadySent.count).sorted() == [0, recipients.count])
        for recipient in recipients { #expect(try server.messages(to: recipient.text).count == 1, "\(recipient)") }
    }

    @Test func aRejectedRecipientFailsWithTheServersReplyAndARetrySendsOnlyWhatWasNotSent() throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let carol = MailFixture.address("carol")
        let rejected = MailAddress("reject-\(UUID().uuidString.prefix(8))@example.org")!
        let dave = MailFixture.address("dave")
        let day = CivilDate(iso: "2026-03-07")!.dayNumber
        #expect {
            try MailJob.run(fixture.options(server, to: [carol, rejected, dave]))
        } throws: { error in
            "\(error)".contains("550 5.1.1") && "\(error)".contains(rejected.text)
        }
        let store = try Store(path: fixture.db)
        #expect(try store.mailRecipients(day: day) == [carol.key])
        #expect(try server.messages(to: carol.text).count == 1)
        #expect(try server.messages(to: dave.text).isEmpty)

        // The retry, with the bad address dropped: carol is not sent the digest twice.
        let retry = try MailJob.run(fixture.options(server, to: [carol, dave]))
        #expect(retry.sent == [dave] && retry.alreadySent == [carol])
        #expect(try server.messages(to: carol.text).count == 1)
        #expect(try server.messages(to: dave.text).count == 1)
        #expect(try store.mailRecipients(day: day) == [carol.key, dave.key])

        var forced = fixture.options(server, to: [carol])
        forced.force = true
        #expect(try MailJob.run(forced).sent == [carol])
        let copies = try server.messages(to: carol.text)
        #expect(copies.count == 2)
        #expect(copies[0].headers["Message-ID"] == copies[1].headers["Message-ID"])
    }

    @Test(arguments: ["login", "plainauth"])
    func logsInWithTheMechanismTheServerOffers(server name: String) throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let erin = MailFixture.address("erin")
        let login = SMTPLogin(user: SMTPTestServer.user, password: SMTPTestServer.password)
        _ = try MailJob.run(fixture.options(server, name, to: [erin], login: login))
        let mail = try #require(try server.messages(to: erin.text).first)
        #expect(mail.login == SMTPTestServer.user)
        #expect(mail.mechanism == (name == "login" ? "LOGIN" : "PLAIN"))
        #expect(!mail.raw.contains(SMTPTestServer.password))

        let wrong = SMTPLogin(user: SMTPTestServer.user, password: "not-the-password")
        let frank = MailFixture.address("frank")
        #expect {
            try MailJob.run(fixture.options(server, name, to: [frank], login: wrong))
        } throws: { error in
            "\(error)".contains("535") && !"\(error)".contains("not-the-password")
        }
        #expect(try Store(path: fixture.db).mailRecipients(day: CivilDate(iso: "2026-03-07")!.dayNumber).contains(frank.key) == false)
    }

    @Test func usesSTARTTLSWhenTheServerOffersIt() throws {
        let server = try SMTPTestServer.start()
        try #require(server.caFile != nil, "openssl could not make the test certificate")
        let fixture = try MailFixture()
        let grace = MailFixture.address("grace")
        let login = SMTPLogin(user: SMTPTestServer.user, password: SMTPTestServer.password)
        _ = try MailJob.run(fixture.options(server, "tls", to: [grace], login: login))
        let mail = try #require(try server.messages(to: grace.text).first)
        #expect(mail.tls)
        #expect(mail.login == SMTPTestServer.user)
    }

    @Test func requireTLSRefusesAServerWithoutSTARTTLS() throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let heidi = MailFixture.address("heidi")
        #expect(throws: MailError.self) {
            try MailJob.run(fixture.options(server, to: [heidi], requireTLS: true))
        }
        #expect(try server.messages(to: heidi.text).isEmpty)
        #expect(try Store(path: fixture.db).mailRecipients(day: CivilDate(iso: "2026-03-07")!.dayNumber).isEmpty)
    }

    @Test func aDayInProgressOrWithoutReportIsRefused() throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let ivan = MailFixture.address("ivan")
        #expect { try MailJob.run(fixture.options(server, to: [ivan], date: "2026-03-08")) } throws: {
            "\($0)".contains("2026-03-08 is still in progress")
        }
        #expect { try MailJob.run(fixture.options(server, to: [ivan], date: "2026-02-01")) } throws: {
            "\($0)".contains("2026-02-01 has no report")
        }
        #expect(try server.messages(to: ivan.text).isEmpty)

        var missing = fixture.options(server, to: [ivan])
        missing.databasePath = fixture.folder.appendingPathComponent("none.sqlite").path
        #expect { try MailJob.run(missing) } throws: { "\($0)".contains("run twitch-stats build first") }
        #expect(!FileManager.default.fileExists(atPath: missing.databasePath))
    }

    @Test func aNonASCIISubjectAndBodyArriveAsWritten() throws {
        let server = try SMTPTestServer.start()
        let karl = MailFixture.address("karl")
        let subject = "Статистика Twitch: 日本語のチャンネル, γάμμα и ещё " + String(repeating: "ü", count: 30)
        let text = "Top: γάμμα 201 — 日本語\n" + String(repeating: "é", count: 600) + "\n.\n.leading dot\n"
        let message = DigestMessage(
            from: MailAddress("stats@example.org")!, to: karl, subject: subject, date: Date(), day: "2026-03-07",
            text: text, html: "<p>γάμμα</p>", listUnsubscribe: "https://stats.example.org/unsubscribe?u=1")
        try SMTPSender(SMTPConfiguration(url: server.url("plain"))).send(message.rendered(), from: message.from, to: karl)
        let mail = try #require(try server.messages(to: karl.text).first)
        #expect(mail.headers["Subject"] == subject)
        #expect(mail.rawHeaders.contains("Subject: =?UTF-8?B?"))
        #expect(mail.headers["List-Unsubscribe"] == "<https://stats.example.org/unsubscribe?u=1>")
        #expect(mail.part("text/plain")?.replacingOccurrences(of: "\r\n", with: "\n") == text)
        #expect(mail.part("text/html") == "<p>γάμμα</p>")
        #expect(mail.longestLine <= 78)
    }

    static func hrefs(_ html: String) -> [String] {
        html.matches(of: #/href="([^"]*)"/#).map { String($0.output.1) }
    }
}

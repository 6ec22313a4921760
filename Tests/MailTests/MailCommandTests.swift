import Foundation
import Mail
import Testing

/// The real `twitch-stats mail` command: exit status, output, and where the password may not go.
@Suite("mail command")
struct MailCommandTests {
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("twitch-stats")
    }

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func mail(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the twitch-stats product first")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["mail"] + arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                   errors: String(decoding: err, as: UTF8.self))
    }

    @Test func logsInFromTheEnvironmentAndNeverShowsThePassword() throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let judy = MailFixture.address("judy")
        let arguments = ["--db", fixture.db, "--out", fixture.site.path, "--smtp-url", server.url("login"),
                         "--from", "stats@example.org", "--to", judy.text, "--log-format", "json"]
        let environment = [SMTPLogin.userVariable: SMTPTestServer.user, SMTPLogin.passwordVariable: SMTPTestServer.password]
        let run = try Self.mail(arguments, environment: environment)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("mailed the digest of 2026-03-07 to 1 recipient"))
        #expect(!arguments.joined().contains(SMTPTestServer.password))
        #expect(!run.output.contains(SMTPTestServer.password) && !run.errors.contains(SMTPTestServer.password))
        #expect(try server.messages(to: judy.text).first?.login == SMTPTestServer.user)

        let again = try Self.mail(arguments, environment: environment)
        #expect(again.status == 0)
        #expect(again.output.contains("to 0 recipients; 1 already had it"))
        #expect(try server.messages(to: judy.text).count == 1)
    }

    @Test func aRefusedRecipientExitsNonZeroWithTheServersReply() throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let run = try Self.mail(["--db", fixture.db, "--out", fixture.site.path, "--smtp-url", server.url("plain"),
                                 "--to", "reject-\(UUID().uuidString.prefix(8))@example.org"])
        #expect(run.status != 0)
        #expect(run.errors.contains("550 5.1.1"), "\(run.errors)")
    }

    @Test func aCredentialsFileOthersCanReadIsRefused() throws {
        let server = try SMTPTestServer.start()
        let fixture = try MailFixture()
        let file = fixture.folder.appendingPathComponent("smtp.env").path
        try "\(SMTPLogin.userVariable)=\(SMTPTestServer.user)\n\(SMTPLogin.passwordVariable)=\"\(SMTPTestServer.password)\"\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let mallory = MailFixture.address("mallory")
        let arguments = ["--db", fixture.db, "--out", fixture.site.path, "--smtp-url", server.url("plainauth"),
                         "--smtp-credentials-file", file, "--to", mallory.text]
        chmod(file, 0o644)
        let open = try Self.mail(arguments)
        #expect(open.status != 0)
        #expect(open.errors.contains("readable by others") && open.errors.contains("chmod 600"))
        #expect(try server.messages(to: mallory.text).isEmpty)

        chmod(file, 0o600)
        let closed = try Self.mail(arguments)
        #expect(closed.status == 0, "\(closed.errors)")
        #expect(!closed.output.contains(SMTPTestServer.password) && !closed.errors.contains(SMTPTestServer.password))
        #expect(try server.messages(to: mallory.text).first?.login == SMTPTestServer.user)
    }

    @Test func aLoginInTheURLOrABadAddressIsRefusedBeforeAnythingIsSent() throws {
        let wrongURL = try Self.mail(["--db", "x.sqlite", "--smtp-url", "smtp://user:secret@127.0.0.1:25", "--to", "a@example.org"])
        #expect(wrongURL.status != 0 && wrongURL.errors.contains("must not hold a login"))
        #expect(!wrongURL.errors.contains("secret@"))
        let badAddress = try Self.mail(["--db", "x.sqlite", "--smtp-url", "smtp://127.0.0.1:25", "--to", "not-an-address"])
        #expect(badAddress.status != 0 && badAddress.errors.contains("is not a mail address"))
    }
}

@Suite("SMTP login")
struct SMTPLoginTests {
    @Test func comesFromTheEnvironmentOrNowhere() throws {
        #expect(try SMTPLogin.resolve(file: nil, environment: [:]) == nil)
        let login = try #require(try SMTPLogin.resolve(
            file: nil, environment: [SMTPLogin.userVariable: "u", SMTPLogin.passwordVariable: "p4ss"]))
        #expect(login.user == "u")
        #expect(!"\(login)".contains("p4ss") && !String(reflecting: login).contains("p4ss"))
        #expect(throws: MailError.self) { try SMTPLogin.resolve(file: nil, environment: [SMTPLogin.userVariable: "u"]) }
    }
}

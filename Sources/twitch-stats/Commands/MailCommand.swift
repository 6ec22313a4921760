import ArgumentParser
import Foundation
import Mail
import Model
import Pipeline

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Mail a day's digest, as build wrote it, through SMTP.",
        discussion: """
            Sends reports/D/email.html with its plain-text version reports/D/email.txt as one \
            multipart/alternative message to each recipient. Links must be absolute: build with \
            --base-url (recorded in the database), or give --base-url here.

            The login comes from TWITCH_STATS_SMTP_USER and TWITCH_STATS_SMTP_PASSWORD in the \
            environment, or from --smtp-credentials-file (the same NAME=value lines, readable by \
            its owner only); never from the command line. smtp:// URLs use STARTTLS when the server \
            offers it (--require-tls refuses to send without it); smtps:// URLs use TLS throughout.

            Each recipient sent a day's digest is recorded in the database as soon as the server \
            has taken it: a retry after a failure sends only to the others (--force sends again). \
            A failed send exits non-zero with the server's reply.

            Example: TWITCH_STATS_SMTP_USER=digest TWITCH_STATS_SMTP_PASSWORD=... \\
                       twitch-stats mail --db twitch.sqlite --out site \\
                       --smtp-url smtp://mail.example.org:587 --require-tls \\
                       --from stats@example.org --to alice@example.org bob@example.org
            """
    )

    @Option(help: "The SQLite database file.")
    var db: String

    @Option(help: "The site folder build wrote.")
    var out: String = "site"

    @Option(help: "The SMTP server: smtp://host[:port] (STARTTLS when offered) or smtps://host[:port].")
    var smtpURL: String

    @Option(parsing: .upToNextOption, help: "One or more recipient addresses.")
    var to: [String]

    @Option(help: "The sender address (default: twitch-stats@ this machine's host name).")
    var from: String?

    @Option(help: "The day to send, YYYY-MM-DD (default: the latest complete day).")
    var date: String?

    @Option(help: "The site's absolute URL, for a site built without --base-url.")
    var baseURL: String?

    @Option(help: "A file of TWITCH_STATS_SMTP_USER=... and TWITCH_STATS_SMTP_PASSWORD=... lines (mode 600).")
    var smtpCredentialsFile: String?

    @Option(help: "A PEM file of certificate authorities to trust for the server's certificate.")
    var smtpCAFile: String?

    @Flag(help: "Refuse to send unless the connection is encrypted (STARTTLS or smtps://).")
    var requireTLS = false

    @Option(help: "A mailto: or https: URL for the List-Unsubscribe header.")
    var listUnsubscribe: String?

    @Flag(help: "Send again to recipients already sent this day's digest.")
    var force = false

    @OptionGroup var log: LogFormatOption

    func validate() throws {
        guard smtpURL.hasPrefix("smtp://") || smtpURL.hasPrefix("smtps://") else {
            throw ValidationError("--smtp-url must start with smtp:// or smtps://.")
        }
        if URL(string: smtpURL)?.user != nil || URL(string: smtpURL)?.password != nil {
            throw ValidationError(
                "--smtp-url must not hold a login: use TWITCH_STATS_SMTP_USER and TWITCH_STATS_SMTP_PASSWORD or --smtp-credentials-file.")
        }
        for address in to + [from].compactMap({ $0 }) where MailAddress(address) == nil {
            throw ValidationError("'\(address)' is not a mail address (name@example.org).")
        }
        if let date, CivilDate(iso: date) == nil { throw ValidationError("--date must be a day as YYYY-MM-DD.") }
        try BaseURLOption.validate(baseURL)
        if let listUnsubscribe {
            let allowed = listUnsubscribe.hasPrefix("mailto:") || listUnsubscribe.hasPrefix("https://") || listUnsubscribe.hasPrefix("http://")
            guard allowed, !listUnsubscribe.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
                throw ValidationError("--list-unsubscribe must be a mailto: or http(s) URL without spaces or angle brackets.")
            }
        }
    }

    func run() throws {
        log.logFormat.bootstrap()
        let login = try SMTPLogin.resolve(file: smtpCredentialsFile)
        let sender = from.flatMap(MailAddress.init) ?? MailAddress("twitch-stats@" + ProcessInfo.processInfo.hostName)
            ?? MailAddress("twitch-stats@localhost")!
        let options = MailOptions(
            databasePath: db, output: URL(fileURLWithPath: out),
            smtp: SMTPConfiguration(url: smtpURL, requireTLS: requireTLS, login: login, caFile: smtpCAFile),
            from: sender, recipients: to.compactMap(MailAddress.init), date: date.flatMap { CivilDate(iso: $0) },
            baseURL: baseURL, listUnsubscribe: listUnsubscribe, force: force)
        let report = try MailJob.run(options)
        var line = "mailed the digest of \(report.day.iso) to \(report.sent.count) recipient\(report.sent.count == 1 ? "" : "s")"
        if !report.alreadySent.isEmpty {
            line += "; \(report.alreadySent.count) already had it (--force sends again)"
        }
        print(line)
    }
}

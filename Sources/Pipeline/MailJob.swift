import Foundation
import Logging
import Mail
import Metrics
import Model
import Site
import Store

/// What `mail` is asked to do.
public struct MailOptions: Sendable {
    public var databasePath: String
    /// The site folder `build` wrote: the digest is read from `reports/D/email.html` and `email.txt`.
    public var output: URL
    public var smtp: SMTPConfiguration
    public var from: MailAddress
    public var recipients: [MailAddress]
    /// The day to send; nil for the latest complete day.
    public var date: CivilDate?
    /// The site's absolute URL, for digests built without `--base-url`; nil uses the URL the build recorded.
    public var baseURL: String?
    public var listUnsubscribe: String?
    /// Send again to recipients already sent this day's digest.
    public var force: Bool

    public init(databasePath: String, output: URL, smtp: SMTPConfiguration, from: MailAddress, recipients: [MailAddress],
                date: CivilDate? = nil, baseURL: String? = nil, listUnsubscribe: String? = nil, force: Bool = false) {
        self.databasePath = databasePath
        self.output = output
        self.smtp = smtp
        self.from = from
        self.recipients = recipients
        self.date = date
        self.baseURL = baseURL
        self.listUnsubscribe = listUnsubscribe
        self.force = force
    }
}

/// What `mail` did.
public struct MailReport: Sendable {
    public var day: CivilDate
    public var sent: [MailAddress] = []
    /// Recipients skipped because the record says they already have this day's digest.
    public var alreadySent: [MailAddress] = []
}

public enum MailJobError: Error, CustomStringConvertible {
    case noBuild(String)
    case noCompleteDay
    case dayNotReported(String)
    case dayInProgress(String)
    case digestMissing(String)
    case digestOutdated(String)
    case relativeLinks(path: String, link: String)

    public var description: String {
        switch self {
        case .noBuild(let db): return "\(db) has no built site yet: run twitch-stats build first"
        case .noCompleteDay: return "no day is complete yet: there is no digest to send"
        case .dayNotReported(let day): return "\(day) has no report: no crawl was consolidated on that day"
        case .dayInProgress(let day): return "\(day) is still in progress: its digest is mailed once the day is over"
        case .digestMissing(let path): return "\(path) does not exist: run twitch-stats build with this --out first"
        case .digestOutdated(let path):
            return "\(path) was built while its day was in progress: run twitch-stats build again first"
        case .relativeLinks(let path, let link):
            return "\(path) has relative links (\(link)): build with --base-url URL, or pass --base-url to mail"
        }
    }
}

/// `twitch-stats mail`: sends a day's digest, as built, to each recipient not yet sent it, and
/// records each recipient as soon as the server has taken the message.
public enum MailJob {
    public static func run(_ options: MailOptions, logger: Logger = Logger(label: "twitch-stats.mail"),
                           now: () -> Date = Date.init) throws -> MailReport {
        // Opening a missing file would create an empty database.
        guard FileManager.default.fileExists(atPath: options.databasePath) else {
            throw MailJobError.noBuild(options.databasePath)
        }
        // Two runs at once (a retry while the scheduled one is still sending) would both read
        // the recipients before either recorded one, and send the digest twice.
        let lock = try JobLock.mail(database: options.databasePath)
        defer { lock.release() }
        let store = try Store(path: options.databasePath)
        guard let zone = try store.meta(.timeZone), let calendar = ReportCalendar(identifier: zone) else {
            throw MailJobError.noBuild(options.databasePath)
        }
        let reported = try ReportedDays.all(store: store, calendar: calendar)
        let newest = try store.meta(.consolidatedThrough).flatMap { Millis($0) } ?? 0
        let complete = reported.filter { calendar.dayBounds($0).end <= newest }
        let day: Int
        if let date = options.date {
            guard reported.contains(date.dayNumber) else { throw MailJobError.dayNotReported(date.iso) }
            guard complete.contains(date.dayNumber) else { throw MailJobError.dayInProgress(date.iso) }
            day = date.dayNumber
        } else {
            guard let last = complete.last else { throw MailJobError.noCompleteDay }
            day = last
        }
        let iso = CivilDate(dayNumber: day).iso
        let recordedBase = try store.siteState(PagesStep.baseURLKey).flatMap { $0.isEmpty ? nil : $0 }
        let digest = try DigestFiles.read(
            site: options.output, iso: iso, baseURL: options.baseURL ?? recordedBase)

        var report = MailReport(day: CivilDate(dayNumber: day))
        let already = try store.mailRecipients(day: day)
        var seen = Set<String>()
        let sender = try SMTPSender(options.smtp)
        for recipient in options.recipients where seen.insert(recipient.key).inserted {
            if already.contains(recipient.key) && !options.force {
                report.alreadySent.append(recipient)
                continue
            }
            let message = DigestMessage(
                from: options.from, to: recipient, subject: digest.subject, date: now(), day: iso,
                text: digest.text, html: digest.html, listUnsubscribe: options.listUnsubscribe)
            try sender.send(message.rendered(), from: options.from, to: recipient)
            try store.recordMailSent(day: day, recipient: recipient.text, messageID: message.messageID,
                                     sentAt: Millis(now().timeIntervalSince1970 * 1000))
            logger.info("digest sent", metadata: ["day": "\(iso)", "to": "\(recipient)"])
            report.sent.append(recipient)
        }
        return report
    }
}

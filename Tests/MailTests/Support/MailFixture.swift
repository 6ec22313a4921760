import Foundation
import Import
import Mail
import Pipeline
import Model
import Store
import TestSupport

/// The tiny fixture (two days, 2026-03-07 complete and 2026-03-08 in progress, Greek and Japanese
/// names) imported and built into a temporary folder.
final class MailFixture {
    static let base = "https://stats.example.org/twitch/"
    private let scratch: ScratchFolder
    var folder: URL { scratch.url }
    var db: String { folder.appendingPathComponent("db.sqlite").path }
    var site: URL { folder.appendingPathComponent("site") }

    init(baseURL: String? = MailFixture.base) throws {
        scratch = try ScratchFolder()
        _ = try ImportJob.run(store: try Store(path: db), paths: [Fixtures.tinyNDJSON.path], skipInvalid: false)
        _ = try BuildJob.run(BuildOptions(databasePath: db, output: site, baseURL: baseURL))
    }

    func text(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: site.appendingPathComponent(path).path) ?? Data(), as: UTF8.self)
    }

    /// Addresses unique to one test, so that tests running at once tell their mail apart.
    static func address(_ name: String) -> MailAddress {
        MailAddress("\(name)-\(UUID().uuidString.prefix(8).lowercased())@example.org")!
    }

    func options(_ server: SMTPTestServer, _ name: String = "plain", to: [MailAddress], date: String? = nil,
                 login: SMTPLogin? = nil, requireTLS: Bool = false) -> MailOptions {
        MailOptions(
            databasePath: db, output: site,
            smtp: SMTPConfiguration(url: server.url(name), requireTLS: requireTLS, login: login, caFile: server.caFile,
                                    connectTimeoutMillis: 5_000, totalTimeoutMillis: 20_000),
            from: MailAddress("stats@example.org")!, recipients: to, date: date.flatMap { CivilDate(iso: $0) },
            listUnsubscribe: "mailto:leave@example.org")
    }
}

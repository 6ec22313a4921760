import ArgumentParser
import Testing
@testable import twitch_stats

/// Every command refuses bad options before anything runs (in `validate()`, or in the parser for
/// a missing value), with a message naming the option; corrected, the command line parses.
@Suite struct ValidationTests {
    /// What the command says when it refuses `arguments`, or nil when it accepts them.
    static func refusal<Command: ParsableCommand>(_ command: Command.Type, _ arguments: [String]) -> String? {
        do {
            _ = try command.parse(arguments)
            return nil
        } catch {
            return command.message(for: error)
        }
    }

    @Test func collectRefusesBadCountsIntervalsStoresAndTooManyFilters() {
        let base = ["--db", "twitch.sqlite"]
        #expect(Self.refusal(CollectCommand.self, base) == nil)
        #expect(Self.refusal(CollectCommand.self, base + ["--crawls", "0"]) == "--crawls must be at least 1.")
        #expect(Self.refusal(CollectCommand.self, base + ["--interval=-1"]) == "--interval must be 0 or more seconds.")
        let store = ["--store", "postgres://stats@127.0.0.1:5432/twitch"]
        #expect(Self.refusal(CollectCommand.self, base + store + ["--interval", "300"]) == nil)
        #expect(Self.refusal(CollectCommand.self, base + store)
            == "--store needs --interval: collectors sharing a store take turns by slots of the interval.")
        let notPostgres = Self.refusal(CollectCommand.self, base + ["--store", "mysql://h/db", "--interval", "300"])
        #expect(notPostgres?.contains("not a PostgreSQL URL") == true, "\(notPostgres ?? "accepted")")
        let languages = (0...100).flatMap { ["--language", "l\($0)"] }
        #expect(Self.refusal(CollectCommand.self, base + languages) == "Twitch accepts at most 100 languages and 100 game ids.")
        let games = (0...100).flatMap { ["--game-id", "\($0)"] }
        #expect(Self.refusal(CollectCommand.self, base + games) == "Twitch accepts at most 100 languages and 100 game ids.")
        #expect(Self.refusal(CollectCommand.self, base + Array(languages.dropLast(2))) == nil)
    }

    @Test func importRefusesNoFiles() {
        #expect(Self.refusal(ImportCommand.self, ["--db", "twitch.sqlite", "-"]) == nil)
        #expect(Self.refusal(ImportCommand.self, ["--db", "twitch.sqlite"]) == "Missing expected argument '<files> ...'")
    }

    @Test func buildRefusesUnknownZonesNegativeCountsBadSourcesAndRelativeBaseURLs() {
        let base = ["--db", "twitch.sqlite", "--out", "site"]
        #expect(Self.refusal(BuildCommand.self, base + ["--timezone", "Europe/Berlin", "--base-url", "https://x.org/"]) == nil)
        #expect(Self.refusal(BuildCommand.self, base + ["--timezone", "Mars/Olympus"])
            == "Unknown time zone 'Mars/Olympus'. Use an IANA name such as UTC or Europe/Berlin.")
        #expect(Self.refusal(BuildCommand.self, base + ["--keep-raw=-1"]) == "--keep-raw must be 0 or more days.")
        #expect(Self.refusal(BuildCommand.self, base + ["--channel-pages=-1"]) == "--channel-pages must be 0 or more.")
        #expect(Self.refusal(BuildCommand.self, base + ["--base-url", "stats.example.org"])
            == "--base-url must be an absolute http(s) URL.")
        let source = Self.refusal(BuildCommand.self, base + ["--source", "http://h/db"])
        #expect(source?.contains("not a PostgreSQL URL") == true, "\(source ?? "accepted")")
    }

    @Test func mailRefusesBadServersAddressesDaysAndLinks() {
        let base = ["--db", "twitch.sqlite", "--smtp-url", "smtp://127.0.0.1:2525", "--to", "a@example.org"]
        #expect(Self.refusal(MailCommand.self, base + ["--date", "2026-03-07", "--list-unsubscribe", "mailto:u@example.org"]) == nil)
        #expect(Self.refusal(MailCommand.self, ["--db", "d", "--smtp-url", "http://h", "--to", "a@example.org"])
            == "--smtp-url must start with smtp:// or smtps://.")
        #expect(Self.refusal(MailCommand.self, ["--db", "d", "--smtp-url", "smtps://me:secret@h", "--to", "a@example.org"])
            == "--smtp-url must not hold a login: use TWITCH_STATS_SMTP_USER and TWITCH_STATS_SMTP_PASSWORD or --smtp-credentials-file.")
        #expect(Self.refusal(MailCommand.self, ["--db", "d", "--smtp-url", "smtp://h", "--to"]) == "Missing value for '--to <to>'")
        #expect(Self.refusal(MailCommand.self, ["--db", "d", "--smtp-url", "smtp://h", "--to", "a@example.org", "nobody"])
            == "'nobody' is not a mail address (name@example.org).")
        #expect(Self.refusal(MailCommand.self, base + ["--from", "me"]) == "'me' is not a mail address (name@example.org).")
        #expect(Self.refusal(MailCommand.self, base + ["--date", "2026-02-30"]) == "--date must be a day as YYYY-MM-DD.")
        #expect(Self.refusal(MailCommand.self, base + ["--base-url", "/twitch/"]) == "--base-url must be an absolute http(s) URL.")
        for link in ["ftp://x.org/u", "https://x.org/u nsubscribe", "mailto:<u@example.org>"] {
            #expect(Self.refusal(MailCommand.self, base + ["--list-unsubscribe", link])
                == "--list-unsubscribe must be a mailto: or http(s) URL without spaces or angle brackets.", "\(link)")
        }
    }

    @Test func simulateRefusesSlowSpeedsFaultRatesOutsideZeroToOneAndNoStreams() {
        #expect(Self.refusal(SimulateCommand.self, ["--speed", "0.1", "--fault-rate", "1", "--streams", "1"]) == nil)
        #expect(Self.refusal(SimulateCommand.self, ["--speed", "0.09"]) == "--speed must be at least 0.1.")
        #expect(Self.refusal(SimulateCommand.self, ["--fault-rate", "1.5"]) == "--fault-rate must be between 0 and 1.")
        #expect(Self.refusal(SimulateCommand.self, ["--fault-rate=-0.1"]) == "--fault-rate must be between 0 and 1.")
        #expect(Self.refusal(SimulateCommand.self, ["--streams", "0"]) == "--streams must be at least 1.")
    }

    @Test func demoRefusesDaysCollectorsAndStreamsOutOfRangeAndAStoreWithoutCollectors() {
        #expect(Self.refusal(DemoCommand.self, ["--days", "60", "--collectors", "8", "--streams", "10"]) == nil)
        #expect(Self.refusal(DemoCommand.self, ["--days", "0"]) == "--days must be between 1 and 60.")
        #expect(Self.refusal(DemoCommand.self, ["--days", "61"]) == "--days must be between 1 and 60.")
        #expect(Self.refusal(DemoCommand.self, ["--collectors", "0"]) == "--collectors must be between 1 and 8.")
        #expect(Self.refusal(DemoCommand.self, ["--collectors", "9"]) == "--collectors must be between 1 and 8.")
        #expect(Self.refusal(DemoCommand.self, ["--store", "postgres://stats@127.0.0.1:5432/demo"]) == "--store needs --collectors.")
        let store = Self.refusal(DemoCommand.self, ["--collectors", "2", "--store", "sqlite://demo"])
        #expect(store?.contains("not a PostgreSQL URL") == true, "\(store ?? "accepted")")
        #expect(Self.refusal(DemoCommand.self, ["--streams", "9"]) == "--streams must be between 10 and 200,000.")
        #expect(Self.refusal(DemoCommand.self, ["--streams", "200001"]) == "--streams must be between 10 and 200,000.")
    }
}

import ArgumentParser
import Foundation
import Helix
import Logging
import Pipeline
import PostgresStore

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Crawl Twitch's Get Streams again and again and store every complete crawl.",
        discussion: """
            Credentials come from TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET, or from --client-secret-file \
            (NAME=value lines, readable by its owner only). An app access token is fetched by the \
            client-credentials grant and renewed before it expires or at once on a 401.

            Each crawl follows every page of /helix/streams (100 streams a page), paced by the \
            Ratelimit headers; a page that fails is retried with backoff, a crawl that still cannot \
            finish is recorded as failed, and only complete crawls are stored (one transaction each). \
            Runs until SIGINT/SIGTERM (the crawl in progress is dropped) or until --crawls are stored.

            With --store, crawls land in a shared PostgreSQL store instead, where several collectors \
            take turns by slots of --interval; while the store is out of reach they are kept in --db \
            and uploaded when it answers again.

            Example: TWITCH_CLIENT_ID=… TWITCH_CLIENT_SECRET=… twitch-stats collect --db twitch.sqlite
            Against the simulator: twitch-stats collect --db demo.sqlite --crawls 3 \\
                --api-url http://127.0.0.1:8080/helix --token-url http://127.0.0.1:8080/oauth2/token
            Sharing a store: twitch-stats collect --db spool.sqlite --interval 300 \\
                --store 'postgres://collector@db.example.org:5432/twitch?sslmode=verify-full' --collector eu-1
            """
    )

    @Option(help: "The SQLite database file (created if missing). With --store, only the spool for crawls the shared store cannot take yet.")
    var db: String

    @Option(help: "A shared PostgreSQL store (postgres://USER@HOST:PORT/DB?sslmode=…) to land crawls in. The password comes from PGPASSWORD, ~/.pgpass or --store-password-file, never the URL.")
    var store: String?

    @Option(help: "A file whose first line is the --store password (mode 600).")
    var storePasswordFile: String?

    @Option(help: "This collector's name in the shared store (default: the host name).")
    var collector: String?

    @Option(help: "Stop after this many complete crawls (default: run until stopped).")
    var crawls: Int?

    @Option(help: "Least seconds between crawl starts (0: back to back, paced by the rate limit).")
    var interval: Double = 0

    @Option(help: "The Helix API base URL.")
    var apiURL = "https://api.twitch.tv/helix"

    @Option(help: "The OAuth token endpoint.")
    var tokenURL = "https://id.twitch.tv/oauth2/token"

    @Option(name: .customLong("language"), help: "Only streams in this language (repeatable).")
    var languages: [String] = []

    @Option(name: .customLong("game-id"), help: "Only streams of this game id (repeatable).")
    var gameIDs: [String] = []

    @Option(help: "A file with TWITCH_CLIENT_ID=… and TWITCH_CLIENT_SECRET=… lines (mode 600).")
    var clientSecretFile: String?

    @OptionGroup var log: LogFormatOption

    func validate() throws {
        if let crawls, crawls < 1 { throw ValidationError("--crawls must be at least 1.") }
        if interval < 0 { throw ValidationError("--interval must be 0 or more seconds.") }
        if let store {
            _ = try PostgresLocation(url: store)
            if interval <= 0 { throw ValidationError("--store needs --interval: collectors sharing a store take turns by slots of the interval.") }
        }
        if languages.count > 100 || gameIDs.count > 100 {
            throw ValidationError("Twitch accepts at most 100 languages and 100 game ids.")
        }
    }

    func run() throws {
        log.logFormat.bootstrap()
        let credentials = try Credentials.resolve(secretFile: clientSecretFile)
        let stop = StopFlag()
        let trap = SignalTrap(stop: stop)
        defer { trap.cancel() }
        let options = CollectOptions(
            databasePath: db, crawls: crawls, intervalSeconds: interval,
            endpoints: CollectOptions.endpoints(apiURL: apiURL, tokenURL: tokenURL), languages: languages,
            gameIDs: gameIDs,
            shared: try store.map {
                SharedStoreOptions(
                    location: try PostgresLocation(url: $0, passwordFile: storePasswordFile),
                    collector: collector ?? SharedStoreOptions.hostName(),
                    clientLabel: SharedStoreOptions.clientLabel(clientID: credentials.clientID))
            })
        let summary = try CollectJob.run(options, credentials: credentials, stop: stop, progress: ProgressLine.onTerminal())
        let logger = Logger(label: "twitch-stats.collect")
        logger.info("collector finished", metadata: [
            "complete": "\(summary.complete)", "failed": "\(summary.failed)", "stopped": "\(summary.stopped)",
        ])
    }
}

import ArgumentParser

@main
struct TwitchStats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twitch-stats",
        abstract: "Twitch analytics from Get Streams snapshots: collect, import, build a static site.",
        discussion: """
            Data flows one way: collect (or import) raw observations into one SQLite file, then build \
            consolidates them and writes the site: pages, charts and CSV/JSON extracts.

            Start with `twitch-stats demo`, which runs the whole pipeline against a simulated Twitch.
            """,
        subcommands: [
            CollectCommand.self, ImportCommand.self, BuildCommand.self, MailCommand.self, SimulateCommand.self, DemoCommand.self,
        ]
    )
}

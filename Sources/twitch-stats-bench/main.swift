import Foundation

/// `twitch-stats-bench`: prints figures and ratios against the targets; never part of the tests.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: twitch-stats-bench core [--import N] [--build N] [--streams N] [--categories N] [--dir DIR] [--keep yes] [--prepare-only yes]
           twitch-stats-bench core --consolidate-only DB     (consolidate a copy of a prepared database)
           twitch-stats-bench core --build-db DB --out DIR [--target-seconds 30]   (build an existing database, step by step)
           twitch-stats-bench collect [--streams N] [--crawls N]
           twitch-stats-bench shared [--streams N] [--crawls N] [--store URL] [--pulls N]   (land a day in PostgreSQL, pull it N times)
           twitch-stats-bench collectors [--streams N] [--interval S] [--speed X] [--seconds N] [--kill-after N] [--down N] [--kill-in wait|crawl] [--twitch-stats PATH] [--keep yes]
                                             (three collector processes into one PostgreSQL, one killed and restarted)
           twitch-stats-bench site DIR        (page sizes of a built site)
           twitch-stats-bench history --db DB [--days N]   (the pages' history over N days of a built database)
           twitch-stats-bench periods [--days 365] [--streams 10000] [--full-streams 100000] [--build-every 30] [--crawl-minutes 5] [--phase all|history|catch-up|top] [--stop-before-full-build yes] [--dir DIR] [--keep yes]
    """

if arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}

switch arguments.first {
case "core":
    try CoreBenchmark(arguments: Array(arguments.dropFirst())).run()
case "collect":
    try CollectBenchmark(arguments: Array(arguments.dropFirst())).run()
case "serve":
    try await BenchSimulator.serve(arguments: Array(arguments.dropFirst()))
case "shared":
    try SharedStoreBenchmark(arguments: Array(arguments.dropFirst())).run()
case "collectors":
    try CollectorsBenchmark(arguments: Array(arguments.dropFirst())).run()
case "history":
    try HistoryBenchmark(arguments: Array(arguments.dropFirst())).run()
case "periods":
    try PeriodsBenchmark(arguments: Array(arguments.dropFirst())).run()
case "site" where arguments.count == 2:
    SiteBenchmark.report(site: URL(fileURLWithPath: arguments[1]))
default:
    print(usage)
    exit(arguments.isEmpty ? 0 : 2)
}

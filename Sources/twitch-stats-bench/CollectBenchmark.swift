import Foundation
import Helix
import Logging
import Model
import Simulator

/// CPU time and resident memory of the collector per crawl of a full-size Twitch (about
/// 100,000 live streams, 1,000 pages), against the simulator running in a child process so that
/// only the collector's own work is measured.
struct CollectBenchmark {
    let streams: Int
    let crawls: Int

    init(arguments: [String]) {
        let a = BenchArguments(arguments)
        streams = a.int("streams", 100_000)
        crawls = a.int("crawls", 3)
    }

    func run() throws {
        let port = 18_000 + Int(getpid() % 1000)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["serve", "--streams", String(streams), "--port", String(port)]
        child.standardOutput = Pipe()
        try child.run()
        defer { child.terminate(); child.waitUntilExit() }
        try waitForPort(port)

        let stop = StopFlag()
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let crawler = try StreamsCrawler(
            credentials: Credentials(clientID: SimulatorConfig.demoClientID, clientSecret: SimulatorConfig.demoClientSecret),
            endpoints: HelixEndpoints(baseURL: "http://127.0.0.1:\(port)"), stop: stop, logger: logger)
        print("collector benchmark: \(crawls) crawls against a simulator with \(grouped(Double(streams))) streams at peak\n")
        var cpu: [Double] = []
        var observations = 0
        var pages = 0
        for _ in 0..<crawls {
            let before = cpuSeconds()
            let outcome = crawler.crawl()
            cpu.append(cpuSeconds() - before)
            guard case .complete(let crawl, let stats) = outcome else {
                print("crawl did not complete: \(outcome)")
                return
            }
            observations += crawl.observations.count
            pages += stats.pages
            print("crawl: \(crawl.observations.count) observations, \(stats.pages) pages, ended by \(stats.end.map { "\($0)" } ?? "?")")
        }
        let perCrawl = cpu.reduce(0, +) / Double(cpu.count)
        let per100k = perCrawl * 100_000 / (Double(observations) / Double(crawls))
        figure("streams per crawl (average)", grouped(Double(observations) / Double(crawls)))
        figure("pages per crawl (average)", grouped(Double(pages) / Double(crawls)))
        figure("collector CPU per crawl", String(format: "%.2f s", perCrawl))
        figure("collector CPU per 100,000 streams", String(format: "%.2f s", per100k), target: "≤ 1 s", ok: per100k <= 1)
        let rss = peakResidentMB()
        figure("collector peak resident memory", String(format: "%.0f MB", rss), target: "≤ 100 MB", ok: rss <= 100)
    }
}

/// `twitch-stats-bench serve`: the simulator for the collector benchmarks, with a bucket large
/// enough that the rate limit never paces the measured crawls (`--speed`: simulated seconds per
/// real second).
enum BenchSimulator {
    static func serve(arguments: [String]) async throws {
        let a = BenchArguments(arguments)
        var config = SimulatorConfig()
        config.streams = a.int("streams", 100_000)
        config.port = UInt16(a.int("port", 18_000))
        config.rateLimit.capacity = 10_000_000
        config.rateLimit.refillPerMinute = 10_000_000
        if let speed = a.values["speed"].flatMap(Double.init) { config.speed = speed }
        let day: Millis = 86_400_000
        config.start = Clock.nowMillis() / day * day + 20 * 3_600_000  // evening, near the daily peak
        try await SimulatorServer.run(config)
    }
}

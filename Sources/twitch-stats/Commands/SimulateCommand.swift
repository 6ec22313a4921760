import ArgumentParser
import Foundation
import Model
import Simulator

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a realistic simulated Twitch as a Helix-compatible API on loopback.",
        discussion: """
            Serves POST /oauth2/token, GET /oauth2/validate, GET /helix/streams, /helix/games and \
            /helix/users on 127.0.0.1 with Twitch's JSON shapes, rate-limit headers and traps. \
            Any non-empty client id and secret are accepted. Stop with Ctrl-C.

            Example: twitch-stats simulate --port 8080 --streams 5000 --speed 60 --fault-rate 0.02
            then:    TWITCH_CLIENT_ID=x TWITCH_CLIENT_SECRET=y twitch-stats collect --db sim.sqlite \\
                       --api-url http://127.0.0.1:8080/helix --token-url http://127.0.0.1:8080/oauth2/token
            """
    )

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: UInt16 = 8080

    @Option(help: "Live streams at the daily peak (Twitch: about 100,000).")
    var streams: Int = 2_000

    @Option(help: "Simulated seconds per real second (at least 0.1); started_at is shown on the real clock, compressed by it.")
    var speed: Double = 1

    @Option(help: "Seed of the simulated world.")
    var seed: UInt64 = 1

    @Option(help: "Share of requests (0…1) that fail on purpose: 5xx, 429, slow and truncated responses.")
    var faultRate: Double = 0

    func validate() throws {
        // Times the simulator hands out are mapped onto the collector's clock, compressed or
        // stretched by the speed (docs/simulator.md); slower than 0.1, a 16-hour stream would
        // seem to have started more than 7 days ago, and the collector would leave it out.
        guard speed >= 0.1 else { throw ValidationError("--speed must be at least 0.1.") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1.") }
        guard streams >= 1 else { throw ValidationError("--streams must be at least 1.") }
    }

    func run() async throws {
        LogFormat.text.bootstrap()
        var config = SimulatorConfig()
        config.port = port
        config.streams = streams
        config.speed = speed
        config.seed = seed
        config.faultRate = faultRate
        try await SimulatorServer.run(config) { simulator in
            print("helix:  \(simulator.baseURL)\ntoken:  \(simulator.tokenURL)")
        }
    }
}

import FlyingFox
import FlyingSocks
import Foundation
import Logging
import Model

/// Serves the simulated world as a Helix-compatible API on 127.0.0.1.
public enum SimulatorServer {
    /// Builds the world (or serves `world`, shared with another simulator on its own clock),
    /// starts listening and returns once requests can be served.
    public static func start(_ config: SimulatorConfig, world shared: World? = nil) async throws -> RunningSimulator {
        let world = shared ?? World(seed: config.seed, streams: config.streams, epoch: config.start)
        let clock = SimulatedClock(start: config.start, mode: config.speed.map { .scaled(speed: $0) } ?? .manual)
        let tokens = TokenStore(seed: config.seed, lifetimeSeconds: config.tokenLifetime)
        let identity = IdentityEndpoints(config: config, clock: clock, tokens: tokens)
        let gate = HelixGate(config: config, clock: clock, tokens: tokens, limiter: RateLimiter(config.rateLimit))
        let helix = SimulatedHelixEndpoints(
            config: config, world: world,
            listing: StreamListing(world: world, driftRate: config.driftRate, refreshMillis: config.refreshMillis),
            fragments: StreamFragments(world: world, startedAtShown: { clock.collectorTime($0) }))

        let server = HTTPServer(
            address: try sockaddr_in.inet(ip4: "127.0.0.1", port: config.port),
            // FlyingFox answers 500 itself when a handler outlives this; slow faults must not.
            timeout: config.slowResponseSeconds + 30,
            pool: NoDelayPool(base: HTTPServer.defaultPool()),
            logger: .disabled)
        await server.appendRoute("POST /oauth2/token") { await identity.token($0).response }
        await server.appendRoute("GET /oauth2/validate") { identity.validate($0).response }
        await server.appendRoute("POST /oauth2/revoke") { await identity.revoke($0).response }
        await server.appendRoute("GET /helix/streams") { await gate.handle($0, endpoint: helix.streams).response }
        await server.appendRoute("GET /helix/users") { await gate.handle($0, endpoint: helix.users).response }
        await server.appendRoute("GET /helix/games") { await gate.handle($0, endpoint: helix.games).response }
        await server.appendRoute("*") { _ in Reply.helixError(404).response }

        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            task.cancel()
            throw SimulatorError.notListening
        }
        return RunningSimulator(port: port, world: world, clock: clock, tokens: tokens, server: server, task: task)
    }

    /// Serves until the surrounding task is cancelled; for the `simulate` command. `onReady`
    /// receives the running simulator once it listens (to print its URLs).
    public static func run(_ config: SimulatorConfig, onReady: @Sendable (RunningSimulator) -> Void = { _ in }) async throws {
        let simulator = try await start(config)
        let logger = Logger(label: "simulator")
        logger.info("simulated Helix listening", metadata: [
            "helix": "\(simulator.baseURL)", "token": "\(simulator.tokenURL)",
            "streams": "\(config.streams)", "seed": "\(config.seed)",
        ])
        onReady(simulator)
        await withTaskCancellationHandler {
            try? await simulator.task.value
        } onCancel: {
            simulator.task.cancel()
        }
        await simulator.stop()
    }
}

public enum SimulatorError: Error, CustomStringConvertible {
    case notListening

    public var description: String { "the simulator could not bind a port on 127.0.0.1" }
}

/// A simulator that is serving: where to reach it, its clock and world, and how to stop it.
public final class RunningSimulator: Sendable {
    public let port: UInt16
    public let world: World
    public let clock: SimulatedClock
    private let tokens: TokenStore
    private let server: HTTPServer
    let task: Task<Void, any Error>

    init(port: UInt16, world: World, clock: SimulatedClock, tokens: TokenStore, server: HTTPServer,
         task: Task<Void, any Error>) {
        self.port = port
        self.world = world
        self.clock = clock
        self.tokens = tokens
        self.server = server
        self.task = task
    }

    /// `http://127.0.0.1:PORT`
    public var rootURL: String { "http://127.0.0.1:\(port)" }
    /// Helix base, e.g. `http://127.0.0.1:PORT/helix` (append `/streams`).
    public var baseURL: String { rootURL + "/helix" }
    public var tokenURL: String { rootURL + "/oauth2/token" }
    public var validateURL: String { rootURL + "/oauth2/validate" }

    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

import FlyingFox
import FlyingSocks

#if canImport(Glibc)
import Glibc
#endif

/// FlyingFox's socket pool with TCP_NODELAY set on every socket it waits on. FlyingFox writes a
/// response's head and body separately; with Nagle's algorithm the body then waits for the
/// client's delayed ACK, 40 ms a request on Linux, which would dominate a crawl of the simulator.
struct NoDelayPool: AsyncSocketPool {
    let base: any AsyncSocketPool

    func prepare() async throws { try await base.prepare() }
    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        var on: Int32 = 1
        _ = setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}

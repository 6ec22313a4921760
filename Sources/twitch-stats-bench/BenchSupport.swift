import Foundation
import Model

#if canImport(Glibc)
import Glibc
#endif

/// Reads `--name value` options.
struct BenchArguments {
    let values: [String: String]

    init(_ arguments: [String]) {
        var values: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            if arguments[i].hasPrefix("--"), i + 1 < arguments.count {
                values[String(arguments[i].dropFirst(2))] = arguments[i + 1]
                i += 2
            } else {
                i += 1
            }
        }
        self.values = values
    }

    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? fallback }
    func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Peak resident memory of this process so far, in MB.
func peakResidentMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// CPU time (user + system) of this process so far, in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func figure(_ name: String, _ value: String, target: String = "", ok: Bool? = nil) {
    let verdict = ok.map { $0 ? "ok" : "MISSED" } ?? ""
    print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + value.padding(toLength: 22, withPad: " ", startingAt: 0)
          + target.padding(toLength: 22, withPad: " ", startingAt: 0) + verdict)
    // Long runs (the periods benchmark takes an hour) are watched through a file: each figure as it comes
    // (every stream flushed: naming stdout is not concurrency-safe in Swift 6).
    fflush(nil)
}

func grouped(_ n: Double) -> String {
    guard n.isFinite else { return "–" }
    return groupedByThousands(Int(n.rounded()))
}

/// Waits until something listens on the loopback `port` (a child process starting up).
func waitForPort(_ port: Int) throws {
    for _ in 0..<600 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        close(fd)
        if connected == 0 { return }
        usleep(100_000)
    }
    throw CocoaError(.fileReadUnknown)
}

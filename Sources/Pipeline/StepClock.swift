import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How long a step took: wall clock, and CPU time of the thread that ran it (steps run on their
/// own threads when two overlap, so the process's CPU time would mix them up).
struct StepTime: Sendable {
    var wall: Double
    var cpu: Double

    static func measure(_ body: () throws -> Void) throws -> StepTime {
        let wall = DispatchTime.now().uptimeNanoseconds
        let cpu = threadCPUSeconds()
        try body()
        return StepTime(wall: Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9, cpu: threadCPUSeconds() - cpu)
    }

    private static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

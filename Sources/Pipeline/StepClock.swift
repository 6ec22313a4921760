import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How long a step took: wall clock, and CPU time of the thread that ran it (steps run on their
/// own threads when two overlap, so the process's CPU time would mix them up).
struct StepTime: Sendable {
    var wall: Double
    var cpu: Double

    /// Counts the CPU time of this thread and of the `StepHelper`s it joined while `body` ran.
    static func measure(_ body: () throws -> Void) throws -> StepTime {
        let wall = DispatchTime.now().uptimeNanoseconds
        let cpu = threadCPUSeconds() + joinedHelperCPU
        try body()
        return StepTime(wall: Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9,
                        cpu: threadCPUSeconds() + joinedHelperCPU - cpu)
    }

    private static let helperKey = "StepTime.joinedHelperCPU"

    /// CPU seconds of the helpers joined on this thread so far.
    static var joinedHelperCPU: Double {
        get { Thread.current.threadDictionary[helperKey] as? Double ?? 0 }
        set { Thread.current.threadDictionary[helperKey] = newValue }
    }

    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

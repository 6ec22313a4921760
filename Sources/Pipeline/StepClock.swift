import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock and CPU time at one moment, for the build report's step figures. CPU time is the
/// whole process's, so a step that keeps both cores busy shows more CPU than wall time.
struct StepClock {
    var wall: Double
    var cpu: Double

    static func now() -> StepClock {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return StepClock(wall: Double(DispatchTime.now().uptimeNanoseconds) / 1e9, cpu: cpu)
    }

    func since(_ start: StepClock) -> (wall: Double, cpu: Double) {
        (wall - start.wall, cpu - start.cpu)
    }
}

#if os(Linux)
import Glibc
import Model
import Testing

/// A build's steps beside its critical path run at a lower priority: only their own threads.
@Suite struct ThreadPriorityTests {
    @Test func lowerThisThreadsPriorityLowersOnlyTheCallingThread() throws {
        let here = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let beside = try BackgroundWork("test: lowered") { () -> (before: Int32, after: Int32) in
            let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            lowerThisThreadsPriority()
            return (before, getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
        }.value()
        #expect(beside.before == here)
        #expect(beside.after == 5)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == here)
    }
}
#endif

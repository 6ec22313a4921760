import Model

/// Part of a step's work on a second thread. The step clock reads only the CPU time of the
/// thread that runs a step, so a helper's CPU time is added to it when the step joins the helper.
final class StepHelper<Value>: @unchecked Sendable {
    private let work: BackgroundWork<(value: Result<Value, any Error>, cpu: Double)>
    /// Read and written only by the joining thread.
    private var counted = false

    init(_ name: String, _ body: @escaping @Sendable () throws -> Value) {
        work = BackgroundWork(name) {
            let start = StepTime.threadCPUSeconds()
            let value = Result { try body() }
            return (value, StepTime.threadCPUSeconds() - start)
        }
    }

    /// Waits for the helper; its value, or the error it threw.
    func value() throws -> Value {
        let (value, cpu) = try work.value()
        if !counted {
            StepTime.joinedHelperCPU += cpu
            counted = true
        }
        return try value.get()
    }
}

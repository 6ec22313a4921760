/// The reliability tests keep both cores busy with child processes, so they take turns: one runs
/// at a time, beside the rest of the suite, whose in-process servers need some room to answer.
actor Turns {
    static let shared = Turns()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waits (without holding a thread) until no other reliability test runs.
    static func take() async -> Turn {
        await shared.acquire()
        return Turn()
    }

    private func acquire() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
    }

    fileprivate func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// A test's turn; `done()` hands it to the next waiting test.
struct Turn {
    func done() { Task { await Turns.shared.release() } }
}

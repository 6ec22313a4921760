/// The reliability tests keep the cores busy with child processes, so they take turns: two run at
/// a time (a kill test runs one child at a time), beside the rest of the suite, whose in-process
/// servers need some room to answer.
actor Turns {
    static let shared = Turns()
    static let atOnce = 2
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waits (without holding a thread) for a turn.
    static func take() async -> Turn {
        await shared.acquire()
        return Turn()
    }

    private func acquire() async {
        if running < Self.atOnce {
            running += 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    fileprivate func release() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}

/// A test's turn; `done()` hands it to the next waiting test.
struct Turn {
    func done() { Task { await Turns.shared.release() } }
}

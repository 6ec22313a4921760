import Foundation

/// Puts the new version of the site (the staging folder) in place of the published one, whole or
/// not at all: every failure leaves the published site as it was, or puts it back.
///
/// Where the atomic exchange exists (Linux on most file systems) the two folders trade places in
/// one step. Elsewhere the published folder is moved aside, the new version moved in, and the
/// aside copy removed; a failure after the first move puts the published folder back. A crash
/// between the two moves leaves no folder at the output path for a moment; the next build moves
/// the aside copy back before it starts (`recoverLeftovers`).
struct FolderSwap {
    let output: String
    let staging: String
    /// Where the fallback keeps the published version while the new one moves in.
    let aside: String
    let operations: PublishOperations
    private var parent: String { (output as NSString).deletingLastPathComponent }

    init(output: URL, operations: PublishOperations) {
        self.output = output.path
        let name = output.lastPathComponent
        let parent = output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(name).staging").path
        aside = parent.appendingPathComponent(".\(name).old").path
        self.operations = operations
    }

    /// Before a new version is assembled: moves back a published site that an interrupted
    /// fallback left aside, and removes the staging and aside folders a failed or killed build left.
    func recoverLeftovers() throws {
        if !exists(output) && exists(aside) {
            let code = operations.rename(aside, output)
            guard code == 0 else {
                throw PublishError(path: aside, reason: "an interrupted publish left the previous site here and it cannot be moved back to \(output): \(errorText(code))")
            }
        }
        for leftover in [staging, aside] where exists(leftover) {
            let code = operations.removeTree(leftover)
            guard code == 0 else {
                throw PublishError(path: leftover, reason: "cannot remove what an earlier build left: \(errorText(code))")
            }
        }
    }

    /// Makes the new version durable, then puts it in place.
    func swapIn() throws {
        // One flush of the whole file system before the swap makes the new version durable before
        // it is visible. A flush that fails means some bytes may never reach the disk: publishing
        // them anyway could serve a site that is lost or torn at the next power cut.
        try unchanged(operations.flushFileSystem(staging), "cannot flush the new version to disk")
        guard exists(output) else { return try moveInFirstVersion() }

        let exchanged = operations.exchange(staging, output)
        guard exchanged == 0 else {
            guard PublishOperations.exchangeIsUnavailable(exchanged) else {
                throw PublishError(path: output, reason: "cannot swap in the new version: \(errorText(exchanged)); the published site is unchanged")
            }
            return try swapByMovingAside()
        }
        let flushed = operations.flushFolder(parent)
        if flushed != 0 {
            let back = operations.exchange(staging, output)
            throw PublishError(path: parent, reason: "cannot flush the swap to disk: \(errorText(flushed)); "
                + (back == 0 ? "the previous site is back in place" : "the new version stays published (swapping back failed: \(errorText(back)))"))
        }
        // The staging folder now holds the previous version. What a failed removal leaves, the
        // next build removes.
        _ = operations.removeTree(staging)
    }

    private func moveInFirstVersion() throws {
        try unchanged(operations.rename(staging, output), "cannot move the new version in")
        let flushed = operations.flushFolder(parent)
        if flushed != 0 {
            let back = operations.rename(output, staging)
            throw PublishError(path: parent, reason: "cannot flush the new folder's entry to disk: \(errorText(flushed)); "
                + (back == 0 ? "nothing is published" : "the new version stays published (moving it back failed: \(errorText(back)))"))
        }
    }

    /// The fallback without an atomic exchange: two moves, and the published folder put back if
    /// anything fails after the first.
    private func swapByMovingAside() throws {
        if exists(aside) { try unchanged(operations.removeTree(aside), "cannot remove the folder \(aside)") }
        try unchanged(operations.rename(output, aside), "cannot move the published site aside to \(aside)")
        let movedIn = operations.rename(staging, output)
        guard movedIn == 0 else { throw restore(after: "cannot move the new version in: \(errorText(movedIn))") }
        let flushed = operations.flushFolder(parent)
        if flushed != 0 {
            let back = operations.rename(output, staging)
            guard back == 0 else {
                throw PublishError(path: parent, reason: "cannot flush the swap to disk: \(errorText(flushed)); the new version stays published (moving it back failed: \(errorText(back)))")
            }
            throw restore(after: "cannot flush the swap to disk: \(errorText(flushed))")
        }
        // The previous version; what a failed removal leaves, the next build removes.
        _ = operations.removeTree(aside)
    }

    /// Moves the published folder back from aside; the error to throw says whether that worked.
    private func restore(after failure: String) -> PublishError {
        let code = operations.rename(aside, output)
        guard code == 0 else {
            return PublishError(path: output, reason: "\(failure); the previous site is at \(aside) and cannot be moved back (\(errorText(code))): the next build moves it back")
        }
        return PublishError(path: output, reason: "\(failure); the previous site is back in place")
    }

    /// Throws when `code` is a failure, saying that nothing was published.
    private func unchanged(_ code: Int32, _ what: String) throws {
        guard code != 0 else { return }
        throw PublishError(path: output, reason: "\(what): \(errorText(code)); the published site is unchanged")
    }

    private func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}

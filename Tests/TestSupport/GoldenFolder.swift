import Foundation
import Testing

/// Compares output byte for byte with the golden files of one test target: the files in
/// Tests/<target>/Golden of the source tree (found via `#filePath`).
///
/// With `UPDATE_GOLDEN=1` in the environment the output is written to that folder instead of
/// compared, so golden files change only deliberately:
///
///     UPDATE_GOLDEN=1 swift test --filter <Target>
public struct GoldenFolder: Sendable {
    /// The test target's name, for the update command.
    public let target: String
    /// The Golden folder in the source tree.
    public let folder: URL

    public init(target: String) {
        self.target = target
        folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(target, isDirectory: true).appendingPathComponent("Golden", isDirectory: true)
    }

    public var updateCommand: String { "UPDATE_GOLDEN=1 swift test --filter \(target)" }

    public static var isUpdating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    public func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if Self.isUpdating {
            try Data(actual.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
            return
        }
        guard let expectedData = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
            Issue.record(Comment(rawValue: "Golden file \(name) is missing; create it with: \(updateCommand)"),
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: expectedData, as: UTF8.self)
        guard expected != actual else { return }
        Issue.record(Comment(rawValue: mismatch(name: name, expected: expected, actual: actual)), sourceLocation: sourceLocation)
    }

    /// Where the two outputs first differ, with a little context from each.
    private func mismatch(name: String, expected: String, actual: String) -> String {
        let e = Array(expected.utf8)
        let a = Array(actual.utf8)
        var offset = 0
        while offset < e.count && offset < a.count && e[offset] == a[offset] { offset += 1 }
        func excerpt(_ bytes: [UInt8]) -> String {
            let low = Swift.max(0, offset - 60)
            let high = Swift.min(bytes.count, offset + 60)
            return String(decoding: bytes[low..<high], as: UTF8.self)
        }
        return """
            Output differs from golden file \(name) at byte \(offset) \
            (expected \(e.count) bytes, got \(a.count)).
            expected: …\(excerpt(e))…
            actual:   …\(excerpt(a))…
            If the change is intended, update the golden files with: \(updateCommand)
            """
    }
}

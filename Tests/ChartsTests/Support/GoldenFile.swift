import Foundation
import GoldenFiles
import Testing

/// This target's golden files (Tests/ChartsTests/Golden); see `GoldenFolder`.
enum GoldenFile {
    static let folder = GoldenFolder(
        target: "ChartsTests",
        resources: Bundle.module.resourceURL?.appendingPathComponent("Golden", isDirectory: true),
        source: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden", isDirectory: true))

    static var updateCommand: String { folder.updateCommand }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try folder.check(actual, named: name, sourceLocation: sourceLocation)
    }
}

import Foundation

/// The test fixtures in the source tree's Tests/Fixtures (found via `#filePath`, so every test
/// target reads the same files without copying them into its bundle).
public enum Fixtures {
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures", isDirectory: true)

    /// The contract's tiny fixture: two days of hand-made crawls and their expected extracts
    /// (its README says what each file holds).
    public static var tiny: URL { folder.appendingPathComponent("tiny", isDirectory: true) }

    public static var tinyNDJSON: URL { tiny.appendingPathComponent("streams.ndjson") }
    public static var tinyCSV: URL { tiny.appendingPathComponent("streams.csv") }
}

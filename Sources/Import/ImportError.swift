/// A bad input row or file, named so a person can find it: `FILE:LINE: FIELD: reason`.
public struct ImportError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int
    public var field: String
    public var reason: String

    public init(file: String, line: Int, field: String, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(field): \(reason)" }
}

/// A problem with one row, before the reader adds the file name and line.
struct RowProblem: Error {
    var field: String
    var reason: String
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// Reads observations from an NDJSON or CSV file (or `-` for standard input), gzipped or not.
/// The format is told by the first non-blank byte: `{` starts NDJSON, anything else is a CSV header.
public final class ObservationReader {
    public let displayName: String
    private let source: ByteSource
    private let rules: Plausibility

    /// The longest NDJSON line or CSV record read (a Get Streams row is a kilobyte or two): a file
    /// without line breaks, or a CSV quote never closed, is refused here instead of being read
    /// into memory whole.
    public static let maxRecordBytes = 1 << 20

    /// - Parameter rules: the plausibility rules rows must meet; by default as of now.
    public init(path: String, rules: Plausibility = Plausibility()) throws {
        displayName = path == "-" ? "<stdin>" : path
        source = try ByteSource(path: path, displayName: displayName)
        self.rules = rules
    }

    /// Size of the input on disk, when known (not for standard input).
    public var totalBytes: Int64? { source.totalBytes }
    /// How far into the input on disk reading has come.
    public var bytesConsumed: Int64 { source.compressedOffset }

    /// Calls `body` with each row in order: an observation and its line, or the row's error.
    /// Problems with the file as a whole (unreadable, corrupt or truncated gzip, bad CSV header, a
    /// line or CSV record over `maxRecordBytes`) are thrown.
    public func forEach(_ body: (Result<(Observation, Int), ImportError>) throws -> Void) throws {
        try forEachRow(expandRepeats: true) { row in
            switch row {
            case .observation(let o, let line, _): try body(.success((o, line)))
            case .failure(let error): try body(.failure(error))
            case .repeated, .tokensReset: break  // not produced when repeats are expanded
            }
        }
    }

    /// Calls `body` with each row in order, repeats of a stream's previous line as `.repeated`.
    /// Problems with the file as a whole are thrown.
    public func forEachRow(_ body: (ImportedRow) throws -> Void) throws {
        try forEachRow(expandRepeats: false, body)
    }

    private func forEachRow(expandRepeats: Bool, _ body: (ImportedRow) throws -> Void) throws {
        var lines = LineReader(source: source, maxLineBytes: Self.maxRecordBytes)
        let rules = self.rules
        var format: Format?
        var json = NDJSONRowParser()
        var repeats = RepeatSightings()
        var csv = CSVRecordParser()
        var header: [Column?] = []
        var recordLine = 0
        var recordBytes = 0
        var row = RawRow()
        let file = displayName
        do {
            try lines.forEachLine { line, number in
                if format == nil {
                    guard let first = line.first(where: { $0 != 32 && $0 != 9 }) else { return }
                    format = first == UInt8(ascii: "{") ? .ndjson : .csv
                    if format == .csv {
                        header = try Self.header(line, file: file, line: number)
                        return
                    }
                }
                switch format! {
                case .ndjson:
                    if line.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
                    do {
                        try json.scan(line)
                        if let r = repeats.repeatOf(line, json.ranges, rules: rules) {
                            if expandRepeats {
                                let o = repeats.observation(token: r.token, viewers: r.viewers, observedAt: r.observedAt)
                                try body(.observation(o, line: number, token: nil))
                            } else {
                                try body(.repeated(token: r.token, viewers: r.viewers, observedAt: r.observedAt, line: number))
                            }
                            return
                        }
                        try json.parse(line, into: &row)
                        let o = try RowConverter.observation(row, rules: rules)
                        let epoch = repeats.epoch
                        let token = repeats.remember(o, line, json.ranges)
                        if repeats.epoch != epoch && !expandRepeats { try body(.tokensReset) }
                        try body(.observation(o, line: number, token: expandRepeats ? nil : token))
                    } catch let p as RowProblem {
                        try body(.failure(ImportError(file: file, line: number, field: p.field, reason: p.reason)))
                    }
                case .csv:
                    if !csv.isInsideQuotes {
                        recordLine = number
                        recordBytes = 0
                        if line.isEmpty { return }
                    } else {
                        recordBytes += 1  // the line break inside the quoted field
                    }
                    recordBytes += line.count
                    if recordBytes > Self.maxRecordBytes {
                        throw ImportError(
                            file: file, line: recordLine, field: "line",
                            reason: "a CSV record longer than \(Self.maxRecordBytes) bytes (a quote never closed?)")
                    }
                    do {
                        guard try csv.feed(line) else { return }
                        let fields = csv.takeFields()
                        guard fields.count == header.count else {
                            throw RowProblem(field: "line", reason: "expected \(header.count) fields, found \(fields.count)")
                        }
                        row.reset()
                        for (column, value) in zip(header, fields) {
                            if let column { row[column] = .string(value) }
                        }
                        try body(.observation(try RowConverter.observation(row, rules: rules), line: recordLine, token: nil))
                    } catch let p as RowProblem {
                        _ = csv.takeFields()
                        try body(.failure(ImportError(file: file, line: recordLine, field: p.field, reason: p.reason)))
                    }
                }
            }
        } catch let p as RowProblem {
            // From the reading itself (a line too long, a corrupt or truncated gzip stream): the
            // line in progress is the one after the last whole line.
            throw ImportError(file: file, line: lines.lineNumber + 1, field: p.field, reason: p.reason)
        }
        if csv.isInsideQuotes {
            throw ImportError(file: file, line: recordLine, field: "line", reason: "unterminated quoted field")
        }
    }

    private enum Format { case ndjson, csv }

    private static func header(_ line: UnsafeBufferPointer<UInt8>, file: String, line number: Int) throws -> [Column?] {
        var parser = CSVRecordParser()
        var bytes = Array(line)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let complete = try bytes.withUnsafeBufferPointer { try parser.feed($0) }
        guard complete else { throw ImportError(file: file, line: number, field: "header", reason: "unterminated quote") }
        let names = parser.takeFields().map { $0.trimmingSpaces.lowercased() }
        let columns = names.map { name in Column.allCases.first { $0.name == name } }
        for required in [Column.id, .userID, .viewerCount, .startedAt] where !columns.contains(required) {
            throw ImportError(file: file, line: number, field: "header", reason: "missing column \(required.name)")
        }
        if !columns.contains(.lastUpdated) && !columns.contains(.observedAt) {
            throw ImportError(file: file, line: number, field: "header", reason: "missing column last_updated (or observed_at)")
        }
        return columns
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}

import Foundation
import Logging
import Model

/// `--log-format json`: one JSON object per line with time, level, label, message and metadata.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable (String) -> Void

    /// Writes to stderr.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, metadataProvider: metadataProvider) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Writes each line (newline included) through `write`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        write(Self.line(time: Clock.nowMillis(), level: event.level, label: label, message: event.message.description, metadata: merged))
    }

    static func line(time: Millis, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var out = "{\"time\":\(MinimalJSON.quoted(Self.timestamp(time))),\"level\":\(MinimalJSON.quoted(level.rawValue))"
        out += ",\"label\":\(MinimalJSON.quoted(label)),\"message\":\(MinimalJSON.quoted(message))"
        if !metadata.isEmpty {
            out += ",\"metadata\":" + json(.dictionary(metadata))
        }
        return out + "}\n"
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp(_ t: Millis) -> String {
        let whole = Timestamp.format(t)
        let ms = Int(((t % 1000) + 1000) % 1000)
        let padded = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return String(whole.dropLast()) + "." + padded + "Z"
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): return MinimalJSON.quoted(s)
        case .stringConvertible(let c): return MinimalJSON.quoted(c.description)
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let d):
            return "{" + d.keys.sorted().map { MinimalJSON.quoted($0) + ":" + json(d[$0]!) }.joined(separator: ",") + "}"
        }
    }
}

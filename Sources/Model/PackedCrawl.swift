/// A crawl outcome as one self-contained value, for stores that hold crawls from several
/// collectors (PostgreSQL) and for the spool that keeps them while that store is out of reach.
///
/// Unlike the SQLite blob, whose rows point at stream and facts rows of its own database, the
/// observations here carry their texts: the crawl can be unpacked anywhere.
public struct PackedCrawl: Sendable, Equatable {
    public enum Status: String, Sendable {
        case complete
        case failed
    }

    /// When the crawl's first page was requested.
    public var time: Millis
    /// Which collector crawled it (`--collector`, by default the host name).
    public var collector: String
    /// A label for the client id it used (never the secret).
    public var clientLabel: String
    public var status: Status
    public var pages: Int
    public var streams: Int
    /// Streams the crawl saw but did not keep (implausible records); 0 when none.
    public var leftOut: Int
    public var durationMs: Int64
    public var retries: Int
    /// Why a failed crawl failed; nil for a complete one.
    public var reason: String?
    /// The observations, packed by `PackedCrawl.pack`; empty for a failed crawl.
    public var data: [UInt8]

    public init(time: Millis, collector: String, clientLabel: String, status: Status, pages: Int, streams: Int,
                leftOut: Int = 0, durationMs: Int64, retries: Int, reason: String? = nil, data: [UInt8]) {
        self.time = time
        self.collector = collector
        self.clientLabel = clientLabel
        self.status = status
        self.pages = pages
        self.streams = streams
        self.leftOut = leftOut
        self.durationMs = durationMs
        self.retries = retries
        self.reason = reason
        self.data = data
    }

    /// The format's first byte, so that a later format can be told apart.
    static let formatVersion: UInt8 = 1

    /// Observations as varints (times relative to the crawl) and length-prefixed texts.
    public static func pack(_ observations: [Observation], crawlTime: Millis) -> [UInt8] {
        var out: [UInt8] = [formatVersion]
        out.reserveCapacity(observations.count * 160)
        putVarint(UInt64(observations.count), &out)
        for o in observations {
            for text in [o.streamID, o.userID, o.userLogin, o.userName, o.gameID, o.gameName, o.title, o.language, o.tags, o.type] {
                putVarint(UInt64(text.utf8.count), &out)
                out.append(contentsOf: text.utf8)
            }
            putVarint(UInt64(max(0, o.viewerCount)), &out)
            putVarint(zigzag(o.startedAt - crawlTime), &out)
            putVarint(zigzag(o.observedAt - crawlTime), &out)
            out.append(o.isMature ? 1 : 0)
        }
        return out
    }

    /// The observations `pack` wrote; throws on bytes it did not write.
    public static func unpack(_ data: [UInt8], crawlTime: Millis) throws -> [Observation] {
        try data.withUnsafeBytes { bytes in
            guard bytes.first == formatVersion else { throw PackedCrawlError.unknownFormat(bytes.first) }
            var i = 1
            let count = Int(try getVarint(bytes, &i))
            var observations: [Observation] = []
            observations.reserveCapacity(min(count, bytes.count / 16))
            for _ in 0..<count {
                var texts: [String] = []
                texts.reserveCapacity(10)
                for _ in 0..<10 {
                    let length = Int(try getVarint(bytes, &i))
                    guard length <= bytes.count - i else { throw PackedCrawlError.truncated }
                    texts.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self))
                    i += length
                }
                let viewers = Int(try getVarint(bytes, &i))
                let startedAt = crawlTime + unzigzag(try getVarint(bytes, &i))
                let observedAt = crawlTime + unzigzag(try getVarint(bytes, &i))
                guard i < bytes.count else { throw PackedCrawlError.truncated }
                let mature = bytes[i] != 0
                i += 1
                observations.append(Observation(
                    streamID: texts[0], userID: texts[1], userLogin: texts[2], userName: texts[3], gameID: texts[4],
                    gameName: texts[5], title: texts[6], viewerCount: viewers, startedAt: startedAt, language: texts[7],
                    tags: texts[8], isMature: mature, type: texts[9], observedAt: observedAt))
            }
            guard i == bytes.count else { throw PackedCrawlError.trailingBytes }
            return observations
        }
    }

    private static func putVarint(_ value: UInt64, _ out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func getVarint(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard i < bytes.count, shift < 64 else { throw PackedCrawlError.truncated }
            let b = bytes[i]
            i += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    private static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1) }
}

public enum PackedCrawlError: Error, Equatable, CustomStringConvertible {
    case unknownFormat(UInt8?)
    case truncated
    case trailingBytes

    public var description: String {
        switch self {
        case .unknownFormat(let byte): return "packed crawl: unknown format \(byte.map(String.init) ?? "(empty)")"
        case .truncated: return "packed crawl: the data ends in the middle of an observation"
        case .trailingBytes: return "packed crawl: bytes left after the last observation"
        }
    }
}

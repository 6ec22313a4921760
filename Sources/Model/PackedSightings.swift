import Foundation

/// An observation unpacked from a packed crawl, with its stream's token in `PackedSightings`.
public struct SightedObservation: Sendable {
    /// The stream's latest fully decoded sighting, shared by reference: a row that repeats it
    /// costs one reference count, not one for each of its ten texts (the rows cross from the
    /// unpacking thread to the storing one, where each count is a contended atomic).
    public let sighting: SightingBox
    public var viewerCount: Int
    public var observedAt: Millis
    /// The stream's number in the `PackedSightings` that unpacked it (within its `epoch`).
    public var token: Int32
    /// Whether every field but the viewer count and the time equals the stream's previous
    /// sighting (in an earlier crawl, or earlier in this one).
    public var repeatsPrevious: Bool

    public var observation: Observation {
        var o = sighting.observation
        o.viewerCount = viewerCount
        o.observedAt = observedAt
        return o
    }
}

public final class SightingBox: Sendable {
    /// Its viewer count and time are those of the sighting that was decoded in full.
    public let observation: Observation
    /// `observation.factsHash`, computed by the unpacking thread.
    public let factsHash: Int64

    init(_ observation: Observation) {
        self.observation = observation
        factsHash = observation.factsHash
    }
}

/// Unpacks the crawls of a pull one after the other and recognises a stream seen again with
/// nothing changed but its viewer count and time: its bytes are compared with its previous
/// sighting's, and the observation is that sighting's with the new count and time, so no text is
/// decoded again and the store can reuse the ids it found for the previous sighting (see
/// `ObservationWriter.addSighted`). Anything else is decoded in full: results equal `unpack`'s.
///
/// Tokens are dense and start again from 0 whenever the table is cleared (see `epoch`): before a
/// crawl, once it holds `capacity` streams.
public struct PackedSightings: Sendable {
    private struct Entry {
        /// The packed texts, from the stream id's length to the end of the type.
        var texts: [UInt8]
        var startedAt: Millis
        var sighting: SightingBox

        func matches(_ packed: UnsafeRawBufferPointer, startedAt: Millis, mature: Bool) -> Bool {
            startedAt == self.startedAt && mature == sighting.observation.isMature
                && texts.withUnsafeBytes { $0.count == packed.count && memcmp($0.baseAddress!, packed.baseAddress!, packed.count) == 0 }
        }
    }

    /// Tokens by stream id: Twitch's ids are decimal numbers, kept as integers so that a look-up
    /// neither builds nor hashes a String; any other id goes by its text.
    private var numericTokens: [UInt64: Int32] = [:]
    private var textTokens: [String: Int32] = [:]
    private var entries: [Entry] = []
    /// Counts the times the table was cleared; a token is only meaningful within one epoch.
    public private(set) var epoch = 0
    private let capacity: Int

    public init(capacity: Int = 1_000_000) {
        self.capacity = capacity
    }

    /// The observations `PackedCrawl.pack` wrote, each with its stream's token; throws on bytes
    /// it did not write, as `PackedCrawl.unpack` does.
    public mutating func unpack(_ data: [UInt8], crawlTime: Millis) throws -> [SightedObservation] {
        // Cleared between crawls only, so that all tokens of a crawl belong to one epoch.
        if entries.count >= capacity {
            numericTokens.removeAll(keepingCapacity: true)
            textTokens.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            epoch += 1
        }
        return try data.withUnsafeBytes { bytes in
            guard bytes.first == PackedCrawl.formatVersion else { throw PackedCrawlError.unknownFormat(bytes.first) }
            var i = 1
            let count = Int(try PackedCrawl.getVarint(bytes, &i))
            var rows: [SightedObservation] = []
            rows.reserveCapacity(min(count, bytes.count / 16))
            var starts = [Int](repeating: 0, count: 10)
            var ends = [Int](repeating: 0, count: 10)
            for _ in 0..<count {
                let textsStart = i
                for n in 0..<10 {
                    let length = Int(try PackedCrawl.getVarint(bytes, &i))
                    guard length <= bytes.count - i else { throw PackedCrawlError.truncated }
                    starts[n] = i
                    i += length
                    ends[n] = i
                }
                let texts = UnsafeRawBufferPointer(rebasing: bytes[textsStart..<i])
                let viewers = Int(try PackedCrawl.getVarint(bytes, &i))
                let startedAt = crawlTime + PackedCrawl.unzigzag(try PackedCrawl.getVarint(bytes, &i))
                let observedAt = crawlTime + PackedCrawl.unzigzag(try PackedCrawl.getVarint(bytes, &i))
                guard i < bytes.count else { throw PackedCrawlError.truncated }
                let mature = bytes[i] != 0
                i += 1
                let streamID = UnsafeRawBufferPointer(rebasing: bytes[starts[0]..<ends[0]])
                let numeric = exactDecimalValue(streamID)
                let token = numeric.map { numericTokens[$0] } ?? textTokens[String(decoding: streamID, as: UTF8.self)]
                if let token, entries[Int(token)].matches(texts, startedAt: startedAt, mature: mature) {
                    rows.append(SightedObservation(
                        sighting: entries[Int(token)].sighting, viewerCount: viewers, observedAt: observedAt, token: token,
                        repeatsPrevious: true))
                    continue
                }
                func string(_ n: Int) -> String {
                    String(decoding: UnsafeRawBufferPointer(rebasing: bytes[starts[n]..<ends[n]]), as: UTF8.self)
                }
                let o = Observation(
                    streamID: string(0), userID: string(1), userLogin: string(2), userName: string(3), gameID: string(4),
                    gameName: string(5), title: string(6), viewerCount: viewers, startedAt: startedAt, language: string(7),
                    tags: string(8), isMature: mature, type: string(9), observedAt: observedAt)
                let entry = Entry(texts: Array(texts), startedAt: startedAt, sighting: SightingBox(o))
                rows.append(SightedObservation(
                    sighting: entry.sighting, viewerCount: viewers, observedAt: observedAt,
                    token: remember(entry, token: token, numeric: numeric), repeatsPrevious: false))
            }
            guard i == bytes.count else { throw PackedCrawlError.trailingBytes }
            return rows
        }
    }

    private mutating func remember(_ entry: Entry, token: Int32?, numeric: UInt64?) -> Int32 {
        if let token {
            entries[Int(token)] = entry
            return token
        }
        let token = Int32(entries.count)
        if let numeric { numericTokens[numeric] = token } else { textTokens[entry.sighting.observation.streamID] = token }
        entries.append(entry)
        return token
    }
}

import Model

/// The importer's fast path for the common case: a stream seen again with nothing changed but its
/// viewer count and time. The bytes of every other column are compared with the stream's previous
/// fully decoded line; when they match, the row is handed on as a repeat of that line (see
/// `ImportedRow`), and no string is decoded. Anything else takes the full path, so results are
/// identical either way.
///
/// Each remembered stream gets a small token, so the writer can find its own record of the stream
/// without hashing the stream id again. Tokens are dense and start again from 0 whenever the
/// table is cleared (see `epoch`).
struct RepeatSightings {
    private struct Entry {
        var signature: [UInt8]
        var observation: Observation
    }

    /// Tokens by stream id: Twitch's ids are decimal numbers, kept as integers so that a look-up
    /// neither builds nor hashes a String; any other id goes by its text.
    private var numericTokens: [UInt64: Int32] = [:]
    private var textTokens: [String: Int32] = [:]
    private var entries: [Entry] = []
    /// Counts the times the table was cleared; a token is only meaningful within one epoch.
    private(set) var epoch = 0
    private static let capacity = 1_000_000
    /// The columns that vary between sightings; all others form the signature.
    private static let varying: Set<Column> = [.viewerCount, .lastUpdated, .observedAt]
    private static let signatureColumns = Column.allCases.filter { !varying.contains($0) && $0 != .id }
    /// Read once: a static is checked for initialisation on every access, and this is per row.
    private let signatureColumns = RepeatSightings.signatureColumns

    /// When a scanned line repeats its stream's previous facts with a plausible viewer count and
    /// time: the stream's token, the new viewer count and time. Nil otherwise (an implausible row
    /// takes the full path, which names the field at fault).
    mutating func repeatOf(
        _ line: UnsafeBufferPointer<UInt8>, _ ranges: [ValueRange], rules: Plausibility
    ) -> (token: Int32, viewers: Int, observedAt: Millis)? {
        let id = ranges[Column.id.rawValue]
        guard id.kind == .string || id.kind == .number else { return nil }
        guard let token = token(of: UnsafeBufferPointer(rebasing: line[id.start..<id.end])) else { return nil }
        guard matches(entries[Int(token)].signature, line, ranges) else { return nil }
        let viewers = ranges[Column.viewerCount.rawValue]
        guard viewers.kind == .number, let count = Self.nonNegativeInteger(line, viewers) else { return nil }
        let timeColumn: Column = ranges[Column.lastUpdated.rawValue].kind != .absent ? .lastUpdated : .observedAt
        let time = ranges[timeColumn.rawValue]
        guard time.kind == .string,
            let t = Timestamp.parse(bytes: UnsafeBufferPointer(rebasing: line[time.start..<time.end]))
        else { return nil }
        guard rules.isPlausible(crawlTime: t, startedAt: entries[Int(token)].observation.startedAt, viewerCount: count)
        else { return nil }
        return (token, count, t)
    }

    /// The observation a repeat stands for.
    func observation(token: Int32, viewers: Int, observedAt: Millis) -> Observation {
        var o = entries[Int(token)].observation
        o.viewerCount = viewers
        o.observedAt = observedAt
        return o
    }

    /// Remembers a fully decoded line as its stream's latest; returns the stream's token.
    mutating func remember(_ o: Observation, _ line: UnsafeBufferPointer<UInt8>, _ ranges: [ValueRange]) -> Int32 {
        let entry = Entry(signature: signature(line, ranges), observation: o)
        var id = o.streamID
        let numeric = id.withUTF8 { exactDecimalValue($0) }
        if let token = numeric.map({ numericTokens[$0] }) ?? textTokens[id] {
            entries[Int(token)] = entry
            return token
        }
        if entries.count >= Self.capacity {
            numericTokens.removeAll(keepingCapacity: true)
            textTokens.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            epoch += 1
        }
        let token = Int32(entries.count)
        if let numeric { numericTokens[numeric] = token } else { textTokens[id] = token }
        entries.append(entry)
        return token
    }

    private func token(of id: UnsafeBufferPointer<UInt8>) -> Int32? {
        if let numeric = exactDecimalValue(id) { return numericTokens[numeric] }
        return textTokens[String(decoding: id, as: UTF8.self)]
    }

    private func signature(_ line: UnsafeBufferPointer<UInt8>, _ ranges: [ValueRange]) -> [UInt8] {
        var signature: [UInt8] = []
        for c in signatureColumns {
            let r = ranges[c.rawValue]
            signature.append(r.kind.rawValue)
            if r.end > r.start { signature.append(contentsOf: UnsafeBufferPointer(rebasing: line[r.start..<r.end])) }
            signature.append(0xFF)  // never inside UTF-8 text
        }
        return signature
    }

    /// Whether the line's signature columns equal `signature`, compared in place.
    private func matches(_ signature: [UInt8], _ line: UnsafeBufferPointer<UInt8>, _ ranges: [ValueRange]) -> Bool {
        signature.withUnsafeBufferPointer { sig in
            var at = 0
            for c in signatureColumns {
                let r = ranges[c.rawValue]
                let length = r.end - r.start
                guard at + length + 2 <= sig.count, sig[at] == r.kind.rawValue, sig[at + 1 + length] == 0xFF else { return false }
                if length > 0, memcmp(sig.baseAddress! + at + 1, line.baseAddress! + r.start, length) != 0 { return false }
                at += length + 2
            }
            return at == sig.count
        }
    }

    private static func nonNegativeInteger(_ line: UnsafeBufferPointer<UInt8>, _ r: ValueRange) -> Int? {
        guard r.end > r.start, r.end - r.start <= 18 else { return nil }
        var v = 0
        for i in r.start..<r.end {
            let c = line[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Model

/// The importer's fast path for the common case: a stream seen again with nothing changed but its
/// viewer count and time. The bytes of every other column are compared with the stream's previous
/// line; when they match, the previous observation is reused with the new count and time, and no
/// string is decoded. Anything else takes the full path, so results are identical either way.
struct RepeatSightings {
    private struct Entry {
        var signature: [UInt8]
        var observation: Observation
    }

    private var entries: [String: Entry] = [:]
    private var signature: [UInt8] = []
    /// The columns that vary between sightings; all others form the signature.
    private static let varying: Set<Column> = [.viewerCount, .lastUpdated, .observedAt]
    private static let signatureColumns = Column.allCases.filter { !varying.contains($0) && $0 != .id }

    /// The observation for a scanned line when it repeats its stream's previous facts; nil otherwise.
    mutating func observation(_ line: UnsafeBufferPointer<UInt8>, _ ranges: [ValueRange]) -> Observation? {
        let id = ranges[Column.id.rawValue]
        guard id.kind == .string || id.kind == .number else { return nil }
        let streamID = String(decoding: UnsafeBufferPointer(rebasing: line[id.start..<id.end]), as: UTF8.self)
        guard let entry = entries[streamID] else { return nil }
        buildSignature(line, ranges)
        guard entry.signature == signature else { return nil }
        let viewers = ranges[Column.viewerCount.rawValue]
        guard viewers.kind == .number, let count = Self.nonNegativeInteger(line, viewers) else { return nil }
        let timeColumn: Column = ranges[Column.lastUpdated.rawValue].kind != .absent ? .lastUpdated : .observedAt
        let time = ranges[timeColumn.rawValue]
        guard time.kind == .string,
            let t = Timestamp.parse(bytes: UnsafeBufferPointer(rebasing: line[time.start..<time.end]))
        else { return nil }
        var o = entry.observation
        o.viewerCount = count
        o.observedAt = t
        return o
    }

    /// Remembers a fully decoded line as its stream's latest.
    mutating func remember(_ o: Observation, _ line: UnsafeBufferPointer<UInt8>, _ ranges: [ValueRange]) {
        buildSignature(line, ranges)
        if entries.count >= 1_000_000 { entries.removeAll(keepingCapacity: true) }
        entries[o.streamID] = Entry(signature: signature, observation: o)
    }

    private mutating func buildSignature(_ line: UnsafeBufferPointer<UInt8>, _ ranges: [ValueRange]) {
        signature.removeAll(keepingCapacity: true)
        for c in Self.signatureColumns {
            let r = ranges[c.rawValue]
            signature.append(r.kind.rawValue)
            if r.end > r.start { signature.append(contentsOf: UnsafeBufferPointer(rebasing: line[r.start..<r.end])) }
            signature.append(0xFF)  // never inside UTF-8 text
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

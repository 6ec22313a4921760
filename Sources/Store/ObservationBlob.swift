/// One kept observation as stored: which stream, when (as an offset from its crawl's time),
/// how many viewers, and which facts.
struct StoredObservation: Equatable {
    var stream: Int64
    var offset: Int64
    var viewers: Int64
    var facts: Int64
}

/// The raw observations of one crawl packed into a single blob: rows sorted by stream, each as
/// LEB128 varints (stream as a delta from the previous row, offset zigzagged). About 8 bytes an
/// observation instead of a 25-byte table row, and one insert per crawl instead of 100,000.
enum ObservationBlob {
    static func encode(_ rows: [StoredObservation]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 9)
        var previous: Int64 = 0
        for r in rows {
            LEB128.put(UInt64(r.stream - previous), &out)
            LEB128.put(LEB128.zigzag(r.offset), &out)
            // By bit pattern: the same bytes for every real count, and no trap for a count the
            // plausibility rules should have kept out (a negative one packs as a huge varint).
            LEB128.put(UInt64(bitPattern: r.viewers), &out)
            LEB128.put(UInt64(r.facts), &out)
            previous = r.stream
        }
        return out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, _ body: (StoredObservation) throws -> Void) rethrows {
        var i = 0
        var stream: Int64 = 0
        while i < bytes.count {
            stream += Int64(LEB128.get(bytes, &i))
            let offset = LEB128.unzigzag(LEB128.get(bytes, &i))
            let viewers = Int64(bitPattern: LEB128.get(bytes, &i))
            let facts = Int64(LEB128.get(bytes, &i))
            try body(StoredObservation(stream: stream, offset: offset, viewers: viewers, facts: facts))
        }
    }

    static func decodeAll(_ bytes: UnsafeRawBufferPointer) -> [StoredObservation] {
        var rows: [StoredObservation] = []
        decode(bytes) { rows.append($0) }
        return rows
    }
}

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
            put(UInt64(r.stream - previous), &out)
            put(zigzag(r.offset), &out)
            put(UInt64(r.viewers), &out)
            put(UInt64(r.facts), &out)
            previous = r.stream
        }
        return out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, _ body: (StoredObservation) throws -> Void) rethrows {
        var i = 0
        var stream: Int64 = 0
        let n = bytes.count
        func get() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                let b = bytes[i]
                i += 1
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return value
        }
        while i < n {
            stream += Int64(get())
            let offset = unzigzag(get())
            let viewers = Int64(get())
            let facts = Int64(get())
            try body(StoredObservation(stream: stream, offset: offset, viewers: viewers, facts: facts))
        }
    }

    static func decodeAll(_ bytes: UnsafeRawBufferPointer) -> [StoredObservation] {
        var rows: [StoredObservation] = []
        decode(bytes) { rows.append($0) }
        return rows
    }

    private static func put(_ v: UInt64, _ out: inout [UInt8]) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    private static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1) }
}

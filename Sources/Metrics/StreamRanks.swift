import Store

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each record's stream numbered in the byte order of stream ids, so that sorting a day's
/// segments compares integers rather than text.
struct StreamRanks {
    private var rankOfSlot: [Int32]
    private var slotOfRecord: [Int32]

    init(_ rows: DaySegmentRows) {
        // Number the streams in order of first appearance (slots), then rank the slots by id.
        var slotOfStream: [Int64: Int32] = [:]
        var streamIDs: [IDKey] = []
        slotOfRecord = []
        slotOfRecord.reserveCapacity(rows.records.count)
        // A stream's segments mostly come one after the other: remember the last one's slot.
        var last: (stream: Int64, slot: Int32)? = nil
        let reader = rows.reader
        for r in rows.records {
            if let last, last.stream == r.stream {
                slotOfRecord.append(last.slot)
                continue
            }
            let slot: Int32
            if let known = slotOfStream[r.stream] {
                slot = known
            } else {
                slot = Int32(streamIDs.count)
                slotOfStream[r.stream] = slot
                streamIDs.append(IDKey(reader.text(r, .streamID), slot: slot))
            }
            slotOfRecord.append(slot)
            last = (r.stream, slot)
        }
        streamIDs.sort()
        rankOfSlot = Array(repeating: 0, count: streamIDs.count)
        for (rank, key) in streamIDs.enumerated() { rankOfSlot[Int(key.slot)] = Int32(rank) }
    }

    func rank(ofRecord i: Int) -> Int32 { rankOfSlot[Int(slotOfRecord[i])] }

    /// A stream id for sorting: its first 16 bytes as two big-endian integers (Twitch's ids are
    /// shorter), so most comparisons are two integer compares; the bytes decide only a tie.
    private struct IDKey: Comparable {
        var head: UInt64
        var tail: UInt64
        var bytes: UnsafeRawBufferPointer
        var slot: Int32

        init(_ bytes: UnsafeRawBufferPointer, slot: Int32) {
            var prefix = (UInt64(0), UInt64(0))
            withUnsafeMutableBytes(of: &prefix) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(16))) }
            head = UInt64(bigEndian: prefix.0)
            tail = UInt64(bigEndian: prefix.1)
            self.bytes = bytes
            self.slot = slot
        }

        static func < (a: IDKey, b: IDKey) -> Bool {
            if a.head != b.head { return a.head < b.head }
            if a.tail != b.tail { return a.tail < b.tail }
            // Same first 16 bytes (zero-padded): byte order, as SQLite compares text.
            let common = min(a.bytes.count, b.bytes.count)
            let order = common == 0 ? 0 : memcmp(a.bytes.baseAddress!, b.bytes.baseAddress!, common)
            return order != 0 ? order < 0 : a.bytes.count < b.bytes.count
        }

        static func == (a: IDKey, b: IDKey) -> Bool { !(a < b) && !(b < a) }
    }
}

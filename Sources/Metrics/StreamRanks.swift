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
        // Number the streams in order of first appearance, then rank those numbers (slots) by id.
        var slotOfStream: [Int64: Int32] = [:]
        var firstRecordOfSlot: [Int32] = []
        slotOfRecord = []
        slotOfRecord.reserveCapacity(rows.records.count)
        // A stream's segments mostly come one after the other: remember the last one's slot.
        var last: (stream: Int64, slot: Int32)? = nil
        for (i, r) in rows.records.enumerated() {
            if let last, last.stream == r.stream {
                slotOfRecord.append(last.slot)
                continue
            }
            let slot: Int32
            if let known = slotOfStream[r.stream] {
                slot = known
            } else {
                slot = Int32(firstRecordOfSlot.count)
                slotOfStream[r.stream] = slot
                firstRecordOfSlot.append(Int32(i))
            }
            slotOfRecord.append(slot)
            last = (r.stream, slot)
        }
        let start = rows.text.start
        let streamID = { (slot: Int32) in DaySegmentRows.text(rows.records[Int(firstRecordOfSlot[Int(slot)])], .streamID, in: start) }
        var slotsByID = Array(0..<Int32(firstRecordOfSlot.count))
        slotsByID.sort { Self.precedes(streamID($0), streamID($1)) }
        rankOfSlot = Array(repeating: 0, count: slotsByID.count)
        for (rank, slot) in slotsByID.enumerated() { rankOfSlot[Int(slot)] = Int32(rank) }
    }

    func rank(ofRecord i: Int) -> Int32 { rankOfSlot[Int(slotOfRecord[i])] }

    /// Byte order, as SQLite compares text (and `byteOrder` compares Strings).
    private static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        return order != 0 ? order < 0 : a.count < b.count
    }
}

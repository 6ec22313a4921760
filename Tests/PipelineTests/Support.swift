import Foundation
import Model
import Pipeline
import Store
import Testing

/// Compares JSON as the fixture README says: by value, numbers to 3 decimals.
func jsonEqual(_ a: Any, _ b: Any) -> Bool {
    switch (a, b) {
    case let (x as [Any], y as [Any]):
        return x.count == y.count && zip(x, y).allSatisfy { jsonEqual($0, $1) }
    case let (x as [String: Any], y as [String: Any]):
        return x.keys.sorted() == y.keys.sorted() && x.keys.allSatisfy { jsonEqual(x[$0]!, y[$0]!) }
    case let (x as String, y as String):
        return x == y
    case let (x as NSNumber, y as NSNumber):
        return abs(x.doubleValue - y.doubleValue) < 0.0005
    default:
        return a is NSNull && b is NSNull
    }
}

/// JSON object keys in the order they appear in the text, for each object of the array: every
/// string followed by a colon, whatever the layout (ours is one object per line, the fixture's
/// is indented).
func keyOrder(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    var keys: [String] = []
    var i = 0
    while i < bytes.count {
        guard bytes[i] == UInt8(ascii: "\"") else { i += 1; continue }
        var end = i + 1
        while bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
        var next = end + 1
        while next < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[next]) { next += 1 }
        if next < bytes.count, bytes[next] == UInt8(ascii: ":") {
            keys.append(String(decoding: bytes[(i + 1)..<end], as: UTF8.self))
        }
        i = end + 1
    }
    return keys
}

func importAndBuild(_ files: [String], db: String, out: URL, timeZone: String = "UTC", keepRaw: Int = 7) throws -> BuildReport {
    _ = try ImportJob.run(store: try Store(path: db), paths: files, skipInvalid: false)
    return try BuildJob.run(BuildOptions(databasePath: db, output: out, timeZone: timeZone, keepRawDays: keepRaw))
}

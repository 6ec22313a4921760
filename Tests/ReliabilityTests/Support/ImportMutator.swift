import Foundation
import TestSupport

/// An import file with one seeded mutation applied to real rows.
struct MutatedFile {
    enum Format: String { case ndjson, csv }

    var format: Format
    /// What was done, for failure messages.
    var mutation: String
    var bytes: Data
    var gzipped: Bool
    /// The 1-based line the mutation touched, when the file's lines still line up with the
    /// original's (no line break added or removed): an error must not name an earlier line.
    var touchedLine: Int?
    var lineCount: Int

    var fileName: String { "fuzz.\(format.rawValue)" + (gzipped ? ".gz" : "") }
}

/// Seeded mutations of the tiny fixture's rows: flipped bits, cut and joined lines, extreme numbers
/// and timestamps, values of the wrong type, deep nesting, huge strings, invalid UTF-8, control
/// bytes, unbalanced quotes and brackets, and truncated or corrupted gzip.
enum ImportMutator {
    static let kinds = [
        "flip bits", "cut line", "join lines", "extreme number", "extreme timestamp", "wrong type", "deep nesting",
        "huge string", "invalid UTF-8", "control bytes", "unbalanced", "truncated gzip", "corrupted gzip",
    ]

    static func mutate(_ original: Data, format: MutatedFile.Format, dice: inout Dice) throws -> MutatedFile {
        var lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        let header = format == .csv ? lines[0] : []
        let firstRow = format == .csv ? 1 : 0
        var target = firstRow + dice.below(lines.count - firstRow)
        let kind = dice.pick(kinds)
        var line = lines[target]
        var description = kind
        var linesLineUp = true

        func replace(_ field: String, with value: (MutatedFile.Format) -> String) {
            description += " in \(field)"
            switch format {
            case .ndjson:
                if let range = RowText.jsonValueRange(field, in: line) {
                    line.replaceSubrange(range, with: Array(value(.ndjson).utf8))
                }
            case .csv:
                let names = RowText.csvFieldRanges(header).map { String(decoding: header[$0], as: UTF8.self) }
                if let index = names.firstIndex(of: field) {
                    let ranges = RowText.csvFieldRanges(line)
                    if index < ranges.count { line.replaceSubrange(ranges[index], with: Array(value(.csv).utf8)) }
                }
            }
        }

        switch kind {
        case "flip bits":
            if format == .csv, dice.chance(0.15) { target = 0; line = lines[0]; description += " of the header" }
            for _ in 0..<(1 + dice.below(4)) where !line.isEmpty {
                line[dice.below(line.count)] ^= UInt8(1) << UInt8(dice.below(8))
            }
        case "cut line":
            line = Array(line.prefix(dice.below(line.count)))
        case "join lines":
            if target + 1 < lines.count {
                line += lines.remove(at: target + 1)
                linesLineUp = false
            }
        case "extreme number":
            let field = dice.pick(["viewer_count", "viewer_count", "id", "user_id", "game_id"])
            let number = dice.pick(Extremes.numbers)
            replace(field) { _ in number }
            description += ": \(number.prefix(40))"
        case "extreme timestamp":
            let field = dice.pick(["started_at", "last_updated"])
            let time = dice.pick(Extremes.timestamps)
            replace(field) { $0 == .ndjson ? "\"\(time)\"" : RowText.csvQuoted(time) }
            description += ": \(time.prefix(40))"
        case "wrong type":
            let field = dice.pick(["viewer_count", "started_at", "id", "user_id", "tags", "title", "is_mature"])
            let value = dice.pick(["null", "true", "{}", "[]", "\"abc\"", "[1,2]", "{\"x\":1}", "\"\""])
            replace(field) { $0 == .ndjson ? value : RowText.csvQuoted(value) }
            description += ": \(value)"
        case "deep nesting":
            let depth = dice.pick(Extremes.depths)
            let objects = dice.chance(0.5)
            let field = dice.pick(["tags", "tags", "viewer_count", "title", "tag_ids"])
            replace(field) { $0 == .ndjson ? Extremes.nested(depth, objects: objects) : RowText.csvQuoted(Extremes.nested(depth, objects: objects)) }
            description += ": depth \(depth)"
        case "huge string":
            let length = dice.pick(Extremes.stringLengths)
            let text = Extremes.hugeString(length, &dice)
            let field = dice.pick(["title", "title", "user_name", "game_name", "id"])
            replace(field) { $0 == .ndjson ? "\"\(text)\"" : RowText.csvQuoted(text) }
            description += ": \(length) bytes"
        case "invalid UTF-8":
            let bytes = dice.pick(Extremes.invalidUTF8)
            line.insert(contentsOf: bytes, at: dice.below(line.count + 1))
            description += ": \(bytes.map { String($0, radix: 16) })"
        case "control bytes":
            let bytes = dice.pick(Extremes.controls)
            line.insert(contentsOf: bytes, at: dice.below(line.count + 1))
            description += ": \(bytes.map { String($0, radix: 16) })"
        case "unbalanced":
            let insert = format == .csv ? Array("\"".utf8) : dice.pick([Array("{".utf8), Array("\"".utf8), Array("[".utf8)])
            line.insert(contentsOf: insert, at: dice.below(line.count + 1))
        default:
            break
        }
        if line.contains(0x0A) || line.contains(0x0D) { linesLineUp = false }
        lines[target] = line
        var bytes = Data(lines.joined(separator: [0x0A]))
        bytes.append(0x0A)

        var gzipped = false
        if kind == "truncated gzip" || kind == "corrupted gzip" {
            var packed = try gzip(bytes)
            if kind == "truncated gzip" {
                let total = packed.count
                let keep = 10 + dice.below(total - 10)
                packed = packed.prefix(keep)
                description += ": \(keep) of \(total) bytes"
            } else {
                let at = 10 + dice.below(packed.count - 18)
                packed[packed.startIndex + at] ^= 0x55
                description += ": byte \(at)"
            }
            bytes = packed
            gzipped = true
            linesLineUp = false
        }
        return MutatedFile(
            format: format, mutation: description, bytes: bytes, gzipped: gzipped,
            touchedLine: linesLineUp ? target + 1 : nil, lineCount: lines.count)
    }

    static func gzip(_ data: Data) throws -> Data {
        let scratch = try ScratchFolder()
        let file = scratch.file("f")
        try data.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-n", file.path]
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: scratch.file("f.gz"))
    }
}

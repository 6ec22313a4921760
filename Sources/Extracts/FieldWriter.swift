import Model

/// The two file formats of an extract.
public enum ExtractFormat: Sendable {
    case csv, json
}

/// Writes the cells of one row, in column order, straight into an extract's bytes in either
/// format. An extract's layout calls it once per cell, so CSV and JSON are written from one
/// definition and cannot disagree.
public struct FieldWriter {
    let out: ByteOutput
    let format: ExtractFormat
    /// JSON only: what goes before each column's value (`,"key":`), one after the other;
    /// column i's runs from `keyStarts[i]` to `keyStarts[i + 1]`.
    let keyPrefixes: ByteOutput
    let keyStarts: [Int]
    var column = 0
    /// The row being written, from 0: a column may read a list kept beside the rows, in their order.
    public internal(set) var row = 0

    init(out: ByteOutput, format: ExtractFormat, columns: [String]) {
        self.out = out
        self.format = format
        keyPrefixes = ByteOutput()
        var starts = [0]
        if format == .json {
            for (i, column) in columns.enumerated() {
                if i > 0 { keyPrefixes.append(UInt8(ascii: ",")) }
                ScriptSafeJSON.appendQuoted(column, to: keyPrefixes)
                keyPrefixes.append(UInt8(ascii: ":"))
                starts.append(keyPrefixes.count)
            }
        }
        keyStarts = starts
    }

    /// Names, ids, titles: a JSON string; in CSV escaped against formulas.
    public mutating func text(_ s: String) {
        separate()
        switch format {
        case .csv: CSVWriter.appendCell(s, formulaSafe: true, to: out)
        case .json: ScriptSafeJSON.appendQuoted(s, to: out)
        }
    }

    /// The same, from UTF-8 bytes (the day's segments keep their text as bytes).
    public mutating func text(_ utf8: UnsafeRawBufferPointer) {
        separate()
        switch format {
        case .csv: CSVWriter.appendCell(utf8, formulaSafe: true, to: out)
        case .json: ScriptSafeJSON.appendQuoted(utf8, to: out)
        }
    }

    /// Counts and whole seconds.
    public mutating func integer(_ n: Int64) {
        separate()
        out.appendInteger(n)
    }

    public mutating func integer(_ n: Int) { integer(Int64(n)) }

    /// A count that may be missing: an empty CSV cell, JSON `null`.
    public mutating func optionalInteger(_ n: Int?) {
        if let n { return integer(n) }
        separate()
        if format == .json { out.append("null") }
    }

    /// Hours, averages, ratios, shares: three decimals (trailing zeros dropped in JSON).
    public mutating func decimal(_ x: Double) {
        separate()
        Decimal3.append(x, trimmed: format == .json, to: out)
    }

    /// RFC 3339 UTC with seconds: a JSON string; a plain CSV cell.
    public mutating func time(_ t: Millis) {
        separate()
        if format == .json { out.append(0x22) }
        Timestamp.withUTF8(t) { out.append($0) }
        if format == .json { out.append(0x22) }
    }

    @inline(__always)
    private mutating func separate() {
        switch format {
        case .csv: if column > 0 { out.append(UInt8(ascii: ",")) }
        case .json: keyPrefixes.copy(keyStarts[column]..<keyStarts[column + 1], to: out)
        }
        column += 1
    }
}

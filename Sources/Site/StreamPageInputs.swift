/// The record of what each stream page was rendered from, as the build keeps it between runs: a
/// line per stream, its id and the hash (`StreamPages.inputs(of:_:)`) in hexadecimal.
public enum StreamPageInputs {
    public static func encode(_ inputs: [String: UInt64]) -> String {
        var text = ""
        text.reserveCapacity(inputs.count * 32)
        for (id, hash) in inputs.sorted(by: { $0.key < $1.key }) {
            text += id + " " + String(hash, radix: 16) + "\n"
        }
        return text
    }

    /// Lines that do not read as an id and a hash are left out: their pages are rendered again.
    public static func decode(_ text: String) -> [String: UInt64] {
        var inputs: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let hash = UInt64(parts[1], radix: 16) else { continue }
            inputs[String(parts[0])] = hash
        }
        return inputs
    }
}

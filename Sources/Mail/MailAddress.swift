/// A bare mail address (`name@example.org`), checked so that it cannot break a header or an SMTP
/// command: no spaces, angle brackets, quotes or line breaks; one "@" with text on both sides.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init?(_ text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, text.utf8.count <= 254,
            text.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && !"<>\"(),;:\\[]".unicodeScalars.contains($0) })
        else { return nil }
        self.text = text
    }

    public var domain: String { String(text[text.index(after: text.firstIndex(of: "@")!)...]) }
    /// The form a record of it is kept under: addresses differ only by case are the same recipient.
    public var key: String { text.lowercased() }
    public var description: String { text }
}

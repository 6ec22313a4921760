#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The columns an input row may carry, in the old pipeline's names.
enum Column: Int, CaseIterable {
    case id, userID, userLogin, userName, gameID, gameName, type, title, tags, viewerCount, startedAt, language
    case isMature, lastUpdated, observedAt

    var name: String {
        switch self {
        case .id: "id"
        case .userID: "user_id"
        case .userLogin: "user_login"
        case .userName: "user_name"
        case .gameID: "game_id"
        case .gameName: "game_name"
        case .type: "type"
        case .title: "title"
        case .tags: "tags"
        case .viewerCount: "viewer_count"
        case .startedAt: "started_at"
        case .language: "language"
        case .isMature: "is_mature"
        case .lastUpdated: "last_updated"
        case .observedAt: "observed_at"
        }
    }

    /// Matches a key's bytes to a column without allocating a String: a table of candidates by
    /// length and first byte, then one comparison.
    static func match(_ key: UnsafeBufferPointer<UInt8>) -> Column? {
        guard let first = key.first, key.count < 16 else { return nil }
        for c in candidates[key.count &* 256 &+ Int(first)] {
            if c.utf8.withUnsafeBufferPointer({ memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }) { return c }
        }
        return nil
    }

    private static let candidates: [[Column]] = {
        var table = [[Column]](repeating: [], count: 16 * 256)
        for c in allCases { table[c.utf8.count * 256 + Int(c.utf8[0])].append(c) }
        return table
    }()

    private static let names: [[UInt8]] = allCases.map { Array($0.name.utf8) }
    var utf8: [UInt8] { Self.names[rawValue] }
}

/// A value as the input gave it.
enum RawValue {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    /// An array or object, as its JSON text.
    case json(String)
}

/// One input row's values by column, before validation.
struct RawRow {
    var values = [RawValue?](repeating: nil, count: Column.allCases.count)

    subscript(_ c: Column) -> RawValue? {
        get { values[c.rawValue] }
        set { values[c.rawValue] = newValue }
    }

    mutating func reset() {
        for i in values.indices { values[i] = nil }
    }
}

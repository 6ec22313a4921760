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

    /// Matches a key's bytes to a column without allocating a String or touching a global
    /// table (this runs for every key of every row): a switch on the first byte, then one or
    /// two comparisons.
    static func match(_ key: UnsafeBufferPointer<UInt8>) -> Column? {
        guard let first = key.first else { return nil }
        func equals(_ name: StaticString) -> Bool {
            name.utf8CodeUnitCount == key.count && memcmp(name.utf8Start, key.baseAddress!, key.count) == 0
        }
        switch first {
        case UInt8(ascii: "i"): return equals("id") ? .id : equals("is_mature") ? .isMature : nil
        case UInt8(ascii: "u"):
            return equals("user_id") ? .userID : equals("user_login") ? .userLogin : equals("user_name") ? .userName : nil
        case UInt8(ascii: "g"): return equals("game_id") ? .gameID : equals("game_name") ? .gameName : nil
        case UInt8(ascii: "t"): return equals("type") ? .type : equals("title") ? .title : equals("tags") ? .tags : nil
        case UInt8(ascii: "v"): return equals("viewer_count") ? .viewerCount : nil
        case UInt8(ascii: "s"): return equals("started_at") ? .startedAt : nil
        case UInt8(ascii: "l"): return equals("language") ? .language : equals("last_updated") ? .lastUpdated : nil
        case UInt8(ascii: "o"): return equals("observed_at") ? .observedAt : nil
        default: return nil
        }
    }
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

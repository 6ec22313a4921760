/// Where pages live. Folder names come from ids, never from names, and no two ids share a folder,
/// nor an id a folder of the site's own:
/// - an id of 1 to 64 lowercase letters, digits, `-` and `_` is used as it is, unless it starts
///   with `_` (the escaped names below) or is `page-` and digits (the games index's own pages);
///   uppercase letters are escaped because some file systems (macOS's by default) fold case;
/// - any other id up to 100 bytes becomes `_` and its UTF-8 bytes in hex;
/// - a longer id becomes `_`, the hex of its first 80 bytes, `_` and the SHA-256 of the whole id,
///   so the name stays within the 255 bytes a file system allows;
/// - the empty game id ("No category") is `_none`.
public enum SitePaths {
    public static func safeID(_ id: String) -> String {
        if id.isEmpty { return "_none" }
        if isPlain(id) { return id }
        let bytes = Array(id.utf8)
        if bytes.count <= 100 { return "_" + hex(bytes) }
        return "_" + hex(bytes.prefix(80)) + "_" + hex(SHA256.digest(bytes))
    }

    public static func game(_ id: String) -> String { "games/\(safeID(id))/index.html" }
    /// The games index, page 1 at `games/index.html`; `safeID` never gives a game `page-N`.
    public static func gamesIndex(page: Int) -> String { page <= 1 ? "games/index.html" : "games/page-\(page)/index.html" }
    public static func channel(_ id: String) -> String { "channels/\(safeID(id))/index.html" }
    public static func report(_ iso: String) -> String { "reports/\(iso)/index.html" }
    public static func email(_ iso: String) -> String { "reports/\(iso)/email.html" }
    public static func data(_ iso: String, _ name: String, _ ext: String) -> String { "data/\(iso)/\(name).\(ext)" }

    /// The prefix that leads from a page back to the site root: `""`, `"../"`, `"../../"`.
    public static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    private static func isPlain(_ id: String) -> Bool {
        let bytes = id.utf8
        guard bytes.count <= 64, bytes.first != UInt8(ascii: "_"),
            bytes.allSatisfy({ c in (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c == 45 || c == 95 })
        else { return false }
        return !isIndexPageName(id)
    }

    /// `page-` followed by digits only: the names of the games index's pages.
    private static func isIndexPageName(_ id: String) -> Bool {
        guard id.hasPrefix("page-") else { return false }
        let number = id.utf8.dropFirst(5)
        return !number.isEmpty && number.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Where pages live. Folder names come from ids, never from names: an id made of letters,
/// digits, `-` and `_` (not starting with `_`) is used as it is; anything else becomes `_` and
/// its UTF-8 bytes in hex, so two ids never share a folder. The empty game id ("No category") is
/// `_none`.
public enum SitePaths {
    public static func safeID(_ id: String) -> String {
        if id.isEmpty { return "_none" }
        let plain = id.utf8.count <= 64 && !id.hasPrefix("_")
            && id.utf8.allSatisfy { c in
                (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95
            }
        if plain { return id }
        var hex = "_"
        let digits = Array("0123456789abcdef")
        for byte in id.utf8.prefix(100) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 15)])
        }
        // Very long ids are cut; a hash of the whole id keeps them apart.
        if id.utf8.count > 100 { hex += "_" + String(fnv1a(id), radix: 16) }
        return hex
    }

    public static func game(_ id: String) -> String { "games/\(safeID(id))/index.html" }
    /// The games index, page 1 at `games/index.html`. Game ids are digits, so `page-N` is never one.
    public static func gamesIndex(page: Int) -> String { page <= 1 ? "games/index.html" : "games/page-\(page)/index.html" }
    public static func channel(_ id: String) -> String { "channels/\(safeID(id))/index.html" }
    public static func report(_ iso: String) -> String { "reports/\(iso)/index.html" }
    public static func email(_ iso: String) -> String { "reports/\(iso)/email.html" }
    public static func data(_ iso: String, _ name: String, _ ext: String) -> String { "data/\(iso)/\(name).\(ext)" }

    /// The prefix that leads from a page back to the site root: `""`, `"../"`, `"../../"`.
    public static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    private static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}

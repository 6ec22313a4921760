import Metrics
import Model

/// `search.json` (games and channels with their page paths) and `search-index.js` (the same
/// entries for the search box, loadable from file:// where fetch is not allowed).
enum SearchIndex {
    struct Entry { var kind: String; var name: String; var login: String; var path: String }

    static func entries(_ input: SiteInput) -> [Entry] {
        var entries: [Entry] = []
        // Games by hours watched on the latest day first, then the rest of the window's games.
        var seen: Set<String> = []
        for g in input.latest.tables.games where input.history.games[g.gameID] != nil {
            seen.insert(g.gameID)
            entries.append(Entry(kind: "g", name: Fmt.gameName(g.gameID, g.gameName), login: "", path: SitePaths.game(g.gameID)))
        }
        for (id, days) in input.history.games.sorted(by: { byteOrder($0.key, $1.key) }) where !seen.contains(id) {
            entries.append(Entry(kind: "g", name: Fmt.gameName(id, days.last?.name ?? ""), login: "", path: SitePaths.game(id)))
        }
        for c in input.history.channelPages {
            entries.append(Entry(kind: "c", name: c.name, login: c.login.lowercased(), path: SitePaths.channel(c.id)))
        }
        return entries
    }

    static func json(_ entries: [Entry]) -> String {
        var out = "[\n"
        for (i, e) in entries.enumerated() {
            out += "{\"k\":\"\(e.kind)\",\"n\":\(HTMLSafeJSON.quoted(e.name)),\"l\":\(HTMLSafeJSON.quoted(e.login)),\"u\":\(HTMLSafeJSON.quoted(e.path))}"
            out += i + 1 < entries.count ? ",\n" : "\n"
        }
        return out + "]\n"
    }

    static func script(_ entries: [Entry]) -> String {
        "window.twitchStatsSearch = " + json(entries).dropLast() + ";\n"
    }
}

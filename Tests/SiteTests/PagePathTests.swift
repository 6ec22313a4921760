import Foundation
import Testing
@testable import Site

/// No two ids share a page, no id takes a page of the site's own (the games index's `page-N`, an
/// index), and every id gives a safe, short relative path: for games and channels alike.
@Suite("Page paths")
struct PagePathTests {
    static let long = String(repeating: "x", count: 300)
    static let hostileIDs: [String] = [
        "", ".", "..", "../etc", "/", "a/b", "a_b", "a\\b", "index", "index.html", "INDEX", "Index", "page-2", "page-02",
        "page-1", "page-0", "page-", "Page-2", "page-2x", "_none", "_", "_2e2e", "__", "-", "abc", "ABC", "aBc",
        "509658", "é", "e\u{301}", "日本", "\u{202E}evil", "a b", "a\0b", "\n", String(repeating: "a", count: 64),
        String(repeating: "a", count: 65), String(repeating: "é", count: 50), String(repeating: "é", count: 51),
        long, long + "y", long + "z", String(repeating: "x", count: 100), String(repeating: "x", count: 101),
        String(repeating: "\u{1F600}", count: 1000),
    ]

    @Test func ordinaryIDsKeepTheirFolders() {
        #expect(SitePaths.game("509658") == "games/509658/index.html")
        #expect(SitePaths.channel("12345678") == "channels/12345678/index.html")
        #expect(SitePaths.game("") == "games/_none/index.html")
        #expect(SitePaths.safeID("just_chatting-2") == "just_chatting-2")
    }

    @Test func aGameCalledPage2DoesNotTakePage2OfTheGamesIndex() {
        #expect(SitePaths.game("page-2") != SitePaths.gamesIndex(page: 2))
        #expect(SitePaths.safeID("page-2") == "_706167652d32")
        #expect(SitePaths.safeID("page-2x") == "page-2x")
    }

    @Test(arguments: ["games", "channels"])
    func everyIDHasAFolderOfItsOwnThatIsSafe(kind: String) throws {
        let path = { (id: String) in kind == "games" ? SitePaths.game(id) : SitePaths.channel(id) }
        var owners: [String: String] = [:]
        // The site's own pages in the same folder: its index and the games index's pages.
        owners["\(kind)/index.html"] = "the index"
        for page in 2...1_000 { owners[SitePaths.gamesIndex(page: page)] = "games index page \(page)" }
        for id in Self.hostileIDs {
            let p = path(id)
            // Compared without case: some file systems fold it.
            let key = p.lowercased()
            #expect(owners[key] == nil, "\(id.debugDescription) shares \(p) with \(owners[key]?.debugDescription ?? "")")
            owners[key] = id
            try SiteStaging.checkRelative(p)
            let parts = p.split(separator: "/")
            #expect(parts.count == 3 && parts[0] == kind && parts[2] == "index.html", "\(p)")
            #expect(parts[1].utf8.count <= 255, "\(id.debugDescription): a folder name of \(parts[1].utf8.count) bytes")
            #expect(parts[1].utf8.allSatisfy { c in
                (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c == 45 || c == 95
            }, "\(p)")
        }
    }

    @Test func longIDsAreToldApartByAllTheirBytes() {
        let a = Self.long + "y", b = Self.long + "z"
        #expect(SitePaths.safeID(a) != SitePaths.safeID(b))
        #expect(SitePaths.safeID(a).hasPrefix("_" + String(repeating: "78", count: 80) + "_"))
    }

    @Test func sha256MatchesTheStandardsTestVectors() {
        func hex(_ s: String) -> String { SHA256.digest(Array(s.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// Built end to end: hostile game and channel ids each get their own page, and the games
    /// index and channel index stay the site's own.
    @Test func hostileIDsEachGetTheirOwnPageInABuiltSite() throws {
        var streams = SyntheticStreams(channels: 8, games: 5, days: 1)
        streams.gameIDs = [0: "page-2", 1: "index", 2: "..", 3: "Page-2"]
        streams.gameNames = [0: "Game page-2", 1: "Game index", 2: "Game dots", 3: "Game Page-2"]
        streams.userIDs = [0: "page-2", 1: "index", 2: "INDEX", 3: "é", 4: "../x"]
        let built = try BuiltSite(streams)
        defer { built.remove() }
        #expect(built.text("games/index.html").contains("<h1>Games</h1>"))
        #expect(built.text("channels/index.html").contains("<h1>Channels</h1>"))
        for (game, id) in streams.gameIDs {
            let page = built.text(SitePaths.game(id))
            #expect(page.contains(streams.gameNames[game]!), "the page of game \(id.debugDescription)")
        }
        for (channel, id) in streams.userIDs {
            #expect(built.text(SitePaths.channel(id)).contains("Channel \(channel)"), "the page of channel \(id.debugDescription)")
        }
    }

    /// Paths the staging folder refuses: anything that could leave the site or name no file.
    @Test func unsafeRelativePathsAreRefused() {
        for bad in ["", "/a", "a//b", "../a", "a/..", "a/../b", "..", "a/", "a\0b", "/"] {
            #expect(throws: PublishError.self, "\(bad.debugDescription)") { try SiteStaging.checkRelative(bad) }
        }
        for good in ["a", "a/b.html", "..a/b", "a/...", ".x/y", "a/b/c/chart-1.csv", "."] {
            #expect(throws: Never.self, "\(good.debugDescription)") { try SiteStaging.checkRelative(good) }
        }
    }
}

import Foundation
import Testing
@testable import Site

@Suite("Hostile text")
struct EscapingTests {
    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "it's \"quoted\" & <b>bold</b>",
        "\u{202E}evil\u{202C}name", "'><svg onload=alert(3)>",
        // A combining mark makes "<" part of a longer Character, which an escaper by Character misses.
        "<\u{0301}svg onload=alert(4)>",
    ]

    @Test func namesAndTitlesAreEscapedEverywhere() throws {
        var streams = SyntheticStreams(channels: 10, games: 6, days: 2)
        for (i, text) in Self.hostile.enumerated() {
            streams.channelNames[i] = text
            streams.gameNames[i] = text
            streams.titles[i] = text
        }
        let built = try BuiltSite(streams)
        defer { built.remove() }
        let pages = built.files(endingWith: ".html")
        #expect(pages.count > 10)
        for page in pages {
            let html = built.text(page)
            for raw in ["<script>alert", "<img src=x", "<svg onload", "<b>bold", "\"><img", "<\u{0301}svg"] {
                #expect(!html.contains(raw), "\(page) contains unescaped \(raw)")
            }
            // The only script elements are the site's own search and table scripts (none in the email digest).
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == (page.hasSuffix("email.html") ? 0 : 2), "\(page) has \(scripts) script elements")
        }
        let search = built.text("search-index.js")
        #expect(!search.contains("<") && !search.contains(">"))
        #expect(built.text("search.json").contains("\\u003cscript\\u003e"))
        // Bidi overrides are kept but isolated, so they cannot flip the text around them.
        #expect(built.text("channels/index.html").contains("<bdi>\u{202E}evil\u{202C}name</bdi>"))
    }

    @Test func idsBecomeSafeFolderNames() {
        #expect(SitePaths.safeID("") == "_none")
        #expect(SitePaths.safeID("509658") == "509658")
        #expect(SitePaths.safeID("../etc") == "_2e2e2f657463")
        #expect(SitePaths.safeID("a/b") != SitePaths.safeID("a_b"))
        #expect(SitePaths.safeID("_none") != "_none")
        let long = String(repeating: "é", count: 80)
        #expect(!SitePaths.safeID(long).contains("/") && SitePaths.safeID(long).utf8.count < 250)
        #expect(SitePaths.root(of: "games/1/index.html") == "../../")
        #expect(SitePaths.root(of: "index.html") == "")
    }
}

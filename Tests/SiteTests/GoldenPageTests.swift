import Foundation
import TestSupport
import Testing
@testable import Site

/// Update deliberately with: UPDATE_GOLDEN=1 swift test --filter SiteTests
@Suite("Golden pages")
struct GoldenPageTests {
    private let golden = GoldenFolder(target: "SiteTests")

    @Test func gamePageMatchesGoldenFile() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 10, games: 4, days: 2, crawlMinutes: 60))
        defer { built.remove() }
        try golden.check(built.text("games/1000/index.html"), named: "game-1000.html")
    }
}

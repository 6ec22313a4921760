import Foundation
import Testing
@testable import Site

@Suite("Email digest")
struct DigestTests {
    @Test func digestIsEmailSafeWithAbsoluteLinks() throws {
        let base = "https://stats.example.org/twitch/"
        let built = try BuiltSite(SyntheticStreams(channels: 20, days: 3), baseURL: base)
        defer { built.remove() }
        let digests = built.files(endingWith: "email.html")
        #expect(digests.count == 3)
        for digest in digests {
            let html = built.text(digest)
            for forbidden in ["<svg", "<script", "<link", "<style"] {
                #expect(!html.contains(forbidden), "\(digest) contains \(forbidden)")
            }
            let links = attributeValues("href", in: html)
            #expect(links.count >= 10)
            for link in links { #expect(link.hasPrefix(base), "\(digest): \(link)") }
        }
        let last = built.text(digests[2])
        #expect(last.contains("Top movers") || last.contains("Top games"))
        #expect(last.contains(base + "reports/"))
    }

    @Test func digestLinksAreRelativeWithoutBaseURL() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 8, days: 2))
        defer { built.remove() }
        let digest = built.files(endingWith: "email.html")[0]
        for link in attributeValues("href", in: built.text(digest)) { #expect(link.hasPrefix("../../"), "\(link)") }
    }
}

@Suite("Render settings")
struct RenderSettingsTests {
    @Test func changingTheBaseURLRewritesEveryDigest() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 8, days: 3))
        defer { built.remove() }
        let base = "https://example.net/"
        try built.build(baseURL: base)
        for digest in built.files(endingWith: "email.html") {
            #expect(attributeValues("href", in: built.text(digest)).allSatisfy { $0.hasPrefix(base) }, "\(digest)")
        }
    }
}

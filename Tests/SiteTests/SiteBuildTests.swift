import Foundation
import Testing
@testable import Site

@Suite("Built site")
struct SiteBuildTests {
    @Test func everyRelativeLinkResolvesToAFile() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 40, days: 3), channelPages: 10)
        defer { built.remove() }
        var broken: [String] = []
        for page in built.files(endingWith: ".html") {
            let html = built.text(page)
            let base = URL(fileURLWithPath: built.site.appendingPathComponent(page).path).deletingLastPathComponent()
            for link in attributeValues("href", in: html) + attributeValues("src", in: html) {
                #expect(!link.hasPrefix("/"), "root-absolute link \(link) in \(page)")
                guard !link.contains("://"), !link.hasPrefix("#") else { continue }
                let target = base.appendingPathComponent(String(link.split(separator: "#")[0])).standardizedFileURL
                if !FileManager.default.fileExists(atPath: target.path) { broken.append("\(page) → \(link)") }
            }
        }
        #expect(broken.isEmpty, "broken links: \(broken.prefix(10))")
        #expect(built.exists("games/_none/index.html"))
        #expect(built.exists("rollups/7d/index.html") && built.exists("rollups/30d/index.html"))
        #expect(built.files(endingWith: "email.html").count == 3)
        #expect(built.files(endingWith: ".html").filter { $0.hasPrefix("channels/") }.count == 11)
    }

    @Test func pagesHaveNoExternalAssetsAndOneStylesheet() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 12, days: 2))
        defer { built.remove() }
        for page in built.files(endingWith: "index.html") {
            let html = built.text(page)
            #expect(attributeValues("rel", in: html).filter { $0 == "stylesheet" }.count == 1, "\(page)")
            for link in attributeValues("href", in: html) + attributeValues("src", in: html) {
                #expect(!link.contains("://") && !link.hasPrefix("//"), "\(page) links to \(link)")
            }
        }
    }

    @Test func rebuildWithNothingNewChangesNoFile() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 12, days: 2))
        defer { built.remove() }
        let report = try built.build()
        #expect(report.changedFiles == 0)
        #expect(!report.published)
    }

    @Test func pageSizesMeasureTheBuiltSite() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 30, days: 2))
        defer { built.remove() }
        let sizes = PageSizes.measure(site: built.site)
        #expect(sizes.pages == built.files(endingWith: ".html").count)
        #expect(sizes.medianBytes > 0 && sizes.medianBytes <= sizes.maxBytes)
        #expect(sizes.maxBytes <= 400_000)
    }
}

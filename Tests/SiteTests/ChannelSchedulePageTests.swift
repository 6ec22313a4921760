import Foundation
import Testing

@Suite("Channel schedule pages")
struct ChannelSchedulePageTests {
    @Test func aChannelPageShowsWhenTheChannelStreams() throws {
        let built = try BuiltSite(SyntheticStreams(channels: 6, days: 3), channelPages: 2)
        defer { built.remove() }
        let pages = built.files(endingWith: "index.html").filter { $0.hasPrefix("channels/") && $0 != "channels/index.html" }
        #expect(pages.count == 2)
        for page in pages {
            let html = built.text(page)
            #expect(html.contains("class=\"chart chart-heatmap\""), "\(page) has no heat map")
            #expect(html.contains("<th scope=\"row\">Mon</th>"), "\(page) has no heat map table")
            #expect(html.contains("usually started streaming around"), "\(page) does not say when it starts")
        }
    }
}

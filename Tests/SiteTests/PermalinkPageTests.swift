import Foundation
import TestSupport
import Testing

/// Pages that a later build does not render again (a day's report, a month's page, a stream page
/// whose stream is over) must read the same whether the site was built in steps or at once; their
/// footer names their own last day.
@Suite struct PermalinkPageTests {
    @Test func reportsAndPeriodPagesBuiltInStepsEqualThoseOfOneBuild() throws {
        let stepwise = try BuiltSite(SyntheticStreams(channels: 8, days: 2))
        defer { stepwise.remove() }
        try stepwise.importStreams(SyntheticStreams(channels: 8, days: 3))
        try stepwise.build()

        let once = try BuiltSite(SyntheticStreams(channels: 8, days: 3))
        defer { once.remove() }

        let permalinks = { (files: [String: Data]) in
            files.filter { path, _ in ["reports/2", "months/", "years/", "streams/"].contains { path.hasPrefix($0) } }
        }
        let built = permalinks(filesUnder(stepwise.site)), expected = permalinks(filesUnder(once.site))
        #expect(!expected.isEmpty)
        #expect(built.keys.sorted() == expected.keys.sorted())
        #expect(built.filter { expected[$0.key] != $0.value }.keys.sorted() == [])
    }
}

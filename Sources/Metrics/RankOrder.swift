/// The rank orders of METRICS.md §4, written once for the daily tables and the period tables of
/// §8: hours watched descending, then hours streamed descending (not for languages), then the id
/// in byte order; ranks are 1-based.
protocol RankedRow {
    var rank: Int { get set }
    var time: Time { get }
    /// The id that breaks ties, in byte order.
    var rankID: String { get }
    /// Whether hours streamed break ties before the id (languages go straight to the id).
    static var tiesByHoursStreamed: Bool { get }
}

extension Array where Element: RankedRow {
    /// Sorts the rows in rank order and numbers them from 1.
    mutating func rank() {
        sort { a, b in
            if a.time.watchMs != b.time.watchMs { return a.time.watchMs > b.time.watchMs }
            if Element.tiesByHoursStreamed, a.time.secondsMs != b.time.secondsMs {
                return a.time.secondsMs > b.time.secondsMs
            }
            return byteOrder(a.rankID, b.rankID)
        }
        for i in indices { self[i].rank = i + 1 }
    }
}

extension GameRow: RankedRow {
    var rankID: String { gameID }
    static var tiesByHoursStreamed: Bool { true }
}

extension ChannelRow: RankedRow {
    var rankID: String { userID }
    static var tiesByHoursStreamed: Bool { true }
}

extension LanguageRow: RankedRow {
    var rankID: String { language }
    static var tiesByHoursStreamed: Bool { false }
}

extension LanguageGameRow: RankedRow {
    var rankID: String { gameID }
    static var tiesByHoursStreamed: Bool { true }
}

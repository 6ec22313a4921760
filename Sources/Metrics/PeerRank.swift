/// A channel's rank among its peers on one day: the channels whose main game and language that
/// day are its own, ranked as the day's channels table ranks them (by hours watched).
public struct PeerRank: Sendable {
    public var rank: Int
    /// Channels in the group, the channel included.
    public var of: Int
    /// The channel's row in the day's table (its main game and language name the group).
    public var row: ChannelRow

    /// The rank as the smallest whole percentage of the group it falls in ("top 3%"), at least 1.
    public var topPercent: Int { max(1, Int((Double(rank) / Double(of) * 100).rounded(.up))) }

    /// The peer ranks of `users` on a day, from the day's channels in rank order. Every channel
    /// counts in its group; only the wanted ones get an entry.
    public static func ranks(of users: Set<String>, in channels: [ChannelRow]) -> [String: PeerRank] {
        var sizes: [Group: Int] = [:]
        var found: [String: (rank: Int, group: Group, row: ChannelRow)] = [:]
        for c in channels {
            let group = Group(mainGameID: c.mainGameID, language: c.language)
            // Rows keep the day's rank order, so position in the group is the rank among peers.
            let rank = sizes[group, default: 0] + 1
            sizes[group] = rank
            if users.contains(c.userID) { found[c.userID] = (rank, group, c) }
        }
        return found.mapValues { PeerRank(rank: $0.rank, of: sizes[$0.group] ?? $0.rank, row: $0.row) }
    }

    private struct Group: Hashable {
        var mainGameID: String
        var language: String
    }
}

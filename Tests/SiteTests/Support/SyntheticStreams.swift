import Foundation

/// A deterministic synthetic Twitch: `channels` channels over `days` days, crawled every
/// `crawlMinutes`, written as Get Streams NDJSON (the import format). Names can be made hostile.
struct SyntheticStreams {
    var channels = 60
    var games = 12
    var days = 3
    var crawlMinutes = 30
    var start = "2026-03-01"
    /// Channel and game names (index → name) to use instead of the generated ones.
    var channelNames: [Int: String] = [:]
    var gameNames: [Int: String] = [:]
    var titles: [Int: String] = [:]
    /// The first day's stream ids count from here (a channel's stream of day d is this + d·10,000 + c).
    var streamIDBase = 900_000
    /// Channels renamed from a day on (0 is the first), after their earlier names.
    var renamed: (fromDay: Int, names: [Int: String]) = (0, [:])
    /// Game and user ids (index → id) to use instead of the generated ones.
    var gameIDs: [Int: String] = [:]
    var userIDs: [Int: String] = [:]

    func ndjson() -> String {
        let startMillis = Int64(dayNumber(start)) * 86_400_000
        let crawlsPerDay = 24 * 60 / crawlMinutes
        var lines: [String] = []
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        // Each channel streams once a day: a start hour and a length, fixed per channel.
        let plans = (0..<channels).map { c in
            (startHour: Int(next() % 20), hours: 2 + Int(next() % 6), base: 2_000 / (c + 1) + Int(next() % 20),
             game: Int(next() % UInt64(games)), language: ["en", "de", "es", "fr", "ja", ""][c % 6])
        }
        for crawl in 0..<(crawlsPerDay * days) {
            let t = startMillis + Int64(crawl * crawlMinutes) * 60_000
            let day = crawl / crawlsPerDay
            let minuteOfDay = (crawl % crawlsPerDay) * crawlMinutes
            for (c, plan) in plans.enumerated() {
                let from = plan.startHour * 60
                guard minuteOfDay >= from, minuteOfDay < from + plan.hours * 60 else { continue }
                let started = startMillis + Int64(day) * 86_400_000 + Int64(from) * 60_000
                // Halfway through, every third channel switches game: streams get several segments.
                let game = c % 3 == 0 && minuteOfDay >= from + plan.hours * 30 ? (plan.game + 1) % games : plan.game
                let viewers = plan.base + Int(next() % 50) + (day * 37 + c) % 90
                let name = (day >= renamed.fromDay ? renamed.names[c] : nil) ?? channelNames[c] ?? "Channel \(c)"
                let gameID = game == games - 1 ? "" : (gameIDs[game] ?? String(1000 + game))
                let gameName = game == games - 1 ? "" : (gameNames[game] ?? "Game \(game)")
                lines.append(
                    "{\"id\":\"\(streamIDBase + day * 10_000 + c)\",\"user_id\":\(quote(userIDs[c] ?? String(100 + c))),\"user_login\":\"channel\(c)\","
                        + "\"user_name\":\(quote(name)),\"game_id\":\(quote(gameID)),\"game_name\":\(quote(gameName)),"
                        + "\"type\":\"live\",\"title\":\(quote(titles[c] ?? "Stream \(c)")),\"tags\":[],"
                        + "\"viewer_count\":\(viewers),\"started_at\":\"\(format(started))\","
                        + "\"language\":\"\(plan.language)\",\"is_mature\":false,\"last_updated\":\"\(format(t))\"}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func quote(_ s: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst().dropLast())
    }

    private func dayNumber(_ iso: String) -> Int {
        let p = iso.split(separator: "-").map { Int($0)! }
        var c = DateComponents()
        (c.year, c.month, c.day) = (p[0], p[1], p[2])
        c.timeZone = TimeZone(identifier: "UTC")
        let date = Calendar(identifier: .gregorian).date(from: c)!
        return Int(date.timeIntervalSince1970 / 86_400)
    }

    private func format(_ t: Int64) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(t) / 1000))
    }
}

import Foundation
import Model
import Testing
@testable import Simulator

@Suite struct ServerTests {
    @Test func tokenEndpointIssuesBearerTokens() async throws {
        try await withSimulator { sim, client in
            let answer = try await client.post("/oauth2/token", form: "client_id=abc&client_secret=xyz&grant_type=client_credentials")
            #expect(answer.status == 200)
            let json = try #require(answer.json)
            #expect((json["access_token"] as? String)?.count == 30)
            #expect(json["expires_in"] as? Int == 5_011_271)
            #expect(json["token_type"] as? String == "bearer")
            let token = json["access_token"] as! String
            let valid = try await client.get("/oauth2/validate", headers: ["Authorization": "OAuth \(token)"])
            #expect(valid.status == 200)
            #expect(valid.json?["client_id"] as? String == "abc")
            let invalid = try await client.get("/oauth2/validate", headers: ["Authorization": "OAuth nope"])
            #expect(invalid.status == 401)
            #expect(invalid.json?["message"] as? String == "invalid access token")
        }
    }

    @Test func tokenEndpointRejectsWrongCredentialsLikeTwitch() async throws {
        try await withSimulator({ $0.clientID = "id"; $0.clientSecret = "secret" }) { _, client in
            let wrongClient = try await client.post("/oauth2/token", form: "client_id=other&client_secret=secret&grant_type=client_credentials")
            #expect(wrongClient.status == 400)
            #expect(wrongClient.json?["message"] as? String == "invalid client")
            #expect(wrongClient.json?["status"] as? Int == 400)
            #expect(wrongClient.json?["error"] == nil)
            let wrongSecret = try await client.post("/oauth2/token", form: "client_id=id&client_secret=guess&grant_type=client_credentials")
            #expect(wrongSecret.status == 403)
            #expect(wrongSecret.json?["message"] as? String == "invalid client secret")
            let right = try await client.post("/oauth2/token", form: "client_id=id&client_secret=secret&grant_type=client_credentials")
            #expect(right.status == 200)
        }
    }

    @Test func streamsPageHasHelixShape() async throws {
        try await withSimulator { sim, client in
            let token = try await client.token()
            let answer = try await client.helix("/streams?first=100", token: token)
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true)
            let json = try #require(answer.json)
            let data = try #require(json["data"] as? [[String: Any]])
            #expect(data.count == 100)
            let stringFields = ["id", "user_id", "user_login", "user_name", "game_id", "game_name", "type", "title",
                                "started_at", "language", "thumbnail_url"]
            for stream in data {
                #expect(Set(stream.keys) == Set(stringFields + ["viewer_count", "tag_ids", "tags", "is_mature"]))
                for field in stringFields { #expect(stream[field] is String, "\(field)") }
                #expect(stream["viewer_count"] is Int)
                #expect((stream["tag_ids"] as? [Any])?.isEmpty == true)
                #expect(stream["tags"] is [String] || stream["tags"] is NSNull)
                #expect(stream["is_mature"] as? Bool == false)
                #expect(stream["type"] as? String == "live")
                #expect(Timestamp.parse(stream["started_at"] as! String) != nil)
                #expect((stream["thumbnail_url"] as! String).contains("{width}x{height}"))
                #expect(Int(stream["id"] as! String) != nil && Int(stream["user_id"] as! String) != nil)
            }
            let viewers = data.map { $0["viewer_count"] as! Int }
            #expect(viewers == viewers.sorted(by: >))
            let cursor = (json["pagination"] as? [String: Any])?["cursor"] as? String
            #expect(cursor?.isEmpty == false)
            let defaultPage = try await client.helix("/streams", token: token)
            #expect((defaultPage.json?["data"] as? [Any])?.count == 20)
        }
    }

    @Test func helixRejectsBadRequestsWithItsErrorShape() async throws {
        try await withSimulator { sim, client in
            let token = try await client.token()
            let missing = try await client.get("/helix/streams", headers: ["Client-Id": "client"])
            #expect(missing.status == 401)
            #expect(missing.json?["error"] as? String == "Unauthorized")
            let wrongClient = try await client.helix("/streams", token: token, clientID: "someone-else")
            #expect(wrongClient.status == 401)
            let unknown = try await client.helix("/streams", token: "notatoken")
            #expect(unknown.status == 401)
            #expect(unknown.json?["message"] as? String == "Invalid OAuth token")
            let tooMany = try await client.helix("/streams?first=101", token: token)
            #expect(tooMany.status == 400)
            #expect(tooMany.json?["error"] as? String == "Bad Request")
            #expect(tooMany.json?["status"] as? Int == 400)
            let garbage = try await client.helix("/streams?after=garbage", token: token)
            #expect(garbage.status == 400)
        }
    }

    @Test func expiredTokenGets401() async throws {
        try await withSimulator({ $0.tokenLifetime = 60 }) { sim, client in
            let token = try await client.token()
            #expect(try await client.helix("/streams", token: token).status == 200)
            sim.clock.advance(by: 61_000)
            let expired = try await client.helix("/streams", token: token)
            #expect(expired.status == 401)
            #expect(expired.json?["message"] as? String == "Invalid OAuth token")
        }
    }

    @Test func emptyBucketGets429WithRateLimitHeaders() async throws {
        try await withSimulator({ $0.rateLimit.capacity = 3; $0.rateLimit.refillPerMinute = 3 }) { sim, client in
            let token = try await client.token()
            var answers: [HTTPTestClient.Answer] = []
            for _ in 0..<4 { answers.append(try await client.helix("/streams", token: token)) }
            #expect(answers.map(\.status) == [200, 200, 200, 429])
            #expect(answers.map { $0.header("Ratelimit-Remaining") } == ["2", "1", "0", "0"])
            let limited = answers[3]
            #expect(limited.header("Ratelimit-Limit") == "3")
            #expect(limited.json?["error"] as? String == "Too Many Requests")
            let reset = try #require(limited.header("Ratelimit-Reset").flatMap { Int64($0) })
            #expect(reset >= sim.clock.now() / 1000)
            sim.clock.advance(by: 60_000)
            #expect(try await client.helix("/streams", token: token).status == 200)
        }
    }

    @Test func fullCrawlWithoutDriftSeesEveryStreamOnce() async throws {
        try await withSimulator { sim, client in
            let token = try await client.token()
            let result = try await crawl(client, token: token)
            let truth = sim.world.snapshot(at: sim.clock.now()).streams.map(\.id)
            #expect(result.ids == truth)
        }
    }

    @Test func paginationDriftCausesDuplicatesAndMisses() async throws {
        var duplicates = 0
        var misses = 0
        for seed in UInt64(1)...2 {
            try await withSimulator({ $0.seed = seed; $0.driftRate = 0.01; $0.streams = 1_000 }) { sim, client in
                let token = try await client.token()
                let ids = try await crawl(client, token: token).ids
                let truth = Set(sim.world.snapshot(at: sim.clock.now()).streams.map(\.id))
                duplicates += ids.count - Set(ids).count
                misses += truth.subtracting(ids).count
            }
        }
        #expect(duplicates > 0)
        #expect(misses > 0)
    }

    @Test func lastPageCursorLoopsBackToFirstPage() async throws {
        try await withSimulator({ $0.quirks.loopingLastPage = 1 }) { sim, client in
            let token = try await client.token()
            let result = try await crawl(client, token: token)
            #expect(result.pages.count >= 3)
            #expect(result.pages.last == Array(result.pages[0]))
        }
    }

    @Test func filtersByGameLanguageAndUser() async throws {
        try await withSimulator { sim, client in
            let token = try await client.token()
            let english = try await client.helix("/streams?first=100&language=en", token: token)
            let languages = (english.json?["data"] as? [[String: Any]])?.map { $0["language"] as! String } ?? []
            #expect(!languages.isEmpty && languages.allSatisfy { $0 == "en" })
            let games = try await client.helix("/streams?first=100&game_id=509658&game_id=21779", token: token)
            let ids = Set((games.json?["data"] as? [[String: Any]])?.map { $0["game_id"] as! String } ?? [])
            #expect(!ids.isEmpty && ids.isSubset(of: ["509658", "21779"]))
            let top = sim.world.snapshot(at: sim.clock.now()).stream(at: 0)
            let byLogin = try await client.helix("/streams?user_login=\(top.userLogin)", token: token)
            #expect((byLogin.json?["data"] as? [[String: Any]])?.first?["user_id"] as? String == top.userID)
            let users = try await client.helix("/users?id=\(top.userID)&login=\(top.userLogin)", token: token)
            let user = try #require((users.json?["data"] as? [[String: Any]])?.first)
            #expect((users.json?["data"] as? [Any])?.count == 1)
            for field in ["id", "login", "display_name", "type", "broadcaster_type", "description",
                          "profile_image_url", "offline_image_url", "created_at"] {
                #expect(user[field] is String, "\(field)")
            }
            let game = try await client.helix("/games?id=32399", token: token)
            let g = try #require((game.json?["data"] as? [[String: Any]])?.first)
            #expect(g["name"] as? String == "Counter-Strike: Global Offensive")
            sim.clock.advance(by: 31 * hour)  // renamed 30 h after the world starts
            let renamed = try await client.helix("/games?id=32399", token: token)
            #expect((renamed.json?["data"] as? [[String: Any]])?.first?["name"] as? String == "Counter-Strike")
            #expect((g["box_art_url"] as? String)?.contains("{width}x{height}") == true)
            #expect(g["igdb_id"] is String)
        }
    }

    @Test func hostileTextIsEscapedTheWayGoDoes() {
        var j = JSONPageWriter()
        j.string("<script>\"a\"&\\\n\u{2028}")
        #expect(String(decoding: j.bytes, as: UTF8.self) == #""\u003cscript\u003e\"a\"\u0026\\\n\u2028""#)
    }

    @Test func faultsBreakResponsesInEveryWay() async throws {
        try await withSimulator({ $0.faultRate = 1; $0.slowResponseSeconds = 0.01 }) { sim, client in
            let token = try await client.token()
            var statuses = Set<Int>()
            var broken = 0
            var dropped = 0
            for _ in 0..<40 {
                do {
                    let answer = try await client.helix("/streams?first=5", token: token)
                    statuses.insert(answer.status)
                    if answer.status == 200 && answer.json == nil { broken += 1 }
                } catch {
                    dropped += 1
                }
            }
            #expect(statuses.contains(429))
            #expect(!statuses.isDisjoint(with: [500, 502, 503, 504]))
            #expect(broken + dropped > 0)
        }
    }

    @Test func scaledClockRunsVirtualTimeFasterThanReal() async throws {
        try await withSimulator({ $0.speed = 3_600 }) { sim, client in
            let token = try await client.token()
            let before = sim.clock.now()
            #expect(try await client.helix("/streams?first=100", token: token).status == 200)
            try await Task.sleep(for: .milliseconds(50))
            #expect(try await client.helix("/streams?first=100", token: token).status == 200)
            #expect(sim.clock.now() - before >= 180_000)
        }
    }
}

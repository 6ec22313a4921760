import Helix
import Model
import Testing

@Suite struct HTTPClientTests {
    @Test func requestsAskForGzipAndNameTheProgramAndHeadersAreCaseInsensitive() async throws {
        let h = Harness(pages: StreamJSON.pages(1))
        try await h.server.start()
        let url = h.server.endpoints.streamsURL
        let token = try await offThread { try HTTPClient().post(h.server.endpoints.tokenURL, form: [("client_id", "x")]) }
        let response = try await offThread { try HTTPClient().get(url + "?first=1", headers: ["Authorization": "Bearer " + ScriptedHelix.tokenValue(1), "Client-Id": "x"]) }
        await h.server.stop()
        #expect(token.status == 200)
        #expect(response.status == 200)
        #expect(response.header("RATELIMIT-LIMIT") == "800" && response.header("ratelimit-limit") == "800")
        let request = try #require(h.server.apiRequests.first)
        #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(request.headers["user-agent"] == "twitch-stats/\(TwitchStatsVersion.current)")
    }

    @Test func bodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() async throws {
        let h = Harness(pages: StreamJSON.pages(1))
        let body = [UInt8](repeating: 0x20, count: 50_000)
        h.server.script(page: 0, .answer(status: 200, body: body), .answer(status: 200, body: body))
        try await h.server.start()
        let url = h.server.endpoints.streamsURL
        let headers = ["Authorization": "Bearer " + ScriptedHelix.tokenValue(0), "Client-Id": "x"]
        let results = try await offThread { () -> (Int, HTTPError?) in
            let exact = try HTTPClient(configuration: .init(maxBodyBytes: 50_000)).get(url, headers: headers)
            do {
                _ = try HTTPClient(configuration: .init(maxBodyBytes: 49_999)).get(url, headers: headers)
                return (exact.body.count, nil)
            } catch let error as HTTPError {
                return (exact.body.count, error)
            }
        }
        await h.server.stop()
        #expect(results.0 == 50_000)
        #expect(results.1 == .bodyTooLarge(limit: 49_999))
    }

    @Test func refusedConnectionIsAConnectionError() async throws {
        // Port 1 on loopback: nothing listens there.
        let result = try await offThread { () -> HTTPError? in
            do {
                _ = try HTTPClient(configuration: .init(connectTimeout: 500, totalTimeout: 1_000)).get("http://127.0.0.1:1/")
                return nil
            } catch let error as HTTPError {
                return error
            }
        }
        guard case .connectionFailed? = result else { Issue.record("\(String(describing: result))"); return }
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Simulator

/// A small loopback client for the tests.
struct HTTPTestClient {
    let root: String

    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: Data

        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    static let session: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        // Generous: the suite's heavy tests can hold the simulator's tasks up for seconds on a
        // loaded CI machine (10 s timed out once there); a test of timeouts sets its own.
        c.timeoutIntervalForRequest = 60
        return URLSession(configuration: c)
    }()

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: URL(string: root + path)!)
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        return try await send(request)
    }

    func post(_ path: String, form: String) async throws -> Answer {
        var request = URLRequest(url: URL(string: root + path)!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(form.utf8)
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> Answer {
        let (data, response) = try await Self.session.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers["\(k)"] = "\(v)" }
        return Answer(status: http.statusCode, headers: headers, body: data)
    }

    /// Fetches an app token for `clientID`.
    func token(clientID: String = "client", secret: String = "secret") async throws -> String {
        let answer = try await post("/oauth2/token", form: "client_id=\(clientID)&client_secret=\(secret)&grant_type=client_credentials")
        return answer.json?["access_token"] as! String
    }

    func helix(_ path: String, token: String, clientID: String = "client") async throws -> Answer {
        try await get("/helix" + path, headers: ["Authorization": "Bearer \(token)", "Client-Id": clientID])
    }
}

/// Starts a simulator with a manual clock and no quirks unless the test asks for them.
func withSimulator(_ adjust: (inout SimulatorConfig) -> Void = { _ in },
                   _ body: (RunningSimulator, HTTPTestClient) async throws -> Void) async throws {
    var config = SimulatorConfig()
    config.streams = 500
    config.seed = 3
    config.speed = nil
    config.start = testEpoch + 20 * hour
    config.quirks = .none
    config.driftRate = 0
    adjust(&config)
    let simulator = try await SimulatorServer.start(config)
    do {
        try await body(simulator, HTTPTestClient(root: simulator.rootURL))
    } catch {
        await simulator.stop()
        throw error
    }
    await simulator.stop()
}

/// Pages through Get Streams until the API says stop: no cursor, an empty page, or a page of
/// streams already seen (the loop back to page 1). Returns every stream id in order.
func crawl(_ client: HTTPTestClient, token: String, query: String = "") async throws -> (ids: [String], pages: [[String]]) {
    var ids: [String] = []
    var pages: [[String]] = []
    var cursor: String?
    var seen = Set<String>()
    repeat {
        var path = "/streams?first=100" + query
        if let cursor { path += "&after=\(cursor)" }
        let answer = try await client.helix(path, token: token)
        guard answer.status == 200, let json = answer.json, let data = json["data"] as? [[String: Any]] else { break }
        let page = data.map { $0["id"] as! String }
        if page.isEmpty || page.allSatisfy({ seen.contains($0) }) { pages.append(page); break }
        pages.append(page)
        ids += page
        seen.formUnion(page)
        cursor = (json["pagination"] as? [String: Any])?["cursor"] as? String
    } while cursor != nil
    return (ids, pages)
}

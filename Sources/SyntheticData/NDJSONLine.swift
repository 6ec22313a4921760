import Model

/// One observation as an NDJSON line in Get Streams' shape with `last_updated`.
public enum NDJSONLine {
    public static func line(_ o: Observation) -> String {
        "{\"id\":\"\(o.streamID)\",\"user_id\":\"\(o.userID)\",\"user_login\":\(quote(o.userLogin)),"
            + "\"user_name\":\(quote(o.userName)),\"game_id\":\"\(o.gameID)\",\"game_name\":\(quote(o.gameName)),"
            + "\"type\":\"live\",\"title\":\(quote(o.title)),\"tags\":\(o.tags),\"viewer_count\":\(o.viewerCount),"
            + "\"started_at\":\"\(Timestamp.format(o.startedAt))\",\"language\":\"\(o.language)\","
            + "\"thumbnail_url\":\"https://static-cdn.jtvnw.net/previews-ttv/live_user_\(o.userLogin)-{width}x{height}.jpg\","
            + "\"tag_ids\":[],\"is_mature\":false,\"last_updated\":\"\(Timestamp.format(o.observedAt))\"}\n"
    }

    static func quote(_ s: String) -> String { MinimalJSON.quoted(s) }
}

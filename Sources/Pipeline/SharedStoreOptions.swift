import Foundation
import Model
import PostgresStore

/// `collect --store postgres://…`: where a collector lands its crawls when several share one store.
public struct SharedStoreOptions: Sendable {
    public var location: PostgresLocation
    /// This collector's name in the shared store (`--collector`; by default the host name).
    public var collector: String
    /// A label for the client id, stored with each crawl: which app crawled it, never the secret.
    public var clientLabel: String
    /// How long to wait between two tries to reach the store while it is down.
    public var reconnectSeconds: Double
    /// Slots end here (exclusive): a collector stops once the next slot would start at or after
    /// it. Nil runs until stopped or `--crawls`; the demo sets it to the end of its simulated days.
    public var slotsUntil: Millis?

    public init(location: PostgresLocation, collector: String = SharedStoreOptions.hostName(), clientLabel: String,
                reconnectSeconds: Double = 10, slotsUntil: Millis? = nil) {
        self.location = location
        self.collector = collector
        self.clientLabel = clientLabel
        self.reconnectSeconds = reconnectSeconds
        self.slotsUntil = slotsUntil
    }

    public static func hostName() -> String { ProcessInfo.processInfo.hostName }

    /// The label for a client id: its last four characters, enough to tell apps apart.
    public static func clientLabel(clientID: String) -> String { "…" + String(clientID.suffix(4)) }
}

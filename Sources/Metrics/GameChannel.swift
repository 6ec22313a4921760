/// A channel's time in one game on one day.
public struct GameChannel: Sendable {
    public var userID: String
    public var userLogin: String
    public var userName: String
    public var time: Time
}

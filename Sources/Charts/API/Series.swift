/// A named sequence of points over time, the input of line, area and stacked charts.
public struct Series: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        /// Unix milliseconds.
        public var x: Int64
        /// The value at `x`; nil (or a non-finite number) marks a known gap and breaks the line.
        public var y: Double?

        public init(x: Int64, y: Double?) {
            self.x = x
            self.y = y
        }
    }

    public var name: String
    /// Points in any order; charts sort them by time.
    public var points: [Point]

    public init(name: String, points: [Point]) {
        self.name = name
        self.points = points
    }
}

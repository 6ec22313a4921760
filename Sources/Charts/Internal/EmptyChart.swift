/// What every chart renders when it has nothing to draw: a valid SVG saying "No data".
enum EmptyChart {
    static let message = "No data"

    static func svg(_ document: SVGDocument) -> String {
        document.render("<text x=\"\(Coordinate.format(Double(document.width) / 2))\""
            + " y=\"\(Coordinate.format(Double(document.height) / 2 + 4))\" text-anchor=\"middle\""
            + " fill=\"\(Palette.text)\">\(message)</text>")
    }
}

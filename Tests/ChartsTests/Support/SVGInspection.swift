import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small readers over rendered SVG for assertions.
enum SVGInspection {
    /// Whether the text parses as a well-formed XML document.
    static func isWellFormed(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }

    /// The `d` attribute of the first path whose opening tag contains `marker`.
    static func pathData(_ svg: String, marker: String) -> String? {
        guard let tag = svg.range(of: marker),
              let start = svg.range(of: "d=\"", range: tag.upperBound..<svg.endIndex),
              let end = svg.range(of: "\"", range: start.upperBound..<svg.endIndex)
        else { return nil }
        return String(svg[start.upperBound..<end.lowerBound])
    }

    /// All `<title>` texts, in order.
    static func titles(_ svg: String) -> [String] {
        svg.components(separatedBy: "<title>").dropFirst().compactMap { $0.components(separatedBy: "</title>").first }
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

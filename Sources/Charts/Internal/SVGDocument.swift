/// The outer `<svg>` element every chart shares: a viewBox so the chart scales with CSS width,
/// `role="img"` with an `aria-label`, and `<title>`/`<desc>` for assistive technology.
struct SVGDocument {
    let kind: String
    let width: Int
    let height: Int
    let title: String
    let description: String
    /// Sparklines sit in table cells at their natural size; larger charts scale to their container.
    var fixedSize = false
    var fontSize = 11

    func render(_ body: String) -> String {
        let size = fixedSize ? " width=\"\(width)\" height=\"\(height)\"" : ""
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-\(kind)\""
            + " viewBox=\"0 0 \(width) \(height)\"\(size) role=\"img\" aria-label=\"\(escapeXML(title))\""
            + " font-family=\"system-ui,sans-serif\" font-size=\"\(fontSize)\">"
            + "<title>\(escapeXML(title))</title><desc>\(escapeXML(description))</desc>"
            + body + "</svg>"
    }
}

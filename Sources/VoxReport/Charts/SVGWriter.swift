/// A small writer for the SVG the charts draw: shapes and text with presentation attributes
/// only (no CSS, no ids, no scripts), so the same markup works as a file and inline in HTML.
/// Coordinates print with one decimal, so output is byte-identical on every machine.
struct SVGWriter {
    let width: Double
    let height: Double
    private var elements: [String] = []

    /// Every chart's text, in a font every browser and image viewer has.
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\" height=\"\(Self.number(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\"" }
        if let tooltip {
            elements.append("<rect \(attributes)><title>\(Self.escape(InlineText.flatten(tooltip)))</title></rect>")
        } else {
            elements.append("<rect \(attributes)/>")
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false) {
        let dash = dashed ? " stroke-dasharray=\"3 3\"" : ""
        elements.append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(dash)/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
        guard points.count > 1 else { return }
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\" stroke-linejoin=\"round\"/>")
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func text(
        _ value: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 13, bold: Bool = false,
        fill: String = ChartPalette.ink, rotate: Double? = nil
    ) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" fill=\"\(fill)\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { attributes += " font-weight=\"600\"" }
        if let rotate { attributes += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\"" }
        elements.append("<text \(attributes)>\(Self.escape(InlineText.flatten(value)))</text>")
    }

    /// A point marker; the shapes differ so that series stay apart without colour.
    mutating func marker(_ shape: ChartPalette.Marker, x: Double, y: Double, fill: String, tooltip: String? = nil) {
        let r = 4.5
        let shapeMarkup: String
        switch shape {
        case .circle:
            shapeMarkup = "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(r))\" fill=\"\(fill)\""
        case .square:
            shapeMarkup = "<rect x=\"\(Self.number(x - r))\" y=\"\(Self.number(y - r))\" width=\"\(Self.number(2 * r))\" height=\"\(Self.number(2 * r))\" fill=\"\(fill)\""
        case .triangle:
            shapeMarkup = "<polygon points=\"\(Self.number(x)),\(Self.number(y - r - 1)) \(Self.number(x + r + 1)),\(Self.number(y + r)) \(Self.number(x - r - 1)),\(Self.number(y + r))\" fill=\"\(fill)\""
        case .diamond:
            shapeMarkup = "<polygon points=\"\(Self.number(x)),\(Self.number(y - r - 1)) \(Self.number(x + r + 1)),\(Self.number(y)) \(Self.number(x)),\(Self.number(y + r + 1)) \(Self.number(x - r - 1)),\(Self.number(y))\" fill=\"\(fill)\""
        case .hollowCircle:
            shapeMarkup = "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(r - 0.5))\" fill=\"#ffffff\" stroke=\"\(fill)\" stroke-width=\"2\""
        case .hollowSquare:
            shapeMarkup = "<rect x=\"\(Self.number(x - r + 0.5))\" y=\"\(Self.number(y - r + 0.5))\" width=\"\(Self.number(2 * r - 1))\" height=\"\(Self.number(2 * r - 1))\" fill=\"#ffffff\" stroke=\"\(fill)\" stroke-width=\"2\""
        }
        if let tooltip {
            elements.append(shapeMarkup + "><title>\(Self.escape(InlineText.flatten(tooltip)))</title></\(shape.element)>")
        } else {
            elements.append(shapeMarkup + "/>")
        }
    }

    /// The finished document. `title` and `description` are what screen readers announce.
    func render(title: String, description: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
        out += "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\" aria-label=\"\(Self.escape(InlineText.flatten(title)))\" "
        out += "font-family=\"\(Self.fontFamily)\">\n"
        out += "<title>\(Self.escape(InlineText.flatten(title)))</title>\n"
        out += "<desc>\(Self.escape(InlineText.flatten(description)))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"#ffffff\"/>\n"
        for element in elements {
            out += element
            out += "\n"
        }
        out += "</svg>\n"
        return out
    }

    static func number(_ value: Double) -> String {
        let text = NumberFormat.fixed(value, 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// XML escaping for text content and attribute values.
    static func escape(_ text: String) -> String {
        HTMLText.escapeMarkup(text)
    }

    /// Rough width of text at `size` px in a sans-serif font: for layout, not typesetting.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.56
    }
}

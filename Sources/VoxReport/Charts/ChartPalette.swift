/// Colours for charts: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008),
/// which stays distinguishable with the common forms of colour blindness. Series also differ
/// by marker shape, so that they survive greyscale printing.
enum ChartPalette {
    static let ink = "#1f2328"
    static let muted = "#59636e"
    static let grid = "#e1e4e8"
    static let axis = "#8c959f"

    static let blue = "#0072B2"
    static let vermillion = "#D55E00"
    static let bluishGreen = "#009E73"
    static let reddishPurple = "#CC79A7"
    static let orange = "#E69F00"
    static let skyBlue = "#56B4E9"
    static let yellow = "#F0E442"
    static let black = "#000000"

    /// Sentiment: negative, neutral, positive.
    static let negative = vermillion
    static let neutral = "#B0B7BF"
    static let positive = bluishGreen

    /// Series colours in order; yellow is left out (too pale for lines on white).
    static let series = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black]

    enum Marker: CaseIterable {
        case circle, square, triangle, diamond, hollowCircle, hollowSquare

        var element: String {
            switch self {
            case .circle, .hollowCircle: return "circle"
            case .square, .hollowSquare: return "rect"
            case .triangle, .diamond: return "polygon"
            }
        }
    }

    static func color(_ index: Int) -> String { series[index % series.count] }
    static func marker(_ index: Int) -> Marker { Marker.allCases[index % Marker.allCases.count] }
}

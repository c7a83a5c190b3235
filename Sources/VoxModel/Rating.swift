/// A numeric rating with the scale it was given on, so that CSAT and NPS can be derived.
public struct Rating: Sendable, Hashable, Codable {
    public var value: Double
    public var scale: RatingScale

    public init(value: Double, scale: RatingScale) {
        self.value = value
        self.scale = scale
    }

    /// The rating mapped onto 0…1 (lowest to highest point of its scale).
    public var normalized: Double {
        let range = scale.range
        return (value - range.lowerBound) / (range.upperBound - range.lowerBound)
    }
}

public enum RatingScale: String, Sendable, Hashable, Codable, CaseIterable {
    /// Customer satisfaction, 1–5; 4 and 5 count as satisfied.
    case csat
    /// Net promoter, 0–10; 9–10 promoters, 0–6 detractors.
    case nps
    /// Star ratings, 1–5.
    case stars

    public var range: ClosedRange<Double> {
        switch self {
        case .csat, .stars: return 1...5
        case .nps: return 0...10
        }
    }
}

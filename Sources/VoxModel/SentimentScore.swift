/// The sentiment of one text: a compound score in −1…1 and the shares of positive, neutral and
/// negative weight (which sum to 1), with the label derived from the compound score.
public struct SentimentScore: Sendable, Hashable {
    public var compound: Double
    public var positive: Double
    public var neutral: Double
    public var negative: Double
    public var label: SentimentLabel
    /// Why the text scored as it did; filled only when explanation was asked for.
    public var contributions: [SentimentContribution]

    public init(
        compound: Double, positive: Double, neutral: Double, negative: Double, label: SentimentLabel,
        contributions: [SentimentContribution] = []
    ) {
        self.compound = compound
        self.positive = positive
        self.neutral = neutral
        self.negative = negative
        self.label = label
        self.contributions = contributions
    }

    public static let neutralScore = SentimentScore(compound: 0, positive: 0, neutral: 1, negative: 0, label: .neutral)
}

public enum SentimentLabel: String, Sendable, Hashable, Codable, CaseIterable {
    case negative
    case neutral
    case positive
}

/// One token's or phrase's part in a sentiment score: its lexicon valence, each rule that changed
/// it, and the value it finally contributed.
public struct SentimentContribution: Sendable, Hashable {
    public var text: String
    /// Code-point offsets into the scored text, start inclusive, end exclusive.
    public var start: Int
    public var end: Int
    public var baseValence: Double
    public var modifiers: [String]
    public var finalValence: Double

    public init(text: String, start: Int, end: Int, baseValence: Double, modifiers: [String], finalValence: Double) {
        self.text = text
        self.start = start
        self.end = end
        self.baseValence = baseValence
        self.modifiers = modifiers
        self.finalValence = finalValence
    }
}

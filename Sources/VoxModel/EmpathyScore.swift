/// How much empathy an agent's reply shows, with the phrases that show it.
public struct EmpathyScore: Sendable, Hashable {
    /// 0…100.
    public var score: Double
    /// The categories present, in the canonical order of `EmpathyCategory.allCases`.
    public var categories: [EmpathyCategory]
    public var evidence: [EmpathyEvidence]
    /// Anti-patterns present, in canonical order.
    public var antiPatterns: [EmpathyAntiPattern]
    /// The phrases that triggered anti-patterns; same shape as `evidence`.
    public var antiPatternEvidence: [EmpathyEvidence]
    /// Phrases that matched a pattern but were not counted because a negation governs them
    /// ("I'm not sorry"); for explanations.
    public var negated: [NegatedPhrase]

    public init(
        score: Double, categories: [EmpathyCategory], evidence: [EmpathyEvidence],
        antiPatterns: [EmpathyAntiPattern], antiPatternEvidence: [EmpathyEvidence] = [], negated: [NegatedPhrase] = []
    ) {
        self.score = score
        self.categories = categories
        self.evidence = evidence
        self.antiPatterns = antiPatterns
        self.antiPatternEvidence = antiPatternEvidence
        self.negated = negated
    }

    public static let none = EmpathyScore(score: 0, categories: [], evidence: [], antiPatterns: [])
}

/// The empathy categories named in the DESIGN.md contract. Raw values are the contract names.
public enum EmpathyCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case acknowledgment
    case apology
    case understanding
    case exploration
    case ownership
    case reassurance
    case gratitude
    case personalization
}

/// Behaviours that undo empathy. Raw values are the contract names.
public enum EmpathyAntiPattern: String, Sendable, Hashable, Codable, CaseIterable {
    case blame
    case dismissive
    case minimizing
}

/// A matched phrase. `category` is an `EmpathyCategory` or `EmpathyAntiPattern` raw value.
/// Offsets count Unicode code points into the scored text, start inclusive, end exclusive.
public struct EmpathyEvidence: Sendable, Hashable {
    public var category: String
    public var text: String
    public var start: Int
    public var end: Int
    /// The weight the phrase counted with.
    public var weight: Double
    /// Where the phrase comes from: a lexicon's `file:line`, or what personalised it
    /// (`customer name`, `case detail`).
    public var rule: String

    public init(category: String, text: String, start: Int, end: Int, weight: Double = 0, rule: String = "") {
        self.category = category
        self.text = text
        self.start = start
        self.end = end
        self.weight = weight
        self.rule = rule
    }
}

/// A phrase that matched an empathy pattern inside the scope of a negation, and so did not count.
public struct NegatedPhrase: Sendable, Hashable {
    public var evidence: EmpathyEvidence
    /// The negating word as written ("not", "n't", "never").
    public var negation: String

    public init(evidence: EmpathyEvidence, negation: String) {
        self.evidence = evidence
        self.negation = negation
    }
}

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

    public init(
        score: Double, categories: [EmpathyCategory], evidence: [EmpathyEvidence],
        antiPatterns: [EmpathyAntiPattern], antiPatternEvidence: [EmpathyEvidence] = []
    ) {
        self.score = score
        self.categories = categories
        self.evidence = evidence
        self.antiPatterns = antiPatterns
        self.antiPatternEvidence = antiPatternEvidence
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
public struct EmpathyEvidence: Sendable, Hashable, Codable {
    public var category: String
    public var text: String
    public var start: Int
    public var end: Int

    public init(category: String, text: String, start: Int, end: Int) {
        self.category = category
        self.text = text
        self.start = start
        self.end = end
    }
}

import VoxModel

/// Per-agent (or per-segment) sums over scored agent messages. Mergeable.
public struct AgentAccumulator: Sendable, Hashable {
    /// Agent messages whose export names no author are counted under this name.
    public static let unknownAgent = "(unnamed agent)"

    public var messages = 0
    public var empathySum = ExactSum()
    public var antiPatterns: [String: Int] = [:]
    /// Empathy phrase as matched, lowercased → replies that contain it (for canned overuse).
    public var phrases: [String: Int] = [:]

    public init() {}

    public mutating func add(_ empathy: EmpathyScore) {
        add(empathy, phrases: Self.phrases(of: empathy))
    }

    /// `add` with the reply's `phrases(of:)` made already: a reply is added for its agent and
    /// for each of its segments, and lowercasing its evidence once is enough.
    mutating func add(_ empathy: EmpathyScore, phrases replyPhrases: [String]) {
        messages += 1
        empathySum.add(empathy.score)
        for pattern in empathy.antiPatterns { antiPatterns[pattern.rawValue, default: 0] += 1 }
        for phrase in replyPhrases { phrases[phrase, default: 0] += 1 }
    }

    /// A reply's empathy phrases as matched, lowercased, each once, personalisation left out.
    static func phrases(of empathy: EmpathyScore) -> [String] {
        var phrases: [String] = []
        for item in empathy.evidence where item.category != EmpathyCategory.personalization.rawValue {
            let phrase = item.text.lowercased()
            if !phrases.contains(phrase) { phrases.append(phrase) }
        }
        return phrases
    }

    public mutating func merge(_ other: AgentAccumulator) {
        messages += other.messages
        empathySum.merge(other.empathySum)
        for (pattern, count) in other.antiPatterns { antiPatterns[pattern, default: 0] += count }
        for (phrase, count) in other.phrases { phrases[phrase, default: 0] += count }
    }

    public var meanEmpathy: Double { Figures.round(empathySum.value / Double(max(1, messages))) }

    /// A phrase in at least `cannedShare` of an agent's replies, once they have
    /// `cannedMinimumReplies`: most replies open the same way, which customers read as a script.
    public static let cannedShare = 0.6
    public static let cannedMinimumReplies = 5

    public var cannedPhrases: [CannedPhrase] {
        guard messages >= Self.cannedMinimumReplies else { return [] }
        return phrases.filter { Double($0.value) >= Self.cannedShare * Double(messages) }
            .map { CannedPhrase(phrase: $0.key, replies: $0.value, share: Figures.round(Double($0.value) / Double(messages))) }
            .sorted { ($1.replies, $0.phrase) < ($0.replies, $1.phrase) }
    }
}

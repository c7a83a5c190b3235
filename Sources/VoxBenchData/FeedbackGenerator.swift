import VoxModel

/// One synthetic feedback message, as the three bench formats carry it.
public struct FeedbackMessage: Sendable {
    public var id: String
    public var conversation: String
    public var role: String
    public var author: String
    public var time: String
    /// 1–5 for customer messages that carry one; nil for agent replies and unrated comments.
    public var rating: Int?
    public var product: String
    public var region: String
    public var text: String
}

/// Generates the `make bench` input: `count` feedback messages shaped like a help-desk and survey
/// export. The same count always gives the same messages (one seeded generator, no clock), so
/// figures from different runs measure the same work.
///
/// Shape, chosen to resemble real exports: 10–60 words a message (skewed to short, mean ≈ 27);
/// sentiment words, modifiers, neutral words and about 15 % words no lexicon knows; about 20 %
/// agent replies inside conversations; negative customer messages mostly carry one of twelve
/// planted pain points, the first far more common than the last.
public struct FeedbackGenerator: Sendable {
    static let seed: UInt64 = 0xB0C5_2026
    public let count: Int

    public init(count: Int) {
        self.count = count
    }

    enum Mood { case negative, neutral, positive }

    public func generate(_ body: (FeedbackMessage) throws -> Void) rethrows {
        var random = SeededRandom(seed: Self.seed)
        var conversation = 0
        var customer = ""
        // Spread over January 2026, in order, as an export would be.
        for index in 0..<count {
            let isAgent = index > 0 && Double.random(in: 0..<1, using: &random) < 0.2
            if !isAgent && (index == 0 || Double.random(in: 0..<1, using: &random) < 0.6) {
                conversation += 1
                customer = "cust-\(Int.random(in: 1...50_000, using: &random))"
            }
            let mood: Mood = switch Int.random(in: 0..<20, using: &random) {
            case 0..<8: .negative
            case 8..<13: .neutral
            default: .positive
            }
            let words = 10 + Int(50 * pow2(Double.random(in: 0..<1, using: &random)))
            var rating: Int?
            if !isAgent && Int.random(in: 0..<10, using: &random) > 0 {
                rating = switch mood {
                case .negative: Int.random(in: 1...2, using: &random)
                case .neutral: 3
                case .positive: Int.random(in: 4...5, using: &random)
                }
            }
            try body(FeedbackMessage(
                id: "F-\(index + 1)",
                conversation: "C-\(conversation)",
                role: isAgent ? "agent" : "customer",
                author: isAgent ? "agent-\(Int.random(in: 1...40, using: &random))" : customer,
                time: Self.isoTime(seconds: Self.second(ofMessage: index, count: count)),
                rating: rating,
                product: FeedbackVocabulary.products.randomElement(using: &random)!,
                region: FeedbackVocabulary.regions.randomElement(using: &random)!,
                text: isAgent ? agentText(words: words, random: &random) : customerText(words: words, mood: mood, random: &random)
            ))
        }
    }

    private func pow2(_ x: Double) -> Double { x * x }

    /// Picks from `list` with a skew towards the front (a Zipf-like spread, as word use has).
    private func skewed(_ list: [String], _ random: inout SeededRandom) -> String {
        let u = Double.random(in: 0..<1, using: &random)
        return list[min(list.count - 1, Int(u * u * Double(list.count)))]
    }

    private func customerText(words: Int, mood: Mood, random: inout SeededRandom) -> String {
        var parts: [String] = []
        parts.reserveCapacity(words + 4)
        if mood == .negative && Int.random(in: 0..<10, using: &random) < 8 {
            // Pain point i is planted with weight 1/(i+1): a long tail, as complaints are.
            let weights = (1...FeedbackVocabulary.painPoints.count).map { 1.0 / Double($0) }
            var pick = Double.random(in: 0..<weights.reduce(0, +), using: &random)
            var point = 0
            while pick >= weights[point] && point < weights.count - 1 {
                pick -= weights[point]
                point += 1
            }
            parts.append(FeedbackVocabulary.painPoints[point].randomElement(using: &random)!)
        }
        while parts.count < words {
            let roll = Int.random(in: 0..<100, using: &random)
            switch (roll, mood) {
            case (0..<10, .negative): parts.append(FeedbackVocabulary.negative.randomElement(using: &random)!)
            case (0..<10, .positive): parts.append(FeedbackVocabulary.positive.randomElement(using: &random)!)
            case (10..<15, _): parts.append(FeedbackVocabulary.modifiers.randomElement(using: &random)!)
            case (15..<30, _): parts.append(FeedbackVocabulary.unknown.randomElement(using: &random)!)
            default: parts.append(skewed(FeedbackVocabulary.neutral, &random))
            }
        }
        parts.shuffle(using: &random)
        return Self.sentences(parts, random: &random)
    }

    private func agentText(words: Int, random: inout SeededRandom) -> String {
        var parts = [FeedbackVocabulary.agentOpenings.randomElement(using: &random)!]
        while parts.count < words / 2 {
            parts.append(Int.random(in: 0..<6, using: &random) == 0
                ? FeedbackVocabulary.unknown.randomElement(using: &random)!
                : skewed(FeedbackVocabulary.neutral, &random))
        }
        return Self.sentences(parts, random: &random)
    }

    /// Joins words into sentences of 6–14 words with a capital first letter; now and then a
    /// comma, a quoted word or a line break, which the CSV writer must quote and readers unquote.
    static func sentences(_ parts: [String], random: inout SeededRandom) -> String {
        var text = ""
        var sentenceLength = 0
        var limit = Int.random(in: 6...14, using: &random)
        for (index, part) in parts.enumerated() {
            if sentenceLength == 0 {
                text += part.prefix(1).uppercased() + part.dropFirst()
            } else {
                text += " "
                text += Int.random(in: 0..<80, using: &random) == 0 ? "\"\(part)\"" : part
            }
            sentenceLength += 1
            if index == parts.count - 1 {
                text += "."
            } else if sentenceLength >= limit {
                text += Int.random(in: 0..<50, using: &random) == 0 ? ".\n" : ". "
                sentenceLength = 0
                limit = Int.random(in: 6...14, using: &random)
            } else if Int.random(in: 0..<25, using: &random) == 0 {
                text += ","
            }
        }
        return text
    }

    /// `2026-01-01T00:00:00Z` plus `seconds`, without Foundation's formatters (a million calls).
    /// Seconds into January 2026 of message `index` of `count`: whole seconds apart while the
    /// count fits in 28 days (up to 2.4M messages); beyond, several messages share a second — one
    /// a second made ten million run to "2026-01-116", which every reader rejects as a bad time.
    static func second(ofMessage index: Int, count: Int) -> Int {
        let span = 28 * 86_400
        return count > span ? index * span / count : index * max(1, span / max(1, count))
    }

    static func isoTime(seconds: Int) -> String {
        let day = 1 + seconds / 86_400, hour = seconds / 3600 % 24, minute = seconds / 60 % 60, second = seconds % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "2026-01-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }
}

import Foundation
import VoxModel

/// The few agent replies to negative customer messages worth quoting: the lowest-scoring (for
/// coaching) and the highest-scoring without anti-patterns (exemplary).
///
/// While scoring, which customer message a reply answers is not known yet (it may sit in another
/// chunk), so this keeps the `poolSize` lowest- and highest-scoring replies in conversations,
/// with their texts, whatever they answer; the conversation pass then keeps the first `limit` of
/// each that answer a negative customer message, quoting that message from the conversation
/// tracker (which keeps excerpts of negative customer messages only). The order is total
/// (score, then source, conversation and input position), so any chunking and merge order keeps
/// the same replies, and memory for reply texts does not grow with the input.
public struct ReplyExamples: Sendable, Hashable {
    public static let limit = 5
    public static let poolSize = 64
    /// Quoted texts are cut to this many characters.
    public static let quoteLength = 400

    public private(set) var lowest: [ReplyExample] = []
    public private(set) var highest: [ReplyExample] = []

    public init() {}

    /// Offers a scored agent reply in a conversation; `customerMessage` is filled in later.
    public mutating func add(_ scored: ScoredRecord, ordinal: Int) {
        guard scored.record.role == .agent, let empathy = scored.empathy, let key = ConversationKey(scored.record) else { return }
        // Most replies enter neither pool once both are full: decide on the ordering key before
        // building the example (quoting the reply counts its characters).
        let rank = Rank(empathy: empathy.score, source: key.source, conversation: key.id, ordinal: ordinal)
        let entersLowest = lowest.count < Self.poolSize || rank.lower(than: Rank(lowest[lowest.count - 1]))
        let entersHighest = empathy.antiPatterns.isEmpty && empathy.score > 0
            && (highest.count < Self.poolSize || rank.higher(than: Rank(highest[highest.count - 1])))
        guard entersLowest || entersHighest else { return }
        let example = ReplyExample(
            source: key.source, conversation: key.id, recordID: scored.record.id,
            agent: scored.record.author ?? AgentAccumulator.unknownAgent, empathy: empathy.score, categories: empathy.categories,
            antiPatterns: empathy.antiPatterns, reply: Self.quote(scored.record.text), customerMessage: "", customerCompound: 0,
            ordinal: ordinal
        )
        if entersLowest { Self.insert(example, into: &lowest, by: Self.lowerFirst) }
        if entersHighest { Self.insert(example, into: &highest, by: Self.higherFirst) }
    }

    public mutating func merge(_ other: ReplyExamples) {
        lowest = Self.keep(lowest + other.lowest, by: Self.lowerFirst)
        highest = Self.keep(highest + other.highest, by: Self.higherFirst)
    }

    /// Input positions of the replies in the pools: the conversation pass looks up what they answer.
    var ordinals: Set<Int> { Set(lowest.map(\.ordinal) + highest.map(\.ordinal)) }

    /// The coaching examples and exemplary replies, given the negative customer message (excerpt
    /// and compound) each pooled reply answers, by the reply's input position.
    func select(answering answers: [Int: (text: String, compound: Double)]) -> (coaching: [ReplyExample], exemplary: [ReplyExample]) {
        func pick(_ pool: [ReplyExample]) -> [ReplyExample] {
            Array(pool.compactMap { example -> ReplyExample? in
                guard let answer = answers[example.ordinal] else { return nil }
                var example = example
                example.customerMessage = answer.text
                example.customerCompound = answer.compound
                return example
            }.prefix(Self.limit))
        }
        return (pick(lowest), pick(highest))
    }

    static func keep(_ examples: [ReplyExample], by order: (ReplyExample, ReplyExample) -> Bool) -> [ReplyExample] {
        Array(examples.sorted(by: order).prefix(poolSize))
    }

    static func insert(_ example: ReplyExample, into pool: inout [ReplyExample], by order: (ReplyExample, ReplyExample) -> Bool) {
        SortedPool.insert(example, into: &pool, limit: poolSize, by: order)
    }

    static func lowerFirst(_ a: ReplyExample, _ b: ReplyExample) -> Bool { Rank(a).lower(than: Rank(b)) }

    static func higherFirst(_ a: ReplyExample, _ b: ReplyExample) -> Bool { Rank(a).higher(than: Rank(b)) }

    /// The pools' order: score, then source, conversation and input position (total, so that
    /// chunking and merge order never change which replies are kept).
    struct Rank {
        var empathy: Double
        var source: String
        var conversation: String
        var ordinal: Int

        func lower(than other: Rank) -> Bool {
            (empathy, source, conversation, ordinal) < (other.empathy, other.source, other.conversation, other.ordinal)
        }

        func higher(than other: Rank) -> Bool {
            (-empathy, source, conversation, ordinal) < (-other.empathy, other.source, other.conversation, other.ordinal)
        }
    }

    /// `text` cut to `quoteLength` characters, with an ellipsis when cut.
    static func quote(_ text: String) -> String {
        TextCut.cut(text, toCharacters: quoteLength)
    }
}

extension ReplyExamples.Rank {
    init(_ example: ReplyExample) {
        self.init(empathy: example.empathy, source: example.source, conversation: example.conversation, ordinal: example.ordinal)
    }
}

import Foundation
import VoxModel

/// Collects the messages of each conversation (compactly: no text) and, at the end, orders them
/// by time and judges how the customer's mood moved. Mergeable.
public struct ConversationTracker: Sendable {
    public struct Message: Sendable, Hashable {
        /// Position of the record in the whole run's input, to order messages without timestamps.
        public var ordinal: Int
        public var time: Date?
        public var role: Role
        public var compound: Double
        public var empathy: Double?
        public var acknowledges: Bool
        public var antiPatterns: [EmpathyAntiPattern]
        public var author: String?
        /// The record's segments (team, channel…), for agent figures per segment.
        public var segments: [Segment]
        /// Words the message mentions (see `ConversationCues`): for a reply, what it could
        /// personalise with; for a customer message, their case details.
        public var mentions: [String]
        /// The customer's first name, on customer messages.
        public var customerName: String?
        /// The text of a negative customer message, cut to `ReplyExamples.quoteLength`: what a
        /// coaching example quotes. Other messages keep no text.
        public var excerpt: String?
    }

    /// Compound change at or beyond which a conversation counts as recovered or worsened.
    public static let changeThreshold = 0.25

    /// Keyed by source and conversation id.
    public private(set) var conversations: [ConversationKey: [Message]] = [:]

    public init() {}

    public mutating func add(_ scored: ScoredRecord, ordinal: Int, cues: ConversationCues? = nil) {
        guard let key = ConversationKey(scored.record) else { return }
        let empathy = scored.empathy
        let isCustomer = scored.record.role == .customer
        conversations[key, default: []].append(Message(
            ordinal: ordinal, time: scored.record.time, role: scored.record.role, compound: scored.sentiment.compound,
            empathy: empathy?.score,
            acknowledges: empathy.map { $0.categories.contains(.acknowledgment) || $0.categories.contains(.apology) } ?? false,
            antiPatterns: empathy?.antiPatterns ?? [], author: scored.record.author, segments: scored.record.segments,
            // A customer's case details are their words with digits; their capitalised words are not.
            mentions: (isCustomer ? cues?.mentions.filter { $0.contains(where: \.isNumber) } : cues?.mentions) ?? [],
            customerName: isCustomer ? cues?.customerName : nil,
            excerpt: isCustomer && scored.sentiment.compound <= -0.05 ? ReplyExamples.quote(scored.record.text) : nil
        ))
    }

    public mutating func merge(_ other: ConversationTracker) {
        for (key, messages) in other.conversations { conversations[key, default: []] += messages }
    }

    /// Messages of each conversation in time order (input order where times are missing or equal).
    public func ordered() -> [(ConversationKey, [Message])] {
        conversations.keys.sorted().map { key in
            (key, conversations[key]!.sorted { a, b in
                switch (a.time, b.time) {
                case let (x?, y?) where x != y: return x < y
                default: return a.ordinal < b.ordinal
                }
            })
        }
    }

    public func summaries() -> [ConversationSummary] {
        ordered().map { key, messages in Self.summarize(key, messages) }
    }

    static func summarize(_ key: ConversationKey, _ messages: [Message]) -> ConversationSummary {
        let customer = messages.filter { $0.role == .customer }
        let start = customer.first?.compound
        let end = customer.last?.compound
        let outcome: ConversationOutcome
        if let last = messages.last, last.role == .customer, last.compound <= -0.05 {
            outcome = .unresolved
        } else if let start, let end, customer.count >= 2 {
            let change = end - start
            outcome = change >= changeThreshold ? .recovered : change <= -changeThreshold ? .worsened : .unchanged
        } else {
            outcome = .unchanged
        }
        let empathies = messages.compactMap(\.empathy)
        let firstCustomer = messages.first { $0.role == .customer }
        let firstReply = firstCustomer.flatMap { first in
            messages.first { $0.role == .agent && $0.ordinal != first.ordinal && ($0.time ?? .distantPast) >= (first.time ?? .distantPast) }
        }
        var replySeconds: Double?
        if let from = firstCustomer?.time, let to = firstReply?.time { replySeconds = to.timeIntervalSince(from) }
        var resolutionSeconds: Double?
        if let from = messages.first?.time, let to = messages.last?.time, messages.count > 1 { resolutionSeconds = to.timeIntervalSince(from) }
        let agents = Array(Set(messages.filter { $0.role == .agent }.compactMap(\.author))).sorted()
        return ConversationSummary(
            id: key.id, source: key.source, messages: messages.count, startCompound: start, endCompound: end,
            outcome: outcome, meanEmpathy: empathies.isEmpty ? nil : Figures.round(empathies.reduce(0, +) / Double(empathies.count)),
            firstReplySeconds: replySeconds, resolutionSeconds: resolutionSeconds, agents: agents
        )
    }
}

public struct ConversationKey: Sendable, Hashable, Comparable {
    public var source: String
    public var id: String

    /// The conversation a record belongs to; nil when it names none.
    public init?(_ record: FeedbackRecord) {
        guard let id = record.conversation, !id.isEmpty else { return nil }
        self.source = record.source
        self.id = id
    }

    public static func < (a: ConversationKey, b: ConversationKey) -> Bool {
        (a.source, a.id) < (b.source, b.id)
    }
}

import Foundation

/// How one conversation went: the customer's mood at the start and at the end.
public struct ConversationSummary: Sendable, Hashable {
    public var id: String
    public var source: String
    public var messages: Int
    public var startCompound: Double?
    public var endCompound: Double?
    public var outcome: ConversationOutcome
    public var meanEmpathy: Double?
    /// Seconds from the first customer message to the first agent reply.
    public var firstReplySeconds: Double?
    /// Seconds from the first to the last message.
    public var resolutionSeconds: Double?
    public var agents: [String]

    public init(
        id: String, source: String, messages: Int, startCompound: Double?, endCompound: Double?,
        outcome: ConversationOutcome, meanEmpathy: Double?, firstReplySeconds: Double? = nil,
        resolutionSeconds: Double? = nil, agents: [String] = []
    ) {
        self.id = id
        self.source = source
        self.messages = messages
        self.startCompound = startCompound
        self.endCompound = endCompound
        self.outcome = outcome
        self.meanEmpathy = meanEmpathy
        self.firstReplySeconds = firstReplySeconds
        self.resolutionSeconds = resolutionSeconds
        self.agents = agents
    }

    /// The change in customer sentiment from first to last customer message.
    public var change: Double? {
        guard let startCompound, let endCompound else { return nil }
        return endCompound - startCompound
    }
}

public enum ConversationOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The customer ended clearly happier than they began.
    case recovered
    /// The customer ended clearly less happy.
    case worsened
    case unchanged
    /// The customer spoke last and was negative: nobody answered the last complaint.
    case unresolved
}

/// Per agent: how they write and how their conversations end.
public struct AgentSummary: Sendable, Hashable {
    public var agent: String
    public var messages: Int
    public var meanEmpathy: Double
    /// Share of replies to a negative customer message that acknowledge or apologise.
    public var acknowledgmentRate: Double?
    public var antiPatterns: [String: Int]
    public var conversations: Int
    public var recoveryRate: Double?
    /// Share of replies in conversations that use the customer's name or a detail of their case.
    public var personalizationRate: Double?
    /// Empathy phrases in most of the agent's replies (see `RunAggregator.cannedShare`).
    public var cannedPhrases: [CannedPhrase]

    public init(
        agent: String, messages: Int, meanEmpathy: Double, acknowledgmentRate: Double?,
        antiPatterns: [String: Int], conversations: Int, recoveryRate: Double?,
        personalizationRate: Double? = nil, cannedPhrases: [CannedPhrase] = []
    ) {
        self.agent = agent
        self.messages = messages
        self.meanEmpathy = meanEmpathy
        self.acknowledgmentRate = acknowledgmentRate
        self.antiPatterns = antiPatterns
        self.conversations = conversations
        self.recoveryRate = recoveryRate
        self.personalizationRate = personalizationRate
        self.cannedPhrases = cannedPhrases
    }

    public init(agent: String, figures: ReplyFigures, cannedPhrases: [CannedPhrase]) {
        self.init(
            agent: agent, messages: figures.messages, meanEmpathy: figures.meanEmpathy, acknowledgmentRate: figures.acknowledgmentRate,
            antiPatterns: figures.antiPatterns, conversations: figures.conversations, recoveryRate: figures.recoveryRate,
            personalizationRate: figures.personalizationRate, cannedPhrases: cannedPhrases
        )
    }
}

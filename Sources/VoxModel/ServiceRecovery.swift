/// What the run learned about how agents answer customers, beyond the per-agent table: the same
/// figures per team or channel segment, replies to learn from, and whether empathy goes with
/// recovery. Computed in the aggregation stage (`RunAggregator.finish`); every writer renders it.
public struct ServiceRecovery: Sendable, Hashable {
    /// Per segment name and value of the agents' messages, sorted by name, then value.
    public var segments: [SegmentEmpathy]
    /// The lowest-scoring replies to negative customer messages, lowest first.
    public var coachingExamples: [ReplyExample]
    /// The highest-scoring replies to negative customer messages without anti-patterns, highest first.
    public var exemplaryReplies: [ReplyExample]
    /// Recovery for conversations with high versus low agent empathy; nil without any
    /// conversation that began negative and had a scored reply.
    public var empathyVersusRecovery: EmpathyVersusRecovery?

    public init(
        segments: [SegmentEmpathy] = [], coachingExamples: [ReplyExample] = [], exemplaryReplies: [ReplyExample] = [],
        empathyVersusRecovery: EmpathyVersusRecovery? = nil
    ) {
        self.segments = segments
        self.coachingExamples = coachingExamples
        self.exemplaryReplies = exemplaryReplies
        self.empathyVersusRecovery = empathyVersusRecovery
    }
}

/// The agent figures for the agent messages of one segment value (a team, a channel).
public struct SegmentEmpathy: Sendable, Hashable {
    public var segment: String
    public var value: String
    public var figures: ReplyFigures

    public init(segment: String, value: String, figures: ReplyFigures) {
        self.segment = segment
        self.value = value
        self.figures = figures
    }
}

/// How a group of agent replies (one agent's, one team's) reads and how its conversations end.
public struct ReplyFigures: Sendable, Hashable {
    public var messages: Int
    public var meanEmpathy: Double
    /// Share of replies to a negative customer message that acknowledge or apologise.
    public var acknowledgmentRate: Double?
    /// Share of replies in conversations that use the customer's name or a detail of their case.
    public var personalizationRate: Double?
    /// Anti-pattern → replies with it.
    public var antiPatterns: [String: Int]
    public var conversations: Int
    /// Of the group's conversations that began with a negative customer message, the share recovered.
    public var recoveryRate: Double?

    public init(
        messages: Int, meanEmpathy: Double, acknowledgmentRate: Double?, personalizationRate: Double? = nil,
        antiPatterns: [String: Int], conversations: Int, recoveryRate: Double?
    ) {
        self.messages = messages
        self.meanEmpathy = meanEmpathy
        self.acknowledgmentRate = acknowledgmentRate
        self.personalizationRate = personalizationRate
        self.antiPatterns = antiPatterns
        self.conversations = conversations
        self.recoveryRate = recoveryRate
    }
}

/// An empathy phrase an agent uses in most of their replies: canned, and customers notice.
public struct CannedPhrase: Sendable, Hashable {
    /// The phrase as matched, lowercased.
    public var phrase: String
    /// Replies of the agent that contain it.
    public var replies: Int
    public var share: Double

    public init(phrase: String, replies: Int, share: Double) {
        self.phrase = phrase
        self.replies = replies
        self.share = share
    }
}

/// An agent reply with the customer message it answered, for coaching. Texts are as scored:
/// redacted when the pipeline redacts.
public struct ReplyExample: Sendable, Hashable {
    public var source: String
    public var conversation: String
    public var recordID: String
    public var agent: String
    public var empathy: Double
    public var categories: [EmpathyCategory]
    public var antiPatterns: [EmpathyAntiPattern]
    public var reply: String
    public var customerMessage: String
    public var customerCompound: Double
    /// The reply's position in the run's input: the last tie-break, so that choices are stable.
    public var ordinal: Int

    public init(
        source: String, conversation: String, recordID: String, agent: String, empathy: Double, categories: [EmpathyCategory],
        antiPatterns: [EmpathyAntiPattern], reply: String, customerMessage: String, customerCompound: Double, ordinal: Int
    ) {
        self.source = source
        self.conversation = conversation
        self.recordID = recordID
        self.agent = agent
        self.empathy = empathy
        self.categories = categories
        self.antiPatterns = antiPatterns
        self.reply = reply
        self.customerMessage = customerMessage
        self.customerCompound = customerCompound
        self.ordinal = ordinal
    }
}

/// Recovery rates of conversations that began negative, split by the agents' mean empathy in
/// them: counts, so a reader sees how much evidence each rate rests on.
public struct EmpathyVersusRecovery: Sendable, Hashable {
    /// Mean empathy at or above which a conversation counts as high-empathy.
    public var threshold: Double
    public var highConversations: Int
    public var highRecovered: Int
    public var lowConversations: Int
    public var lowRecovered: Int

    public init(threshold: Double, highConversations: Int, highRecovered: Int, lowConversations: Int, lowRecovered: Int) {
        self.threshold = threshold
        self.highConversations = highConversations
        self.highRecovered = highRecovered
        self.lowConversations = lowConversations
        self.lowRecovered = lowRecovered
    }

    public var highRate: Double? { highConversations == 0 ? nil : Double(highRecovered) / Double(highConversations) }
    public var lowRate: Double? { lowConversations == 0 ? nil : Double(lowRecovered) / Double(lowConversations) }
}

/// What the conversation pass needs from a message's text, taken while scoring so that no text
/// is kept: the words a reply could personalise with, and the customer's first name.
public struct ConversationCues: Sendable, Hashable {
    /// Lowercased: capitalised words and case details (words with digits: order numbers,
    /// amounts, versions) of the message, each once, at most `limit`.
    public var mentions: [String]
    /// The first name in the author field of a customer message.
    public var customerName: String?

    public static let limit = 24

    public init(mentions: [String] = [], customerName: String? = nil) {
        self.mentions = mentions
        self.customerName = customerName
    }
}

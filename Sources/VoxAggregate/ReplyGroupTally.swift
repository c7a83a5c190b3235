import VoxModel

/// The conversation pass's counts for one group of agent replies (an agent, a segment value):
/// the figures that need the conversation around a reply. Filled once the run's conversations
/// are complete and ordered by time (`RunAggregator.finish`).
struct ReplyGroupTally {
    /// Replies to a negative customer message, and those that acknowledge or apologise.
    var repliesToNegative = 0
    var acknowledging = 0
    /// Replies in conversations, and those that use the customer's name or a case detail.
    var repliesInConversations = 0
    var personalized = 0
    /// Indexes of the conversations the group replied in, and which began negative / recovered.
    var conversations: Set<Int> = []
    var startedNegative: Set<Int> = []
    var recovered: Set<Int> = []

    func figures(_ accumulator: AgentAccumulator) -> ReplyFigures {
        ReplyFigures(
            messages: accumulator.messages, meanEmpathy: accumulator.meanEmpathy,
            acknowledgmentRate: Self.share(acknowledging, of: repliesToNegative),
            personalizationRate: Self.share(personalized, of: repliesInConversations),
            antiPatterns: accumulator.antiPatterns, conversations: conversations.count,
            recoveryRate: Self.share(recovered.count, of: startedNegative.count)
        )
    }

    static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Figures.round(Double(part) / Double(whole))
    }

    /// Walks each conversation in time order and credits every agent reply to its agent and to
    /// each of its segment values.
    /// Also returns, for the replies at the input positions in `quoting`, the negative customer
    /// message each answers (for coaching examples).
    static func tally(
        _ conversations: [(ConversationKey, [ConversationTracker.Message])], summaries: [ConversationSummary], quoting: Set<Int> = []
    ) -> (agents: [String: ReplyGroupTally], segments: [Segment: ReplyGroupTally], answers: [Int: (text: String, compound: Double)]) {
        var agents: [String: ReplyGroupTally] = [:]
        var segments: [Segment: ReplyGroupTally] = [:]
        var answers: [Int: (text: String, compound: Double)] = [:]
        for (index, (_, messages)) in conversations.enumerated() {
            let summary = summaries[index]
            let startedNegative = (summary.startCompound ?? 0) <= -0.05
            var customerName: String?
            var caseDetails: Set<String> = []
            var lastCustomerNegative = false
            var lastCustomer: ConversationTracker.Message?
            for message in messages {
                if message.role == .customer {
                    lastCustomerNegative = message.compound <= -0.05
                    lastCustomer = message
                    customerName = customerName ?? message.customerName
                    caseDetails.formUnion(message.mentions)
                    continue
                }
                guard message.role == .agent, message.empathy != nil else { continue }
                let answersNegative = lastCustomerNegative
                lastCustomerNegative = false
                if answersNegative, quoting.contains(message.ordinal), let customer = lastCustomer, let excerpt = customer.excerpt {
                    answers[message.ordinal] = (excerpt, customer.compound)
                }
                let personalized = message.mentions.contains { $0 == customerName || caseDetails.contains($0) }
                func credit(_ tally: inout ReplyGroupTally) {
                    if answersNegative {
                        tally.repliesToNegative += 1
                        if message.acknowledges { tally.acknowledging += 1 }
                    }
                    tally.repliesInConversations += 1
                    if personalized { tally.personalized += 1 }
                    tally.conversations.insert(index)
                    if startedNegative {
                        tally.startedNegative.insert(index)
                        if summary.outcome == .recovered { tally.recovered.insert(index) }
                    }
                }
                credit(&agents[message.author ?? AgentAccumulator.unknownAgent, default: ReplyGroupTally()])
                for segment in message.segments { credit(&segments[segment, default: ReplyGroupTally()]) }
            }
        }
        return (agents, segments, answers)
    }
}

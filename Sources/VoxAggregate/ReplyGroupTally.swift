import VoxModel

/// The conversation pass's counts for one group of agent replies (an agent, a segment value):
/// the figures that need the conversation around a reply. Filled once the run's conversations
/// are complete and ordered by time (`RunAggregator.finish`).
struct ReplyGroupTally: Sendable {
    /// Replies to a negative customer message, and those that acknowledge or apologise.
    var repliesToNegative = 0
    var acknowledging = 0
    /// Replies in conversations, and those that use the customer's name or a case detail.
    var repliesInConversations = 0
    var personalized = 0
    /// Conversations the group replied in, and of those the ones that began negative and the
    /// ones that recovered: counts, not sets of conversation indexes, since the pass walks one
    /// conversation at a time and `lastConversation` says whether this one was counted already.
    var conversations = 0
    var startedNegative = 0
    var recovered = 0
    var lastConversation = -1

    /// Adds the counts of another share of the run's conversations (none of them in this one's).
    mutating func add(_ other: ReplyGroupTally) {
        repliesToNegative += other.repliesToNegative
        acknowledging += other.acknowledging
        repliesInConversations += other.repliesInConversations
        personalized += other.personalized
        conversations += other.conversations
        startedNegative += other.startedNegative
        recovered += other.recovered
    }

    func figures(_ accumulator: AgentAccumulator) -> ReplyFigures {
        ReplyFigures(
            messages: accumulator.messages, meanEmpathy: accumulator.meanEmpathy,
            acknowledgmentRate: Self.share(acknowledging, of: repliesToNegative),
            personalizationRate: Self.share(personalized, of: repliesInConversations),
            antiPatterns: accumulator.antiPatterns, conversations: conversations,
            recoveryRate: Self.share(recovered, of: startedNegative)
        )
    }

    static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Figures.round(Double(part) / Double(whole))
    }

    /// Walks each conversation of `tracker` in time order and credits every agent reply to its
    /// agent and to each of its segment values, adding to `tallies` (the run's conversations come
    /// one partition at a time; `firstConversation` numbers this partition's conversations after
    /// those tallied before, so a group's conversations are counted once each).
    /// Also records, for the replies at the input positions in `quoting`, the negative customer
    /// message each answers (its excerpt's span in the run's excerpt bytes, and its compound).
    static func tally(
        _ tracker: ConversationTracker, order: ConversationOrder, summaries: [ConversationSummary], firstConversation: Int,
        quoting: Set<Int>, into tallies: inout ReplyGroupTallies
    ) {
        for index in 0..<order.count {
            let summary = summaries[index]
            let conversation = firstConversation + index
            let startedNegative = (summary.startCompound ?? 0) <= -0.05
            var customerName: UInt64?
            var caseDetails: Set<UInt64> = []
            var lastCustomerNegative = false
            var lastCustomer: ConversationMessage?
            for position in order.bounds[index]..<order.bounds[index + 1] {
                let message = tracker.messages[Int(order.messages[position])]
                var mentions = tracker.mentions[message.mentionRange]
                if message.role == .customer {
                    lastCustomerNegative = message.compound <= -0.05
                    lastCustomer = message
                    if message.flags & ConversationMessage.namesCustomer != 0 {
                        customerName = customerName ?? mentions.first
                        mentions = mentions.dropFirst()
                    }
                    caseDetails.formUnion(mentions)
                    continue
                }
                guard message.role == .agent, message.empathy != nil else { continue }
                let answersNegative = lastCustomerNegative
                lastCustomerNegative = false
                if answersNegative, quoting.contains(message.ordinal), let customer = lastCustomer, customer.excerpt != ConversationMessage.noExcerpt {
                    tallies.answers[message.ordinal] = (tracker.excerptSpans[Int(customer.excerpt)], customer.compound)
                }
                let personalized = mentions.contains { $0 == customerName || caseDetails.contains($0) }
                func credit(_ tally: inout ReplyGroupTally) {
                    if answersNegative {
                        tally.repliesToNegative += 1
                        if message.acknowledgesFeeling { tally.acknowledging += 1 }
                    }
                    tally.repliesInConversations += 1
                    if personalized { tally.personalized += 1 }
                    guard tally.lastConversation != conversation else { return }
                    tally.lastConversation = conversation
                    tally.conversations += 1
                    if startedNegative {
                        tally.startedNegative += 1
                        if summary.outcome == .recovered { tally.recovered += 1 }
                    }
                }
                credit(&tallies.agents[tracker.author(message) ?? AgentAccumulator.unknownAgent, default: ReplyGroupTally()])
                for segment in tracker.segmentSets[message.segments] { credit(&tallies.segments[segment, default: ReplyGroupTally()]) }
            }
        }
    }
}

/// The conversation pass's tallies for the whole run: per agent, per segment value, and what
/// each quoted reply answers (by the reply's input position).
struct ReplyGroupTallies: Sendable {
    var agents: [String: ReplyGroupTally] = [:]
    var segments: [Segment: ReplyGroupTally] = [:]
    var answers: [Int: (excerptSpan: Int, compound: Double)] = [:]

    /// Adds the tallies of another share of the run's conversations (see `ConversationPass`).
    mutating func add(_ other: ReplyGroupTallies) {
        for (agent, tally) in other.agents { agents[agent, default: ReplyGroupTally()].add(tally) }
        for (segment, tally) in other.segments { segments[segment, default: ReplyGroupTally()].add(tally) }
        answers.merge(other.answers) { mine, _ in mine }
    }
}

import VoxModel

/// The end of a run's conversations, one scratch partition at a time: each partition's messages
/// are read back into a tracker of their own (`ConversationTracker.init(partition:of:sharing:)`),
/// its conversations ordered and summarised as one tracker would, the summaries written in key
/// order to a partition of their own, and the agent and segment tallies, recovery counts and
/// quoted answers added up. The partitions' summaries are then merged into one key-ordered list
/// (`ConversationSummaries.merging`). Memory is one partition's messages, whatever the run.
///
/// Partitions are independent, so several threads share them out (`workers`: on two cores, half each).
///
/// Every figure is the same as one pass over all conversations would give, whatever the number
/// of workers: tallies are integer counts (a conversation is numbered once among those its worker
/// tallies, and counted once), a conversation's messages all lie in one partition, and the merge
/// restores the global key order.
public struct ConversationPass: Sendable {
    var summaries: ConversationSummaries
    var tallies: ReplyGroupTallies
    var recovery: RecoveryCounts

    /// - Parameters:
    ///   - tracker: the run's merged tracker; its messages not spilled yet join the partitions.
    ///   - messages: where the run spilled its messages (`ConversationTracker.spillMessages`).
    ///   - scratch: where the summaries are kept.
    ///   - quoting: input positions of the pooled replies whose answered message is wanted.
    ///   - workers: threads that summarise partitions at once (each takes every `workers`-th);
    ///     the result is the same for any number, since what they add up are integer counts.
    static func run(
        _ tracker: ConversationTracker, messages: any ScratchPartitions, scratch: any ScratchSpace, quoting: Set<Int>, workers: Int = 1
    ) throws -> ConversationPass {
        var spilling = tracker
        try spilling.spillMessages(to: messages)
        let tracker = spilling
        let sorted = try scratch.partitions(ConversationPass.partitionSummaries, count: messages.count)
        defer { sorted.remove() }
        let workers = max(1, min(workers, messages.count))
        let shares = try ParallelWork.map(workers) { worker in
            var share = Share()
            for partition in stride(from: worker, to: messages.count, by: workers) {
                try share.summarise(partition, of: messages, sharing: tracker, into: sorted, quoting: quoting)
            }
            return share
        }
        var total = Share()
        for share in shares { total.add(share) }
        let merged = try ConversationSummaries.merging(sorted, into: scratch.partitions(ConversationPass.summaries, count: 1))
        return ConversationPass(summaries: merged, tallies: total.tallies, recovery: total.recovery)
    }

    /// What one worker adds up over the partitions it summarises.
    private struct Share: Sendable {
        var tallies = ReplyGroupTallies()
        var recovery = RecoveryCounts()
        /// Conversations tallied so far, which numbers the next partition's (see `ReplyGroupTally.tally`).
        var conversations = 0

        /// Reads `partition`'s messages back, writes their summaries in key order to the same
        /// partition of `sorted` and adds their tallies and recovery counts.
        mutating func summarise(
            _ partition: Int, of messages: any ScratchPartitions, sharing tracker: ConversationTracker, into sorted: any ScratchPartitions,
            quoting: Set<Int>
        ) throws {
            let part = try ConversationTracker(partition: partition, of: messages, sharing: tracker)
            let order = part.ordered()
            var writer = ConversationSummaries.PartitionWriter(sorted, partition: partition)
            var summaries: [ConversationSummary] = []
            summaries.reserveCapacity(order.count)
            for position in 0..<order.count {
                let summary = part.summarize(order, position)
                recovery.add(summary)
                try writer.append(summary)
                summaries.append(summary)
            }
            try writer.flush()
            ReplyGroupTally.tally(
                part, order: order, summaries: summaries, firstConversation: conversations, quoting: quoting, into: &tallies
            )
            conversations += order.count
        }

        /// Adds another worker's share: counts add up, and the quoted answers of different
        /// conversations never share a reply.
        mutating func add(_ other: Share) {
            tallies.add(other.tallies)
            recovery.add(other.recovery)
        }
    }

    /// Scratch names: each partition's summaries, and all of them in key order.
    static let partitionSummaries = "conversation-summaries-by-partition"
    static let summaries = "conversation-summaries"
}

/// Counts over conversation summaries for the recovery figures: the run's recovery rate and
/// recovery with high versus low agent empathy. Integer counts, so the order of adding is free.
struct RecoveryCounts: Sendable {
    var startedNegative = 0
    var recovered = 0
    var high = 0, highRecovered = 0, low = 0, lowRecovered = 0

    mutating func add(_ conversation: ConversationSummary) {
        guard (conversation.startCompound ?? 0) <= -0.05 else { return }
        let recovered = conversation.outcome == .recovered ? 1 : 0
        startedNegative += 1
        self.recovered += recovered
        guard let empathy = conversation.meanEmpathy else { return }
        if empathy >= RunAggregator.highEmpathy {
            high += 1
            highRecovered += recovered
        } else {
            low += 1
            lowRecovered += recovered
        }
    }

    mutating func add(_ other: RecoveryCounts) {
        startedNegative += other.startedNegative
        recovered += other.recovered
        high += other.high
        highRecovered += other.highRecovered
        low += other.low
        lowRecovered += other.lowRecovered
    }

    /// Of the conversations that began with a negative customer message, the share that recovered.
    var rate: Double? {
        startedNegative == 0 ? nil : Figures.round(Double(recovered) / Double(startedNegative))
    }

    /// Of the conversations that began negative and had scored replies: how many had high and
    /// low mean agent empathy, and how many of each recovered.
    var empathyVersusRecovery: EmpathyVersusRecovery? {
        guard high + low > 0 else { return nil }
        return EmpathyVersusRecovery(
            threshold: RunAggregator.highEmpathy, highConversations: high, highRecovered: highRecovered,
            lowConversations: low, lowRecovered: lowRecovered
        )
    }
}

import VoxModel

/// Everything the run counts, in one mergeable value: totals, per-segment figures, clusters,
/// conversations and agents. Scoring threads each fill one over their chunk; `merge` combines
/// them, and `finish` turns the sums into the figures a `RunResult` carries.
public struct RunAggregator: Sendable {
    public private(set) var totals = MetricsAccumulator()
    /// Segment name → value → figures, folded from the figures of each segment list.
    public var segments: [String: [String: MetricsAccumulator]] {
        var segments: [String: [String: MetricsAccumulator]] = [:]
        for (list, metrics) in zip(segmentLists.values, segmentListMetrics) {
            for segment in list { segments[segment.name, default: [:]][segment.value, default: MetricsAccumulator()].merge(metrics) }
        }
        return segments
    }
    /// The distinct segment lists of the records added, and the figures of each: a record adds
    /// to its list's figures after one lookup, where adding to each of its segments' figures
    /// took two lookups a segment (name, then value), each hashing a string. The sums are exact
    /// integers, so folding them per segment at the end gives the same figures.
    private var segmentLists = InternTable<[Segment]>()
    private var segmentListMetrics: [MetricsAccumulator] = []
    public private(set) var clusters: [String: ClusterAccumulator] = [:]
    /// Negative customer records that fit no cluster.
    public private(set) var unclustered = 0
    public private(set) var conversations = ConversationTracker()
    /// Agent messages without a conversation still count towards the agent's figures.
    public private(set) var agentMessages: [String: AgentAccumulator] = [:]
    /// The same per segment value of the agent messages (team, channel…).
    public private(set) var segmentMessages: [Segment: AgentAccumulator] = [:]
    public private(set) var examples = ReplyExamples()
    /// Unclustered negative records and background phrase counts, for discovery.
    public private(set) var discovery = DiscoveryPool()

    public init() {}

    /// - Parameters:
    ///   - ordinal: the record's position in the run's input, for ordering conversations.
    ///   - clusterStrength: how much cluster evidence the record has (quote selection).
    ///   - cues: what the conversation pass needs from the text (personalization).
    ///   - phrases: the record's key phrases for discovery, when it is a candidate or sampled
    ///     for the background.
    public mutating func add(
        _ scored: ScoredRecord, ordinal: Int, clusterStrength: Int = 0, cues: ConversationCues? = nil, phrases: DiscoveryPhrases = .none
    ) {
        totals.add(scored)
        if !scored.record.segments.isEmpty {
            let list = Int(segmentLists.id(scored.record.segments))
            if list == segmentListMetrics.count { segmentListMetrics.append(MetricsAccumulator()) }
            segmentListMetrics[list].add(scored)
        }
        if Self.isClusterMember(scored), let cluster = scored.cluster {
            clusters[cluster, default: ClusterAccumulator()].add(scored, strength: clusterStrength)
        } else if scored.record.role == .customer, scored.sentiment.label == .negative {
            unclustered += 1
        }
        switch phrases {
        case .none: break
        case .candidate(let hashes): discovery.addCandidate(DiscoveryCandidate(scored, ordinal: ordinal, phrases: hashes))
        case .background(let hashes, let weight): discovery.addBackground(phrases: hashes, weight: weight)
        }
        conversations.add(scored, ordinal: ordinal, cues: cues)
        if scored.record.role == .agent, let empathy = scored.empathy {
            let phrases = AgentAccumulator.phrases(of: empathy)
            agentMessages[scored.record.author ?? AgentAccumulator.unknownAgent, default: AgentAccumulator()].add(empathy, phrases: phrases)
            for segment in scored.record.segments { segmentMessages[segment, default: AgentAccumulator()].add(empathy, phrases: phrases) }
        }
        examples.add(scored, ordinal: ordinal)
    }

    /// The record counts toward its primary cluster's size: a negative customer message with a
    /// cluster. (A cluster's size decides whether min_size keeps it.)
    public static func isClusterMember(_ scored: ScoredRecord) -> Bool {
        scored.cluster != nil && scored.record.role == .customer && scored.sentiment.label == .negative
    }

    /// The conversation excerpts gathered since the last call (see `ConversationTracker.takeExcerpts`).
    public mutating func takeExcerpts() -> [UInt8] {
        conversations.takeExcerpts()
    }

    /// Moves the conversation messages merged so far to `scratch` (see
    /// `ConversationTracker.spillMessages`); `finish` reads them back from there.
    public mutating func spillConversations(to scratch: any ScratchPartitions) throws {
        try conversations.spillMessages(to: scratch)
    }

    /// Scratch name of the conversation messages (`ConversationTracker.partitionCount` partitions).
    public static let conversationMessages = "conversation-messages"

    public mutating func merge(_ other: RunAggregator) {
        totals.merge(other.totals)
        for (otherList, list) in segmentLists.ids(for: other.segmentLists).enumerated() {
            while segmentListMetrics.count <= Int(list) { segmentListMetrics.append(MetricsAccumulator()) }
            segmentListMetrics[Int(list)].merge(other.segmentListMetrics[otherList])
        }
        for (id, accumulator) in other.clusters { clusters[id, default: ClusterAccumulator()].merge(accumulator) }
        unclustered += other.unclustered
        conversations.merge(other.conversations)
        for (agent, accumulator) in other.agentMessages { agentMessages[agent, default: AgentAccumulator()].merge(accumulator) }
        for (segment, accumulator) in other.segmentMessages { segmentMessages[segment, default: AgentAccumulator()].merge(accumulator) }
        examples.merge(other.examples)
        discovery.merge(other.discovery)
    }

    /// Moves the discovered clusters' members out of `unclustered` into their clusters
    /// (discovered ones under `ids`, merged ones into their taxonomy aspect). Returns each moved
    /// record's ordinal with its cluster id, for records.jsonl.
    public mutating func apply(_ result: PainPointDiscovery.Result, ids: [String?]) -> [(ordinal: Int, cluster: String)] {
        var moved: [(ordinal: Int, cluster: String)] = []
        for (cluster, id) in zip(result.clusters, ids) {
            guard let target = cluster.mergedInto ?? id else { continue }
            for member in cluster.members {
                let candidate = result.candidates[member.candidate]
                clusters[target, default: ClusterAccumulator()].add(candidate, strength: member.strength)
                unclustered -= 1
                moved.append((candidate.ordinal, target))
            }
        }
        discovery = DiscoveryPool()
        return moved.sorted { $0.ordinal < $1.ordinal }
    }

    public struct Summary: Sendable {
        public var metrics: RunMetrics
        public var segments: [SegmentMetrics]
        public var clusters: [PainPointCluster]
        public var unclustered: Int
        public var conversations: ConversationSummaries
        public var agents: [AgentSummary]
        public var service: ServiceRecovery
    }

    /// The conversations summarised and tallied (`ConversationPass`), on their own: they read only
    /// the conversation messages and the reply pools, which discovery leaves alone, so a caller
    /// may run this beside discovery and hand the result to `finish`. The spilled messages'
    /// partitions are removed once read; `workers` threads summarise them (same result for any).
    public func conversationPass(
        spilledMessages: (any ScratchPartitions)? = nil, scratch: any ScratchSpace = MemoryScratchSpace(), workers: Int = 1
    ) throws -> ConversationPass {
        let messages = try spilledMessages ?? scratch.partitions(Self.conversationMessages, count: ConversationTracker.partitionCount)
        defer { messages.remove() }
        return try ConversationPass.run(conversations, messages: messages, scratch: scratch, quoting: examples.ordinals, workers: workers)
    }

    /// - Parameters:
    ///   - clusterInfo: cluster id → label and defining phrases.
    ///   - minClusterSize: smaller clusters are dissolved; their records count as unclustered.
    ///   - excerpts: reads back conversation excerpts the caller took (`takeExcerpts`), by offset
    ///     and length in the run's excerpt bytes.
    ///   - spilledMessages: the scratch partitions the caller spilled conversation messages to
    ///     (`spillConversations`); nil when it kept them here.
    ///   - scratch: where conversation messages and summaries wait (the runner's staging
    ///     directory; memory by default).
    /// Quotes are taken as the records carry them: the runner redacts texts before scoring.
    ///   - conversationPass: `conversationPass(spilledMessages:scratch:)`'s result when the caller
    ///     ran it already (beside discovery); otherwise it is run here.
    public func finish(
        clusterInfo: [String: ClusterInfo], minClusterSize: Int = 1, excerpts: ((_ offset: Int, _ length: Int) -> String)? = nil,
        spilledMessages: (any ScratchPartitions)? = nil, scratch: any ScratchSpace = MemoryScratchSpace(),
        conversationPass: ConversationPass? = nil
    ) throws -> Summary {
        let pass = try conversationPass ?? self.conversationPass(spilledMessages: spilledMessages, scratch: scratch)
        let negativeTotal = totals.negative
        var painPoints: [PainPointCluster] = []
        var unclustered = self.unclustered
        for (id, accumulator) in clusters {
            guard Self.isKept(accumulator, minClusterSize: minClusterSize) else {
                unclustered += accumulator.size
                continue
            }
            let info = clusterInfo[id] ?? ClusterInfo(label: id, phrases: [], origin: .discovered)
            let mean = accumulator.meanCompound
            let share = negativeTotal == 0 ? 0 : Double(accumulator.size) / Double(negativeTotal)
            let quotes = Self.typicalQuotes(accumulator, mean: mean).map { candidate in
                Quote(recordID: candidate.recordID, source: candidate.source, text: candidate.text, compound: candidate.compound)
            }
            painPoints.append(PainPointCluster(
                id: id, label: info.label, phrases: info.phrases, size: accumulator.size, share: Figures.round(share),
                meanSentiment: Figures.round(mean), severity: Self.severity(size: accumulator.size, meanCompound: mean),
                segments: Self.breakdown(accumulator.segments), quotes: quotes, origin: info.origin
            ))
        }
        painPoints.sort { $0.severity != $1.severity ? $0.severity > $1.severity : $0.id < $1.id }
        var segmentMetrics: [SegmentMetrics] = []
        let segments = self.segments
        for name in segments.keys.sorted() {
            for value in segments[name]!.keys.sorted() {
                segmentMetrics.append(SegmentMetrics(segment: name, value: value, metrics: segments[name]![value]!.metrics()))
            }
        }
        let tallies = pass.tallies
        let chosen = examples.select(answering: tallies.answers.mapValues { answer in
            (conversations.excerpt(span: answer.excerptSpan, reading: excerpts), answer.compound)
        })
        let agents = agentMessages.keys.sorted().map { agent in
            let accumulator = agentMessages[agent]!
            return AgentSummary(
                agent: agent, figures: (tallies.agents[agent] ?? ReplyGroupTally()).figures(accumulator),
                cannedPhrases: accumulator.cannedPhrases
            )
        }
        let segmentEmpathy = segmentMessages.keys.sorted { ($0.name, $0.value) < ($1.name, $1.value) }.map { segment in
            SegmentEmpathy(
                segment: segment.name, value: segment.value,
                figures: (tallies.segments[segment] ?? ReplyGroupTally()).figures(segmentMessages[segment]!)
            )
        }
        let service = ServiceRecovery(
            segments: segmentEmpathy, coachingExamples: chosen.coaching, exemplaryReplies: chosen.exemplary,
            empathyVersusRecovery: pass.recovery.empathyVersusRecovery
        )
        return Summary(
            metrics: totals.metrics(recoveryRate: pass.recovery.rate), segments: segmentMetrics, clusters: painPoints,
            unclustered: unclustered, conversations: pass.summaries, agents: agents, service: service
        )
    }

    /// The clusters `finish` keeps as pain points (the others are dissolved into unclustered):
    /// known once discovery has run, before the conversation pass ends.
    public func keptClusters(minClusterSize: Int) -> Set<String> {
        Set(clusters.filter { Self.isKept($0.value, minClusterSize: minClusterSize) }.keys)
    }

    static func isKept(_ cluster: ClusterAccumulator, minClusterSize: Int) -> Bool {
        cluster.size >= minClusterSize
    }

    /// Severity = records × mean negativity (|mean compound|): a big mild cluster and a small
    /// furious one can rank alike, and both outrank a big lukewarm one. Rounded to 2 decimals.
    public static func severity(size: Int, meanCompound: Double) -> Double {
        Figures.round(Double(size) * abs(min(0, meanCompound)), places: 2)
    }

    /// Three quotes nearest the cluster's mean sentiment among its best candidates: typical, not extreme.
    static func typicalQuotes(_ accumulator: ClusterAccumulator, mean: Double) -> [QuoteCandidate] {
        // The accumulator keeps its best candidates sorted, at most `QuoteCandidate.limit` of them.
        let ranked = accumulator.candidates.enumerated().sorted { a, b in
            let da = abs(a.element.compound - mean), db = abs(b.element.compound - mean)
            return da != db ? da < db : a.offset < b.offset
        }
        return ranked.prefix(3).map(\.element)
    }

    static func breakdown(_ segments: [String: [String: Int]]) -> [SegmentBreakdown] {
        segments.keys.sorted().map { name in
            let counts = segments[name]!.map { SegmentCount(value: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            return SegmentBreakdown(name: name, counts: counts)
        }
    }

    /// Mean agent empathy in a conversation at or above which it counts as high-empathy.
    public static let highEmpathy = 50.0
}

/// What the clusterer knows about a cluster id beyond its counts.
public struct ClusterInfo: Sendable, Hashable {
    public var label: String
    public var phrases: [String]
    public var origin: ClusterOrigin

    public init(label: String, phrases: [String], origin: ClusterOrigin) {
        self.label = label
        self.phrases = phrases
        self.origin = origin
    }
}

/// Everything a finished run computed; writers render it and nothing else.
public struct RunResult: Sendable {
    public var pipeline: String
    /// The pipeline file as given on the command line.
    public var pipelineFile: String
    /// YYYY-MM-DD; the run date, fixed by `--as-of` for reproducible runs.
    public var asOf: String
    /// Wall-clock facts about this run (start time, duration, host). Nil when `--as-of` fixed the
    /// date, so that reruns are byte-identical.
    public var runInfo: RunInfo?
    public var sources: [SourceStats]
    public var metrics: RunMetrics
    /// Sorted by severity, descending, then id.
    public var clusters: [PainPointCluster]
    /// Negative customer records that fit no cluster.
    public var unclustered: Int
    public var segments: [SegmentMetrics]
    public var conversations: ConversationSummaries
    public var agents: [AgentSummary]
    /// Agent figures per segment, coaching examples, empathy versus recovery.
    public var service = ServiceRecovery()
    /// How this run's clusters descend from the previous run's (new, continued, merged, split,
    /// vanished); empty without a previous run.
    public var lineage: [ClusterLineage] = []
    /// The previous run's trend snapshot, when the history had one; drives "change since".
    public var previous: TrendSnapshot?
    /// Earlier snapshots, oldest first, for trend charts (may include `previous`).
    public var history: [TrendSnapshot]
    /// This run against `previous`, with significance tests; nil without a previous run.
    public var changes: TrendDiff?
    public var redacted: Bool

    public init(
        pipeline: String, pipelineFile: String, asOf: String, runInfo: RunInfo? = nil,
        sources: [SourceStats], metrics: RunMetrics, clusters: [PainPointCluster], unclustered: Int,
        segments: [SegmentMetrics] = [], conversations: ConversationSummaries = [], agents: [AgentSummary] = [],
        previous: TrendSnapshot? = nil, history: [TrendSnapshot] = [], changes: TrendDiff? = nil, redacted: Bool
    ) {
        self.pipeline = pipeline
        self.pipelineFile = pipelineFile
        self.asOf = asOf
        self.runInfo = runInfo
        self.sources = sources
        self.metrics = metrics
        self.clusters = clusters
        self.unclustered = unclustered
        self.segments = segments
        self.conversations = conversations
        self.agents = agents
        self.previous = previous
        self.history = history
        self.changes = changes
        self.redacted = redacted
    }

    public var totalRead: Int { sources.reduce(0) { $0 + $1.read } }
    public var totalAccepted: Int { sources.reduce(0) { $0 + $1.accepted } }
    public var totalRejected: Int { sources.reduce(0) { $0 + $1.rejected } }
    public var totalDuplicates: Int { sources.reduce(0) { $0 + $1.duplicates } }
}

/// Facts about a run that change from run to run even on the same input.
public struct RunInfo: Sendable, Hashable {
    /// ISO-8601 start time.
    public var startedAt: String
    public var durationSeconds: Double
    public var host: String
    public var voxVersion: String

    public init(startedAt: String, durationSeconds: Double, host: String, voxVersion: String) {
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.host = host
        self.voxVersion = voxVersion
    }
}

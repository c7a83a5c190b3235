/// The compact per-run figures product teams commit to git and `vox diff` compares.
/// Everything here is keyed by stable ids so that two nights line up.
public struct TrendSnapshot: Sendable, Hashable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var pipeline: String
    /// YYYY-MM-DD.
    public var asOf: String
    public var totals: TrendFigures
    /// By cluster id.
    public var clusters: [String: ClusterTrend]
    /// By segment name, then value.
    public var segments: [String: [String: TrendFigures]]

    public init(
        schemaVersion: Int = TrendSnapshot.currentSchemaVersion, pipeline: String, asOf: String,
        totals: TrendFigures, clusters: [String: ClusterTrend], segments: [String: [String: TrendFigures]]
    ) {
        self.schemaVersion = schemaVersion
        self.pipeline = pipeline
        self.asOf = asOf
        self.totals = totals
        self.clusters = clusters
        self.segments = segments
    }
}

/// Headline figures of a run or a segment, as trend files keep them.
public struct TrendFigures: Sendable, Hashable {
    public var volume: Int
    public var customerMessages: Int
    /// Label counts over customer messages; with `customerMessages` they let `vox diff` test
    /// whether a sentiment share moved significantly.
    public var positive: Int
    public var neutral: Int
    public var negative: Int
    public var negativeShare: Double?
    public var meanCompound: Double?
    public var csat: Double?
    public var nps: Double?
    public var meanEmpathy: Double?
    public var recoveryRate: Double?

    public init(
        volume: Int, customerMessages: Int, positive: Int = 0, neutral: Int = 0, negative: Int,
        negativeShare: Double?, meanCompound: Double?,
        csat: Double? = nil, nps: Double? = nil, meanEmpathy: Double? = nil, recoveryRate: Double? = nil
    ) {
        self.volume = volume
        self.customerMessages = customerMessages
        self.positive = positive
        self.neutral = neutral
        self.negative = negative
        self.negativeShare = negativeShare
        self.meanCompound = meanCompound
        self.csat = csat
        self.nps = nps
        self.meanEmpathy = meanEmpathy
        self.recoveryRate = recoveryRate
    }

    /// Positive customer messages over all customer messages, or nil when there are none.
    public var positiveShare: Double? {
        customerMessages == 0 ? nil : Double(positive) / Double(customerMessages)
    }

    public init(_ metrics: RunMetrics) {
        self.init(
            volume: metrics.volume, customerMessages: metrics.customerMessages, positive: metrics.positive,
            neutral: metrics.neutral, negative: metrics.negative,
            negativeShare: metrics.negativeShare, meanCompound: metrics.meanCompound, csat: metrics.csat,
            nps: metrics.nps, meanEmpathy: metrics.meanEmpathy, recoveryRate: metrics.recoveryRate
        )
    }
}

public struct ClusterTrend: Sendable, Hashable {
    public var label: String
    public var volume: Int
    public var share: Double
    public var meanSentiment: Double
    public var severity: Double
    /// The defining phrases, kept so that the next run can match its clusters to these by overlap.
    public var phrases: [String]

    public init(label: String, volume: Int, share: Double, meanSentiment: Double, severity: Double, phrases: [String]) {
        self.label = label
        self.volume = volume
        self.share = share
        self.meanSentiment = meanSentiment
        self.severity = severity
        self.phrases = phrases
    }
}

/// Headline figures for a run or a segment. Optional figures are nil when the data has nothing
/// to compute them from (no ratings, no agent messages…), never zero by default.
public struct RunMetrics: Sendable, Hashable {
    /// Accepted records.
    public var volume: Int
    public var customerMessages: Int
    public var agentMessages: Int
    /// Label counts over customer messages.
    public var positive: Int
    public var neutral: Int
    public var negative: Int
    /// Mean compound over customer messages.
    public var meanCompound: Double?
    /// Share of CSAT/stars ratings that are 4 or 5.
    public var csat: Double?
    public var csatResponses: Int
    /// Promoters minus detractors, in percentage points (−100…100).
    public var nps: Double?
    public var npsResponses: Int
    /// Mean empathy score over agent messages.
    public var meanEmpathy: Double?
    /// Share of conversations that started negative and ended better; nil without conversations.
    public var recoveryRate: Double?

    public init(
        volume: Int = 0, customerMessages: Int = 0, agentMessages: Int = 0, positive: Int = 0,
        neutral: Int = 0, negative: Int = 0, meanCompound: Double? = nil, csat: Double? = nil,
        csatResponses: Int = 0, nps: Double? = nil, npsResponses: Int = 0, meanEmpathy: Double? = nil,
        recoveryRate: Double? = nil
    ) {
        self.volume = volume
        self.customerMessages = customerMessages
        self.agentMessages = agentMessages
        self.positive = positive
        self.neutral = neutral
        self.negative = negative
        self.meanCompound = meanCompound
        self.csat = csat
        self.csatResponses = csatResponses
        self.nps = nps
        self.npsResponses = npsResponses
        self.meanEmpathy = meanEmpathy
        self.recoveryRate = recoveryRate
    }

    /// Negative customer messages over all customer messages, or nil when there are none.
    public var negativeShare: Double? {
        customerMessages == 0 ? nil : Double(negative) / Double(customerMessages)
    }
}

/// Headline figures for one value of one segment (e.g. region = EU).
public struct SegmentMetrics: Sendable, Hashable {
    public var segment: String
    public var value: String
    public var metrics: RunMetrics

    public init(segment: String, value: String, metrics: RunMetrics) {
        self.segment = segment
        self.value = value
        self.metrics = metrics
    }
}

/// A record after scoring: what aggregators and the records export consume.
public struct ScoredRecord: Sendable, Hashable {
    public var record: FeedbackRecord
    public var sentiment: SentimentScore
    /// Present for agent messages only.
    public var empathy: EmpathyScore?
    /// The id of the primary pain-point cluster, for negative records that fit one.
    public var cluster: String?
    public var secondaryClusters: [String]

    public init(
        record: FeedbackRecord, sentiment: SentimentScore, empathy: EmpathyScore? = nil,
        cluster: String? = nil, secondaryClusters: [String] = []
    ) {
        self.record = record
        self.sentiment = sentiment
        self.empathy = empathy
        self.cluster = cluster
        self.secondaryClusters = secondaryClusters
    }
}

/// A group of negative feedback about one thing, named for a person and identified for machines.
public struct PainPointCluster: Sendable, Hashable {
    /// Stable slug, e.g. `refunds` or `app-crash-on-login`; matched to the previous run's ids.
    public var id: String
    /// What a person would write: "Refund not received".
    public var label: String
    /// The phrases that define the cluster, most characteristic first.
    public var phrases: [String]
    /// Records whose primary cluster this is.
    public var size: Int
    /// `size` over all negative records.
    public var share: Double
    /// Mean compound sentiment of its records.
    public var meanSentiment: Double
    /// Volume × negativity; see docs/ARCHITECTURE.md for the formula.
    public var severity: Double
    /// Per segment name, the record counts per value, sorted by count then value.
    public var segments: [SegmentBreakdown]
    /// Representative quotes, most typical first, personal data redacted.
    public var quotes: [Quote]
    public var origin: ClusterOrigin

    public init(
        id: String, label: String, phrases: [String], size: Int, share: Double, meanSentiment: Double,
        severity: Double, segments: [SegmentBreakdown] = [], quotes: [Quote] = [], origin: ClusterOrigin
    ) {
        self.id = id
        self.label = label
        self.phrases = phrases
        self.size = size
        self.share = share
        self.meanSentiment = meanSentiment
        self.severity = severity
        self.segments = segments
        self.quotes = quotes
        self.origin = origin
    }
}

public enum ClusterOrigin: String, Sendable, Hashable, Codable {
    /// An aspect from the pain-point taxonomy.
    case taxonomy
    /// Found in the data: over-represented phrases that co-occur.
    case discovered
}

/// Counts of records per value of one segment.
public struct SegmentBreakdown: Sendable, Hashable {
    public var name: String
    public var counts: [SegmentCount]

    public init(name: String, counts: [SegmentCount]) {
        self.name = name
        self.counts = counts
    }
}

public struct SegmentCount: Sendable, Hashable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// A piece of customer text shown in a report. `text` is already redacted when redaction is on.
public struct Quote: Sendable, Hashable {
    public var recordID: String
    public var source: String
    public var text: String
    public var compound: Double

    public init(recordID: String, source: String, text: String, compound: Double) {
        self.recordID = recordID
        self.source = source
        self.text = text
        self.compound = compound
    }
}

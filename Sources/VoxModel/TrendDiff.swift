/// What changed between two trend snapshots. Every share carries the counts it was computed
/// from and a two-proportion z-test, so that readers can tell real movement from noise.
/// Built by `TrendComparison` (VoxAggregate); rendered by `vox diff` and by the report's
/// "change since" columns and emerging pain points.
public struct TrendDiff: Sendable, Hashable {
    public var oldPipeline: String
    public var newPipeline: String
    /// YYYY-MM-DD of each side.
    public var oldAsOf: String
    public var newAsOf: String
    /// Significance level of the tests: a change is significant when its p-value is below this.
    public var alpha: Double
    /// Negative customer messages over customer messages.
    public var negativeShare: ShareChange
    /// Positive customer messages over customer messages.
    public var positiveShare: ShareChange
    public var meanCompound: FigureChange
    /// Segment values present on both sides, sorted by segment name then value.
    public var segments: [SegmentShift]
    /// Segment values present on one side only, as `name = value`, sorted.
    public var segmentsOnlyInOld: [String]
    public var segmentsOnlyInNew: [String]
    /// Every cluster of either side, in `ClusterChange.order`.
    public var clusters: [ClusterChange]

    public init(
        oldPipeline: String, newPipeline: String, oldAsOf: String, newAsOf: String, alpha: Double,
        negativeShare: ShareChange, positiveShare: ShareChange, meanCompound: FigureChange,
        segments: [SegmentShift], segmentsOnlyInOld: [String] = [], segmentsOnlyInNew: [String] = [],
        clusters: [ClusterChange]
    ) {
        self.oldPipeline = oldPipeline
        self.newPipeline = newPipeline
        self.oldAsOf = oldAsOf
        self.newAsOf = newAsOf
        self.alpha = alpha
        self.negativeShare = negativeShare
        self.positiveShare = positiveShare
        self.meanCompound = meanCompound
        self.segments = segments
        self.segmentsOnlyInOld = segmentsOnlyInOld
        self.segmentsOnlyInNew = segmentsOnlyInNew
        self.clusters = clusters
    }

    public func clusters(_ status: ClusterChangeStatus) -> [ClusterChange] {
        clusters.filter { $0.status == status }
    }

    public func cluster(_ id: String) -> ClusterChange? {
        clusters.first { $0.id == id }
    }
}

/// A share on two sides (`count` of `total` each), and whether it moved significantly.
public struct ShareChange: Sendable, Hashable {
    public var oldCount: Int
    public var oldTotal: Int
    public var newCount: Int
    public var newTotal: Int
    /// Pooled two-proportion z statistic (new minus old); nil when a side has no total.
    public var z: Double?
    /// Two-sided p-value of `z`; nil when it could not be computed.
    public var pValue: Double?
    /// `pValue < alpha`.
    public var significant: Bool

    public init(oldCount: Int, oldTotal: Int, newCount: Int, newTotal: Int, z: Double?, pValue: Double?, significant: Bool) {
        self.oldCount = oldCount
        self.oldTotal = oldTotal
        self.newCount = newCount
        self.newTotal = newTotal
        self.z = z
        self.pValue = pValue
        self.significant = significant
    }

    public var oldShare: Double? { oldTotal == 0 ? nil : Double(oldCount) / Double(oldTotal) }
    public var newShare: Double? { newTotal == 0 ? nil : Double(newCount) / Double(newTotal) }

    /// New share minus old share (a fraction: 0.05 is five percentage points).
    public var change: Double? {
        guard let oldShare, let newShare else { return nil }
        return newShare - oldShare
    }

    /// Significant and upwards.
    public var significantRise: Bool { significant && (change ?? 0) > 0 }
    public var significantFall: Bool { significant && (change ?? 0) < 0 }
}

/// A figure without counts behind it (a mean), on two sides.
public struct FigureChange: Sendable, Hashable {
    public var old: Double?
    public var new: Double?

    public init(old: Double?, new: Double?) {
        self.old = old
        self.new = new
    }

    public var change: Double? {
        guard let old, let new else { return nil }
        return new - old
    }
}

/// How sentiment moved within one segment value (e.g. region = EU).
public struct SegmentShift: Sendable, Hashable {
    public var segment: String
    public var value: String
    public var negativeShare: ShareChange
    public var meanCompound: FigureChange

    public init(segment: String, value: String, negativeShare: ShareChange, meanCompound: FigureChange) {
        self.segment = segment
        self.value = value
        self.negativeShare = negativeShare
        self.meanCompound = meanCompound
    }
}

/// One cluster across two runs. Its share is of negative customer messages on each side.
public struct ClusterChange: Sendable, Hashable {
    public var id: String
    /// The newer side's label when the cluster exists there, else the older side's.
    public var label: String
    public var status: ClusterChangeStatus
    /// Volume over negative customer messages on each side; a new cluster has old count 0.
    public var share: ShareChange
    public var oldSeverity: Double?
    public var newSeverity: Double?

    public init(id: String, label: String, status: ClusterChangeStatus, share: ShareChange, oldSeverity: Double?, newSeverity: Double?) {
        self.id = id
        self.label = label
        self.status = status
        self.share = share
        self.oldSeverity = oldSeverity
        self.newSeverity = newSeverity
    }

    /// New clusters, then vanished, risen, fallen and steady ones; within each, the largest
    /// share change first, then id, so that the order never depends on dictionary order.
    public static func order(_ a: ClusterChange, _ b: ClusterChange) -> Bool {
        if a.status != b.status { return a.status.rank < b.status.rank }
        let da = abs(a.share.change ?? 0), db = abs(b.share.change ?? 0)
        if da != db { return da > db }
        return a.id < b.id
    }
}

public enum ClusterChangeStatus: String, Sendable, Hashable, CaseIterable {
    /// Only in the newer run.
    case new
    /// Only in the older run.
    case vanished
    /// In both, share significantly higher.
    case rose
    /// In both, share significantly lower.
    case fell
    /// In both, no significant change: noise.
    case steady

    var rank: Int { Self.allCases.firstIndex(of: self)! }
}

import VoxModel

/// Builds the trend snapshot of a run from its figures.
public enum TrendBuilder {
    public static func snapshot(
        pipeline: String, asOf: String, metrics: RunMetrics, segments segmentMetrics: [SegmentMetrics], clusters painPoints: [PainPointCluster]
    ) -> TrendSnapshot {
        var clusters: [String: ClusterTrend] = [:]
        for cluster in painPoints {
            clusters[cluster.id] = ClusterTrend(
                label: cluster.label, volume: cluster.size, share: cluster.share, meanSentiment: cluster.meanSentiment,
                severity: cluster.severity, phrases: cluster.phrases
            )
        }
        var segments: [String: [String: TrendFigures]] = [:]
        for segment in segmentMetrics {
            segments[segment.segment, default: [:]][segment.value] = TrendFigures(segment.metrics)
        }
        return TrendSnapshot(
            pipeline: pipeline, asOf: asOf, totals: TrendFigures(metrics), clusters: clusters, segments: segments
        )
    }
}

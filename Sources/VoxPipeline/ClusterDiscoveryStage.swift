import VoxAggregate
import VoxModel

/// The step between scoring and figures: discovery over the run's unclustered negative records,
/// ids from the previous run's clusters, and the discovered records moved into their clusters.
/// `vox run` and `vox eval --clusters` share it, so the evaluation measures what runs.
struct ClusterDiscoveryStage {
    let engine: ScoringEngine

    struct Outcome {
        /// Record ordinal → cluster, for records that discovery placed.
        var moved: [(ordinal: Int, cluster: String)]
        /// Labels and phrases of every cluster the run can have: aspects and discovered ones.
        var clusterInfo: [String: ClusterInfo]
        /// Discovered cluster id → its lineage.
        var lineage: [String: ClusterLineage]
        var result: PainPointDiscovery.Result
    }

    func run(on aggregator: inout RunAggregator, previous: TrendSnapshot?) -> Outcome {
        let result = engine.discovery.discover(aggregator.discovery)
        var clusterInfo = engine.clusterInfo
        let standalone = result.clusters.filter { $0.mergedInto == nil }
        let named = ClusterIdentity(extractor: engine.extractor).name(
            standalone.map { ($0.label, $0.definingPhrases) }, reserved: Set(clusterInfo.keys), previous: previous
        )
        var ids: [String?] = []
        var lineage: [String: ClusterLineage] = [:]
        var next = named.makeIterator()
        for cluster in result.clusters {
            guard cluster.mergedInto == nil, let name = next.next() else {
                ids.append(nil)
                continue
            }
            ids.append(name.id)
            lineage[name.id] = name.lineage
            clusterInfo[name.id] = ClusterInfo(label: cluster.label, phrases: cluster.definingPhrases, origin: .discovered)
        }
        let moved = aggregator.apply(result, ids: ids)
        return Outcome(moved: moved, clusterInfo: clusterInfo, lineage: lineage, result: result)
    }
}

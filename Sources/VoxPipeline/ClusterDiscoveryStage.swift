import VoxAggregate
import VoxModel

/// The step between scoring and figures: discovery over the run's unclustered negative records,
/// ids from the previous run's clusters, and the discovered records moved into their clusters.
/// `vox run` uses all of it; `vox eval --clusters` names its discovered clusters with `name`, so
/// the evaluation measures what runs.
struct ClusterDiscoveryStage {
    let engine: ScoringEngine

    /// The ids discovery's clusters get.
    struct Naming {
        /// Per discovered cluster, in the result's order: its own id, or nil when it merged
        /// into a taxonomy aspect.
        var ids: [String?]
        /// Labels and phrases of every cluster the run can have: aspects and discovered ones.
        var clusterInfo: [String: ClusterInfo]
        /// Discovered cluster id → its lineage.
        var lineage: [String: ClusterLineage]
    }

    struct Outcome {
        /// Record ordinal → cluster, for records that discovery placed.
        var moved: [(ordinal: Int, cluster: String)]
        var naming: Naming
    }

    func run(on aggregator: inout RunAggregator, previous: TrendSnapshot?) -> Outcome {
        let result = engine.discovery.discover(aggregator.discovery)
        let naming = name(result, previous: previous)
        return Outcome(moved: aggregator.apply(result, ids: naming.ids), naming: naming)
    }

    /// Ids for the clusters that stand alone, matched to `previous`'s; aspects keep theirs.
    func name(_ result: PainPointDiscovery.Result, previous: TrendSnapshot?) -> Naming {
        var clusterInfo = engine.clusterInfo
        let standalone = result.clusters.filter { $0.mergedInto == nil }
        var named = ClusterIdentity(extractor: engine.extractor).name(
            standalone.map { ($0.label, $0.definingPhrases) }, reserved: Set(clusterInfo.keys), previous: previous
        ).makeIterator()
        var ids: [String?] = []
        var lineage: [String: ClusterLineage] = [:]
        for cluster in result.clusters {
            guard cluster.mergedInto == nil, let name = named.next() else {
                ids.append(nil)
                continue
            }
            ids.append(name.id)
            lineage[name.id] = name.lineage
            clusterInfo[name.id] = ClusterInfo(label: cluster.label, phrases: cluster.definingPhrases, origin: .discovered)
        }
        return Naming(ids: ids, clusterInfo: clusterInfo, lineage: lineage)
    }
}

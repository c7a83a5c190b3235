import VoxAggregate
import VoxModel

/// Clusters every row of a labelled file of complaints as a run would — taxonomy aspects, then
/// discovery over what they leave, clusters smaller than the pipeline minimum dissolved — and
/// compares with the gold category column (`vox eval --clusters`).
///
/// Every row is taken as a complaint, whatever its sentiment score: the file says what each
/// row is about, and the evaluation measures the grouping, not the sentiment threshold. With a
/// group column each group (an industry, a company) is clustered on its own, as separate
/// pipelines would, and the figures are given per group and for the whole file as one run.
public struct ClusterEvaluator: Sendable {
    public var engine: ScoringEngine
    public var textColumn: String
    public var goldColumn: String
    public var groupColumn: String?
    public var minClusterSize: Int

    public init(engine: ScoringEngine, textColumn: String, goldColumn: String, groupColumn: String? = nil, minClusterSize: Int = ClusteringOptions().minSize) {
        self.engine = engine
        self.textColumn = textColumn
        self.goldColumn = goldColumn
        self.groupColumn = groupColumn
        self.minClusterSize = minClusterSize
    }

    public struct Evaluation: Sendable {
        /// The whole file clustered as one run.
        public var overall: ClusterAgreement
        /// Group value → its own clustering, by group value.
        public var groups: [(String, ClusterAgreement)]
        /// Cluster id → label, for every cluster any of the runs produced.
        public var labels: [String: String]
    }

    public func evaluate(_ file: LabelledFile) throws -> (Evaluation, [LabelledFile.Skipped]) {
        var texts: [String] = [], gold: [String] = [], groups: [String] = []
        var skipped: [LabelledFile.Skipped] = []
        let columns = [textColumn, goldColumn] + (groupColumn.map { [$0] } ?? [])
        try file.readRequiring(columns: columns, skipped: { skipped.append($0) }) { row in
            guard let text = row.values[0], !text.isEmpty, let category = row.values[1], !category.isEmpty else {
                skipped.append(.init(location: row.location, reason: "no `\(textColumn)` or `\(goldColumn)` value; row left out"))
                return
            }
            texts.append(text)
            gold.append(category)
            groups.append(groupColumn == nil ? "" : (row.values[2] ?? ""))
        }
        var labels: [String: String] = [:]
        let overall = ClusterAgreement(predicted: cluster(texts, labels: &labels), gold: gold)
        var perGroup: [(String, ClusterAgreement)] = []
        if groupColumn != nil {
            for value in Set(groups).sorted() {
                let rows = groups.indices.filter { groups[$0] == value }
                perGroup.append((value, ClusterAgreement(predicted: cluster(rows.map { texts[$0] }, labels: &labels), gold: rows.map { gold[$0] })))
            }
        }
        return (Evaluation(overall: overall, groups: perGroup, labels: labels), skipped)
    }

    /// Each text's primary cluster id, or nil.
    func cluster(_ texts: [String], labels: inout [String: String]) -> [String?] {
        var assigned: [String?] = []
        var pool = DiscoveryPool()
        for (ordinal, text) in texts.enumerated() {
            let (assignment, phrases) = engine.cluster(text, sampled: true)
            assigned.append(assignment.primary)
            switch phrases {
            case .candidate(let hashes):
                pool.addCandidate(DiscoveryCandidate(ordinal: ordinal, recordID: "\(ordinal + 1)", source: "eval", text: text,
                    compound: engine.sentiment.score(text).compound, segments: [], phrases: hashes
                ))
            case .background(let hashes, let weight):
                pool.addBackground(phrases: hashes, weight: weight)
            case .none:
                break
            }
        }
        let result = engine.discovery.discover(pool)
        let naming = ClusterDiscoveryStage(engine: engine).name(result, previous: nil)
        for (id, info) in naming.clusterInfo { labels[id] = info.label }
        for (cluster, id) in zip(result.clusters, naming.ids) {
            guard let target = cluster.mergedInto ?? id else { continue }
            for member in cluster.members { assigned[result.candidates[member.candidate].ordinal] = target }
        }
        // As in a run: clusters below the minimum size are dissolved.
        var sizes: [String: Int] = [:]
        for id in assigned.compactMap({ $0 }) { sizes[id, default: 0] += 1 }
        return assigned.map { id in id.flatMap { sizes[$0]! >= minClusterSize ? $0 : nil } }
    }
}

import VoxReport

/// `vox eval --clusters` output for a person: the agreement figures per clustering, then for
/// each the cluster-by-category table (each predicted cluster with the gold categories of its
/// rows, most common first).
public enum ClusterEvaluationText {
    public static func render(_ evaluation: ClusterEvaluator.Evaluation, file: String, gold: String, by: String?) -> String {
        var lines = ["Clusters against gold `\(gold)` in \(file): \(evaluation.overall.rows) rows", ""]
        var runs = [("all", evaluation.overall)]
        runs += evaluation.groups.map { ("\(by ?? "group")=\($0.0)", $0.1) }
        lines += TextTable.render(
            header: ["clustering", "rows", "categories", "clusters", "clustered", "nmi", "ari", "purity"],
            rows: runs.map { name, agreement in
                let categories = Set(agreement.table.values.flatMap(\.keys)).count
                let clusters = agreement.table.keys.filter { $0 != ClusterAgreement.unclustered }.count
                return [
                    name, "\(agreement.rows)", "\(categories)", "\(clusters)",
                    NumberFormat.percent(agreement.rows == 0 ? 0 : Double(agreement.clustered) / Double(agreement.rows)),
                    EvaluationText.figure(agreement.nmi), EvaluationText.figure(agreement.ari), EvaluationText.figure(agreement.purity),
                ]
            }
        )
        // The per-group tables say more than the pooled one when groups were clustered apart.
        for (name, agreement) in runs.count > 1 ? Array(runs.dropFirst()) : runs {
            lines += ["", "Cluster by category, \(name) (rows of each gold category in each predicted cluster)"]
            lines += TextTable.render(
                header: ["cluster", "label", "rows", "categories"],
                rows: agreement.rowsByCluster.map { row in
                    [row.cluster, evaluation.labels[row.cluster] ?? "", "\(row.size)",
                     row.categories.map { "\($0.0) \($0.1)" }.joined(separator: "; ")]
                }
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

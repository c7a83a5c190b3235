#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How well predicted clusters agree with gold categories: normalised mutual information
/// (arithmetic-mean normalisation), the adjusted Rand index (Hubert & Arabie, 1985) and purity,
/// from the contingency table. Unclustered rows count as one more predicted cluster, so leaving
/// a complaint out is never free.
public struct ClusterAgreement: Sendable, Hashable {
    public static let unclustered = "(unclustered)"

    public var rows: Int
    /// Predicted cluster → gold category → rows.
    public var table: [String: [String: Int]]
    public var nmi: Double
    public var ari: Double
    public var purity: Double

    public init(predicted: [String?], gold: [String]) {
        precondition(predicted.count == gold.count)
        var table: [String: [String: Int]] = [:]
        for (cluster, category) in zip(predicted, gold) {
            table[cluster ?? Self.unclustered, default: [:]][category, default: 0] += 1
        }
        self.rows = gold.count
        self.table = table
        let n = Double(gold.count)
        var goldTotals: [String: Int] = [:]
        for category in gold { goldTotals[category, default: 0] += 1 }
        let clusterTotals = table.mapValues { $0.values.reduce(0, +) }

        purity = n == 0 ? 0 : Double(table.values.reduce(0) { $0 + ($1.values.max() ?? 0) }) / n

        func entropy(_ counts: some Sequence<Int>) -> Double {
            counts.reduce(0.0) { sum, count in
                let p = Double(count) / n
                return count == 0 ? sum : sum - p * log(p)
            }
        }
        var mutual = 0.0
        for (cluster, categories) in table {
            for (category, count) in categories where count > 0 {
                let joint = Double(count) / n
                mutual += joint * log(joint * n * n / (Double(clusterTotals[cluster]!) * Double(goldTotals[category]!)))
            }
        }
        let meanEntropy = (entropy(clusterTotals.values) + entropy(goldTotals.values)) / 2
        nmi = meanEntropy == 0 ? 1 : max(0, mutual / meanEntropy)

        func pairs(_ count: Int) -> Double { Double(count) * Double(count - 1) / 2 }
        let index = table.values.reduce(0.0) { sum, categories in sum + categories.values.reduce(0.0) { $0 + pairs($1) } }
        let clusterPairs = clusterTotals.values.reduce(0.0) { $0 + pairs($1) }
        let goldPairs = goldTotals.values.reduce(0.0) { $0 + pairs($1) }
        let total = pairs(gold.count)
        let expected = total == 0 ? 0 : clusterPairs * goldPairs / total
        let maximum = (clusterPairs + goldPairs) / 2
        ari = maximum == expected ? 1 : (index - expected) / (maximum - expected)
    }

    /// Predicted clusters, biggest first (unclustered last), each with its categories by count.
    public var rowsByCluster: [(cluster: String, size: Int, categories: [(String, Int)])] {
        table.map { cluster, categories in
            (cluster, categories.values.reduce(0, +),
             categories.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        .sorted { a, b in
            if (a.cluster == Self.unclustered) != (b.cluster == Self.unclustered) { return b.cluster == Self.unclustered }
            return a.size != b.size ? a.size > b.size : a.cluster < b.cluster
        }
    }

    /// Rows in a real cluster.
    public var clustered: Int { rows - (table[Self.unclustered]?.values.reduce(0, +) ?? 0) }
}

import VoxModel
import VoxReport

/// `vox eval`'s output for a person: one table of figures by group, and for categorical gold the
/// confusion matrix of all rows. Undefined figures (a constant column, a class never seen) print
/// as `n/a` rather than as a misleading 0.
public enum EvaluationText {
    public static func render(_ evaluation: SentimentEvaluation, file: String, gold: String, by: String?) -> String {
        let kind = evaluation.kind ?? .numeric
        var lines = ["Sentiment against gold `\(gold)` (\(kind.rawValue)) in \(file): \(evaluation.overall.rows) rows", ""]
        var groups = [("all", evaluation.overall)]
        groups += evaluation.groups.keys.sorted().map { ("\(by ?? "group")=\($0)", evaluation.groups[$0]!) }
        switch kind {
        case .numeric:
            let rows = groups.map { name, figures in
                [name, "\(figures.rows)", "\(figures.matrix.total)", figure(figures.pearson), figure(figures.binaryF1)]
            }
            lines += TextTable.render(header: ["group", "rows", "rows_gold≠0", "pearson_r", "binary_f1"], rows: rows)
        case .categorical:
            let rows = groups.map { name, figures in
                [name, "\(figures.rows)", figure(figures.matrix.accuracy), figure(figures.matrix.macroF1())]
                    + SentimentLabel.allCases.map { figure(figures.matrix.f1($0)) }
            }
            lines += TextTable.render(
                header: ["group", "rows", "accuracy", "macro_f1"] + SentimentLabel.allCases.map { "f1_\($0.rawValue)" }, rows: rows
            )
            lines += ["", "Confusion matrix, all rows (rows: gold, columns: predicted)"]
            let matrix = evaluation.overall.matrix
            lines += TextTable.render(
                header: ["gold"] + SentimentLabel.allCases.map(\.rawValue),
                rows: SentimentLabel.allCases.map { gold in [gold.rawValue] + SentimentLabel.allCases.map { "\(matrix[gold, $0])" } }
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func figure(_ value: Double?) -> String {
        value.map { NumberFormat.fixed($0, 4) } ?? "n/a"
    }
}

import VoxIngest
import VoxModel
import VoxScoring

/// Scores every row of a labelled file and compares with its gold column (`vox eval`).
public struct SentimentEvaluator: Sendable {
    public var scorer: SentimentScorer
    public var textColumn: String
    public var goldColumn: String
    public var groupColumn: String?

    public init(scorer: SentimentScorer, textColumn: String, goldColumn: String, groupColumn: String? = nil) {
        self.scorer = scorer
        self.textColumn = textColumn
        self.goldColumn = goldColumn
        self.groupColumn = groupColumn
    }

    /// The figures, and the rows left out with the reason for each (unreadable rows, a gold
    /// value that is neither a number nor a label, or of the other kind than the first row's).
    /// - Throws: `EvaluationError` when the first row lacks a named column (a typo in
    ///   `--text`/`--gold`/`--by` should stop the run, not skip every row); `IngestError` when
    ///   the file cannot be read.
    public func evaluate(_ file: LabelledFile) throws -> (SentimentEvaluation, [LabelledFile.Skipped]) {
        var evaluation = SentimentEvaluation()
        var skipped: [LabelledFile.Skipped] = []
        let columns = [textColumn, goldColumn] + (groupColumn.map { [$0] } ?? [])
        try file.readRequiring(columns: columns, skipped: { skipped.append($0) }) { row in
            guard let text = row.values[0] else {
                skipped.append(.init(location: row.location, reason: "no `\(textColumn)` value; row left out"))
                return
            }
            guard let goldText = row.values[1], let gold = GoldValue(goldText) else {
                let shown = row.values[1].map { "`\($0)`" } ?? "missing"
                skipped.append(.init(
                    location: row.location,
                    reason: "gold \(shown) is neither a number nor negative/neutral/positive; row left out"
                ))
                return
            }
            let group = groupColumn == nil ? nil : (row.values[2] ?? "")
            if !evaluation.add(gold: gold, score: scorer.score(text), group: group) {
                skipped.append(.init(
                    location: row.location,
                    reason: "gold `\(goldText)` is not \(evaluation.kind?.rawValue ?? "") like the first row's; row left out"
                ))
            }
        }
        return (evaluation, skipped)
    }
}

/// A labelled file that cannot be evaluated, with where and why.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    public var location: InputLocation
    public var message: String

    public var description: String { "\(location): \(message)" }
}

import ArgumentParser
import Foundation
import VoxIngest
import VoxPipeline

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the sentiment scorer against a labelled file.",
        discussion: """
            Numeric gold (ratings, any scale centred on 0): Pearson r between the compound score
            and the rating, and binary F1 (rows with gold 0 left out; the sign of the gold is the
            class; mean F1 of the negative and positive classes, a neutral prediction is a miss).
            Categorical gold (negative/neutral/positive): accuracy, per-class F1, macro-F1 and the
            confusion matrix. Rows that cannot be used are listed on standard error.

            Examples:
              vox eval ratings.tsv --text text --gold mean_rating --by domain
              vox eval labelled.jsonl --text message.body --gold label
            """
    )

    @Argument(help: "The labelled file (CSV, TSV or JSON Lines; gzip allowed).")
    var file: String

    @Option(help: "Column (CSV/TSV) or field path (JSON) of the text.")
    var text: String

    @Option(help: "Column or field path of the gold rating or label.")
    var gold: String

    @Option(help: "Input format: csv, tsv (no quoting) or jsonl (default: from the file name).")
    var format: LabelledFile.Format?

    @Option(help: "Also break the figures down by this column.")
    var by: String?

    /// At most this many skipped rows are listed one by one.
    static let skippedShown = 20

    func run() throws {
        let engine: ScoringEngine
        do {
            engine = try ScoringEngine()
        } catch {
            printError("vox eval: \(error)")
            throw ExitStatus.runFailed
        }
        let labelled = LabelledFile(path: file, format: format)
        let evaluator = SentimentEvaluator(scorer: engine.sentiment, textColumn: text, goldColumn: gold, groupColumn: by)
        let (evaluation, skipped) : (SentimentEvaluation, [LabelledFile.Skipped])
        do {
            (evaluation, skipped) = try evaluator.evaluate(labelled)
        } catch let error as EvaluationError {
            printError("vox eval: \(error)")
            throw ExitStatus.usage
        } catch {
            printError("vox eval: \(error)")
            throw ExitStatus.runFailed
        }
        for item in skipped.prefix(Self.skippedShown) { printError("vox eval: \(item)") }
        if skipped.count > Self.skippedShown {
            printError("vox eval: … and \(skipped.count - Self.skippedShown) more rows left out")
        }
        guard evaluation.overall.rows > 0 else {
            printError("vox eval: \(file): no usable rows")
            throw ExitStatus.usage
        }
        print(EvaluationText.render(evaluation, file: file, gold: gold, by: by), terminator: "")
    }
}

extension LabelledFile.Format: ExpressibleByArgument {}

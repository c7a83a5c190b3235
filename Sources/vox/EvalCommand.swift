import ArgumentParser
import Foundation
import VoxIngest
import VoxPipeline

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the sentiment scorer, or the pain-point clustering, against a labelled file.",
        discussion: """
            Numeric gold (ratings, any scale centred on 0): Pearson r between the compound score
            and the rating, and binary F1 (rows with gold 0 left out; the sign of the gold is the
            class; mean F1 of the negative and positive classes, a neutral prediction is a miss).
            Categorical gold (negative/neutral/positive): accuracy, per-class F1, macro-F1 and the
            confusion matrix. Rows that cannot be used are listed on standard error.

            With --clusters, every row is taken as a complaint and clustered as a run would
            (taxonomy aspects, then discovery); against the gold category column it prints
            normalised mutual information, adjusted Rand index and purity (unclustered rows count
            as one more cluster), and the cluster-by-category table. With --by, each group is
            clustered on its own, as separate pipelines would.

            Examples:
              vox eval ratings.tsv --text text --gold mean_rating --by domain
              vox eval labelled.jsonl --text message.body --gold label
              vox eval pipelines/eval/complaints-labelled.tsv --clusters --text text --gold category --by industry
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

    @Flag(help: "Evaluate pain-point clustering against a gold category column instead of sentiment.")
    var clusters = false

    /// At most this many skipped rows are listed one by one.
    static let skippedShown = 20

    func run() throws {
        let engine: ScoringEngine
        do {
            engine = try ScoringEngine(backgroundSampling: clusters ? 1 : ScoringEngine.defaultBackgroundSampling)
        } catch {
            printError("vox eval: \(error)")
            throw ExitStatus.runFailed
        }
        let labelled = LabelledFile(path: file, format: format)
        // Rendered only once there are rows to render.
        let rows: Int, output: () -> String
        if clusters {
            let evaluator = ClusterEvaluator(engine: engine, textColumn: text, goldColumn: gold, groupColumn: by)
            let (evaluation, skipped) = try evaluating { try evaluator.evaluate(labelled) }
            report(skipped)
            (rows, output) = (evaluation.overall.rows, { ClusterEvaluationText.render(evaluation, file: file, gold: gold, by: by) })
        } else {
            let evaluator = SentimentEvaluator(scorer: engine.sentiment, textColumn: text, goldColumn: gold, groupColumn: by)
            let (evaluation, skipped) = try evaluating { try evaluator.evaluate(labelled) }
            report(skipped)
            (rows, output) = (evaluation.overall.rows, { EvaluationText.render(evaluation, file: file, gold: gold, by: by) })
        }
        guard rows > 0 else {
            printError("vox eval: \(file): no usable rows")
            throw ExitStatus.usage
        }
        print(output(), terminator: "")
    }

    /// Runs an evaluation; a file that cannot be evaluated is a usage error (exit 2), one that
    /// cannot be read a failed run (exit 1).
    private func evaluating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EvaluationError {
            printError("vox eval: \(error)")
            throw ExitStatus.usage
        } catch {
            printError("vox eval: \(error)")
            throw ExitStatus.runFailed
        }
    }

    private func report(_ skipped: [LabelledFile.Skipped]) {
        for item in skipped.prefix(Self.skippedShown) { printError("vox eval: \(item)") }
        if skipped.count > Self.skippedShown {
            printError("vox eval: … and \(skipped.count - Self.skippedShown) more rows left out")
        }
    }
}

extension LabelledFile.Format: ExpressibleByArgument {}

import Foundation
import Testing
import VoxModel
@testable import VoxPipeline
@testable import VoxScoring
import VoxText

/// `vox eval`'s metrics, on tiny files whose expected figures were worked out by hand (the
/// working is in the comments). The scorer uses a two-word lexicon so that its predictions are
/// known: "good" → positive, "bad" → negative, anything else neutral.
@Suite("vox eval metrics")
struct EvaluationTests {
    static let scorer: SentimentScorer = {
        var lexicon = SentimentLexicon()
        var problems: [LexiconProblem] = []
        lexicon.addValences("# format: vox-sentiment/1\ngood\t2\nbad\t-2\n", path: "test.tsv", problems: &problems)
        return SentimentScorer(lexicon: lexicon)
    }()

    @Test("Pearson r of a small sample")
    func pearson() throws {
        // x = 1,2,3; y = 1,2,4: Σdxdy = 3, Σdx² = 2, Σdy² = 14/3 → r = 3/√(28/3) = 0.98198.
        var correlation = PearsonCorrelation()
        for (x, y) in [(1.0, 1.0), (2, 2), (3, 4)] { correlation.add(x, y) }
        #expect(abs(try #require(correlation.coefficient) - 0.98198) < 1e-5)
        var constant = PearsonCorrelation()
        constant.add(1, 1)
        constant.add(1, 2)
        #expect(constant.coefficient == nil)
    }

    @Test("accuracy, per-class F1 and macro-F1 from a confusion matrix")
    func confusion() throws {
        var matrix = ConfusionMatrix()
        let pairs: [(SentimentLabel, SentimentLabel, Int)] = [
            (.positive, .positive, 3), (.positive, .neutral, 1), (.negative, .negative, 2),
            (.negative, .positive, 1), (.neutral, .neutral, 1), (.neutral, .negative, 1),
        ]
        for (gold, predicted, count) in pairs {
            for _ in 0..<count { matrix.add(gold: gold, predicted: predicted) }
        }
        // 6 of 9 right. positive: tp 3, fp 1, fn 1 → 6/8; negative: tp 2, fp 1, fn 1 → 4/6;
        // neutral: tp 1, fp 1, fn 1 → 2/4; macro (0.75 + 0.6667 + 0.5) / 3 = 0.63889.
        #expect(abs(try #require(matrix.accuracy) - 6.0 / 9) < 1e-9)
        #expect(matrix.f1(.positive) == 0.75)
        #expect(abs(try #require(matrix.f1(.negative)) - 4.0 / 6) < 1e-9)
        #expect(matrix.f1(.neutral) == 0.5)
        #expect(abs(try #require(matrix.macroF1()) - 0.63889) < 1e-5)
        #expect(matrix[.negative, .positive] == 1)
        #expect(ConfusionMatrix().accuracy == nil)
    }

    @Test("numeric gold: r and binary F1 overall and by group; unusable rows are listed with their line")
    func numericFile() throws {
        let path = TestSupport.fixture("eval/ratings.tsv")
        let evaluator = SentimentEvaluator(scorer: Self.scorer, textColumn: "text", goldColumn: "rating", groupColumn: "domain")
        let (evaluation, skipped) = try evaluator.evaluate(LabelledFile(path: path))
        #expect(evaluation.kind == .numeric)
        // Rows 1–5 count (row 5's text starts with a quote: TSV has no quoting, so it is just
        // "table"). Predictions ∝ 1, −1, 1, 0, 0 against gold 2, −1, −0.5, 0, 1:
        // Σdxdy = 2.2, Σdx² = 2.8, Σdy² = 5.8 → r = 2.2/√16.24 = 0.54592.
        #expect(evaluation.overall.rows == 5)
        #expect(abs(try #require(evaluation.overall.pearson) - 0.54592) < 1e-5)
        // Gold ≠ 0: (+,+) (−,−) (−,+) (+,neutral). positive F1 2/4, negative F1 2/3 → 0.58333.
        #expect(evaluation.overall.matrix.total == 4)
        #expect(abs(try #require(evaluation.overall.binaryF1) - 0.58333) < 1e-5)
        let a = try #require(evaluation.groups["a"])
        #expect(abs(try #require(a.pearson) - 1) < 1e-9)
        #expect(a.binaryF1 == 1)
        // Group b: x ∝ 1, 0, 0 against −0.5, 0, 1 → r = (−2/3)/√(7/9) = −0.75593; F1 0.
        let b = try #require(evaluation.groups["b"])
        #expect(abs(try #require(b.pearson) + 0.75593) < 1e-5)
        #expect(b.binaryF1 == 0)
        #expect(skipped.map(\.description) == [
            "\(path):7: gold `n/a` is neither a number nor negative/neutral/positive; row left out",
            "\(path):8: gold `positive` is not numeric like the first row's; row left out",
        ])
    }

    @Test("categorical gold from JSON Lines: accuracy, per-class F1, macro-F1; a broken line costs only itself")
    func categoricalFile() throws {
        let path = TestSupport.fixture("eval/labels.jsonl")
        let evaluator = SentimentEvaluator(scorer: Self.scorer, textColumn: "message.body", goldColumn: "label")
        let (evaluation, skipped) = try evaluator.evaluate(LabelledFile(path: path))
        #expect(evaluation.kind == .categorical)
        // Pairs (gold, predicted): (+,+) (−,−) (−,0) (0,+) (0,0) (0,−); line 6 is cut off.
        // accuracy 3/6; F1 positive 2/3, negative 2/4, neutral 2/5 → macro 0.52222.
        let matrix = evaluation.overall.matrix
        #expect(matrix.total == 6)
        #expect(matrix.accuracy == 0.5)
        #expect(abs(try #require(matrix.f1(.positive)) - 2.0 / 3) < 1e-9)
        #expect(matrix.f1(.negative) == 0.5)
        #expect(matrix.f1(.neutral) == 0.4)
        #expect(abs(try #require(matrix.macroF1()) - 0.52222) < 1e-5)
        #expect(skipped.count == 1)
        #expect(skipped.first?.location.line == 6)
    }

    @Test("a column missing from the first row stops the evaluation with its location")
    func missingColumn() throws {
        let path = TestSupport.fixture("eval/ratings.tsv")
        let evaluator = SentimentEvaluator(scorer: Self.scorer, textColumn: "text", goldColumn: "score")
        #expect {
            try evaluator.evaluate(LabelledFile(path: path))
        } throws: { error in
            "\(error)" == "\(path):2: the first row has no column `score`; check --text, --gold and --by"
        }
    }

    @Test("the three-class feedback sample: every line a row, only the three labels, each at least 20 %, ids unique")
    func threeClassSample() throws {
        let path = TestSupport.repositoryRoot.appendingPathComponent("pipelines/eval/feedback-3class.tsv").path
        // Grouped by id, so that a repeated id shows up as a group of two rows.
        let evaluator = SentimentEvaluator(scorer: Self.scorer, textColumn: "text", goldColumn: "label", groupColumn: "id")
        let (evaluation, skipped) = try evaluator.evaluate(LabelledFile(path: path))
        #expect(skipped.isEmpty, "\(skipped.map(\.description))")
        #expect(evaluation.kind == .categorical)
        let rows = evaluation.overall.rows
        #expect(rows >= 300)

        // The reader must have kept every line: a tab or line break inside a text would change
        // the count or a field, and the evaluator accepts labels in any case, the file only lowercase.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(lines.count == rows)
        for (index, line) in lines.enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let place = "\(path):\(index + 2): \(line)"
            #expect(fields.count == 5, "\(place)")
            if fields.count > 3 { #expect(["negative", "neutral", "positive"].contains(fields[3]), "\(place)") }
        }

        let matrix = evaluation.overall.matrix
        #expect(matrix.total == rows)
        let labels: [SentimentLabel] = [.negative, .neutral, .positive]
        for gold in labels {
            let count = labels.reduce(0) { $0 + matrix[gold, $1] }
            #expect(Double(count) >= 0.2 * Double(rows), "\(gold): \(count) of \(rows) rows")
        }

        #expect(evaluation.groups.count == rows)
        let repeated = evaluation.groups.filter { $0.value.rows != 1 }.map(\.key).sorted()
        #expect(repeated.isEmpty, "ids on more than one row: \(repeated)")
    }

    @Test("the format follows the file name unless given")
    func formatGuess() {
        #expect(LabelledFile.Format.guess(path: "a.TSV") == .tsv)
        #expect(LabelledFile.Format.guess(path: "a.jsonl.gz") == .jsonl)
        #expect(LabelledFile.Format.guess(path: "a.csv") == .csv)
        #expect(LabelledFile(path: "a.txt", format: .tsv).format == .tsv)
    }

    @Test("vox eval prints the figures by group and exits 2 on a wrong column")
    func command() throws {
        let path = TestSupport.fixture("eval/ratings.tsv")
        let result = try TestSupport.runVox(["eval", path, "--text", "text", "--gold", "rating", "--by", "domain"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("rating` (numeric)"))
        #expect(result.stdout.contains("domain=a"))
        #expect(result.stderr.contains("ratings.tsv:7: gold `n/a`"))
        let wrong = try TestSupport.runVox(["eval", path, "--text", "body", "--gold", "rating"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("no column `body`"))
        let labels = try TestSupport.runVox(["eval", TestSupport.fixture("eval/labels.jsonl"), "--text", "message.body", "--gold", "label"])
        #expect(labels.status == 0)
        #expect(labels.stdout.contains("Confusion matrix"))
    }
}

import VoxModel

/// Agreement between the sentiment scorer and gold annotations, overall and per group.
///
/// Numeric gold (ratings): Pearson r between the compound score and the rating, and binary F1 —
/// rows whose rating is not 0 are classed by its sign, the scorer's label is the prediction (a
/// `neutral` prediction is a miss), and F1 is the mean of the negative and positive classes' F1.
/// Categorical gold (`negative`/`neutral`/`positive`): accuracy, per-class F1, macro-F1 and the
/// confusion matrix. The kind is set by the first gold value added.
public struct SentimentEvaluation: Sendable {
    public enum GoldKind: String, Sendable {
        case numeric
        case categorical
    }

    /// The figures of one group of rows (or of all rows).
    public struct Figures: Sendable, Hashable {
        public var rows = 0
        public var correlation = PearsonCorrelation()
        /// Numeric gold: sign classes of rows with a rating ≠ 0. Categorical gold: all rows.
        public var matrix = ConfusionMatrix()

        public init() {}

        public var pearson: Double? { correlation.coefficient }
        /// Numeric gold: mean F1 of the negative and positive classes.
        public var binaryF1: Double? { matrix.macroF1(over: [.negative, .positive]) }
    }

    public private(set) var kind: GoldKind?
    public private(set) var overall = Figures()
    public private(set) var groups: [String: Figures] = [:]

    public init() {}

    /// Adds one scored row. Returns false (and adds nothing) when the gold is of the other kind
    /// than the rows before it.
    @discardableResult
    public mutating func add(gold: GoldValue, score: SentimentScore, group: String? = nil) -> Bool {
        let rowKind: GoldKind = gold.isNumeric ? .numeric : .categorical
        if let kind, kind != rowKind { return false }
        kind = rowKind
        Self.add(gold: gold, score: score, to: &overall)
        if let group { Self.add(gold: gold, score: score, to: &groups[group, default: Figures()]) }
        return true
    }

    private static func add(gold: GoldValue, score: SentimentScore, to figures: inout Figures) {
        figures.rows += 1
        switch gold {
        case .rating(let rating):
            figures.correlation.add(score.compound, rating)
            if rating != 0 { figures.matrix.add(gold: rating > 0 ? .positive : .negative, predicted: score.label) }
        case .label(let label):
            figures.matrix.add(gold: label, predicted: score.label)
        }
    }
}

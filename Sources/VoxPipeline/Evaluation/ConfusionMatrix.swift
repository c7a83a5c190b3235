import VoxModel

/// Counts of (gold class, predicted class) pairs over the three sentiment labels, and the
/// figures derived from them. One type serves both kinds of gold: three-class labels, and the
/// two-class sign of a numeric rating (where a `neutral` prediction is a miss for either class).
public struct ConfusionMatrix: Sendable, Hashable {
    /// `counts[gold][predicted]`, indexed by `SentimentLabel.allCases` order.
    public private(set) var counts: [[Int]] = Array(repeating: [0, 0, 0], count: 3)

    public init() {}

    public mutating func add(gold: SentimentLabel, predicted: SentimentLabel) {
        counts[Self.index(gold)][Self.index(predicted)] += 1
    }

    public subscript(gold: SentimentLabel, predicted: SentimentLabel) -> Int {
        counts[Self.index(gold)][Self.index(predicted)]
    }

    public var total: Int { counts.joined().reduce(0, +) }

    /// Share of rows whose prediction equals the gold; nil without rows.
    public var accuracy: Double? {
        guard total > 0 else { return nil }
        let correct = SentimentLabel.allCases.reduce(0) { $0 + self[$1, $1] }
        return Double(correct) / Double(total)
    }

    /// F1 of one class: 2·tp / (2·tp + fp + fn). Nil when the class appears neither in the gold
    /// nor in the predictions (the figure is undefined, not zero).
    public func f1(_ label: SentimentLabel) -> Double? {
        let truePositives = self[label, label]
        let predicted = SentimentLabel.allCases.reduce(0) { $0 + self[$1, label] }
        let actual = SentimentLabel.allCases.reduce(0) { $0 + self[label, $1] }
        let falsePositives = predicted - truePositives
        let falseNegatives = actual - truePositives
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        guard denominator > 0 else { return nil }
        return Double(2 * truePositives) / Double(denominator)
    }

    /// The unweighted mean of the classes' F1 over `classes` (classes without a defined F1 count
    /// as 0, so a scorer cannot gain by never predicting a class); nil without rows.
    public func macroF1(over classes: [SentimentLabel] = SentimentLabel.allCases) -> Double? {
        guard total > 0, !classes.isEmpty else { return nil }
        return classes.reduce(0) { $0 + (f1($1) ?? 0) } / Double(classes.count)
    }

    static func index(_ label: SentimentLabel) -> Int {
        switch label {
        case .negative: return 0
        case .neutral: return 1
        case .positive: return 2
        }
    }
}

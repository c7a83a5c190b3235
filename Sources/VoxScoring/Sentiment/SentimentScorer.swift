import VoxModel
import VoxText

/// Lexicon-and-rules sentiment. The rules follow the heuristics published for VADER (Hutto &
/// Gilbert, ICWSM 2014), implemented here from their description — negation, boosters and
/// dampeners with distance decay, capitals, `!`, contrast, "least", plus elongation — and add
/// rules for customer feedback: sarcasm cues, neutral questions and requests, and the
/// customer-service overlay (waiting, failure, effort, repeated contact, elapsed time).
///
/// Scoring runs on the text's UTF-8 bytes (`ByteScanner`) against a byte-keyed table compiled
/// once from the lexicon; explanation strings are built only when asked for.
public struct SentimentScorer: Sendable {
    public let lexicon: SentimentLexicon
    public var thresholds: SentimentThresholds
    let compiled: CompiledLexicon

    public init(lexicon: SentimentLexicon, thresholds: SentimentThresholds = SentimentThresholds()) {
        self.lexicon = lexicon
        self.thresholds = thresholds
        self.compiled = CompiledLexicon(lexicon)
    }

    public func score(_ text: String, explain: Bool = false) -> SentimentScore {
        text.withUTF8Bytes { score(utf8: $0, explain: explain) }
    }

    /// Scores UTF-8 bytes (valid UTF-8, as a `String`'s are).
    public func score(utf8 bytes: UnsafeBufferPointer<UInt8>, explain: Bool = false) -> SentimentScore {
        guard !bytes.isEmpty else {
            return SentimentScore(compound: 0, positive: 0, neutral: 1, negative: 0, label: thresholds.label(for: 0))
        }
        return withUnsafeTemporaryAllocation(of: ScanToken.self, capacity: bytes.count) { tokens in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
                let scanner = ByteScanner(lexicon: compiled)
                let count = scanner.scan(bytes, scratch: scratch.baseAddress!, into: tokens.baseAddress!)
                let result = withUnsafeTemporaryAllocation(of: SentimentPass.Item.self, capacity: count + 1) { items in
                    withUnsafeTemporaryAllocation(of: SentimentPass.Sentence.self, capacity: count + 1) { sentences in
                        var pass = SentimentPass(
                            text: bytes, tokens: tokens.baseAddress!, count: count, lexicon: compiled, scanner: scanner,
                            explain: explain, items: items, sentences: sentences
                        )
                        return pass.run()
                    }
                }
                let compound = Self.normalize(result.total)
                let weight = result.positive + result.negative + Double(result.neutralWords)
                let share: (Double) -> Double = { weight == 0 ? 0 : Self.round($0 / weight) }
                return SentimentScore(
                    compound: Self.round(compound), positive: share(result.positive),
                    neutral: weight == 0 ? 1 : share(Double(result.neutralWords)), negative: share(result.negative),
                    label: thresholds.label(for: compound), contributions: result.contributions
                )
            }
        }
    }

    /// compound = s / √(s² + α), clamped to −1…1.
    static func normalize(_ sum: Double) -> Double {
        let value = sum / (sum * sum + SentimentRules.alpha).squareRoot()
        return max(-1, min(1, value))
    }

    /// Four decimals: enough for any report, and stable across platforms' last-bit differences.
    static func round(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}

/// Compound-score thresholds for the labels: at or above `positive` is positive, at or below
/// `negative` is negative, between is neutral. Defaults ±0.05, as VADER's authors recommend.
public struct SentimentThresholds: Sendable, Hashable {
    public var negative: Double
    public var positive: Double

    public init(negative: Double = -0.05, positive: Double = 0.05) {
        self.negative = negative
        self.positive = positive
    }

    public func label(for compound: Double) -> SentimentLabel {
        if compound >= positive { return .positive }
        if compound <= negative { return .negative }
        return .neutral
    }
}

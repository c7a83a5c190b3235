import VoxModel
import VoxText

/// Lexicon-and-rules sentiment, after the heuristics published for VADER (Hutto & Gilbert,
/// ICWSM 2014), implemented here: negation, boosters with distance decay, capitals, `!`,
/// contrast ("but"), and a compound score normalised into −1…1.
public struct SentimentScorer: Sendable {
    public let lexicon: SentimentLexicon
    public var thresholds: SentimentThresholds

    /// Normalisation constant from the VADER paper: compound = s / √(s² + α), α = 15.
    static let alpha = 15.0
    /// Added to a word's magnitude when it is written in capitals inside mixed-case text.
    static let capsIncrement = 0.733
    /// A negated valence is flipped and damped by this factor.
    static let negationScalar = -0.74
    /// Per `!` (at most four), added in the direction of the text's sentiment.
    static let exclamationIncrement = 0.292
    /// Booster effect decays with distance from the word it modifies: 1, 2 or 3 tokens back.
    static let boosterDecay = [1.0, 0.95, 0.9]

    private let tokenizer = Tokenizer()

    public init(lexicon: SentimentLexicon, thresholds: SentimentThresholds = SentimentThresholds()) {
        self.lexicon = lexicon
        self.thresholds = thresholds
    }

    public func score(_ text: String, explain: Bool = false) -> SentimentScore {
        let tokens = tokenizer.tokenize(text)
        let mixedCase = Self.isMixedCase(tokens)
        var contributions: [SentimentContribution] = []
        var total = 0.0
        var positive = 0.0
        var negative = 0.0
        var neutralCount = 0
        for sentence in SentenceSplitter.split(tokens) {
            let words = Array(sentence.filter { $0.kind != .punctuation })
            let valued = valences(in: words, mixedCase: mixedCase)
            neutralCount += words.count - valued.count
            var sentenceSum = 0.0
            for var item in valued {
                if explain, item.contrastWeight != 1 {
                    let side = item.contrastWeight > 1 ? "after" : "before"
                    item.modifiers.append("\(side) contrast ×\(item.contrastWeight)")
                }
                let value = item.value * item.contrastWeight
                sentenceSum += value
                if value > 0 { positive += value + 1 } else if value < 0 { negative += -value + 1 }
                if explain {
                    contributions.append(SentimentContribution(
                        text: item.text, start: item.start, end: item.end, baseValence: item.base,
                        modifiers: item.modifiers, finalValence: value
                    ))
                }
            }
            let exclamations = min(4, sentence.filter { $0.text == "!" }.count)
            if exclamations > 0, sentenceSum != 0 {
                let boost = Double(exclamations) * Self.exclamationIncrement * (sentenceSum > 0 ? 1 : -1)
                sentenceSum += boost
                if explain, let mark = sentence.last(where: { $0.text == "!" }) {
                    contributions.append(SentimentContribution(
                        text: String(repeating: "!", count: exclamations), start: mark.start, end: mark.end,
                        baseValence: 0, modifiers: ["exclamation ×\(exclamations)"], finalValence: boost
                    ))
                }
            }
            total += sentenceSum
        }
        let compound = Self.normalize(total)
        let weight = positive + negative + Double(neutralCount)
        let share: (Double) -> Double = { weight == 0 ? 0 : Self.round($0 / weight) }
        let neutralShare = weight == 0 ? 1 : share(Double(neutralCount))
        return SentimentScore(
            compound: Self.round(compound), positive: share(positive), neutral: neutralShare, negative: share(negative),
            label: thresholds.label(for: compound), contributions: contributions
        )
    }

    /// A sentiment-bearing token or phrase and what the rules did to it.
    struct Valued {
        var text: String
        var start: Int
        var end: Int
        var base: Double
        var value: Double
        var modifiers: [String]
        var contrastWeight: Double
    }

    func valences(in words: [Token], mixedCase: Bool) -> [Valued] {
        var result: [Valued] = []
        let contrastIndex = words.firstIndex { $0.normalized == "but" || $0.normalized == "however" }
        var index = 0
        while index < words.count {
            let (length, base) = lookup(words, at: index)
            guard let base, length > 0 else {
                index += 1
                continue
            }
            let first = words[index]
            let last = words[index + length - 1]
            var value = base
            var modifiers: [String] = []
            if mixedCase, words[index..<(index + length)].contains(where: \.isShouted) {
                value += value > 0 ? Self.capsIncrement : -Self.capsIncrement
                modifiers.append("capitals +\(Self.capsIncrement)")
            }
            for distance in 1...3 where index - distance >= 0 {
                let before = words[index - distance]
                guard let scalar = lexicon.boosters[before.normalized] else { continue }
                var effect = scalar * Self.boosterDecay[distance - 1]
                if mixedCase, before.isShouted { effect += effect > 0 ? Self.capsIncrement : -Self.capsIncrement }
                value += value > 0 ? effect : -effect
                modifiers.append("\(scalar > 0 ? "booster" : "dampener") '\(before.text)' \(Self.signed(effect))")
            }
            if let negator = negation(before: index, in: words) {
                value *= Self.negationScalar
                modifiers.append("negated by '\(negator)' ×\(Self.negationScalar)")
            }
            var contrastWeight = 1.0
            if let contrastIndex {
                if index < contrastIndex { contrastWeight = 0.5 } else if index > contrastIndex { contrastWeight = 1.5 }
            }
            let text = words[index..<(index + length)].map(\.text).joined(separator: " ")
            result.append(Valued(
                text: text, start: first.start, end: last.end, base: base, value: value,
                modifiers: modifiers, contrastWeight: contrastWeight
            ))
            index += length
        }
        return result
    }

    /// The longest lexicon entry starting at `index`: its length in tokens and its valence.
    func lookup(_ words: [Token], at index: Int) -> (Int, Double?) {
        let key = words[index].normalized
        if let candidates = lexicon.phrases[key] {
            for phrase in candidates where index + phrase.tokens.count <= words.count {
                var matches = true
                for (offset, token) in phrase.tokens.enumerated() where words[index + offset].normalized != token {
                    matches = false
                    break
                }
                if matches { return (phrase.tokens.count, phrase.value) }
            }
        }
        if let valence = lexicon.words[key] { return (1, valence) }
        return (1, nil)
    }

    /// The negator within three tokens before `index`, if any ("not", "never", "-n't" words).
    func negation(before index: Int, in words: [Token]) -> String? {
        for distance in 1...3 where index - distance >= 0 {
            let word = words[index - distance].normalized
            if lexicon.negators.contains(word) || word.hasSuffix("n't") { return words[index - distance].text }
        }
        return nil
    }

    static func isMixedCase(_ tokens: [Token]) -> Bool {
        let words = tokens.filter { $0.kind == .word && $0.text.contains(where: \.isLetter) }
        let shouted = words.filter(\.isShouted).count
        return shouted > 0 && shouted < words.count
    }

    static func normalize(_ sum: Double) -> Double {
        let value = sum / (sum * sum + alpha).squareRoot()
        return max(-1, min(1, value))
    }

    /// Four decimals: enough for any report, and stable across platforms' last-bit differences.
    static func round(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    static func signed(_ value: Double) -> String {
        let rounded = round(value)
        return rounded >= 0 ? "+\(rounded)" : "\(rounded)"
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

import Foundation
import VoxModel
import VoxText

/// Finds empathy phrases in an agent's reply and turns them into a 0–100 score with evidence.
///
/// Score: each category present counts once, with the weight of its strongest phrase;
/// 100 × (1 − e^(−Σw / 4)) saturates so that three or four strong moves approach 100 while one
/// phrase repeated does not. Each anti-pattern present subtracts 15 × its weight.
public struct EmpathyScorer: Sendable {
    public let lexicon: EmpathyLexicon
    private let tokenizer = Tokenizer()

    static let saturation = 4.0
    static let antiPatternPenalty = 15.0

    public init(lexicon: EmpathyLexicon) {
        self.lexicon = lexicon
    }

    public func score(_ text: String) -> EmpathyScore {
        let words = tokenizer.tokenize(text).filter { $0.kind == .word }
        let scalars = Array(text.unicodeScalars)
        var evidence: [EmpathyEvidence] = []
        var antiEvidence: [EmpathyEvidence] = []
        var bestWeight: [String: Double] = [:]
        var index = 0
        while index < words.count {
            guard let pattern = match(words, at: index) else {
                index += 1
                continue
            }
            let start = words[index].start
            let end = words[index + pattern.tokens.count - 1].end
            let item = EmpathyEvidence(
                category: pattern.category, text: String(String.UnicodeScalarView(scalars[start..<end])), start: start, end: end
            )
            if EmpathyAntiPattern(rawValue: pattern.category) != nil { antiEvidence.append(item) } else { evidence.append(item) }
            bestWeight[pattern.category] = max(bestWeight[pattern.category] ?? 0, pattern.weight)
            index += pattern.tokens.count
        }
        let categories = EmpathyCategory.allCases.filter { bestWeight[$0.rawValue] != nil }
        let antiPatterns = EmpathyAntiPattern.allCases.filter { bestWeight[$0.rawValue] != nil }
        let positive = categories.reduce(0.0) { $0 + bestWeight[$1.rawValue]! }
        let penalty = antiPatterns.reduce(0.0) { $0 + bestWeight[$1.rawValue]! * Self.antiPatternPenalty }
        let raw = 100 * (1 - exp(-positive / Self.saturation)) - penalty
        let score = (max(0, min(100, raw)) * 10).rounded() / 10
        return EmpathyScore(
            score: score, categories: categories, evidence: evidence, antiPatterns: antiPatterns,
            antiPatternEvidence: antiEvidence
        )
    }

    private func match(_ words: [Token], at index: Int) -> EmpathyLexicon.Pattern? {
        guard let candidates = lexicon.patterns[words[index].normalized] else { return nil }
        for pattern in candidates where index + pattern.tokens.count <= words.count {
            var matches = true
            for (offset, token) in pattern.tokens.enumerated() where words[index + offset].normalized != token {
                matches = false
                break
            }
            if matches { return pattern }
        }
        return nil
    }
}

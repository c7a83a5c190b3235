import VoxModel

/// `vox explain`: why a text scored as it did, as a table a person can read in a terminal.
public enum ExplainText {
    public static func render(text: String, sentiment: SentimentScore, empathy: EmpathyScore) -> String {
        var lines: [String] = []
        lines.append("Text: \(text)")
        lines.append("")
        lines.append("Sentiment: \(sentiment.label.rawValue), compound \(NumberFormat.fixed(sentiment.compound, 4)) "
            + "(pos \(NumberFormat.fixed(sentiment.positive, 3)), neu \(NumberFormat.fixed(sentiment.neutral, 3)), neg \(NumberFormat.fixed(sentiment.negative, 3)))")
        if sentiment.contributions.isEmpty {
            lines.append("  No word or phrase in the text carries sentiment in the lexicons.")
        } else {
            let rows = sentiment.contributions.map { contribution in
                [contribution.text, "\(contribution.start)–\(contribution.end)", NumberFormat.signed(contribution.baseValence, 2),
                 contribution.modifiers.isEmpty ? "—" : contribution.modifiers.joined(separator: "; "),
                 NumberFormat.signed(contribution.finalValence, 3)]
            }
            lines += TextTable.render(header: ["token or phrase", "chars", "base", "rules applied", "value"], rows: rows).map { "  " + $0 }
            let total = sentiment.contributions.reduce(0) { $0 + $1.finalValence }
            lines.append("  sum \(NumberFormat.signed(total, 3)) → compound = sum / √(sum² + 15) = \(NumberFormat.fixed(sentiment.compound, 4))")
        }
        lines.append("")
        lines += empathyLines(empathy)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Which phrases counted, with their weights and lexicon lines, which a negation cancelled,
    /// and the score's arithmetic.
    static func empathyLines(_ empathy: EmpathyScore) -> [String] {
        var lines = ["Empathy (as if an agent wrote it): \(NumberFormat.fixed(empathy.score, 1))/100"]
        let found = (empathy.evidence + empathy.antiPatternEvidence).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        if found.isEmpty {
            lines.append("  No empathy phrases or anti-patterns found.")
        } else {
            let rows = found.map { item in
                [item.category, "“\(item.text)”", "\(item.start)–\(item.end)",
                 EmpathyAntiPattern(rawValue: item.category) != nil ? "anti-pattern" : "empathy",
                 NumberFormat.fixed(item.weight, 1), item.rule]
            }
            lines += TextTable.render(header: ["category", "phrase", "chars", "kind", "weight", "rule"], rows: rows).map { "  " + $0 }
        }
        for item in empathy.negated {
            lines.append("  not counted: “\(item.evidence.text)” (\(item.evidence.category), \(item.evidence.rule)) is negated by “\(item.negation)”")
        }
        if !found.isEmpty {
            var best: [String: Double] = [:]
            for item in found { best[item.category] = max(best[item.category] ?? 0, item.weight) }
            let positive = empathy.categories.map { best[$0.rawValue] ?? 0 }
            let anti = empathy.antiPatterns.map { best[$0.rawValue] ?? 0 }
            let sum = positive.reduce(0, +), antiSum = anti.reduce(0, +)
            lines.append("  score = 100 × (1 − e^(−\(NumberFormat.fixed(sum, 1)) / 4)) − 15 × \(NumberFormat.fixed(antiSum, 1)), clamped to 0…100"
                + " (each category once, at its strongest phrase)")
        }
        return lines
    }
}

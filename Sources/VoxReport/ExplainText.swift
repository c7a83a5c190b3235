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
        lines.append("Empathy (as if an agent wrote it): \(NumberFormat.fixed(empathy.score, 1))/100")
        if empathy.evidence.isEmpty, empathy.antiPatternEvidence.isEmpty {
            lines.append("  No empathy phrases or anti-patterns found.")
        } else {
            let rows = (empathy.evidence + empathy.antiPatternEvidence).map { item in
                [item.category, "“\(item.text)”", "\(item.start)–\(item.end)",
                 EmpathyAntiPattern(rawValue: item.category) != nil ? "anti-pattern" : "empathy"]
            }
            lines += TextTable.render(header: ["category", "phrase", "chars", "kind"], rows: rows).map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

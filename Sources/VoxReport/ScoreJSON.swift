import VoxModel

/// The JSON shapes of scores from the DESIGN.md contract, shared by `vox score`, `records.jsonl`
/// and `report.json` so the three never drift apart.
public enum ScoreJSON {
    /// `{"compound", "pos", "neu", "neg", "label"}`, plus `contributions` when explained.
    public static func sentiment(_ score: SentimentScore, explain: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("compound", .double(score.compound)),
            ("pos", .double(score.positive)),
            ("neu", .double(score.neutral)),
            ("neg", .double(score.negative)),
            ("label", .string(score.label.rawValue)),
        ]
        if explain {
            members.append(("contributions", .array(score.contributions.map { contribution in
                .object([
                    ("text", .string(contribution.text)),
                    ("start", .int(contribution.start)),
                    ("end", .int(contribution.end)),
                    ("base", .double(contribution.baseValence)),
                    ("modifiers", .array(contribution.modifiers.map { .string($0) })),
                    ("value", .double(contribution.finalValence)),
                ])
            })))
        }
        return .object(members)
    }

    /// `{"score", "categories", "evidence", "anti_patterns"}` plus the anti-patterns' evidence.
    public static func empathy(_ score: EmpathyScore) -> JSONValue {
        .object([
            ("score", .double(score.score)),
            ("categories", .array(score.categories.map { .string($0.rawValue) })),
            ("evidence", .array(score.evidence.map(evidence))),
            ("anti_patterns", .array(score.antiPatterns.map { .string($0.rawValue) })),
            ("anti_pattern_evidence", .array(score.antiPatternEvidence.map(evidence))),
        ])
    }

    static func evidence(_ item: EmpathyEvidence) -> JSONValue {
        .object([
            ("category", .string(item.category)),
            ("text", .string(item.text)),
            ("start", .int(item.start)),
            ("end", .int(item.end)),
        ])
    }

    /// One `vox score` output line.
    public static func scoreLine(text: String, sentiment: SentimentScore, empathy: EmpathyScore, explain: Bool) -> String {
        JSONValue.object([
            ("text", .string(text)),
            ("sentiment", Self.sentiment(sentiment, explain: explain)),
            ("empathy", Self.empathy(empathy)),
        ]).compact()
    }
}

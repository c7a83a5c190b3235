import VoxModel

/// The JSON shapes of scores from the DESIGN.md contract, shared by `vox score`, `records.jsonl`
/// and `report.json` so the three never drift apart: as `JSONValue`s, and (for records.jsonl,
/// written once per record) straight into compact text.
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

    /// `sentiment(score)` written straight into compact text, for records.jsonl (no JSONValue tree
    /// per record); `RecordsJSONTests` holds the two renderings together.
    static func write(_ score: SentimentScore, to json: inout CompactJSONWriter) {
        json.raw("{")
        json.key("compound", first: true)
        json.double(score.compound)
        json.key("pos")
        json.double(score.positive)
        json.key("neu")
        json.double(score.neutral)
        json.key("neg")
        json.double(score.negative)
        json.key("label")
        json.string(score.label.rawValue)
        json.raw("}")
    }

    /// `empathy(score)` written straight into compact text, as `write(_:to:)` for sentiment.
    static func write(_ score: EmpathyScore, to json: inout CompactJSONWriter) {
        json.raw("{")
        json.key("score", first: true)
        json.double(score.score)
        json.key("categories")
        json.array(score.categories) { $0.string($1.rawValue) }
        json.key("evidence")
        json.array(score.evidence, item: writeEvidence)
        json.key("anti_patterns")
        json.array(score.antiPatterns) { $0.string($1.rawValue) }
        json.key("anti_pattern_evidence")
        json.array(score.antiPatternEvidence, item: writeEvidence)
        json.raw("}")
    }

    static func writeEvidence(_ json: inout CompactJSONWriter, _ item: EmpathyEvidence) {
        json.raw("{")
        json.key("category", first: true)
        json.string(item.category)
        json.key("text")
        json.string(item.text)
        json.key("start")
        json.int(item.start)
        json.key("end")
        json.int(item.end)
        json.raw("}")
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

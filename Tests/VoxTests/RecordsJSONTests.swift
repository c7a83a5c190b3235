import Foundation
import Testing
import VoxModel
@testable import VoxReport

/// records.jsonl lines are written straight into text for speed; they must stay byte for byte
/// what the same members built as a `JSONValue` give (the shape `vox score` and report.json use).
@Suite("records.jsonl lines")
struct RecordsJSONTests {
    static let location = InputLocation(file: "in/feedback.csv", line: 12, column: 3)

    static func record(
        text: String, time: Date? = nil, rating: Rating? = nil, role: Role = .customer, conversation: String? = nil,
        author: String? = nil, segments: [Segment] = [], location: InputLocation = location
    ) -> FeedbackRecord {
        FeedbackRecord(
            id: "R-\"1\"", source: "survey", text: text, time: time, rating: rating, role: role, conversation: conversation,
            author: author, segments: segments, location: location
        )
    }

    static let empathy = EmpathyScore(
        score: 63.2, categories: [.apology, .ownership],
        evidence: [
            EmpathyEvidence(category: "apology", text: "I'm so sorry", start: 0, end: 12, weight: 2),
            EmpathyEvidence(category: "ownership", text: "I'll \"fix\" it", start: 14, end: 27, weight: 2),
        ],
        antiPatterns: [.dismissive],
        antiPatternEvidence: [EmpathyEvidence(category: "dismissive", text: "that's our policy", start: 30, end: 47, weight: 1)]
    )

    static let cases: [ScoredRecord] = [
        // Every optional member absent, an empty segment list.
        ScoredRecord(record: record(text: "plain"), sentiment: SentimentScore(compound: 0, positive: 0, neutral: 1, negative: 0, label: .neutral)),
        // Every member present; text with quotes, a backslash, a newline, a tab, a control byte and non-ASCII.
        ScoredRecord(
            record: record(
                text: "He said \"no\" \\ twice\nthen\tleft \u{01} — naïve 😊", time: Date(timeIntervalSince1970: 1_733_000_000.5),
                rating: Rating(value: 4, scale: .csat), role: .agent, conversation: "C-9", author: "Priya",
                segments: [Segment(name: "region", value: "UK"), Segment(name: "channel", value: "e\"mail")]
            ),
            sentiment: SentimentScore(compound: -0.4215, positive: 0.1, neutral: 0.65, negative: 0.25, label: .negative),
            empathy: empathy
        ),
        // Every form of location (line only, byte offset, record number, none; a file name that
        // needs escaping) and times with and without milliseconds, before 1970 too.
        ScoredRecord(
            record: record(text: "a", time: Date(timeIntervalSince1970: 0), location: InputLocation(file: "C:\\x \"y\".csv", line: 7)),
            sentiment: SentimentScore(compound: 0.5, positive: 0.5, neutral: 0.5, negative: 0, label: .positive)
        ),
        ScoredRecord(
            record: record(text: "b", time: Date(timeIntervalSince1970: -86_399.001), location: InputLocation(file: "t.json", byteOffset: 1_234_567)),
            sentiment: SentimentScore(compound: 0.5, positive: 0.5, neutral: 0.5, negative: 0, label: .positive)
        ),
        ScoredRecord(
            record: record(text: "c", time: Date(timeIntervalSince1970: 4_102_444_799.999), location: InputLocation(file: "r.xml", record: 90)),
            sentiment: SentimentScore(compound: 0.5, positive: 0.5, neutral: 0.5, negative: 0, label: .positive)
        ),
        ScoredRecord(
            record: record(text: "d", location: InputLocation(file: "bare")),
            sentiment: SentimentScore(compound: 0.5, positive: 0.5, neutral: 0.5, negative: 0, label: .positive)
        ),
        // Numbers that format specially: negative zero, whole numbers, tiny and non-finite ones.
        ScoredRecord(
            record: record(text: "x", rating: Rating(value: 10, scale: .nps)),
            sentiment: SentimentScore(compound: -0.0, positive: 1e-7, neutral: .nan, negative: 0.3333333333333333, label: .neutral),
            empathy: EmpathyScore(score: 0, categories: [], evidence: [], antiPatterns: [])
        ),
    ]

    /// The same line built as a `JSONValue` (as `vox score` and report.json build scores): what
    /// `RecordsJSON.body` must match.
    static func bodyFromValues(_ scored: ScoredRecord) -> String {
        let record = scored.record
        var rating: JSONValue = .null
        if let value = record.rating {
            rating = .object([("value", .double(value.value)), ("scale", .string(value.scale.rawValue))])
        }
        var line = JSONValue.object([
            ("id", .string(record.id)),
            ("source", .string(record.source)),
            ("location", .string(record.location.description)),
            ("time", .text(record.time.map(ISOTime.format))),
            ("role", .string(record.role.rawValue)),
            ("conversation", .text(record.conversation)),
            ("author", .text(record.author)),
            ("rating", rating),
            ("segments", .object(record.segments.map { ($0.name, .string($0.value)) })),
            ("text", .string(record.text)),
            ("sentiment", ScoreJSON.sentiment(scored.sentiment)),
            ("empathy", scored.empathy.map(ScoreJSON.empathy) ?? .null),
        ]).compact()
        line.removeLast()
        return line
    }

    @Test("each line is byte for byte the JSONValue rendering of the same members", arguments: 0..<cases.count)
    func sameAsValues(_ index: Int) throws {
        let scored = Self.cases[index]
        var bytes: [UInt8] = []
        RecordsJSON.appendBody(scored, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == Self.bodyFromValues(scored))
        let line = RecordsJSON.line(scored)
        #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
    }

    @Test("bodies append one after another to a chunk's bytes")
    func appends() {
        var bytes = Array("start\n".utf8)
        for scored in Self.cases {
            RecordsJSON.appendBody(scored, to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "start\n" + Self.cases.map { Self.bodyFromValues($0) + "\n" }.joined())
    }

    @Test("integers as ASCII digits, padded to a width", arguments: [
        (0, 1, "0"), (7, 2, "07"), (2026, 4, "2026"), (5, 3, "005"), (123_456, 2, "123456"), (-42, 4, "-0042"),
        (Int.max, 1, "9223372036854775807"), (Int.min, 1, "-9223372036854775808"),
    ])
    func decimal(_ value: Int, _ width: Int, _ expected: String) {
        var bytes: [UInt8] = []
        ASCIIDecimal.append(value, width: width, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test("doubles as JSONValue.format writes them: every four-decimal score, and the values the fast path leaves alone")
    func doubles() {
        var values = (-20_000...20_000).map { Double($0) / 10_000 }
        values += [5, 100, 999_999.9999, 1_000_000, 12_345_678.5, 1e-5, 0.1 + 0.2, 2.0 / 3, -0.0, .pi, 1e300, -1e-300]
        values += [.nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        var random = SeededRandom(seed: 2026)
        values += (0..<2_000).map { _ in Double.random(in: -1_000...1_000, using: &random) }
        for value in values {
            var bytes: [UInt8] = []
            ASCIIDecimal.append(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSONValue.format(value), "\(value)")
        }
    }
}

import Foundation
import Testing
import VoxModel
@testable import VoxReport

@Suite("Report writing")
struct ReportTests {
    @Test("JSON values print deterministically, compact and pretty")
    func jsonValue() {
        let value = JSONValue.object([("b", .int(1)), ("a", .array([.double(0.5), .null, .bool(true)])), ("c", .double(-0.0))])
        #expect(value.compact() == "{\"b\":1,\"a\":[0.5,null,true],\"c\":0.0}")
        #expect(JSONValue.sortedObject(["z": .int(1), "a": .object([])]).pretty() == "{\n  \"a\": {},\n  \"z\": 1\n}\n")
        #expect(JSONValue.double(.nan).compact() == "null")
    }

    @Test("numbers format without locale")
    func numbers() {
        #expect(NumberFormat.fixed(0.125, 2) == "0.13")
        #expect(NumberFormat.fixed(-0.004, 2) == "0.00")
        #expect(NumberFormat.fixed(-1.5, 1) == "-1.5")
        #expect(NumberFormat.percent(0.2371) == "23.7%")
        #expect(NumberFormat.points(0.059) == "+5.9 pp")
        #expect(NumberFormat.signed(0, 1) == "±0.0")
        #expect(NumberFormat.count(1_234_567) == "1,234,567")
    }

    @Test("customer text cannot break Markdown or inject HTML or links")
    func markdownEscaping() {
        let hostile = "a | b `code` <script>alert(1)</script> [x](javascript:alert(1)) *bold*\nnext line"
        let escaped = MarkdownText.escape(hostile)
        #expect(escaped == "a \\| b \\`code\\` \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) \\*bold\\* / next line")
        #expect(!escaped.contains("\n"))
    }

    @Test("ISO times in UTC")
    func isoTime() {
        #expect(ISOTime.format(Date(timeIntervalSince1970: 1_764_756_000)) == "2025-12-03T10:00:00Z")
        #expect(ISOTime.format(Date(timeIntervalSince1970: 0.25)) == "1970-01-01T00:00:00.250Z")
        #expect(ISOTime.date(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
    }

    @Test("trend files round-trip and list keys sorted, one figure a line")
    func trendRoundTrip() throws {
        let snapshot = TrendSnapshot(
            pipeline: "p", asOf: "2026-01-01",
            totals: TrendFigures(volume: 10, customerMessages: 8, positive: 4, neutral: 1, negative: 3, negativeShare: 0.375, meanCompound: -0.1),
            clusters: ["refunds": ClusterTrend(label: "Refund not received", volume: 2, share: 0.6667, meanSentiment: -0.5, severity: 1.0, phrases: ["refund"])],
            segments: ["region": ["EU": TrendFigures(volume: 4, customerMessages: 4, positive: 2, neutral: 1, negative: 1, negativeShare: 0.25, meanCompound: 0.2)]]
        )
        let text = TrendFile.encode(snapshot)
        #expect(text.contains("\"as_of\": \"2026-01-01\",\n  \"clusters\""))
        #expect(text.contains("\n      \"volume\": 2\n"))
        let decoded = try TrendFile.decode(Data(text.utf8), path: "t.json")
        #expect(decoded == snapshot)
        #expect(TrendFile.encode(decoded) == text)
    }
}

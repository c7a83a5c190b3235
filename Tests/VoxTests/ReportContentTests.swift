import Foundation
import Testing
import VoxModel
@testable import VoxAggregate
@testable import VoxReport

/// What the report says, from hand-built runs whose numbers are known.
@Suite("Report content")
struct ReportContentTests {
    static func cluster(_ id: String, _ label: String, size: Int, negatives: Int, mean: Double = -0.5) -> PainPointCluster {
        PainPointCluster(
            id: id, label: label, phrases: [id], size: size, share: Double(size) / Double(negatives), meanSentiment: mean,
            severity: RunAggregator.severity(size: size, meanCompound: mean),
            quotes: [Quote(recordID: "\(id)-1", source: "survey", text: "About \(label).", compound: mean)], origin: .taxonomy
        )
    }

    /// Previous run: 100 of 400 negative; delivery 40, refunds 10, vouchers 10.
    /// This run: 150 of 400 negative; refunds 40 (4×, now top by severity), delivery 42, app 20 (new).
    static func result() -> RunResult {
        let previous = TrendSnapshot(
            pipeline: "p", asOf: "2025-12-31",
            totals: TrendFigures(volume: 450, customerMessages: 400, positive: 200, neutral: 100, negative: 100, negativeShare: 0.25, meanCompound: 0.1, csat: 0.6, meanEmpathy: 40),
            clusters: [
                "delivery": ClusterTrend(label: "Late delivery", volume: 40, share: 0.4, meanSentiment: -0.4, severity: 16, phrases: []),
                "refunds": ClusterTrend(label: "Refund not received", volume: 10, share: 0.1, meanSentiment: -0.5, severity: 5, phrases: []),
                "vouchers": ClusterTrend(label: "Voucher codes rejected", volume: 10, share: 0.1, meanSentiment: -0.3, severity: 3, phrases: []),
            ],
            segments: [:]
        )
        let clusters = [
            cluster("refunds", "Refund not received", size: 40, negatives: 150, mean: -0.6),
            cluster("delivery", "Late delivery", size: 42, negatives: 150, mean: -0.4),
            cluster("app", "App crashes", size: 20, negatives: 150, mean: -0.5),
        ]
        var result = RunResult(
            pipeline: "p", pipelineFile: "p.yml", asOf: "2026-01-01",
            sources: [SourceStats(name: "survey", format: "csv", files: ["s.csv"], read: 450, accepted: 450)],
            metrics: RunMetrics(volume: 450, customerMessages: 400, agentMessages: 50, positive: 170, neutral: 80, negative: 150,
                                meanCompound: 0.02, csat: 0.5, csatResponses: 300, meanEmpathy: 35, recoveryRate: 0.5),
            clusters: clusters, unclustered: 48, previous: previous, history: [previous], redacted: true
        )
        result.changes = TrendComparison.compare(old: previous, new: TrendBuilder.snapshot(
            pipeline: "p", asOf: "2026-01-01", metrics: result.metrics, segments: [], clusters: clusters
        ))
        return result
    }

    @Test("the summary says what moved, how much, and whether it is more than noise")
    func summary() throws {
        let text = ReportText.join(SummaryWriter(result: Self.result()).sentences(), " ").plainText
        // 100/400 → 150/400: p̂ = 0.3125, se = √(0.3125·0.6875·0.005) = 0.032775, z = 3.8139, p = 0.000137.
        // Refunds 10/100 → 40/150: p̂ = 0.2, se = √(0.2·0.8·(1/100 + 1/150)) = 0.051640, z = 3.2275, p = 0.00125.
        #expect(text.contains("Negative feedback rose from 25.0% to 37.5% of customer messages, a significant change (p = 0.0001)."))
        #expect(text.contains("“Refund not received” rose 4-fold (10 → 40 complaints) (its share rose significantly, p = 0.0012) and is now the top pain point."))
        #expect(text.contains("New since 2025-12-31: “App crashes” (20)."))
        #expect(text.contains("“Voucher codes rejected” no longer appears."))
        #expect(text.contains("CSAT fell from 60.0% to 50.0% (300 ratings)."))
        #expect(text.contains("Agent replies average 35.0/100 for empathy (down from 40.0); 50.0% of conversations that began negative recovered."))
        #expect(text.hasSuffix("Vox read 450 records from 1 source and accepted 450."))
    }

    @Test("the first run's summary names the top pain points without comparisons")
    func firstRun() {
        var result = Self.result()
        result.previous = nil
        result.history = []
        result.changes = nil
        let text = ReportText.join(SummaryWriter(result: result).sentences(), " ").plainText
        #expect(text.hasPrefix("37.5% of 400 customer messages were negative. The top pain point is “Refund not received”: 40 complaints, 26.7% of negative feedback. Next: “Late delivery” (42) and “App crashes” (20)."))
        let markdown = MarkdownReport(result: result).render()
        #expect(markdown.contains("No earlier run to compare with"))
        #expect(!markdown.contains("## Trends"))
        #expect(markdown.contains("| Figure | Value |\n|---|--:|"))
    }

    @Test("movement words: doubled, tripled, n-fold, halved, rose, fell, held")
    func movement() {
        #expect(SummaryWriter.movement(6, 12) == "doubled (6 → 12 complaints)")
        #expect(SummaryWriter.movement(5, 17) == "tripled (5 → 17 complaints)")
        #expect(SummaryWriter.movement(10, 40) == "rose 4-fold (10 → 40 complaints)")
        #expect(SummaryWriter.movement(10, 4) == "halved (10 → 4 complaints)")
        #expect(SummaryWriter.movement(10, 12) == "rose from 10 to 12 complaints")
        #expect(SummaryWriter.movement(10, 8) == "fell from 10 to 8 complaints")
        #expect(SummaryWriter.movement(7, 7) == "held at 7 complaints")
    }

    @Test("key figures and pain points show the previous value and the change, marked when significant")
    func tables() {
        let markdown = MarkdownReport(result: Self.result()).render()
        #expect(markdown.contains("| Figure | Value | Previous (2025-12-31) | Change |"))
        #expect(markdown.contains("| Negative share | 37.5% | 25.0% | +12.5 pp, significant (p = 0.0001) |"))
        // Positive 200/400 → 170/400: p̂ = 0.4625, se = 0.035257, z = −2.1273, p = 0.0334.
        #expect(markdown.contains("| Positive share | 42.5% | 50.0% | -7.5 pp, significant (p = 0.0334) |"))
        #expect(markdown.contains("| CSAT (share of 4–5 ratings) | 50.0% of 300 | 60.0% | -10.0 pp |"))
        // refunds 10/100 → 40/150; delivery 40/100 → 42/150 (p = 0.046: a significant fall); app new.
        #expect(markdown.contains("| 1 | Refund not received | 40 | 26.7% | +30 (+16.7 pp) ▲ | 24.00 |"))
        #expect(markdown.contains("| 2 | Late delivery | 42 | 28.0% | +2 (-12.0 pp) ▼ | 16.80 |"))
        #expect(markdown.contains("| 3 | App crashes | 20 | 13.3% | new ▲ | 10.00 |"))
        #expect(markdown.contains("## Emerging and fading pain points"))
        #expect(markdown.contains("| vanished | Voucher codes rejected | 10 of 100 (10.0%) | 0 of 150 (0.0%) | -10.0 pp |"))
    }

    @Test("Markdown and HTML carry the same sections; HTML is one self-contained page")
    func sameContent() {
        let document = ReportSections(result: Self.result()).document()
        let markdown = MarkdownReport(document: document).render()
        let html = HTMLReport(document: document).render()
        for section in document.sections {
            #expect(markdown.contains("\n## \(section.title)\n"))
            #expect(html.contains("<h2 id=\"\(section.anchor)\">\(section.title)</h2>"))
            #expect(html.contains("<a href=\"#\(section.anchor)\">"))
        }
        for chart in document.charts {
            #expect(markdown.contains("](\(chart.fileName))"))
            #expect(html.contains(chart.svg))
        }
        #expect(document.charts.map(\.fileName) == [
            ReportCharts.sentimentFile, ReportCharts.negativeTrendFile, ReportCharts.painPointTrendFile, ReportCharts.painPointsFile,
        ])
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains(" src=\""))
    }
}

import Foundation
import Testing
import VoxModel
@testable import VoxReport

/// Customer and export text that tries to break the report: table pipes, backticks, HTML,
/// script, links with `javascript:`, images, line breaks that would start a new table row,
/// entities and bidirectional overrides. Every place a report shows such text is fed one.
@Suite("Escaping hostile text")
struct ReportEscapingTests {
    static let hostile = "a | b `rm -rf` <script>alert(1)</script> [x](javascript:alert(1)) ![i](http://evil.example/p.png) <img src=x onerror=alert(1)> &lt; *bold* _it_ ~~s~~ \u{202E}gnp.exe\nline two\r\n| injected | row |"

    /// A run in which every piece of text that comes from input is hostile.
    static func hostileResult() -> RunResult {
        let h = hostile
        let quote = Quote(recordID: "id`|<b>", source: "src|<i>", text: h, compound: -0.5)
        let cluster = PainPointCluster(
            id: "c|<x>", label: "# " + h, phrases: [h], size: 3, share: 0.6, meanSentiment: -0.5, severity: 1.5,
            segments: [SegmentBreakdown(name: "seg|<s>", counts: [SegmentCount(value: h, count: 3)])],
            quotes: [quote, quote, quote], origin: .discovered
        )
        var metrics = RunMetrics(volume: 5, customerMessages: 5, agentMessages: 1, positive: 1, neutral: 1, negative: 3, meanCompound: -0.2)
        metrics.meanEmpathy = 20
        let previous = TrendSnapshot(
            pipeline: h, asOf: "2025-12-31",
            totals: TrendFigures(volume: 4, customerMessages: 4, positive: 2, neutral: 1, negative: 1, negativeShare: 0.25, meanCompound: 0.1),
            clusters: ["old|<y>": ClusterTrend(label: h, volume: 1, share: 1, meanSentiment: -0.4, severity: 0.4, phrases: [])],
            segments: [:]
        )
        var result = RunResult(
            pipeline: h, pipelineFile: "pipe`line|<x>.yml", asOf: "2026-01-01",
            runInfo: RunInfo(startedAt: "2026-01-01T00:00:00Z", durationSeconds: 1, host: h, voxVersion: "0"),
            sources: [SourceStats(name: h, format: "csv", files: ["we`ird|<f>.csv"], read: 6, accepted: 5, rejected: 1, rejectReasons: [h: 1])],
            metrics: metrics, clusters: [cluster], unclustered: 0,
            conversations: [ConversationSummary(id: h, source: h, messages: 2, startCompound: -0.5, endCompound: 0.5, outcome: .recovered, meanEmpathy: 20, agents: [h])],
            agents: [AgentSummary(agent: h, messages: 1, meanEmpathy: 20, acknowledgmentRate: 1, antiPatterns: [h: 1], conversations: 1, recoveryRate: 1)],
            previous: previous, history: [previous], redacted: false
        )
        result.changes = TrendDiff(
            oldPipeline: h, newPipeline: h, oldAsOf: "2025-12-31", newAsOf: "2026-01-01", alpha: 0.05,
            negativeShare: ShareChange(oldCount: 1, oldTotal: 4, newCount: 3, newTotal: 5, z: 1, pValue: 0.3, significant: false),
            positiveShare: ShareChange(oldCount: 2, oldTotal: 4, newCount: 1, newTotal: 5, z: -1, pValue: 0.3, significant: false),
            meanCompound: FigureChange(old: 0.1, new: -0.2), segments: [], clusters: [
                ClusterChange(id: "c|<x>", label: h, status: .new, share: ShareChange(oldCount: 0, oldTotal: 1, newCount: 3, newTotal: 3, z: 2, pValue: 0.04, significant: true), oldSeverity: nil, newSeverity: 1.5),
                ClusterChange(id: "old|<y>", label: h, status: .vanished, share: ShareChange(oldCount: 1, oldTotal: 1, newCount: 0, newTotal: 3, z: -2, pValue: 0.04, significant: true), oldSeverity: 0.4, newSeverity: nil),
            ]
        )
        return result
    }

    /// `|` not preceded by a backslash: the cell separators GitHub sees.
    static func separators(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if character == "|", !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }

    /// The Markdown without code spans and with chart image lines reduced to their (escaped) alt text.
    static func withoutCodeSpansAndCharts(_ markdown: String) -> String {
        var out = ""
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = String(line)
            if text.hasPrefix("!["), let close = text.range(of: "](chart-", options: .backwards), text.hasSuffix(".svg)") {
                text = String(text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound])
            }
            var inCode = false
            var escaped = false
            for character in text {
                if character == "`", !escaped {
                    inCode.toggle()
                } else if !inCode {
                    out.append(character)
                }
                escaped = character == "\\" && !escaped && !inCode
            }
            out.append("\n")
        }
        return out
    }

    /// Positions of `character` not escaped by a backslash (outside code spans, which have none of ours).
    static func unescaped(_ character: Character, in text: String) -> Int {
        var count = 0
        var escaped = false
        for current in text {
            if current == character, !escaped { count += 1 }
            escaped = current == "\\" && !escaped
        }
        return count
    }

    @Test("Markdown: tables keep their columns, no HTML, link, image or heading can form, no line break escapes")
    func markdown() throws {
        let markdown = MarkdownReport(result: Self.hostileResult()).render()
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        // Every row of a table has as many separators as the table's header.
        var expected: Int?
        var rows = 0
        for line in lines {
            guard line.hasPrefix("|") else {
                expected = nil
                continue
            }
            if let expected {
                #expect(Self.separators(line) == expected, "row breaks its table: \(line)")
                rows += 1
            } else {
                expected = Self.separators(line)
            }
        }
        #expect(rows > 20, "the hostile text reached many table rows")
        #expect(!lines.contains { $0.hasPrefix("| injected") || $0.hasPrefix("line two") }, "a line break in customer text started a new line")
        // Outside code spans (where GitHub parses neither HTML, links nor entities) and the
        // report's own chart images, no `<`, `[` or `]` is left unescaped.
        let prose = Self.withoutCodeSpansAndCharts(markdown)
        for special: Character in ["<", "[", "]"] {
            #expect(Self.unescaped(special, in: prose) == 0, "unescaped \(special)")
        }
        #expect(!markdown.contains("\u{202E}"))
        #expect(!markdown.contains("\n# a"), "customer text made a heading")
        #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>"))
        #expect(markdown.contains("\n> **Warning:** personal-data redaction is off for this pipeline"), "redaction off is flagged at the top")
        #expect(markdown.contains("\\[x\\](javascript:alert(1))"))
        #expect(markdown.contains("a \\| b \\`rm -rf\\`"))
        #expect(Self.unescaped("&", in: prose) == 0 && prose.contains("\\&lt;"), "a raw entity would render as <")
        #expect(markdown.contains("\\&lt;"))
        // Code spans (ids, file names) cannot be closed early by a backtick in the text.
        #expect(markdown.contains("`pipe'line\\|<x>.yml`"))
        #expect(markdown.contains("`id'\\|<b>`"))
    }

    @Test("HTML: customer text is text, never markup; no script, no external reference")
    func html() throws {
        let html = HTMLReport(result: Self.hostileResult()).render()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<i>") && !html.contains("<b>") && !html.contains("<x>"), "\(html.components(separatedBy: "\n").filter { $0.contains("<i>") || $0.contains("<b>") || $0.contains("<x>") })")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&amp;lt;"))
        #expect(!html.contains("\u{202E}"))
        // The only links are the table of contents' own anchors.
        var rest = html[...]
        while let range = rest.range(of: "href=\"") {
            #expect(rest[range.upperBound...].hasPrefix("#"), "a link that is not an in-page anchor")
            rest = rest[range.upperBound...]
        }
        for external in [" src=\"", "url(", "@import", "href=\"javascript"] {
            #expect(!html.contains(external), "\(external) in report.html")
        }
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""))
    }

    @Test("SVG charts escape labels as XML text")
    func svg() throws {
        var result = Self.hostileResult()
        result.history = []
        let charts = ReportSections(result: result).document().charts
        #expect(!charts.isEmpty)
        for chart in charts {
            #expect(!chart.svg.contains("<script"), "\(chart.fileName)")
            #expect(!chart.svg.contains("<img"), "\(chart.fileName)")
            #expect(!chart.svg.contains("\u{202E}"))
        }
        let bars = try #require(charts.first { $0.fileName == ReportCharts.painPointsFile })
        #expect(bars.svg.contains("&lt;script&gt;"))
    }

    @Test("inline text keeps one line and drops control and bidi characters")
    func flatten() {
        #expect(InlineText.flatten("a\r\nb\n\nc\u{2028}d") == "a / b / c / d")
        #expect(InlineText.flatten("x\u{0007}y\u{202E}z\u{2066}w\tv") == "xyzw v")
        #expect(MarkdownText.escape("# title") == "\\# title")
        #expect(MarkdownText.escape("C# and F#") == "C# and F#")
        #expect(HTMLText.escape("<a href='x'>&") == "&lt;a href=&#39;x&#39;&gt;&amp;")
    }
}

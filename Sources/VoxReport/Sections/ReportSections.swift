import VoxModel

/// Builds the report's content from a finished run, one function a section, in reading order.
/// Markdown and HTML render the same `ReportDocument`, so both always say the same thing.
///
/// Sections never escape text: they hand customer text to `ReportText` as it is, and the
/// renderers escape it. Each section lives in its own file (`ReportSections+Name.swift`) so that
/// people working on different sections do not edit the same lines.
public struct ReportSections {
    public var result: RunResult
    /// How many clusters get a section of their own.
    public var detailedClusters = 5
    /// How many clusters the pain-point trend chart follows.
    public var trendClusters = 5

    public init(result: RunResult) {
        self.result = result
    }

    /// Every chart file a report can link (written next to report.md when drawn).
    public static let chartFileNames: Set<String> = [
        ReportCharts.painPointsFile, ReportCharts.sentimentFile, ReportCharts.negativeTrendFile, ReportCharts.painPointTrendFile,
    ]

    public func document() -> ReportDocument {
        var blocks: [ReportBlock] = []
        blocks += header()
        blocks += summarySection()
        blocks += inputs()
        blocks += keyFigures()
        blocks += trends()
        blocks += painPoints()
        blocks += clusterSections()
        blocks += emergingClusters()
        blocks += conversations()
        blocks += agents()
        blocks += coaching()
        blocks += dataQuality()
        return ReportDocument(title: "Vox report: \(result.pipeline)", blocks: blocks)
    }

    /// The charts of `document()`, in its order, without making the rest of it: report.json
    /// lists them, and the rest reads every conversation again. A test holds the two together.
    public func charts() -> [ReportChart] {
        ReportDocument(title: "", blocks: keyFigures() + trends() + painPoints()).charts
    }

    func header() -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        var line: ReportText = "As of \(strong: result.asOf) · pipeline \(code: result.pipelineFile) · vox \(VoxVersion.current)"
        if let info = result.runInfo {
            line = line + " · run started \(info.startedAt) on \(info.host), took \(NumberFormat.fixed(info.durationSeconds, 2)) s"
        }
        blocks.append(.paragraph(line))
        if let previous = result.previous {
            let earlier = result.history.count
            blocks.append(.paragraph(
                "Changes are since the run of \(strong: previous.asOf)"
                    + ReportText.plain(earlier > 1 ? "; the trend history holds \(earlier) earlier runs, from \(result.history.first!.asOf)." : ".")
            ))
        } else {
            blocks.append(.paragraph("No earlier run to compare with: changes and trends appear once the output directory holds an earlier trend.json or outputs.history holds earlier snapshots."))
        }
        if !result.redacted {
            blocks.append(.warning("personal-data redaction is off for this pipeline (outputs.redact: false); quotes may contain e-mail addresses, phone, card or bank account numbers and IP addresses."))
        }
        return blocks
    }

    func summarySection() -> [ReportBlock] {
        [.heading(level: 2, text: "Summary", anchor: "summary"), .paragraph(ReportText.join(SummaryWriter(result: result).sentences(), " "))]
    }

    func inputs() -> [ReportBlock] {
        var table = ReportTable(columns: [
            .init("Source"), .init("Format"), .init("Files"), .init("Read", .right), .init("Accepted", .right),
            .init("Rejected", .right), .init("Duplicates", .right),
        ])
        for source in result.sources {
            table.append([
                .plain(source.name), .plain(source.format), ReportText.join(source.files.map(ReportText.code), ", "),
                .plain(NumberFormat.count(source.read)), .plain(NumberFormat.count(source.accepted)),
                .plain(NumberFormat.count(source.rejected)), .plain(NumberFormat.count(source.duplicates)),
            ])
        }
        table.append([
            "Total", "", "", .plain(NumberFormat.count(result.totalRead)), .plain(NumberFormat.count(result.totalAccepted)),
            .plain(NumberFormat.count(result.totalRejected)), .plain(NumberFormat.count(result.totalDuplicates)),
        ])
        table.totalRows = [table.rows.count - 1]
        return [.heading(level: 2, text: "Inputs", anchor: "inputs"), .table(table)]
    }

    /// `“text” (source, record id, sentiment)`: a quote a reader can trace back to its record.
    func quote(_ quote: Quote, limit: Int) -> ReportText {
        "\(quoted: InlineText.shorten(quote.text, to: limit)) (\(quote.source), record \(code: quote.recordID), sentiment \(NumberFormat.fixed(quote.compound, 2)))"
    }

    /// A count with its change since the previous run: `+3`, `±0`.
    func countChange(_ now: Int, _ before: Int?) -> ReportText {
        guard let before else { return "n/a" }
        return .plain(NumberFormat.signed(Double(now - before), 0))
    }
}

import VoxModel

/// The report's charts, drawn from a finished run and its trend history. Each is written next
/// to report.md as an SVG file (linked from it) and drawn inline in report.html.
struct ReportCharts {
    var result: RunResult
    /// The trend charts show at most this many runs, the latest ones.
    static let historyLimit = 60
    /// The pain-point bar chart shows at most this many clusters.
    static let barLimit = 12

    static let painPointsFile = "chart-pain-points.svg"
    static let sentimentFile = "chart-sentiment.svg"
    static let negativeTrendFile = "chart-negative-trend.svg"
    static let painPointTrendFile = "chart-pain-point-trend.svg"

    /// Pain points by volume, largest first.
    func painPoints() -> ReportChart? {
        guard !result.clusters.isEmpty else { return nil }
        let ranked = result.clusters.sorted { $0.size != $1.size ? $0.size > $1.size : $0.id < $1.id }
        let shown = ranked.prefix(Self.barLimit)
        let title = "Pain points by volume"
        var description = "Complaints per pain point in the run of \(result.asOf): "
            + shown.prefix(3).map { "\($0.label) \($0.size)" }.joined(separator: ", ")
        if shown.count > 3 { description += ", and \(shown.count - 3) more" }
        if ranked.count > shown.count { description += " (the \(Self.barLimit) largest of \(ranked.count))" }
        let chart = BarChart(
            title: title, description: description + ".",
            bars: shown.map { BarChart.Bar(label: $0.label, value: Double($0.size), valueLabel: "\($0.size) (\(NumberFormat.percent($0.share)))") },
            axisTitle: "negative customer messages (share of all negative)"
        )
        return ReportChart(fileName: Self.painPointsFile, title: title, description: description + ".", svg: chart.render())
    }

    /// Sentiment of customer messages, this run and the previous one.
    func sentiment() -> ReportChart? {
        let metrics = result.metrics
        guard metrics.customerMessages > 0 else { return nil }
        var rows = [StackedBarChart.Row(label: "This run (\(result.asOf))", counts: [metrics.negative, metrics.neutral, metrics.positive])]
        if let previous = result.previous, previous.totals.customerMessages > 0 {
            let totals = previous.totals
            rows.append(StackedBarChart.Row(label: "Previous (\(previous.asOf))", counts: [totals.negative, totals.neutral, totals.positive]))
        }
        let title = "Sentiment of customer messages"
        let total = Double(metrics.customerMessages)
        let description = "Of \(metrics.customerMessages) customer messages, \(NumberFormat.percent(Double(metrics.negative) / total)) negative, "
            + "\(NumberFormat.percent(Double(metrics.neutral) / total)) neutral and \(NumberFormat.percent(Double(metrics.positive) / total)) positive"
            + (rows.count > 1 ? "; the previous run below for comparison." : ".")
        let chart = StackedBarChart(
            title: title, description: description,
            parts: [.init(name: "negative", color: ChartPalette.negative), .init(name: "neutral", color: ChartPalette.neutral),
                    .init(name: "positive", color: ChartPalette.positive)],
            rows: rows
        )
        return ReportChart(fileName: Self.sentimentFile, title: title, description: description, svg: chart.render())
    }

    /// The runs a trend chart draws: the latest earlier snapshots, then this run.
    var trendRuns: [(asOf: String, totals: TrendFigures, clusters: [String: ClusterTrend])] {
        var runs = result.history.suffix(Self.historyLimit - 1).map { ($0.asOf, $0.totals, $0.clusters) }
        var clusters: [String: ClusterTrend] = [:]
        for cluster in result.clusters {
            clusters[cluster.id] = ClusterTrend(
                label: cluster.label, volume: cluster.size, share: cluster.share, meanSentiment: cluster.meanSentiment,
                severity: cluster.severity, phrases: cluster.phrases
            )
        }
        runs.append((result.asOf, TrendFigures(result.metrics), clusters))
        return runs
    }

    /// Negative share across the trend history; nil without an earlier run.
    func negativeTrend() -> ReportChart? {
        let runs = trendRuns.filter { $0.totals.negativeShare != nil }
        guard runs.count > 1 else { return nil }
        let points = runs.map { LineChart.Point(date: $0.asOf, value: $0.totals.negativeShare! * 100) }
        let title = "Negative share of customer messages"
        let description = "Negative share over \(runs.count) runs from \(runs.first!.asOf) to \(runs.last!.asOf): "
            + "\(NumberFormat.fixed(points.first!.value, 1))% then, \(NumberFormat.fixed(points.last!.value, 1))% now."
        let chart = LineChart(
            title: title, description: description, series: [.init(name: "Negative share", points: points)],
            axisTitle: "% of customer messages", tickFormat: { NumberFormat.axis($0) + "%" },
            valueFormat: { NumberFormat.fixed($0, 1) + "%" }
        )
        return ReportChart(fileName: Self.negativeTrendFile, title: title, description: description, svg: chart.render())
    }

    /// Share of negative feedback of this run's top pain points (by severity) across the trend
    /// history. A run whose snapshot lacks the cluster had none of it (or too few to keep): 0.
    func painPointTrend(top: Int) -> ReportChart? {
        let runs = trendRuns
        let followed = result.clusters.prefix(top)
        guard runs.count > 1, !followed.isEmpty else { return nil }
        let series = followed.map { cluster in
            LineChart.Series(name: cluster.label, points: runs.map { run in
                LineChart.Point(date: run.asOf, value: (run.clusters[cluster.id]?.share ?? 0) * 100)
            })
        }
        let title = "Top pain points over time"
        let description = "Share of negative feedback of the \(followed.count) most severe pain points over \(runs.count) runs from \(runs.first!.asOf) to \(runs.last!.asOf)."
        let chart = LineChart(
            title: title, description: description, series: series,
            axisTitle: "% of negative feedback", tickFormat: { NumberFormat.axis($0) + "%" },
            valueFormat: { NumberFormat.fixed($0, 1) + "%" }
        )
        return ReportChart(fileName: Self.painPointTrendFile, title: title, description: description, svg: chart.render())
    }
}

import VoxModel

extension ReportSections {
    /// Line charts across the trend history; absent until there is an earlier run.
    func trends() -> [ReportBlock] {
        let charts = ReportCharts(result: result)
        let drawn = [charts.negativeTrend(), charts.painPointTrend(top: trendClusters)].compactMap { $0 }
        guard !drawn.isEmpty else { return [] }
        return [.heading(level: 2, text: "Trends", anchor: "trends")] + drawn.map { .chart($0) }
    }
}

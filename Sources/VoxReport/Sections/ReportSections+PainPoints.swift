import VoxModel

extension ReportSections {
    /// The ranked table of pain points with their change since the previous run, then the chart.
    func painPoints() -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Pain points", anchor: "pain-points")]
        guard !result.clusters.isEmpty else {
            blocks.append(.paragraph("No negative customer feedback fell into a pain-point cluster in this run."))
            return blocks
        }
        let negative = result.metrics.negative
        blocks.append(.paragraph(
            "\(NumberFormat.count(negative)) negative customer messages; \(NumberFormat.count(negative - result.unclustered)) fall into \(result.clusters.count) pain points, \(NumberFormat.count(result.unclustered)) fit none. Ranked by severity: complaints × how negative they are on average (the mean compound below zero)."
        ))
        let diff = result.changes
        var columns: [ReportTable.Column] = [.init("Rank", .right), .init("Pain point"), .init("Volume", .right), .init("Share", .right)]
        if diff != nil { columns.append(.init("Change", .right)) }
        columns += [.init("Severity", .right), .init("Quote")]
        var table = ReportTable(columns: columns)
        for (rank, cluster) in result.clusters.enumerated() {
            var cells: [ReportText] = [
                .plain(String(rank + 1)), .plain(cluster.label), .plain(NumberFormat.count(cluster.size)), .plain(NumberFormat.percent(cluster.share)),
            ]
            if let diff { cells.append(clusterChange(diff.cluster(cluster.id))) }
            cells.append(.plain(NumberFormat.fixed(cluster.severity, 2)))
            cells.append(cluster.quotes.first.map { "\(quoted: InlineText.shorten($0.text, to: 120))" } ?? "")
            table.append(cells)
        }
        blocks.append(.table(table))
        if let diff {
            blocks.append(.paragraph(
                "Change: complaints and share of negative feedback since \(diff.oldAsOf); ▲/▼ marks a share that rose/fell significantly (two-proportion z-test, α = \(NumberFormat.axis(diff.alpha))). Unmarked changes are within noise."
            ))
        }
        if let chart = ReportCharts(result: result).painPoints() { blocks.append(.chart(chart)) }
        return blocks
    }

    /// `+6 (+5.2 pp) ▲`, `new`, or `n/a`.
    func clusterChange(_ change: ClusterChange?) -> ReportText {
        guard let change else { return "n/a" }
        if change.status == .new { return change.share.significant ? "new ▲" : "new" }
        let delta = change.share.newCount - change.share.oldCount
        var text = NumberFormat.signed(Double(delta), 0)
        if let points = change.share.change { text += " (\(NumberFormat.points(points)))" }
        if change.share.significantRise { text += " ▲" } else if change.share.significantFall { text += " ▼" }
        return .plain(text)
    }

    /// A section per top cluster: what defines it, where it comes from, three quotes.
    func clusterSections() -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        for (rank, cluster) in result.clusters.prefix(detailedClusters).enumerated() {
            blocks.append(.heading(level: 3, text: "\(rank + 1). \(cluster.label)", anchor: "cluster-\(cluster.id)"))
            var facts: [ReportText] = [
                .code(cluster.id), .plain("\(NumberFormat.count(cluster.size)) complaints"),
                .plain("\(NumberFormat.percent(cluster.share)) of negative feedback"),
                .plain("severity \(NumberFormat.fixed(cluster.severity, 2))"),
                .plain("mean sentiment \(NumberFormat.fixed(cluster.meanSentiment, 3))"),
                .plain(cluster.origin == .taxonomy ? "taxonomy aspect" : "discovered in the data"),
            ]
            if let change = result.changes?.cluster(cluster.id) {
                facts.append("since \(change.share.oldTotal == 0 ? "the previous run" : result.changes!.oldAsOf): " + clusterChange(change)
                    + ReportText.plain(change.share.pValue.map { ", p \(NumberFormat.pValueRelation($0))" } ?? ""))
            }
            blocks.append(.paragraph(ReportText.join(facts, " · ")))
            if !cluster.phrases.isEmpty {
                blocks.append(.paragraph("Defining phrases: " + ReportText.join(cluster.phrases.prefix(8).map { "\(quoted: $0)" }, ", ") + "."))
            }
            if let table = segmentTable(cluster) { blocks.append(.table(table)) }
            if !cluster.quotes.isEmpty {
                blocks.append(.quotes(cluster.quotes.prefix(3).map { quote($0, limit: 300) }))
            }
        }
        return blocks
    }

    /// Where one cluster's complaints come from: a row per segment with its largest values.
    /// Shares are of the complaints that carry the segment at all (sources differ in which
    /// segments they have), and the rest are counted as "without".
    func segmentTable(_ cluster: PainPointCluster) -> ReportTable? {
        guard !cluster.segments.isEmpty else { return nil }
        var table = ReportTable(columns: [.init("Segment"), .init("Largest values (complaints, share)"), .init("Without this segment", .right)])
        let limit = 5
        for breakdown in cluster.segments {
            let known = breakdown.counts.reduce(0) { $0 + $1.count }
            var parts = breakdown.counts.prefix(limit).map { count in
                "\(count.value) \(count.count) (\(NumberFormat.percent(Double(count.count) / Double(max(1, known)))))"
            }
            let rest = breakdown.counts.dropFirst(limit)
            if !rest.isEmpty { parts.append("\(rest.count) other value\(rest.count == 1 ? "" : "s") \(rest.reduce(0) { $0 + $1.count })") }
            table.append([.plain(breakdown.name), .plain(parts.joined(separator: " · ")), .plain(NumberFormat.count(cluster.size - known))])
        }
        return table
    }

    /// New pain points and those whose share moved significantly, from the comparison with the
    /// previous run; steady ones are only counted, so that noise does not crowd out movement.
    func emergingClusters() -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Emerging and fading pain points", anchor: "emerging")]
        guard let diff = result.changes else {
            blocks.append(.paragraph("No earlier run to compare with yet."))
            return blocks
        }
        let moving = diff.clusters.filter { $0.status != .steady }
        let steady = diff.clusters(.steady).count
        if moving.isEmpty {
            blocks.append(.paragraph("No pain point appeared, vanished or moved significantly since \(diff.oldAsOf)."))
        } else {
            var table = ReportTable(columns: [
                .init("Status"), .init("Pain point"), .init(diff.oldAsOf, .right), .init(diff.newAsOf, .right),
                .init("Change", .right), .init("p", .right), .init("Verdict"),
            ])
            for change in moving {
                let share = change.share
                table.append([
                    .plain(change.status.rawValue), .plain(change.label),
                    .plain("\(share.oldCount) of \(share.oldTotal) (\(NumberFormat.percent(share.oldShare)))"),
                    .plain("\(share.newCount) of \(share.newTotal) (\(NumberFormat.percent(share.newShare)))"),
                    .plain(share.change.map(NumberFormat.points) ?? "n/a"), .plain(NumberFormat.pValue(share.pValue)),
                    .plain(share.pValue == nil ? "cannot test" : share.significant ? "significant" : "not significant"),
                ])
            }
            blocks.append(.table(table))
        }
        if steady > 0 {
            blocks.append(.paragraph("\(steady) other pain point\(steady == 1 ? "" : "s") changed within noise (not significant at α = \(NumberFormat.axis(diff.alpha)))."))
        }
        blocks += lineage()
        return blocks
    }

    /// Clusters whose identity changed since the previous run: new, merged, split, vanished.
    /// Ids stay stable for continued clusters, which are only counted.
    func lineage() -> [ReportBlock] {
        let notable = result.lineage.filter { $0.kind != .continued }
        guard !notable.isEmpty else { return [] }
        let continued = result.lineage.count - notable.count
        var blocks: [ReportBlock] = [.paragraph(
            "Cluster identity since the previous run (\(continued) cluster\(continued == 1 ? "" : "s") continued under the same id):"
        )]
        blocks.append(.bullets(notable.map { event in
            let previous = ReportText.join(event.previous.map { ReportText.code($0) }, ", ")
            let head: ReportText = .code(event.id) + .plain(" \(event.label): ")
            switch event.kind {
            case .new: return head + "new"
            case .continued: return head + "continued"
            case .merged: return head + "merged from " + previous
            case .split: return head + "split from " + previous
            case .vanished: return head + "vanished"
            }
        }))
        return blocks
    }
}

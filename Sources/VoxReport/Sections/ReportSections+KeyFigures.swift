import VoxModel

extension ReportSections {
    /// Headline figures with the previous run's value and the change; shares that can be tested
    /// say whether the change is significant.
    func keyFigures() -> [ReportBlock] {
        let metrics = result.metrics
        let previous = result.previous?.totals
        let diff = result.changes
        var columns: [ReportTable.Column] = [.init("Figure"), .init("Value", .right)]
        if let previousRun = result.previous {
            columns += [.init("Previous (\(previousRun.asOf))", .right), .init("Change", .right)]
        }
        var table = ReportTable(columns: columns)
        func row(_ name: String, _ value: String, _ before: String?, _ change: ReportText?) {
            var cells: [ReportText] = [.plain(name), .plain(value)]
            if previous != nil { cells += [.plain(before ?? "n/a"), change ?? "n/a"] }
            table.append(cells)
        }
        func shareChange(_ test: ShareChange?, _ now: Double?, _ before: Double?) -> ReportText? {
            guard let now, let before else { return nil }
            var text = NumberFormat.points(now - before)
            if let test, test.pValue != nil {
                text += test.significant ? ", significant (p \(NumberFormat.pValueRelation(test.pValue)))" : ", not significant"
            }
            return .plain(text)
        }
        func meanChange(_ now: Double?, _ before: Double?, _ places: Int) -> ReportText? {
            guard let now, let before else { return nil }
            return .plain(NumberFormat.signed(now - before, places))
        }
        let customers = metrics.customerMessages
        func share(_ count: Int) -> Double? { customers == 0 ? nil : Double(count) / Double(customers) }
        func previousShare(_ count: Int?) -> Double? {
            guard let previous, let count, previous.customerMessages > 0 else { return nil }
            return Double(count) / Double(previous.customerMessages)
        }

        row("Records", NumberFormat.count(metrics.volume), previous.map { NumberFormat.count($0.volume) },
            previous.map { countChange(metrics.volume, $0.volume) })
        row("Customer messages", NumberFormat.count(customers), previous.map { NumberFormat.count($0.customerMessages) },
            previous.map { countChange(customers, $0.customerMessages) })
        row("Positive share", NumberFormat.percent(share(metrics.positive)), NumberFormat.percentOrNil(previousShare(previous?.positive)),
            shareChange(diff?.positiveShare, share(metrics.positive), previousShare(previous?.positive)))
        row("Neutral share", NumberFormat.percent(share(metrics.neutral)), NumberFormat.percentOrNil(previousShare(previous?.neutral)),
            shareChange(nil, share(metrics.neutral), previousShare(previous?.neutral)))
        row("Negative share", NumberFormat.percent(share(metrics.negative)), NumberFormat.percentOrNil(previousShare(previous?.negative)),
            shareChange(diff?.negativeShare, share(metrics.negative), previousShare(previous?.negative)))
        row("Mean sentiment (compound, −1…1)", metrics.meanCompound.map { NumberFormat.fixed($0, 3) } ?? "n/a",
            previous?.meanCompound.map { NumberFormat.fixed($0, 3) }, meanChange(metrics.meanCompound, previous?.meanCompound, 3))
        if metrics.csatResponses > 0 {
            row("CSAT (share of 4–5 ratings)", "\(NumberFormat.percent(metrics.csat)) of \(NumberFormat.count(metrics.csatResponses))",
                NumberFormat.percentOrNil(previous?.csat), shareChange(nil, metrics.csat, previous?.csat))
        }
        if metrics.npsResponses > 0 {
            row("NPS (promoters − detractors)", "\(metrics.nps.map { NumberFormat.signed($0, 0) } ?? "n/a") of \(NumberFormat.count(metrics.npsResponses))",
                previous?.nps.map { NumberFormat.signed($0, 0) }, meanChange(metrics.nps, previous?.nps, 0))
        }
        if metrics.agentMessages > 0 {
            row("Agent replies", NumberFormat.count(metrics.agentMessages), "", "") // trend files do not keep this count
            row("Mean agent empathy (0–100)", metrics.meanEmpathy.map { NumberFormat.fixed($0, 1) } ?? "n/a",
                previous?.meanEmpathy.map { NumberFormat.fixed($0, 1) }, meanChange(metrics.meanEmpathy, previous?.meanEmpathy, 1))
        }
        if metrics.recoveryRate != nil || previous?.recoveryRate != nil {
            row("Recovery rate", NumberFormat.percent(metrics.recoveryRate), NumberFormat.percentOrNil(previous?.recoveryRate),
                shareChange(nil, metrics.recoveryRate, previous?.recoveryRate))
        }
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Key figures", anchor: "key-figures"), .table(table)]
        if previous != nil {
            blocks.append(.paragraph("Significance: two-proportion z-test at α = \(NumberFormat.axis(diff?.alpha ?? 0.05)) on the message counts; “not significant” means the change is within what chance alone would give."))
        }
        if let chart = ReportCharts(result: result).sentiment() { blocks.append(.chart(chart)) }
        return blocks
    }
}

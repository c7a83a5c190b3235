import VoxModel

/// `vox diff`: what changed between two runs, as Markdown (through the report's renderer) or as
/// JSON. Every share shows its counts, z and p, and says "not significant" for noise.
public struct DiffReport {
    public var diff: TrendDiff

    public init(diff: TrendDiff) {
        self.diff = diff
    }

    public func markdown() -> String {
        MarkdownReport(document: document()).render()
    }

    public func json() -> String {
        DiffReport.json(diff).pretty()
    }

    public func document() -> ReportDocument {
        let name = diff.oldPipeline == diff.newPipeline ? diff.newPipeline : "\(diff.oldPipeline) → \(diff.newPipeline)"
        var blocks: [ReportBlock] = [
            .paragraph("From \(strong: diff.oldAsOf) to \(strong: diff.newAsOf). Shares are compared with a two-proportion z-test at α = \(NumberFormat.axis(diff.alpha)); “not significant” means the change is within what chance alone would give."),
        ]
        if diff.oldPipeline != diff.newPipeline {
            blocks.append(.warning("the two trend files come from different pipelines (\(diff.oldPipeline), \(diff.newPipeline))."))
        }
        blocks += overall()
        blocks += clusters()
        blocks += segments()
        return ReportDocument(title: "Vox diff: \(name)", blocks: blocks)
    }

    func shareColumns(_ first: String) -> [ReportTable.Column] {
        [.init(first), .init(diff.oldAsOf, .right), .init(diff.newAsOf, .right), .init("Change", .right),
         .init("z", .right), .init("p", .right), .init("Verdict")]
    }

    func shareCells(_ share: ShareChange) -> [ReportText] {
        [
            .plain("\(NumberFormat.count(share.oldCount)) of \(NumberFormat.count(share.oldTotal)) (\(NumberFormat.percent(share.oldShare)))"),
            .plain("\(NumberFormat.count(share.newCount)) of \(NumberFormat.count(share.newTotal)) (\(NumberFormat.percent(share.newShare)))"),
            .plain(share.change.map(NumberFormat.points) ?? "n/a"),
            .plain(share.z.map { NumberFormat.fixed($0, 2) } ?? "n/a"),
            .plain(NumberFormat.pValue(share.pValue)),
            Self.verdict(share),
        ]
    }

    static func verdict(_ share: ShareChange) -> ReportText {
        guard share.pValue != nil else { return "cannot test (no messages on one side)" }
        if share.significantRise { return .strong("significant rise") }
        if share.significantFall { return .strong("significant fall") }
        return "not significant"
    }

    func overall() -> [ReportBlock] {
        var table = ReportTable(columns: shareColumns("Customer messages"))
        table.append(["Negative share"] + shareCells(diff.negativeShare))
        table.append(["Positive share"] + shareCells(diff.positiveShare))
        let compound = diff.meanCompound
        table.append([
            "Mean compound", .plain(compound.old.map { NumberFormat.fixed($0, 3) } ?? "n/a"),
            .plain(compound.new.map { NumberFormat.fixed($0, 3) } ?? "n/a"),
            .plain(compound.change.map { NumberFormat.signed($0, 3) } ?? "n/a"), "", "", "not tested (a mean)",
        ])
        return [.heading(level: 2, text: "Overall sentiment", anchor: "overall"), .table(table)]
    }

    func clusters() -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        func section(_ title: String, _ anchor: String, _ changes: [ClusterChange], empty: String) {
            blocks.append(.heading(level: 2, text: .plain(title), anchor: anchor))
            guard !changes.isEmpty else {
                blocks.append(.paragraph(.plain(empty)))
                return
            }
            var table = ReportTable(columns: shareColumns("Pain point (share of negative feedback)"))
            for change in changes {
                table.append(["\(change.label) (\(code: change.id))"] + shareCells(change.share))
            }
            blocks.append(.table(table))
        }
        section("New clusters", "new", diff.clusters(.new), empty: "None.")
        section("Vanished clusters", "vanished", diff.clusters(.vanished), empty: "None.")
        section("Significant changes", "significant", diff.clusters(.rose) + diff.clusters(.fell),
                empty: "No pain point's share of negative feedback changed significantly.")
        section("Not significant", "noise", diff.clusters(.steady), empty: "None.")
        return blocks
    }

    func segments() -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Sentiment by segment", anchor: "segments")]
        if diff.segments.isEmpty {
            blocks.append(.paragraph("No segment value appears in both runs."))
        } else {
            var columns = shareColumns("Segment: negative share")
            columns.insert(.init("Mean compound change", .right), at: 4)
            var table = ReportTable(columns: columns)
            for shift in diff.segments {
                var cells = shareCells(shift.negativeShare)
                cells.insert(.plain(shift.meanCompound.change.map { NumberFormat.signed($0, 3) } ?? "n/a"), at: 3)
                table.append(["\(shift.segment) = \(shift.value)"] + cells)
            }
            blocks.append(.table(table))
        }
        if !diff.segmentsOnlyInNew.isEmpty {
            blocks.append(.paragraph("Only in \(diff.newAsOf): " + ReportText.join(diff.segmentsOnlyInNew.map(ReportText.plain), ", ") + "."))
        }
        if !diff.segmentsOnlyInOld.isEmpty {
            blocks.append(.paragraph("Only in \(diff.oldAsOf): " + ReportText.join(diff.segmentsOnlyInOld.map(ReportText.plain), ", ") + "."))
        }
        return blocks
    }

    // MARK: JSON

    public static func json(_ diff: TrendDiff) -> JSONValue {
        .object([
            ("old", .object([("pipeline", .string(diff.oldPipeline)), ("as_of", .string(diff.oldAsOf))])),
            ("new", .object([("pipeline", .string(diff.newPipeline)), ("as_of", .string(diff.newAsOf))])),
            ("alpha", .double(diff.alpha)),
            ("negative_share", share(diff.negativeShare)),
            ("positive_share", share(diff.positiveShare)),
            ("mean_compound", figure(diff.meanCompound)),
            ("clusters", .array(diff.clusters.map { change in
                .object([
                    ("id", .string(change.id)),
                    ("label", .string(change.label)),
                    ("status", .string(change.status.rawValue)),
                    ("share", share(change.share)),
                    ("old_severity", .number(change.oldSeverity)),
                    ("new_severity", .number(change.newSeverity)),
                ])
            })),
            ("segments", .array(diff.segments.map { shift in
                .object([
                    ("segment", .string(shift.segment)),
                    ("value", .string(shift.value)),
                    ("negative_share", share(shift.negativeShare)),
                    ("mean_compound", figure(shift.meanCompound)),
                ])
            })),
            ("segments_only_in_old", .array(diff.segmentsOnlyInOld.map { .string($0) })),
            ("segments_only_in_new", .array(diff.segmentsOnlyInNew.map { .string($0) })),
        ])
    }

    static func share(_ share: ShareChange) -> JSONValue {
        .object([
            ("old_count", .int(share.oldCount)),
            ("old_total", .int(share.oldTotal)),
            ("new_count", .int(share.newCount)),
            ("new_total", .int(share.newTotal)),
            ("old_share", .number(share.oldShare.map { TrendFile.round($0, 4) })),
            ("new_share", .number(share.newShare.map { TrendFile.round($0, 4) })),
            ("change", .number(share.change.map { TrendFile.round($0, 4) })),
            ("z", .number(share.z)),
            ("p_value", .number(share.pValue)),
            ("significant", .bool(share.significant)),
        ])
    }

    static func figure(_ figure: FigureChange) -> JSONValue {
        .object([
            ("old", .number(figure.old)),
            ("new", .number(figure.new)),
            ("change", .number(figure.change.map { TrendFile.round($0, 4) })),
        ])
    }
}

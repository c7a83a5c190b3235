import VoxModel

/// Compares two trend snapshots: new and vanished clusters, clusters whose share of negative
/// feedback moved significantly, and sentiment shifts overall and per segment. One code path
/// for `vox diff` and for the report's "change since the previous run".
public enum TrendComparison {
    public static let defaultAlpha = 0.05

    public static func compare(old: TrendSnapshot, new: TrendSnapshot, alpha: Double = defaultAlpha) -> TrendDiff {
        func test(_ a: (Int, Int), _ b: (Int, Int)) -> ShareChange {
            TwoProportionTest.compare(old: (a.0, a.1), new: (b.0, b.1), alpha: alpha)
        }
        let oldTotals = old.totals, newTotals = new.totals

        var clusters: [ClusterChange] = []
        for id in Set(old.clusters.keys).union(new.clusters.keys) {
            let before = old.clusters[id], after = new.clusters[id]
            let share = test((before?.volume ?? 0, oldTotals.negative), (after?.volume ?? 0, newTotals.negative))
            let status: ClusterChangeStatus
            switch (before, after) {
            case (nil, _): status = .new
            case (_, nil): status = .vanished
            default: status = share.significantRise ? .rose : share.significantFall ? .fell : .steady
            }
            clusters.append(ClusterChange(
                id: id, label: after?.label ?? before?.label ?? id, status: status, share: share,
                oldSeverity: before?.severity, newSeverity: after?.severity
            ))
        }
        clusters.sort(by: ClusterChange.order)

        var segments: [SegmentShift] = []
        var onlyOld: [String] = [], onlyNew: [String] = []
        for name in Set(old.segments.keys).union(new.segments.keys).sorted() {
            let before = old.segments[name] ?? [:], after = new.segments[name] ?? [:]
            for value in Set(before.keys).union(after.keys).sorted() {
                guard let a = before[value] else { onlyNew.append("\(name) = \(value)"); continue }
                guard let b = after[value] else { onlyOld.append("\(name) = \(value)"); continue }
                segments.append(SegmentShift(
                    segment: name, value: value,
                    negativeShare: test((a.negative, a.customerMessages), (b.negative, b.customerMessages)),
                    meanCompound: FigureChange(old: a.meanCompound, new: b.meanCompound)
                ))
            }
        }

        return TrendDiff(
            oldPipeline: old.pipeline, newPipeline: new.pipeline, oldAsOf: old.asOf, newAsOf: new.asOf, alpha: alpha,
            negativeShare: test((oldTotals.negative, oldTotals.customerMessages), (newTotals.negative, newTotals.customerMessages)),
            positiveShare: test((oldTotals.positive, oldTotals.customerMessages), (newTotals.positive, newTotals.customerMessages)),
            meanCompound: FigureChange(old: oldTotals.meanCompound, new: newTotals.meanCompound),
            segments: segments, segmentsOnlyInOld: onlyOld, segmentsOnlyInNew: onlyNew, clusters: clusters
        )
    }
}

import VoxModel

/// The report's opening paragraph, written from the numbers: how negative feedback moved (and
/// whether that is more than noise), what the top pain point is and how it got there, what
/// appeared, rose, fell or vanished, then ratings, empathy and how much input was read.
struct SummaryWriter {
    var result: RunResult

    /// How many clusters each kind of movement names before the rest is left to the tables.
    static let mentions = 2

    func sentences() -> [ReportText] {
        var sentences: [ReportText] = []
        if let sentence = negativeShare() { sentences.append(sentence) }
        sentences += painPoints()
        sentences += ratings()
        if let sentence = empathy() { sentences.append(sentence) }
        sentences.append(volume())
        return sentences
    }

    var diff: TrendDiff? { result.changes }

    func negativeShare() -> ReportText? {
        let metrics = result.metrics
        guard let share = metrics.negativeShare else { return nil }
        guard let diff, let before = diff.negativeShare.oldShare else {
            return "\(strong: NumberFormat.percent(share)) of \(NumberFormat.count(metrics.customerMessages)) customer messages were negative."
        }
        let test = diff.negativeShare
        if NumberFormat.percent(before) == NumberFormat.percent(share) {
            return "Negative feedback held at \(strong: NumberFormat.percent(share)) of customer messages."
        }
        let verdict = test.significant
            ? ", a significant change (p \(NumberFormat.pValueRelation(test.pValue)))"
            : " (within noise: not significant, p \(NumberFormat.pValueRelation(test.pValue)))"
        return "Negative feedback \(share > before ? "rose" : "fell") from \(NumberFormat.percent(before)) to \(strong: NumberFormat.percent(share)) of customer messages\(verdict)."
    }

    func painPoints() -> [ReportText] {
        guard let top = result.clusters.first else {
            return result.metrics.negative > 0 ? ["No negative feedback fell into a pain point."] : []
        }
        guard let diff, let previous = result.previous else {
            var sentences: [ReportText] = [
                "The top pain point is \(strong: "“\(top.label)”"): \(NumberFormat.count(top.size)) complaint\(top.size == 1 ? "" : "s"), \(NumberFormat.percent(top.share)) of negative feedback.",
            ]
            let next = result.clusters.dropFirst().prefix(Self.mentions).map { ReportText("\(quoted: $0.label) (\(NumberFormat.count($0.size)))") }
            if !next.isEmpty { sentences.append("Next: " + ReportText.join(next, " and ") + ".") }
            return sentences
        }
        var sentences: [ReportText] = []
        let previousTop = previous.clusters.max { a, b in
            a.value.severity != b.value.severity ? a.value.severity < b.value.severity : a.key > b.key
        }?.key
        let label: ReportText = "\(strong: "“\(top.label)”")"
        if let change = diff.cluster(top.id), change.status != .new {
            let before = change.share.oldCount, now = change.share.newCount
            let standing = previousTop == top.id ? "remains the top pain point" : "is now the top pain point"
            let significance = change.share.significant ? " (its share \(change.share.significantRise ? "rose" : "fell") significantly, p \(NumberFormat.pValueRelation(change.share.pValue)))" : ""
            sentences.append(label + " " + .plain(Self.movement(before, now) + significance) + " and \(standing).")
        } else {
            sentences.append(label + " is new since \(diff.oldAsOf) and already the top pain point (\(NumberFormat.count(top.size)) complaints).")
        }
        let others = diff.clusters.filter { $0.id != top.id }
        let risen = others.filter { $0.status == .rose }.prefix(Self.mentions)
        for change in risen {
            sentences.append("\(quoted: change.label) rose significantly, from \(NumberFormat.percent(change.share.oldShare)) to \(NumberFormat.percent(change.share.newShare)) of negative feedback (\(change.share.oldCount) → \(change.share.newCount) complaints).")
        }
        let new = others.filter { $0.status == .new }.prefix(Self.mentions)
        if !new.isEmpty {
            let names = new.map { ReportText("\(quoted: $0.label) (\(NumberFormat.count($0.share.newCount)))") }
            sentences.append("New since \(diff.oldAsOf): " + ReportText.join(names, " and ") + ".")
        }
        let fallen = others.filter { $0.status == .fell }.prefix(Self.mentions)
        for change in fallen {
            sentences.append("\(quoted: change.label) fell from \(NumberFormat.percent(change.share.oldShare)) to \(NumberFormat.percent(change.share.newShare)) of negative feedback.")
        }
        let vanished = others.filter { $0.status == .vanished }.prefix(Self.mentions)
        if !vanished.isEmpty {
            sentences.append(ReportText.join(vanished.map { "\(quoted: $0.label)" }, " and ") + " no longer appear\(vanished.count == 1 ? "s" : "").")
        }
        return sentences
    }

    /// "doubled (6 → 12 complaints)", "rose from 5 to 7 complaints", "held at 4 complaints".
    static func movement(_ before: Int, _ now: Int) -> String {
        let counts = "(\(NumberFormat.count(before)) → \(NumberFormat.count(now)) complaints)"
        if before > 0, now > before {
            let ratio = Double(now) / Double(before)
            if ratio >= 3.5 { return "rose \(Int(ratio.rounded()))-fold \(counts)" }
            if ratio >= 2.5 { return "tripled \(counts)" }
            if ratio >= 1.95 { return "doubled \(counts)" }
        }
        if now > before { return "rose from \(NumberFormat.count(before)) to \(NumberFormat.count(now)) complaints" }
        if now < before {
            return now * 2 <= before && now > 0 ? "halved \(counts)" : "fell from \(NumberFormat.count(before)) to \(NumberFormat.count(now)) complaints"
        }
        return "held at \(NumberFormat.count(now)) complaints"
    }

    func ratings() -> [ReportText] {
        let metrics = result.metrics
        let before = result.previous?.totals
        var sentences: [ReportText] = []
        if let csat = metrics.csat {
            if let old = before?.csat, NumberFormat.percent(old) != NumberFormat.percent(csat) {
                sentences.append("CSAT \(csat > old ? "rose" : "fell") from \(NumberFormat.percent(old)) to \(strong: NumberFormat.percent(csat)) (\(NumberFormat.count(metrics.csatResponses)) ratings).")
            } else {
                sentences.append("CSAT is \(strong: NumberFormat.percent(csat)) over \(NumberFormat.count(metrics.csatResponses)) ratings.")
            }
        }
        if let nps = metrics.nps {
            let value = NumberFormat.signed(nps, 0)
            if let old = before?.nps, NumberFormat.signed(old, 0) != value {
                sentences.append("NPS moved from \(NumberFormat.signed(old, 0)) to \(strong: value) (\(NumberFormat.count(metrics.npsResponses)) responses).")
            } else {
                sentences.append("NPS is \(strong: value) over \(NumberFormat.count(metrics.npsResponses)) responses.")
            }
        }
        return sentences
    }

    func empathy() -> ReportText? {
        let metrics = result.metrics
        guard let empathy = metrics.meanEmpathy else { return nil }
        var text: ReportText = "Agent replies average \(strong: NumberFormat.fixed(empathy, 1))/100 for empathy"
        if let old = result.previous?.totals.meanEmpathy, NumberFormat.fixed(old, 1) != NumberFormat.fixed(empathy, 1) {
            text = text + " (\(empathy > old ? "up" : "down") from \(NumberFormat.fixed(old, 1)))"
        }
        if let recovery = metrics.recoveryRate {
            text = text + "; \(NumberFormat.percent(recovery)) of conversations that began negative recovered"
        }
        return text + "."
    }

    func volume() -> ReportText {
        let sources = result.sources.count
        var text: ReportText = "Vox read \(NumberFormat.count(result.totalRead)) records from \(sources) source\(sources == 1 ? "" : "s") and accepted \(NumberFormat.count(result.totalAccepted))"
        if result.totalRejected > 0 {
            text = text + "; \(NumberFormat.count(result.totalRejected)) were rejected (see Data quality)"
        }
        return text + "."
    }
}

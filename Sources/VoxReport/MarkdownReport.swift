import Foundation
import VoxModel

/// `report.md`: what an analyst reads at 9 a.m. GitHub-flavoured Markdown that also reads as
/// plain text. Every piece of customer or export text goes through `MarkdownText.escape`.
public struct MarkdownReport {
    public var result: RunResult
    /// How many clusters get a section of their own.
    public var detailedClusters = 5

    public init(result: RunResult) {
        self.result = result
    }

    public func render() -> String {
        var lines: [String] = []
        lines.append("# Vox report: \(MarkdownText.escape(result.pipeline))")
        lines.append("")
        lines.append("As of **\(result.asOf)** · pipeline `\(result.pipelineFile.replacingOccurrences(of: "`", with: "'"))` · vox \(VoxVersion.current)")
        if let info = result.runInfo {
            lines.append("")
            lines.append("Run started \(info.startedAt) on \(MarkdownText.escape(info.host)), took \(NumberFormat.fixed(info.durationSeconds, 2)) s.")
        }
        lines.append("")
        lines.append("## Summary")
        lines.append("")
        lines.append(summary())
        lines.append("")
        lines += inputs()
        lines += kpis()
        lines += painPoints()
        lines += clusterSections()
        lines += conversations()
        lines += agents()
        lines += dataQuality()
        if !result.redacted {
            lines.append("> **Warning:** personal-data redaction is off for this pipeline (`outputs.redact: false`); quotes may contain e-mail addresses, phone numbers or card numbers.")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// One paragraph written from the numbers: volume, how negative, what hurts most.
    func summary() -> String {
        let metrics = result.metrics
        var sentences: [String] = []
        let sourceCount = result.sources.count
        sentences.append("Vox read \(NumberFormat.count(result.totalRead)) records from \(sourceCount) source\(sourceCount == 1 ? "" : "s") and accepted \(NumberFormat.count(result.totalAccepted)).")
        if let share = metrics.negativeShare {
            var sentence = "\(NumberFormat.percent(share)) of \(NumberFormat.count(metrics.customerMessages)) customer messages were negative"
            if let previous = result.previous?.totals.negativeShare {
                let direction = share > previous ? "up from" : share < previous ? "down from" : "unchanged at"
                sentence += " (\(direction) \(NumberFormat.percent(previous)) on \(result.previous!.asOf))"
            }
            sentences.append(sentence + ".")
        }
        if let top = result.clusters.first {
            var sentence = "The most severe pain point is “\(MarkdownText.escape(top.label))”: \(top.size) complaint\(top.size == 1 ? "" : "s"), \(NumberFormat.percent(top.share)) of negative feedback"
            if let before = result.previous?.clusters[top.id] {
                let change = top.size - before.volume
                sentence += change == 0 ? ", as many as last time" : ", \(change > 0 ? "up" : "down") \(abs(change)) since \(result.previous!.asOf)"
            } else if result.previous != nil {
                sentence += ", new since \(result.previous!.asOf)"
            }
            sentences.append(sentence + ".")
            if result.clusters.count > 1 {
                let next = result.clusters.dropFirst().prefix(2).map { "“\(MarkdownText.escape($0.label))” (\($0.size))" }
                sentences.append("Next: \(next.joined(separator: " and ")).")
            }
        }
        if let csat = metrics.csat { sentences.append("CSAT is \(NumberFormat.percent(csat)) over \(metrics.csatResponses) ratings.") }
        if let empathy = metrics.meanEmpathy {
            var sentence = "Agent replies average \(NumberFormat.fixed(empathy, 1))/100 for empathy"
            if let recovery = metrics.recoveryRate { sentence += "; \(NumberFormat.percent(recovery)) of conversations that began negative recovered" }
            sentences.append(sentence + ".")
        }
        return sentences.joined(separator: " ")
    }

    func inputs() -> [String] {
        var lines = ["## Inputs", "", "| Source | Format | Files | Read | Accepted | Rejected | Duplicates |", "|---|---|---|--:|--:|--:|--:|"]
        for source in result.sources {
            let files = source.files.map { "`\($0.replacingOccurrences(of: "`", with: "'"))`" }.joined(separator: ", ")
            lines.append("| \(MarkdownText.escape(source.name)) | \(source.format) | \(files) | \(source.read) | \(source.accepted) | \(source.rejected) | \(source.duplicates) |")
        }
        lines.append("| **Total** | | | **\(result.totalRead)** | **\(result.totalAccepted)** | **\(result.totalRejected)** | **\(result.totalDuplicates)** |")
        lines.append("")
        return lines
    }

    func kpis() -> [String] {
        let metrics = result.metrics
        let previous = result.previous?.totals
        let hasPrevious = previous != nil
        var lines = ["## Key figures", ""]
        lines.append(hasPrevious ? "| Figure | Value | Change since \(result.previous!.asOf) |" : "| Figure | Value |")
        lines.append(hasPrevious ? "|---|--:|--:|" : "|---|--:|")
        func row(_ name: String, _ value: String, _ change: String?) {
            lines.append(hasPrevious ? "| \(name) | \(value) | \(change ?? "n/a") |" : "| \(name) | \(value) |")
        }
        row("Records", NumberFormat.count(metrics.volume), previous.map { NumberFormat.signed(Double(metrics.volume - $0.volume), 0) })
        row("Customer messages", NumberFormat.count(metrics.customerMessages), previous.map { NumberFormat.signed(Double(metrics.customerMessages - $0.customerMessages), 0) })
        let total = max(1, metrics.customerMessages)
        row("Positive / neutral / negative",
            "\(NumberFormat.percent(Double(metrics.positive) / Double(total))) / \(NumberFormat.percent(Double(metrics.neutral) / Double(total))) / \(NumberFormat.percent(Double(metrics.negative) / Double(total)))",
            nil)
        row("Negative share", NumberFormat.percent(metrics.negativeShare), change(metrics.negativeShare, previous?.negativeShare, asPoints: true))
        row("Mean sentiment (compound)", metrics.meanCompound.map { NumberFormat.fixed($0, 3) } ?? "n/a", change(metrics.meanCompound, previous?.meanCompound, asPoints: false))
        if metrics.csatResponses > 0 {
            row("CSAT (share of 4–5 ratings)", "\(NumberFormat.percent(metrics.csat)) of \(metrics.csatResponses)", change(metrics.csat, previous?.csat, asPoints: true))
        }
        if metrics.npsResponses > 0 {
            row("NPS", "\(metrics.nps.map { NumberFormat.fixed($0, 0) } ?? "n/a") of \(metrics.npsResponses)", change(metrics.nps.map { $0 / 100 }, previous?.nps.map { $0 / 100 }, asPoints: true))
        }
        if metrics.agentMessages > 0 {
            row("Agent replies", NumberFormat.count(metrics.agentMessages), nil)
            row("Mean agent empathy (0–100)", metrics.meanEmpathy.map { NumberFormat.fixed($0, 1) } ?? "n/a", change(metrics.meanEmpathy, previous?.meanEmpathy, asPoints: false))
        }
        if let recovery = metrics.recoveryRate {
            row("Recovery rate", NumberFormat.percent(recovery), change(recovery, previous?.recoveryRate, asPoints: true))
        }
        lines.append("")
        return lines
    }

    func change(_ now: Double?, _ before: Double?, asPoints: Bool) -> String? {
        guard let now, let before else { return nil }
        return asPoints ? NumberFormat.points(now - before) : NumberFormat.signed(now - before, 3)
    }

    func painPoints() -> [String] {
        var lines = ["## Pain points", ""]
        guard !result.clusters.isEmpty else {
            lines.append("No negative customer feedback fell into a pain-point cluster in this run.")
            lines.append("")
            return lines
        }
        let negative = result.metrics.negative
        lines.append("\(negative) negative customer messages; \(negative - result.unclustered) fall into \(result.clusters.count) pain points, \(result.unclustered) fit none. Severity = complaints × mean negativity.")
        lines.append("")
        let hasPrevious = result.previous != nil
        lines.append("| # | Pain point | Volume | Share | \(hasPrevious ? "Change | " : "")Severity | Mean sentiment | Quote |")
        lines.append("|--:|---|--:|--:|\(hasPrevious ? "--:|" : "")--:|--:|---|")
        for (rank, cluster) in result.clusters.enumerated() {
            let quote = cluster.quotes.first.map { "“\(MarkdownText.escape(MarkdownText.shorten($0.text, to: 120)))”" } ?? ""
            var changeCell = ""
            if hasPrevious {
                if let before = result.previous?.clusters[cluster.id] {
                    changeCell = "\(NumberFormat.signed(Double(cluster.size - before.volume), 0)) | "
                } else {
                    changeCell = "new | "
                }
            }
            lines.append("| \(rank + 1) | \(MarkdownText.escape(cluster.label)) | \(cluster.size) | \(NumberFormat.percent(cluster.share)) | \(changeCell)\(NumberFormat.fixed(cluster.severity, 2)) | \(NumberFormat.fixed(cluster.meanSentiment, 3)) | \(quote) |")
        }
        lines.append("")
        return lines
    }

    func clusterSections() -> [String] {
        var lines: [String] = []
        for cluster in result.clusters.prefix(detailedClusters) {
            lines.append("### \(MarkdownText.escape(cluster.label))")
            lines.append("")
            lines.append("`\(cluster.id)` · \(cluster.size) complaints · \(NumberFormat.percent(cluster.share)) of negative feedback · mean sentiment \(NumberFormat.fixed(cluster.meanSentiment, 3)) · \(cluster.origin == .taxonomy ? "taxonomy aspect" : "discovered")")
            if !cluster.phrases.isEmpty {
                lines.append("")
                lines.append("Defining phrases: \(cluster.phrases.prefix(8).map { MarkdownText.escape($0) }.joined(separator: ", ")).")
            }
            for breakdown in cluster.segments {
                let parts = breakdown.counts.prefix(6).map { "\(MarkdownText.escape($0.value)) \($0.count)" }
                lines.append("")
                lines.append("By \(MarkdownText.escape(breakdown.name)): \(parts.joined(separator: " · "))")
            }
            if !cluster.quotes.isEmpty {
                lines.append("")
                for quote in cluster.quotes {
                    lines.append("> “\(MarkdownText.escape(MarkdownText.shorten(quote.text, to: 300)))” (\(MarkdownText.escape(quote.source)), \(NumberFormat.fixed(quote.compound, 2)))")
                    lines.append(">")
                }
                lines.removeLast()
            }
            lines.append("")
        }
        return lines
    }

    func conversations() -> [String] {
        let conversations = result.conversations
        guard !conversations.isEmpty else { return [] }
        var lines = ["## Conversations", ""]
        let counts = ConversationOutcome.allCases.map { outcome in (outcome, conversations.filter { $0.outcome == outcome }.count) }
        lines.append("| Outcome | Conversations | Share |")
        lines.append("|---|--:|--:|")
        for (outcome, count) in counts {
            lines.append("| \(outcome.rawValue) | \(count) | \(NumberFormat.percent(Double(count) / Double(conversations.count))) |")
        }
        lines.append("")
        if let recovery = result.metrics.recoveryRate {
            lines.append("Of the conversations that began with a negative customer message, \(NumberFormat.percent(recovery)) ended recovered.")
            lines.append("")
        }
        return lines
    }

    func agents() -> [String] {
        guard !result.agents.isEmpty else { return [] }
        var lines = ["## Agents", ""]
        lines.append("| Agent | Replies | Mean empathy | Acknowledged negative messages | Anti-patterns | Conversations | Recovery |")
        lines.append("|---|--:|--:|--:|---|--:|--:|")
        for agent in result.agents {
            let anti = agent.antiPatterns.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("| \(MarkdownText.escape(agent.agent)) | \(agent.messages) | \(NumberFormat.fixed(agent.meanEmpathy, 1)) | \(NumberFormat.percent(agent.acknowledgmentRate)) | \(anti.isEmpty ? "none" : anti) | \(agent.conversations) | \(NumberFormat.percent(agent.recoveryRate)) |")
        }
        lines.append("")
        return lines
    }

    func dataQuality() -> [String] {
        var lines = ["## Data quality", ""]
        var reasons: [String: Int] = [:]
        for source in result.sources {
            for (reason, count) in source.rejectReasons { reasons[reason, default: 0] += count }
        }
        if reasons.isEmpty {
            lines.append("No records were rejected.")
        } else {
            lines.append("| Reject reason | Records |")
            lines.append("|---|--:|")
            for (reason, count) in reasons.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                lines.append("| \(MarkdownText.escape(reason)) | \(count) |")
            }
            lines.append("")
            lines.append("Each rejected record is listed with its file, line and reason in `rejects.jsonl`.")
        }
        lines.append("")
        let duplicates = result.totalDuplicates
        let invalid = result.sources.reduce(0) { $0 + $1.invalidText }
        lines.append("Duplicates dropped: \(duplicates). Records with invalid text replaced: \(invalid).")
        lines.append("")
        return lines
    }
}

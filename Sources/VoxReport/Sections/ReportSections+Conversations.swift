import Foundation
import VoxModel

extension ReportSections {
    /// Outcomes, reply and resolution times, and the conversations that went worst.
    func conversations() -> [ReportBlock] {
        let conversations = result.conversations
        guard !conversations.isEmpty else { return [] }
        var table = ReportTable(columns: [.init("Outcome"), .init("Conversations", .right), .init("Share", .right)])
        for outcome in ConversationOutcome.allCases {
            let count = conversations.count(of: outcome)
            table.append([.plain(outcome.rawValue), .plain(NumberFormat.count(count)), .plain(NumberFormat.percent(Double(count) / Double(conversations.count)))])
        }
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Conversations", anchor: "conversations"), .table(table)]
        if let recovery = result.metrics.recoveryRate {
            blocks.append(.paragraph("Of the conversations that began with a negative customer message, \(strong: NumberFormat.percent(recovery)) ended recovered."))
        }
        // One pass over the conversations (each is read back from scratch): a run may list
        // hundreds of thousands, and the section is made for each report format.
        let digest = Self.digest(conversations, limit: Self.listedConversations)
        var times: [ReportText] = []
        let replies = digest.firstReplySeconds
        if let median = Self.median(replies) {
            times.append("median first reply \(strong: Self.duration(median)) (\(NumberFormat.count(replies.count)) conversations)")
        }
        let resolutions = digest.resolutionSeconds
        if let median = Self.median(resolutions) {
            times.append("median time from first to last message \(strong: Self.duration(median)) (\(NumberFormat.count(resolutions.count)) conversations)")
        }
        if !times.isEmpty { blocks.append(.paragraph(ReportText.join(times, " · ") + ".")) }
        let worstCount = conversations.count(of: .worsened) + conversations.count(of: .unresolved)
        let worst = digest.worst
        if !worst.isEmpty {
            blocks.append(.paragraph("Conversations that worsened or were left unresolved, largest fall first:"))
            var list = ReportTable(columns: [
                .init("Conversation"), .init("Outcome"), .init("Start", .right), .init("End", .right), .init("Change", .right),
                .init("Agent empathy", .right), .init("First reply", .right), .init("Agents"),
            ])
            for conversation in worst {
                list.append([
                    .code(conversation.id), .plain(conversation.outcome.rawValue),
                    .plain(conversation.startCompound.map { NumberFormat.fixed($0, 2) } ?? "n/a"),
                    .plain(conversation.endCompound.map { NumberFormat.fixed($0, 2) } ?? "n/a"),
                    .plain(conversation.change.map { NumberFormat.signed($0, 2) } ?? "n/a"),
                    .plain(conversation.meanEmpathy.map { NumberFormat.fixed($0, 1) } ?? "n/a"),
                    .plain(conversation.firstReplySeconds.map(Self.duration) ?? "n/a"),
                    .plain(conversation.agents.isEmpty ? "none" : conversation.agents.joined(separator: ", ")),
                ])
            }
            blocks.append(.table(list))
            if worstCount > Self.listedConversations {
                blocks.append(.paragraph(.plain("\(worstCount - Self.listedConversations) more in report.json.")))
            }
        }
        return blocks
    }

    static let listedConversations = 10

    /// What the conversations section reads from every conversation, in input order: the first
    /// reply and resolution times there are, and the `limit` conversations that worsened or were
    /// left unresolved with the largest fall (then by source and id), in that order, kept while
    /// passing, as there may be hundreds of thousands to choose from.
    static func digest(_ conversations: ConversationSummaries, limit: Int) -> (
        firstReplySeconds: [Double], resolutionSeconds: [Double], worst: [ConversationSummary]
    ) {
        func before(_ a: ConversationSummary, _ b: ConversationSummary) -> Bool {
            (a.change ?? 0, a.source, a.id) < (b.change ?? 0, b.source, b.id)
        }
        var replies: [Double] = [], resolutions: [Double] = []
        var kept: [ConversationSummary] = []
        for conversation in conversations {
            if let seconds = conversation.firstReplySeconds { replies.append(seconds) }
            if let seconds = conversation.resolutionSeconds { resolutions.append(seconds) }
            guard conversation.outcome == .worsened || conversation.outcome == .unresolved,
                  kept.count < limit || before(conversation, kept[kept.count - 1]) else { continue }
            let position = kept.firstIndex { before(conversation, $0) } ?? kept.count
            kept.insert(conversation, at: position)
            if kept.count > limit { kept.removeLast() }
        }
        return (replies, resolutions, kept)
    }

    /// Per agent, then per team or channel: how they write and how their conversations end.
    func agents() -> [ReportBlock] {
        guard !result.agents.isEmpty else { return [] }
        var table = Self.replyTable(first: "Agent")
        for agent in result.agents {
            table.append(Self.replyRow(.plain(agent.agent), ReplyFigures(
                messages: agent.messages, meanEmpathy: agent.meanEmpathy, acknowledgmentRate: agent.acknowledgmentRate,
                personalizationRate: agent.personalizationRate, antiPatterns: agent.antiPatterns,
                conversations: agent.conversations, recoveryRate: agent.recoveryRate
            )))
        }
        var blocks: [ReportBlock] = [
            .heading(level: 2, text: "Agents", anchor: "agents"),
            .paragraph("Acknowledged: share of replies to a negative customer message that acknowledge the feeling or apologise. Personal: share of replies in conversations that use the customer's name or a detail of their case. Recovery: of the conversations that began negative, the share that ended recovered."),
            .table(table),
        ]
        let canned = result.agents.flatMap { agent in agent.cannedPhrases.map { (agent.agent, $0) } }
        if !canned.isEmpty {
            blocks.append(.paragraph("Canned phrases (in \(NumberFormat.percent(0.6)) or more of an agent's replies):"))
            blocks.append(.bullets(canned.map { agent, phrase in
                "\(agent): \(quoted: phrase.phrase) in \(NumberFormat.count(phrase.replies)) replies (\(NumberFormat.percent(phrase.share)))"
            }))
        }
        let segments = result.service.segments
        if !segments.isEmpty {
            var bySegment = Self.replyTable(first: "Segment")
            for row in segments { bySegment.append(Self.replyRow("\(row.segment) \(code: row.value)", row.figures)) }
            blocks.append(.paragraph("The same per segment of the agents' replies:"))
            blocks.append(.table(bySegment))
        }
        return blocks
    }

    static func replyTable(first: String) -> ReportTable {
        ReportTable(columns: [
            .init(first), .init("Replies", .right), .init("Mean empathy", .right), .init("Acknowledged", .right),
            .init("Personal", .right), .init("Anti-patterns"), .init("Conversations", .right), .init("Recovery", .right),
        ])
    }

    static func replyRow(_ name: ReportText, _ figures: ReplyFigures) -> [ReportText] {
        let anti = figures.antiPatterns.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return [
            name, .plain(NumberFormat.count(figures.messages)), .plain(NumberFormat.fixed(figures.meanEmpathy, 1)),
            .plain(NumberFormat.percent(figures.acknowledgmentRate)), .plain(NumberFormat.percent(figures.personalizationRate)),
            .plain(anti.isEmpty ? "none" : anti), .plain(NumberFormat.count(figures.conversations)),
            .plain(NumberFormat.percent(figures.recoveryRate)),
        ]
    }

    /// Coaching examples, exemplary replies, and recovery by empathy.
    func coaching() -> [ReportBlock] {
        let service = result.service
        guard !service.coachingExamples.isEmpty || service.empathyVersusRecovery != nil else { return [] }
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Empathy and recovery", anchor: "empathy-and-recovery")]
        if let split = service.empathyVersusRecovery {
            var table = ReportTable(columns: [.init("Conversations that began negative"), .init("Conversations", .right), .init("Recovered", .right), .init("Recovery", .right)])
            let threshold = NumberFormat.fixed(split.threshold, 0)
            table.append([.plain("agent empathy ≥ \(threshold)"), .plain(NumberFormat.count(split.highConversations)),
                          .plain(NumberFormat.count(split.highRecovered)), .plain(NumberFormat.percent(split.highRate))])
            table.append([.plain("agent empathy < \(threshold)"), .plain(NumberFormat.count(split.lowConversations)),
                          .plain(NumberFormat.count(split.lowRecovered)), .plain(NumberFormat.percent(split.lowRate))])
            blocks.append(.table(table))
        }
        if !service.coachingExamples.isEmpty {
            blocks.append(.heading(level: 3, text: "Coaching examples", anchor: "coaching-examples"))
            blocks.append(.paragraph("The lowest-scoring replies to negative customer messages, with the message they answered:"))
            blocks += service.coachingExamples.flatMap(exampleBlocks)
        }
        if !service.exemplaryReplies.isEmpty {
            blocks.append(.heading(level: 3, text: "Exemplary replies", anchor: "exemplary-replies"))
            blocks.append(.paragraph("The highest-scoring replies to negative customer messages, without anti-patterns:"))
            blocks += service.exemplaryReplies.flatMap(exampleBlocks)
        }
        return blocks
    }

    func exampleBlocks(_ example: ReplyExample) -> [ReportBlock] {
        let found = example.categories.map(\.rawValue) + example.antiPatterns.map { "\($0.rawValue) (anti-pattern)" }
        return [
            .paragraph("\(strong: example.agent), conversation \(code: example.conversation), reply \(code: example.recordID): empathy \(strong: NumberFormat.fixed(example.empathy, 1))"
                + ReportText.plain(found.isEmpty ? ", no empathy phrases" : " (\(found.joined(separator: ", ")))")),
            .quotes([
                "Customer (sentiment \(NumberFormat.fixed(example.customerCompound, 2))): \(quoted: InlineText.shorten(example.customerMessage, to: 300))",
                "Agent: \(quoted: InlineText.shorten(example.reply, to: 300))",
            ]),
        ]
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Seconds as `45 s`, `12 min`, `3.5 h` or `2.1 days`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 0 { return "−" + duration(-seconds) }
        if seconds < 60 { return "\(NumberFormat.fixed(seconds, 0)) s" }
        if seconds < 3600 { return "\(NumberFormat.fixed(seconds / 60, 0)) min" }
        if seconds < 86_400 { return "\(NumberFormat.fixed(seconds / 3600, 1)) h" }
        return "\(NumberFormat.fixed(seconds / 86_400, 1)) days"
    }
}

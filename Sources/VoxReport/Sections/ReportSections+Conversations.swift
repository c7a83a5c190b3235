import VoxModel

extension ReportSections {
    func conversations() -> [ReportBlock] {
        let conversations = result.conversations
        guard !conversations.isEmpty else { return [] }
        var table = ReportTable(columns: [.init("Outcome"), .init("Conversations", .right), .init("Share", .right)])
        for outcome in ConversationOutcome.allCases {
            let count = conversations.filter { $0.outcome == outcome }.count
            table.append([.plain(outcome.rawValue), .plain(NumberFormat.count(count)), .plain(NumberFormat.percent(Double(count) / Double(conversations.count)))])
        }
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Conversations", anchor: "conversations"), .table(table)]
        if let recovery = result.metrics.recoveryRate {
            blocks.append(.paragraph("Of the conversations that began with a negative customer message, \(strong: NumberFormat.percent(recovery)) ended recovered."))
        }
        return blocks
    }

    func agents() -> [ReportBlock] {
        guard !result.agents.isEmpty else { return [] }
        var table = ReportTable(columns: [
            .init("Agent"), .init("Replies", .right), .init("Mean empathy", .right), .init("Acknowledged negative messages", .right),
            .init("Anti-patterns"), .init("Conversations", .right), .init("Recovery", .right),
        ])
        for agent in result.agents {
            let anti = agent.antiPatterns.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            table.append([
                .plain(agent.agent), .plain(NumberFormat.count(agent.messages)), .plain(NumberFormat.fixed(agent.meanEmpathy, 1)),
                .plain(NumberFormat.percent(agent.acknowledgmentRate)), .plain(anti.isEmpty ? "none" : anti),
                .plain(NumberFormat.count(agent.conversations)), .plain(NumberFormat.percent(agent.recoveryRate)),
            ])
        }
        return [.heading(level: 2, text: "Agents", anchor: "agents"), .table(table)]
    }
}

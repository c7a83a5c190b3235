import Foundation
import Testing
import VoxModel
@testable import VoxAggregate

/// Conversations, agent figures, canned phrases, personalization and coaching examples, from
/// hand-made scored records whose numbers are chosen so the expected figures can be worked out.
@Suite("Conversations and agent figures")
struct ConversationTests {
    @Test("InternTable: ids in first-seen order, the same id for an equal value, through many growths and a merge")
    func internTable() {
        var table = InternTable<ConversationKey>()
        let keys = (0..<5_000).map { ConversationKey(source: "s\($0 % 3)", id: "c-\($0)") }
        for (index, key) in keys.enumerated() { #expect(table.id(key) == UInt32(index)) }
        for (index, key) in keys.enumerated().reversed() { #expect(table.id(key) == UInt32(index)) }
        #expect(table.count == keys.count)
        #expect(table[4_321] == keys[4_321])
        var other = InternTable<ConversationKey>()
        _ = other.id(keys[7])
        _ = other.id(ConversationKey(source: "s9", id: "new"))
        #expect(table.ids(for: other) == [7, UInt32(keys.count)])
    }

    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// A scored message of conversation `conversation` at `minute` minutes after `start`.
    static func message(
        _ conversation: String, _ minute: Double?, _ role: Role, compound: Double, empathy: EmpathyScore? = nil,
        author: String? = nil, text: String = "text", id: String? = nil, segments: [Segment] = []
    ) -> ScoredRecord {
        let record = FeedbackRecord(
            id: id ?? "\(conversation)-\(minute ?? -1)-\(role.rawValue)", source: "desk", text: text,
            time: minute.map { start.addingTimeInterval($0 * 60) }, role: role, conversation: conversation, author: author,
            segments: segments, location: InputLocation(file: "desk.json", line: 1)
        )
        let label: SentimentLabel = compound <= -0.05 ? .negative : compound >= 0.05 ? .positive : .neutral
        return ScoredRecord(
            record: record, sentiment: SentimentScore(compound: compound, positive: 0, neutral: 1, negative: 0, label: label),
            empathy: role == .agent ? (empathy ?? EmpathyScore.none) : nil
        )
    }

    static func empathy(_ score: Double, _ categories: [EmpathyCategory] = [], anti: [EmpathyAntiPattern] = [], phrases: [String] = []) -> EmpathyScore {
        EmpathyScore(
            score: score, categories: categories,
            evidence: phrases.map { EmpathyEvidence(category: "apology", text: $0, start: 0, end: $0.count, weight: 1) },
            antiPatterns: anti
        )
    }

    static func aggregate(_ records: [ScoredRecord], cues: [String: ConversationCues] = [:]) -> RunAggregator.Summary {
        var aggregator = RunAggregator()
        for (ordinal, record) in records.enumerated() {
            aggregator.add(record, ordinal: ordinal, cues: cues[record.record.id])
        }
        // Conversations wait in memory scratch here, which cannot fail.
        return try! aggregator.finish(clusterInfo: [:])
    }

    @Test("the conversation pass run first (as the runner does, beside discovery) gives the same summary as finish alone")
    func passRunFirst() throws {
        var aggregator = RunAggregator()
        let records = [
            Self.message("a", 0, .customer, compound: -0.6, author: "Helen M"),
            Self.message("a", 5, .agent, compound: 0.2, empathy: Self.empathy(70, [.apology]), author: "Priya"),
            Self.message("a", 9, .customer, compound: 0.4),
            Self.message("b", 0, .customer, compound: -0.3), Self.message("b", 4, .agent, compound: 0, empathy: Self.empathy(10), author: "Sam"),
            Self.message("c", nil, .customer, compound: 0.5),
        ]
        for (ordinal, record) in records.enumerated() { aggregator.add(record, ordinal: ordinal) }
        let alone = try aggregator.finish(clusterInfo: [:])
        let first = try aggregator.finish(clusterInfo: [:], conversationPass: aggregator.conversationPass())
        #expect(Array(first.conversations) == Array(alone.conversations))
        #expect(Array(alone.conversations).count == 3)
        #expect(first.agents == alone.agents)
        #expect(first.service == alone.service)
        #expect(first.metrics == alone.metrics)
    }

    @Test("outcomes: recovered, worsened, unchanged, and unresolved when the customer spoke last and negative")
    func outcomes() {
        let summary = Self.aggregate([
            Self.message("a", 0, .customer, compound: -0.6), Self.message("a", 5, .agent, compound: 0.2), Self.message("a", 9, .customer, compound: 0.4),
            Self.message("b", 0, .customer, compound: 0.3), Self.message("b", 5, .agent, compound: 0), Self.message("b", 9, .customer, compound: 0.0),
            Self.message("c", 0, .customer, compound: -0.3), Self.message("c", 5, .agent, compound: 0), Self.message("c", 9, .customer, compound: -0.2),
            Self.message("d", 0, .customer, compound: 0.1), Self.message("d", 5, .agent, compound: 0), Self.message("d", 9, .customer, compound: 0.2),
        ])
        #expect(summary.conversations.map(\.id) == ["a", "b", "c", "d"])
        // a: −0.6 → 0.4 (+1.0); b: 0.3 → 0.0 (−0.3); c: last customer message negative; d: +0.1 < 0.25.
        #expect(summary.conversations.map(\.outcome) == [.recovered, .worsened, .unresolved, .unchanged])
        #expect(Array(summary.conversations)[0].change == 1.0)
        // Of a and c (began negative), a recovered.
        #expect(summary.metrics.recoveryRate == 0.5)
    }

    @Test("messages are ordered by time, not input order; first reply and resolution times in seconds")
    func times() throws {
        let summary = Self.aggregate([
            Self.message("a", 30, .customer, compound: 0.5),
            Self.message("a", 12, .agent, compound: 0),
            Self.message("a", 2, .customer, compound: -0.5),
        ])
        let conversation = try #require(Array(summary.conversations).first)
        #expect(conversation.startCompound == -0.5 && conversation.endCompound == 0.5)
        #expect(conversation.outcome == .recovered)
        #expect(conversation.firstReplySeconds == 600)
        #expect(conversation.resolutionSeconds == 1680)
        // Without times, input order decides and no times are given.
        let untimed = Self.aggregate([Self.message("u", nil, .customer, compound: -0.5), Self.message("u", nil, .agent, compound: 0)])
        let untimedConversation = try #require(Array(untimed.conversations).first)
        #expect(untimedConversation.firstReplySeconds == nil && untimedConversation.resolutionSeconds == nil)
        #expect(untimedConversation.outcome == .unchanged)
    }

    @Test("agent figures: acknowledgment share among replies to negative messages, anti-patterns, recovery")
    func agentFigures() throws {
        let warm = Self.empathy(80, [.apology])
        let flat = Self.empathy(10, anti: [.dismissive])
        let summary = Self.aggregate([
            Self.message("a", 0, .customer, compound: -0.6), Self.message("a", 1, .agent, compound: 0, empathy: warm, author: "Priya"),
            Self.message("a", 2, .customer, compound: 0.5), Self.message("a", 3, .agent, compound: 0, empathy: flat, author: "Priya"),
            Self.message("b", 0, .customer, compound: -0.6), Self.message("b", 1, .agent, compound: 0, empathy: flat, author: "Brett"),
            Self.message("b", 2, .customer, compound: -0.7),
        ])
        let priya = try #require(summary.agents.first { $0.agent == "Priya" })
        let brett = try #require(summary.agents.first { $0.agent == "Brett" })
        // Priya: two replies, mean (80 + 10) / 2; one reply answered a negative message and apologised.
        #expect(priya.messages == 2 && priya.meanEmpathy == 45)
        #expect(priya.acknowledgmentRate == 1)
        #expect(priya.antiPatterns == ["dismissive": 1])
        #expect(priya.recoveryRate == 1)
        #expect(brett.acknowledgmentRate == 0 && brett.recoveryRate == 0)
        // Conversation a (mean empathy 45) and b (10) both < 50: nothing in the high group.
        let split = try #require(summary.service.empathyVersusRecovery)
        #expect(split.highConversations == 0 && split.lowConversations == 2 && split.lowRecovered == 1)
    }

    @Test("empathy vs recovery counts conversations that began negative, split at mean empathy 50")
    func empathyVersusRecovery() throws {
        let summary = Self.aggregate([
            Self.message("a", 0, .customer, compound: -0.6), Self.message("a", 1, .agent, compound: 0, empathy: Self.empathy(90)),
            Self.message("a", 2, .customer, compound: 0.5),
            Self.message("b", 0, .customer, compound: -0.6), Self.message("b", 1, .agent, compound: 0, empathy: Self.empathy(60)),
            Self.message("b", 2, .customer, compound: -0.1),
            Self.message("c", 0, .customer, compound: -0.6), Self.message("c", 1, .agent, compound: 0, empathy: Self.empathy(20)),
            Self.message("c", 2, .customer, compound: 0.1),
            // Began positive: not counted.
            Self.message("d", 0, .customer, compound: 0.6), Self.message("d", 1, .agent, compound: 0, empathy: Self.empathy(90)),
        ])
        let split = try #require(summary.service.empathyVersusRecovery)
        #expect([split.highConversations, split.highRecovered, split.lowConversations, split.lowRecovered] == [2, 1, 1, 1] as [Int])
        #expect(split.highRate == 0.5 && split.lowRate == 1)
    }

    @Test("canned overuse: a phrase in 60% or more of an agent's replies, from 5 replies on")
    func cannedOveruse() {
        var accumulator = AgentAccumulator()
        for index in 0..<5 {
            let phrases = index < 3 ? ["Thanks for reaching out", "thanks for reaching out"] : ["I'm sorry"]
            accumulator.add(Self.empathy(20, phrases: phrases))
        }
        // Counted once per reply, case ignored: 3 of 5 = 60%.
        #expect(accumulator.cannedPhrases == [CannedPhrase(phrase: "thanks for reaching out", replies: 3, share: 0.6)])
        var fewer = AgentAccumulator()
        for _ in 0..<4 { fewer.add(Self.empathy(20, phrases: ["thanks for reaching out"])) }
        #expect(fewer.cannedPhrases.isEmpty, "four replies are too few to call a phrase canned")
        var varied = AgentAccumulator()
        for index in 0..<5 { varied.add(Self.empathy(20, phrases: [index < 2 ? "so sorry" : "thank you"])) }
        #expect(varied.cannedPhrases.map(\.phrase) == ["thank you"])
    }

    @Test("personalization: a reply that uses the customer's name or a detail they gave earlier")
    func personalization() throws {
        let records = [
            Self.message("a", 0, .customer, compound: -0.5, author: "Helen M.", id: "c1"),
            Self.message("a", 1, .agent, compound: 0, author: "Priya", id: "r1"),
            Self.message("a", 2, .agent, compound: 0, author: "Priya", id: "r2"),
            Self.message("a", 3, .agent, compound: 0, author: "Priya", id: "r3"),
            Self.message("a", 4, .agent, compound: 0, author: "Jonas", id: "r4"),
            Self.message("a", 5, .customer, compound: 0, author: "Helen M.", id: "c2"),
            Self.message("a", 6, .agent, compound: 0, author: "Jonas", id: "r5"),
        ]
        let cues: [String: ConversationCues] = [
            "c1": ConversationCues(mentions: ["px-40112", "monday"], customerName: "helen"),
            "r1": ConversationCues(mentions: ["helen"]),
            "r2": ConversationCues(mentions: ["px-40112"]),
            // A capitalised word of the customer's message is not a case detail.
            "r3": ConversationCues(mentions: ["monday", "px-99999"]),
            // Mentions a detail the customer gives only later.
            "r4": ConversationCues(mentions: ["5.2.0"]),
            "c2": ConversationCues(mentions: ["5.2.0"], customerName: "helen"),
            "r5": ConversationCues(mentions: ["5.2.0"]),
        ]
        let summary = Self.aggregate(records, cues: cues)
        #expect(summary.agents.first { $0.agent == "Priya" }?.personalizationRate == Figures.round(2.0 / 3.0))
        #expect(summary.agents.first { $0.agent == "Jonas" }?.personalizationRate == 0.5)
    }

    @Test("coaching examples quote the negative customer message a low reply answered; exemplary replies have no anti-patterns")
    func coachingExamples() throws {
        let records = [
            Self.message("a", 0, .customer, compound: -0.6, text: "My order never came."),
            Self.message("a", 1, .agent, compound: 0, empathy: Self.empathy(0, anti: [.dismissive]), author: "Brett", text: "That's our policy."),
            Self.message("b", 0, .customer, compound: 0.6, text: "Thanks, all good!"),
            Self.message("b", 1, .agent, compound: 0, empathy: Self.empathy(0), author: "Brett", text: "Ok."),
            Self.message("c", 0, .customer, compound: -0.4, text: "The zip broke."),
            Self.message("c", 1, .agent, compound: 0, empathy: Self.empathy(85, [.apology]), author: "Priya", text: "I'm so sorry, Chloe."),
            Self.message("d", 0, .customer, compound: -0.4, text: "Charged twice."),
            Self.message("d", 1, .agent, compound: 0, empathy: Self.empathy(95, [.apology], anti: [.blame]), author: "Dana", text: "Sorry, you should have checked."),
        ]
        let summary = Self.aggregate(records)
        // b's reply scores 0 too but answered a happy customer; d's has an anti-pattern.
        #expect(summary.service.coachingExamples.map(\.conversation) == ["a", "c", "d"])
        let first = try #require(summary.service.coachingExamples.first)
        #expect(first.reply == "That's our policy." && first.customerMessage == "My order never came." && first.customerCompound == -0.6)
        #expect(summary.service.exemplaryReplies.map(\.conversation) == ["c"])
        // The same records split into chunks of any size and merged give the same examples.
        for size in 1...3 {
            var merged = RunAggregator()
            var ordinal = 0
            for chunk in stride(from: 0, to: records.count, by: size) {
                var part = RunAggregator()
                for record in records[chunk..<min(chunk + size, records.count)] {
                    part.add(record, ordinal: ordinal)
                    ordinal += 1
                }
                merged.merge(part)
            }
            let again = try merged.finish(clusterInfo: [:])
            #expect(again.service == summary.service)
        }
    }

    @Test("agent figures per segment value of the agents' messages")
    func segments() throws {
        let chat = [Segment(name: "channel", value: "chat")], phone = [Segment(name: "channel", value: "phone")]
        let summary = Self.aggregate([
            Self.message("a", 0, .customer, compound: -0.6, segments: chat),
            Self.message("a", 1, .agent, compound: 0, empathy: Self.empathy(80, [.acknowledgment]), author: "Priya", segments: chat),
            Self.message("a", 2, .customer, compound: 0.5, segments: chat),
            Self.message("b", 0, .customer, compound: -0.6, segments: phone),
            Self.message("b", 1, .agent, compound: 0, empathy: Self.empathy(20), author: "Priya", segments: phone),
        ])
        #expect(summary.service.segments.map(\.value) == ["chat", "phone"])
        let chatFigures = summary.service.segments[0].figures
        #expect(chatFigures.messages == 1 && chatFigures.meanEmpathy == 80 && chatFigures.acknowledgmentRate == 1 && chatFigures.recoveryRate == 1)
        let phoneFigures = summary.service.segments[1].figures
        #expect(phoneFigures.acknowledgmentRate == 0 && phoneFigures.recoveryRate == 0)
    }
}

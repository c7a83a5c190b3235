import Foundation
import Testing
import VoxModel
@testable import VoxPipeline

/// What the scoring engine reads from conversation messages for personalization: an agent's
/// capitalised words and case details, a customer's case details and first name. A customer
/// message without digits is not scanned at all; that must not lose anything the tracker uses.
@Suite("Conversation cues")
struct ConversationCuesTests {
    static let engine = try! ScoringEngine()

    static func record(_ text: String, _ role: Role, author: String? = nil) -> FeedbackRecord {
        FeedbackRecord(
            id: "m", source: "desk", text: text, role: role, conversation: "C-1", author: author,
            location: InputLocation(file: "desk.json", line: 1)
        )
    }

    @Test("a customer's case details and first name; an agent's capitalised words too")
    func cues() throws {
        let withDetail = try #require(Self.engine.cues(for: Self.record("Order PX-40112 never came, London depot says 62.40 refunded", .customer, author: "Dr Helen Marsh")))
        #expect(withDetail.mentions.contains("px-40112"))
        #expect(withDetail.mentions.contains("62.40"))
        #expect(withDetail.customerName == "helen")

        let plain = try #require(Self.engine.cues(for: Self.record("My parcel from London never came", .customer, author: "Helen")))
        #expect(plain.mentions.isEmpty)
        #expect(plain.customerName == "helen")

        let agent = try #require(Self.engine.cues(for: Self.record("Sorry Helen, the London depot has it", .agent, author: "Priya")))
        #expect(agent.mentions.contains("helen"))
        #expect(agent.mentions.contains("london"))
        #expect(agent.customerName == nil)
    }

    @Test("no cues outside conversations")
    func outside() {
        var record = Self.record("Order PX-40112", .customer)
        record.conversation = nil
        #expect(Self.engine.cues(for: record) == nil)
    }

    @Test("an agent reply's mentions read in the scoring scan are the cues read on their own; its empathy is unchanged")
    func agentMentionsFromScoring() throws {
        for text in ["Sorry Helen, the London depot has PX-40112 and 62.40 is refunded", "thanks, all sorted", "I understand. Ana from Returns here"] {
            let reply = Self.record(text, .agent, author: "Priya")
            let scored = Self.engine.score(reply)
            let mentions = try #require(scored.agentMentions)
            #expect(Self.engine.cues(for: reply, agentMentions: mentions) == Self.engine.cues(for: reply))
            #expect(scored.record.empathy == Self.engine.empathy.score(text))
        }
        // Outside a conversation nothing is read for cues.
        var alone = Self.record("Sorry Helen", .agent)
        alone.conversation = nil
        #expect(Self.engine.score(alone).agentMentions == nil)
    }
}

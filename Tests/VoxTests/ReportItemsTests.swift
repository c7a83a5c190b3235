import Foundation
import Testing
import VoxModel
@testable import VoxReport

/// report.json's conversations are written item by item without making a `JSONValue` of each;
/// the text must stay byte for byte what the same members as a `JSONValue` give, compact and
/// pretty, at any depth.
@Suite("report.json items written directly")
struct ReportItemsTests {
    static let conversations = [
        ConversationSummary(id: "C-1", source: "tickets", messages: 2, startCompound: 0.8993, endCompound: -0.9485,
                            outcome: .unresolved, meanEmpathy: nil, resolutionSeconds: 2),
        ConversationSummary(id: "q\"uote\\d\u{1}é", source: "chat", messages: 7, startCompound: -0.5, endCompound: 0.25,
                            outcome: .recovered, meanEmpathy: 62.5, firstReplySeconds: 90, resolutionSeconds: 86_400.5,
                            agents: ["ana", "Bo \"B\""]),
        ConversationSummary(id: "", source: "s", messages: 0, startCompound: nil, endCompound: nil, outcome: .unchanged, meanEmpathy: 0),
    ]

    /// The members as the report has always listed them.
    static func value(_ conversation: ConversationSummary) -> JSONValue {
        .object([
            ("id", .string(conversation.id)),
            ("source", .string(conversation.source)),
            ("messages", .int(conversation.messages)),
            ("start_compound", .number(conversation.startCompound)),
            ("end_compound", .number(conversation.endCompound)),
            ("change", .number(conversation.change.map { ($0 * 10_000).rounded() / 10_000 })),
            ("outcome", .string(conversation.outcome.rawValue)),
            ("mean_empathy", .number(conversation.meanEmpathy)),
            ("first_reply_seconds", .number(conversation.firstReplySeconds)),
            ("resolution_seconds", .number(conversation.resolutionSeconds)),
            ("agents", .array(conversation.agents.map { .string($0) })),
        ])
    }

    @Test("a conversation written directly reads as its JSONValue, compact and pretty")
    func conversations() {
        let summaries = ConversationSummaries(Self.conversations)
        let written = ReportJSON.conversations(summaries)
        let outcomes: [String: JSONValue] = Dictionary(uniqueKeysWithValues: ConversationOutcome.allCases.map {
            ($0.rawValue, JSONValue.int(summaries.count(of: $0)))
        })
        let built = JSONValue.object([
            ("count", .int(3)), ("outcomes", .sortedObject(outcomes)), ("items", .array(Self.conversations.map(Self.value))),
        ])
        #expect(written.pretty() == built.pretty())
        #expect(written.compact() == built.compact())
        // Nested deeper, as in report.json.
        #expect(JSONValue.object([("conversations", written)]).pretty() == JSONValue.object([("conversations", built)]).pretty())
    }

    @Test("an object written member by member reads as .object; an empty one as {}")
    func objectWriter() {
        for indent in [nil, 2] as [Int?] {
            for level in [0, 3] {
                var out: [UInt8] = []
                var object = JSONValue.ObjectWriter(indent: indent, level: level, to: &out)
                object.member("a", .int(1), to: &out)
                object.member("b", .array([.null, .object([])]), to: &out)
                object.end(to: &out)
                var expected: [UInt8] = []
                JSONValue.object([("a", .int(1)), ("b", .array([.null, .object([])]))]).write(to: &expected, indent: indent, level: level, flush: nil)
                #expect(out == expected)
                var empty: [UInt8] = []
                JSONValue.ObjectWriter(indent: indent, level: level, to: &empty).end(to: &empty)
                #expect(String(decoding: empty, as: UTF8.self) == "{}")
            }
        }
    }
}

import Foundation
import Testing
import VoxModel
@testable import VoxAggregate

/// The pools of lowest- and highest-scoring replies are kept sorted as replies arrive; whatever
/// the arrival order and chunking, they must hold exactly the first `poolSize` of all replies in
/// the pools' total order.
@Suite("Reply example pools")
struct ReplyExamplesTests {
    /// `count` agent replies with scores from a few values (many ties), some with anti-patterns,
    /// spread over conversations whose ids sort differently from their input order.
    static func replies(_ count: Int) -> [ScoredRecord] {
        var random = SeededRandom(seed: 9)
        return (0..<count).map { index in
            let score = [0, 0, 12.5, 40, 40, 77.7, 90][Int.random(in: 0..<7, using: &random)]
            let conversation = "c\(Int.random(in: 0..<40, using: &random))"
            let anti: [EmpathyAntiPattern] = Int.random(in: 0..<5, using: &random) == 0 ? [.dismissive] : []
            return ConversationTests.message(
                conversation, Double(index), .agent, compound: 0, empathy: ConversationTests.empathy(score, anti: anti),
                id: "r\(index)"
            )
        }
    }

    /// What the pools must hold: every reply ranked, the first `poolSize` kept.
    static func expected(_ records: [ScoredRecord]) -> (lowest: [Int], highest: [Int]) {
        var examples: [ReplyExample] = []
        for (ordinal, scored) in records.enumerated() {
            // A pool of one reply holds that reply's example.
            var one = ReplyExamples()
            one.add(scored, ordinal: ordinal)
            examples += one.lowest
        }
        let lowest = ReplyExamples.keep(examples, by: ReplyExamples.lowerFirst)
        let highest = ReplyExamples.keep(
            examples.filter { $0.antiPatterns.isEmpty && $0.empathy > 0 }, by: ReplyExamples.higherFirst
        )
        return (lowest.map(\.ordinal), highest.map(\.ordinal))
    }

    @Test("added one by one, in any order, the pools are the first of all replies in their order")
    func oneByOne() {
        let records = Self.replies(600)
        let expected = Self.expected(records)
        var random = SeededRandom(seed: 4)
        for order in [Array(records.indices), Array(records.indices.reversed()), records.indices.shuffled(using: &random)] {
            var examples = ReplyExamples()
            for ordinal in order { examples.add(records[ordinal], ordinal: ordinal) }
            #expect(examples.lowest.map(\.ordinal) == expected.lowest)
            #expect(examples.highest.map(\.ordinal) == expected.highest)
            #expect(examples.lowest.count == ReplyExamples.poolSize)
        }
    }

    @Test("chunks merged in order give the same pools as one pass")
    func chunks() {
        let records = Self.replies(600)
        let expected = Self.expected(records)
        var merged = ReplyExamples()
        for start in stride(from: 0, to: records.count, by: 97) {
            var chunk = ReplyExamples()
            for ordinal in start..<min(start + 97, records.count) { chunk.add(records[ordinal], ordinal: ordinal) }
            merged.merge(chunk)
        }
        #expect(merged.lowest.map(\.ordinal) == expected.lowest)
        #expect(merged.highest.map(\.ordinal) == expected.highest)
    }

    @Test("quotes are cut at 400 characters, however many bytes they take")
    func quoteLength() {
        let ascii = String(repeating: "a", count: 400)
        #expect(ReplyExamples.quote(ascii) == ascii)
        #expect(ReplyExamples.quote(ascii + "b") == String(repeating: "a", count: 399) + "…")
        let accented = String(repeating: "é", count: 400) // 800 bytes, 400 characters
        #expect(ReplyExamples.quote(accented) == accented)
        #expect(ReplyExamples.quote(accented + "é").count == 400)
        #expect(ReplyExamples.quote(accented + "é").hasSuffix("é…"))
    }
}

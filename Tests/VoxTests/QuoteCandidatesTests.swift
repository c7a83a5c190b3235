import Foundation
import Testing
import VoxModel
@testable import VoxAggregate

/// A cluster keeps its best quote candidates sorted as complaints arrive (and skips most once
/// full); whatever the arrival order and chunking, it must hold exactly the first
/// `QuoteCandidate.limit` of all complaints in the quotes' order.
@Suite("Quote candidates of a cluster")
struct QuoteCandidatesTests {
    /// `count` complaints with few distinct strengths and text lengths (many ties, broken by
    /// source and id), from two sources.
    static func complaints(_ count: Int) -> [(id: String, source: String, text: String, strength: Int)] {
        var random = SeededRandom(seed: 31)
        return (0..<count).map { index in
            let words = [3, 20, 24, 25, 26, 40][Int.random(in: 0..<6, using: &random)]
            let text = Array(repeating: "late", count: words).joined(separator: " ")
            return ("q\(Int.random(in: 0..<10_000, using: &random))-\(index)", index % 3 == 0 ? "tickets" : "survey", text,
                    Int.random(in: 1...4, using: &random))
        }
    }

    static func accumulated(_ complaints: ArraySlice<(id: String, source: String, text: String, strength: Int)>) -> ClusterAccumulator {
        var accumulator = ClusterAccumulator()
        for complaint in complaints {
            accumulator.add(recordID: complaint.id, source: complaint.source, text: complaint.text, compound: -0.5, segments: [], strength: complaint.strength)
        }
        return accumulator
    }

    static func expected(_ complaints: [(id: String, source: String, text: String, strength: Int)]) -> [String] {
        let all = complaints.map { QuoteCandidate(recordID: $0.id, source: $0.source, text: $0.text, compound: -0.5, strength: $0.strength) }
        return all.sorted(by: QuoteCandidate.preferred).prefix(QuoteCandidate.limit).map(\.recordID)
    }

    @Test("added in any order, the candidates are the first of all complaints in the quotes' order")
    func anyOrder() {
        let complaints = Self.complaints(700)
        let expected = Self.expected(complaints)
        var random = SeededRandom(seed: 5)
        for order in [complaints, complaints.reversed(), complaints.shuffled(using: &random)] {
            let accumulator = Self.accumulated(order[...])
            #expect(accumulator.candidates.map(\.recordID) == expected)
            #expect(accumulator.size == 700)
        }
    }

    @Test("chunks merged in any grouping keep the same candidates")
    func chunks() {
        let complaints = Self.complaints(700)
        let expected = Self.expected(complaints)
        for chunkSize in [1, 23, 97, 700] {
            var merged = ClusterAccumulator()
            for start in stride(from: 0, to: complaints.count, by: chunkSize) {
                merged.merge(Self.accumulated(complaints[start..<min(start + chunkSize, complaints.count)]))
            }
            #expect(merged.candidates.map(\.recordID) == expected, "chunks of \(chunkSize)")
            #expect(merged.size == 700)
        }
    }
}

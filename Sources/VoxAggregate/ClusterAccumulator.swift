import VoxModel
import VoxText

/// Running figures for one pain-point cluster. Mergeable, and bounded: it keeps the best
/// `QuoteCandidate.limit` quote candidates under a total order, sorted, so the kept set does not
/// depend on how records were split into chunks.
public struct ClusterAccumulator: Sendable, Hashable {
    public var size = 0
    public var compoundSum = ExactSum()
    /// Segment name → value → records.
    public var segments: [String: [String: Int]] = [:]
    public private(set) var candidates: [QuoteCandidate] = []

    public init() {}

    public mutating func add(_ scored: ScoredRecord, strength: Int) {
        add(recordID: scored.record.id, source: scored.record.source, text: scored.record.text,
            compound: scored.sentiment.compound, segments: scored.record.segments, strength: strength)
    }

    /// A record that discovery assigned after the scoring pass.
    public mutating func add(_ candidate: DiscoveryCandidate, strength: Int) {
        add(recordID: candidate.recordID, source: candidate.source, text: candidate.text,
            compound: candidate.compound, segments: candidate.segments, strength: strength)
    }

    mutating func add(recordID: String, source: String, text: String, compound: Double, segments recordSegments: [Segment], strength: Int) {
        size += 1
        compoundSum.add(compound)
        for segment in recordSegments { segments[segment.name, default: [:]][segment.value, default: 0] += 1 }
        // Once the pool is full most complaints cannot enter it: weaker evidence than its last
        // is known before counting the text's characters.
        if candidates.count >= QuoteCandidate.limit, let last = candidates.last, strength < last.strength { return }
        let candidate = QuoteCandidate(recordID: recordID, source: source, text: text, compound: compound, strength: strength)
        SortedPool.insert(candidate, into: &candidates, limit: QuoteCandidate.limit, by: QuoteCandidate.preferred)
    }

    public mutating func merge(_ other: ClusterAccumulator) {
        size += other.size
        compoundSum.merge(other.compoundSum)
        for (name, values) in other.segments {
            for (value, count) in values { segments[name, default: [:]][value, default: 0] += count }
        }
        for candidate in other.candidates {
            SortedPool.insert(candidate, into: &candidates, limit: QuoteCandidate.limit, by: QuoteCandidate.preferred)
        }
    }

    public var meanCompound: Double { size == 0 ? 0 : compoundSum.value / Double(size) }
}

/// A record that could be quoted for its cluster.
public struct QuoteCandidate: Sendable, Hashable {
    public static let limit = 24

    public var recordID: String
    public var source: String
    public let text: String
    public var compound: Double
    /// How much cluster evidence the record carries.
    public var strength: Int
    /// How far the text's length in characters is from a readable 140, counted once: sorting
    /// compares it often, and counting characters walks the whole text.
    let readability: Int

    init(recordID: String, source: String, text: String, compound: Double, strength: Int) {
        self.recordID = recordID
        self.source = source
        self.text = text
        self.compound = compound
        self.strength = strength
        self.readability = abs(CharacterCount.of(text) - 140)
    }

    /// Quotes should be on topic and readable: more cluster evidence first, then length nearest
    /// a readable 140 characters, then id for a total order.
    static func preferred(_ a: QuoteCandidate, _ b: QuoteCandidate) -> Bool {
        if a.strength != b.strength { return a.strength > b.strength }
        if a.readability != b.readability { return a.readability < b.readability }
        if a.source != b.source { return a.source < b.source }
        return a.recordID < b.recordID
    }
}

import VoxModel
import VoxText

/// A negative customer record that no taxonomy aspect claimed, kept for discovery: what is
/// needed to assign it to a discovered cluster afterwards (its position in the run, its figures
/// for the cluster's accumulator, its text for quotes and labels) and its key phrases as hashes.
public struct DiscoveryCandidate: Sendable, Hashable {
    /// Position in the run's input (records.jsonl line).
    public var ordinal: Int
    public var recordID: String
    public var source: String
    /// Already redacted when redaction is on.
    public var text: String
    public var compound: Double
    public var segments: [Segment]
    /// Sorted distinct `PhraseHash` values of the record's key phrases.
    public var phrases: [UInt64]
    /// Order-free identity for choosing which candidates to keep or read when there are too
    /// many: a hash of source, id and text, computed once.
    public let contentKey: UInt64

    public init(ordinal: Int, recordID: String, source: String, text: String, compound: Double, segments: [Segment], phrases: [UInt64]) {
        self.ordinal = ordinal
        self.recordID = recordID
        self.source = source
        self.text = text
        self.compound = compound
        self.segments = segments
        self.phrases = phrases
        var key = PhraseHash.add(source, to: PhraseHash.start)
        key = PhraseHash.add(recordID, to: PhraseHash.add(0x1F, to: key))
        contentKey = PhraseHash.add(text, to: PhraseHash.add(0x1F, to: key))
    }

    public init(_ scored: ScoredRecord, ordinal: Int, phrases: [UInt64]) {
        self.init(
            ordinal: ordinal, recordID: scored.record.id, source: scored.record.source, text: scored.record.text,
            compound: scored.sentiment.compound, segments: scored.record.segments, phrases: phrases
        )
    }

    /// By content key, then input position: the order in which candidates are kept and sampled,
    /// the same whatever order they arrived in.
    static func byContent(_ a: DiscoveryCandidate, _ b: DiscoveryCandidate) -> Bool {
        a.contentKey != b.contentKey ? a.contentKey < b.contentKey : a.ordinal < b.ordinal
    }
}

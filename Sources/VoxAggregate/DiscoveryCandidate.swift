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

    public init(ordinal: Int, recordID: String, source: String, text: String, compound: Double, segments: [Segment], phrases: [UInt64]) {
        self.ordinal = ordinal
        self.recordID = recordID
        self.source = source
        self.text = text
        self.compound = compound
        self.segments = segments
        self.phrases = phrases
    }

    public init(_ scored: ScoredRecord, ordinal: Int, phrases: [UInt64]) {
        self.init(
            ordinal: ordinal, recordID: scored.record.id, source: scored.record.source, text: scored.record.text,
            compound: scored.sentiment.compound, segments: scored.record.segments, phrases: phrases
        )
    }

    /// Order-free identity for choosing which candidates to keep when there are too many.
    var contentKey: UInt64 { PhraseHash.of(source + "\u{1F}" + recordID + "\u{1F}" + text) }
}

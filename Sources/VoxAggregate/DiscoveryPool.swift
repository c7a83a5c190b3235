/// What discovery needs from the whole run, gathered chunk by chunk and merged: the candidate
/// records (negative, no taxonomy aspect) and how often each phrase occurs in the rest of the
/// customer feedback (the background), from a sample of it.
///
/// Bounded: at most `candidateLimit` candidates are kept — the ones with the smallest content
/// hash, so the choice depends neither on record order nor on how records were split into
/// chunks; the rest are counted in `droppedCandidates` and stay unclustered. The pool trims
/// itself back to the limit once it holds `trimSlack` more, and after a trim it drops at once
/// any candidate ordered after the last one kept (`cutoff`), which could never be kept: sorting
/// the full pool at every chunk's merge made ten million records cost far more than ten times
/// one million. Background counts
/// live in a dictionary until it holds `denseThreshold` phrases, then in a fixed table of
/// `denseSlots` counters indexed by hash (a collision can only overstate a phrase's background,
/// which makes discovery more cautious, never less).
public struct DiscoveryPool: Sendable {
    public static let candidateLimit = 100_000
    static let trimSlack = candidateLimit / 8
    static let denseThreshold = 1 << 18
    static let denseSlots = 1 << 20

    public private(set) var candidates: [DiscoveryCandidate] = []
    /// Candidates dropped so far (those beyond the limit but not trimmed yet are not counted).
    public private(set) var droppedCandidates = 0
    /// The last candidate kept by the latest trim; nil before the pool was ever full.
    private var cutoff: (contentKey: UInt64, ordinal: Int)?
    /// Background records counted, each weighted by the inverse of its sampling rate.
    public private(set) var backgroundRecords = 0
    /// Background phrase occurrences counted, weighted like `backgroundRecords`.
    public private(set) var backgroundPhrases = 0
    private var sparse: [UInt64: Int] = [:]
    private var dense: [UInt32]? = nil

    public init() {}

    public mutating func addCandidate(_ candidate: DiscoveryCandidate) {
        if let cutoff, (cutoff.contentKey, cutoff.ordinal) < (candidate.contentKey, candidate.ordinal) {
            droppedCandidates += 1
            return
        }
        candidates.append(candidate)
        if candidates.count >= Self.candidateLimit + Self.trimSlack { trim() }
    }

    /// Counts one background record's phrases; `weight` is the inverse of its sampling rate.
    public mutating func addBackground(phrases: [UInt64], weight: Int) {
        backgroundRecords += weight
        backgroundPhrases += weight * phrases.count
        for phrase in phrases { count(phrase, weight) }
    }

    public func background(_ phrase: UInt64) -> Int {
        if let dense { return Int(dense[Int(phrase & UInt64(Self.denseSlots - 1))]) }
        return sparse[phrase] ?? 0
    }

    private mutating func count(_ phrase: UInt64, _ weight: Int) {
        if dense != nil {
            let slot = Int(phrase & UInt64(Self.denseSlots - 1))
            dense![slot] = dense![slot] &+ UInt32(clamping: weight)
            return
        }
        sparse[phrase, default: 0] += weight
        if sparse.count >= Self.denseThreshold { densify() }
    }

    private mutating func densify() {
        var table = [UInt32](repeating: 0, count: Self.denseSlots)
        for (phrase, value) in sparse {
            let slot = Int(phrase & UInt64(Self.denseSlots - 1))
            table[slot] = table[slot] &+ UInt32(clamping: value)
        }
        dense = table
        sparse = [:]
    }

    public mutating func merge(_ other: DiscoveryPool) {
        for candidate in other.candidates { addCandidate(candidate) }
        droppedCandidates += other.droppedCandidates
        backgroundRecords += other.backgroundRecords
        backgroundPhrases += other.backgroundPhrases
        if let table = other.dense {
            if dense == nil { densify() }
            for slot in table.indices where table[slot] != 0 { dense![slot] = dense![slot] &+ table[slot] }
        } else {
            for (phrase, value) in other.sparse { count(phrase, value) }
        }
    }

    /// Keeps the `candidateLimit` candidates with the smallest content hash.
    private mutating func trim() {
        guard candidates.count > Self.candidateLimit else { return }
        candidates.sort(by: DiscoveryCandidate.byContent)
        droppedCandidates += candidates.count - Self.candidateLimit
        candidates.removeLast(candidates.count - Self.candidateLimit)
        cutoff = (candidates[candidates.count - 1].contentKey, candidates[candidates.count - 1].ordinal)
    }

    /// The kept candidates (at most `candidateLimit`) in input order.
    public func orderedCandidates() -> [DiscoveryCandidate] {
        var kept = self
        kept.trim()
        return kept.candidates.sorted { $0.ordinal < $1.ordinal }
    }
}

/// What discovery takes from one scored record.
public enum DiscoveryPhrases: Sendable, Hashable {
    case none
    /// A negative customer record no aspect claimed: its phrase hashes.
    case candidate([UInt64])
    /// A background record's phrase hashes, weighted by the inverse of its sampling rate.
    case background([UInt64], weight: Int)

    /// Discovery may give this record a cluster (records.jsonl leaves room for one).
    public var isCandidate: Bool {
        if case .candidate = self { return true }
        return false
    }
}

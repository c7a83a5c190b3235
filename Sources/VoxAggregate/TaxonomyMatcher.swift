import VoxModel
import VoxText

/// Weighs the taxonomy evidence in a record's words: at each position the longest phrase that
/// matches is counted and consumes its words, otherwise the word's term or context weight counts
/// (see `PainPointTaxonomy.Evidence`). The aspect with most evidence is primary — on a tie the
/// one listed first — others at the threshold are secondary; below the threshold a record stays
/// unclustered.
public struct TaxonomyMatcher: Sendable {
    public let taxonomy: PainPointTaxonomy
    /// Per first stem: (stem sequence, aspect index, weight), longest sequences first. Found by
    /// `PhraseHash` of the first stem (`firstStems`), the hash each `Word` carries, so a record's
    /// words are not hashed again as strings; a hit is confirmed by comparing the first stem
    /// (two stems may share a hash).
    private let entries: [[(stems: [String], aspect: Int, weight: Int)]]
    private let firstStems: HashIndex

    public init(taxonomy: PainPointTaxonomy) {
        self.taxonomy = taxonomy
        var entries: [UInt64: [(stems: [String], aspect: Int, weight: Int)]] = [:]
        for (index, aspect) in taxonomy.aspects.enumerated() {
            for evidence in aspect.evidence {
                entries[PhraseHash.of(evidence.stems[0]), default: []].append((evidence.stems, index, evidence.weight))
            }
        }
        for key in entries.keys {
            entries[key]!.sort { $0.stems.count != $1.stems.count ? $0.stems.count > $1.stems.count : $0.aspect < $1.aspect }
        }
        let keys = entries.keys.sorted()
        self.entries = keys.map { entries[$0]! }
        firstStems = HashIndex(keys)
    }

    public struct Assignment: Sendable, Hashable {
        public var primary: String?
        public var secondary: [String]
        /// Evidence weight for the primary aspect; used to pick typical quotes.
        public var strength: Int
    }

    /// Evidence weight per aspect index, from a record's words.
    public func evidence(_ words: [PhraseExtractor.Word]) -> [Int] {
        var evidence = [Int](repeating: 0, count: taxonomy.aspects.count)
        var index = 0
        while index < words.count {
            var consumed = 1
            if let position = firstStems.position(of: words[index].stemHash) {
                let candidates = entries[position]
                // The longest matching sequence wins; every aspect listing it counts it.
                var matchedLength = 0
                for candidate in candidates where candidate.stems.count >= matchedLength {
                    let end = index + candidate.stems.count
                    guard end <= words.count, candidate.stems[0] == words[index].stem else { continue }
                    var matches = true
                    for offset in 1..<candidate.stems.count where words[index + offset].stem != candidate.stems[offset] {
                        matches = false
                        break
                    }
                    if matches {
                        matchedLength = candidate.stems.count
                        evidence[candidate.aspect] = max(evidence[candidate.aspect], 0) + candidate.weight
                    }
                }
                consumed = max(1, matchedLength)
            }
            index += consumed
        }
        return evidence
    }

    public func assign(_ text: String, extractor: PhraseExtractor) -> Assignment {
        assign(evidence: evidence(extractor.words(text)))
    }

    public func assign(evidence: [Int]) -> Assignment {
        let ranked = evidence.indices.filter { evidence[$0] >= PainPointTaxonomy.Evidence.threshold }
            .sorted { evidence[$0] != evidence[$1] ? evidence[$0] > evidence[$1] : $0 < $1 }
        guard let best = ranked.first else { return Assignment(primary: nil, secondary: [], strength: 0) }
        return Assignment(
            primary: taxonomy.aspects[best].id,
            secondary: ranked.dropFirst().map { taxonomy.aspects[$0].id },
            strength: evidence[best]
        )
    }
}

import VoxModel
import VoxText

/// Assigns a negative record to the taxonomy aspects its words mention: a phrase counts two,
/// a term one; the aspect with the most evidence is primary (ties go to taxonomy order), others
/// with evidence are secondary. A record that mentions no aspect stays unclustered.
public struct TaxonomyMatcher: Sendable {
    public let taxonomy: PainPointTaxonomy
    private let termAspects: [String: [Int]]
    private let phraseAspects: [String: [(tokens: [String], aspect: Int)]]
    private let tokenizer = Tokenizer()

    public init(taxonomy: PainPointTaxonomy) {
        self.taxonomy = taxonomy
        var terms: [String: [Int]] = [:]
        var phrases: [String: [(tokens: [String], aspect: Int)]] = [:]
        for (index, aspect) in taxonomy.aspects.enumerated() {
            for term in aspect.terms where !(terms[term]?.contains(index) ?? false) { terms[term, default: []].append(index) }
            for phrase in aspect.phrases { phrases[phrase[0], default: []].append((phrase, index)) }
        }
        self.termAspects = terms
        self.phraseAspects = phrases
    }

    public struct Assignment: Sendable, Hashable {
        public var primary: String?
        public var secondary: [String]
        /// Evidence count for the primary aspect; used to pick typical quotes.
        public var strength: Int
    }

    public func assign(_ text: String) -> Assignment {
        let words = tokenizer.tokenize(text).filter { $0.kind == .word }.map(\.normalized)
        var evidence = [Int](repeating: 0, count: taxonomy.aspects.count)
        var index = 0
        while index < words.count {
            var matchedPhrase = false
            for candidate in phraseAspects[words[index]] ?? [] where index + candidate.tokens.count <= words.count {
                if Array(words[index..<(index + candidate.tokens.count)]) == candidate.tokens {
                    evidence[candidate.aspect] += 2
                    matchedPhrase = true
                }
            }
            if !matchedPhrase {
                for aspect in termAspects[words[index]] ?? [] { evidence[aspect] += 1 }
            }
            index += 1
        }
        let ranked = evidence.indices.filter { evidence[$0] > 0 }.sorted { evidence[$0] > evidence[$1] || (evidence[$0] == evidence[$1] && $0 < $1) }
        guard let best = ranked.first else { return Assignment(primary: nil, secondary: [], strength: 0) }
        return Assignment(
            primary: taxonomy.aspects[best].id,
            secondary: ranked.dropFirst().map { taxonomy.aspects[$0].id },
            strength: evidence[best]
        )
    }
}

import VoxText

/// Finds the pain points the taxonomy does not know, in the negative records it left
/// unclustered.
///
/// 1. **Over-represented phrases.** Each key phrase's record frequency among the candidates is
///    compared with its frequency in the background (the rest of the customer feedback) by the
///    log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn, "Fightin'
///    Words", 2008): the prior is the pooled frequency scaled to `priorStrength` pseudo-counts
///    (at most a tenth of the phrase occurrences, so that a small run is not all prior),
///    and a phrase qualifies when its z-score is at least `minZ` and it occurs in at least
///    `minSupport` records (and `minSupportShare` of the candidates). Phrases made only of
///    sentiment words ("terrible", "worst ever") say how, not what: they never qualify.
/// 2. **Grouping.** Phrases that occur in the same records are grouped by average-linkage
///    agglomeration on the Jaccard overlap of their record sets, while the best pair of groups
///    overlaps by at least `linkage`.
/// 3. **Assignment.** A candidate joins the group whose phrases it contains with the largest sum
///    of z-scores (the first group on a tie); one with none of them stays unclustered. A group
///    left with fewer than `minSupport` records is dissolved.
/// 4. **Merging.** A group two thirds of whose records carry evidence for one taxonomy aspect
///    (its context words, too little alone to claim them) outside the group's own phrases
///    merges into that aspect.
///
/// Everything is a function of the candidate set and the background counts, so the result does
/// not depend on record order or thread count.
public struct PainPointDiscovery: Sendable {
    public struct Options: Sendable, Hashable {
        public var minSupport = 3
        public var minSupportShare = 0.01
        public var minZ = 1.96
        public var maxPhrases = 40
        public var linkage = 0.2
        public var priorStrength = 500.0
        /// Candidates read again (smallest content hash first) to find how phrases are written.
        public var surfaceSample = 5_000

        public init() {}
    }

    /// A key phrase that qualified.
    public struct Phrase: Sendable, Hashable {
        public var hash: UInt64
        /// Stems, as `PhraseExtractor` keys them.
        public var key: String
        /// The most common way it is written.
        public var surface: String
        /// Candidate records containing it.
        public var support: Int
        public var z: Double
    }

    /// A discovered group of candidates.
    public struct Cluster: Sendable, Hashable {
        /// Most supported first.
        public var phrases: [Phrase]
        public var label: String
        /// Indices into `Result.candidates`, ascending, with the evidence strength of each.
        public var members: [Member]
        /// The taxonomy aspect this group merges into, if its phrases name one.
        public var mergedInto: String?

        public struct Member: Sendable, Hashable {
            public var candidate: Int
            public var strength: Int
        }

        /// The surfaces shown as the cluster's defining phrases and kept in trend files.
        public var definingPhrases: [String] { Array(phrases.prefix(8).map(\.surface)) }
    }

    public struct Result: Sendable {
        /// The candidates in input order; cluster members index into it.
        public var candidates: [DiscoveryCandidate]
        public var clusters: [Cluster]
        /// Every phrase that qualified, by z-score (for explanations and tests).
        public var phrases: [Phrase]
    }

    public let extractor: PhraseExtractor
    public let matcher: TaxonomyMatcher
    public let options: Options
    private let isSentimentWord: @Sendable (String) -> Bool

    /// - Parameter isSentimentWord: true for a word the sentiment lexicon rates; phrases made
    ///   only of such words (and stop words) are not topics.
    public init(extractor: PhraseExtractor, matcher: TaxonomyMatcher, options: Options = Options(), isSentimentWord: @escaping @Sendable (String) -> Bool) {
        self.extractor = extractor
        self.matcher = matcher
        self.options = options
        self.isSentimentWord = isSentimentWord
    }

    public func discover(_ pool: DiscoveryPool) -> Result {
        let candidates = pool.orderedCandidates()
        let phrases = qualifyingPhrases(candidates, pool: pool)
        guard !phrases.isEmpty else { return Result(candidates: candidates, clusters: [], phrases: []) }
        let selected = Array(phrases.prefix(options.maxPhrases))
        // Per candidate, which selected phrases it contains; per phrase, its records.
        let indexOfHash = Dictionary(uniqueKeysWithValues: selected.enumerated().map { ($0.element.hash, $0.offset) })
        let contained = candidates.map { candidate in candidate.phrases.compactMap { indexOfHash[$0] } }
        var records = [[Int]](repeating: [], count: selected.count)
        for (candidate, found) in contained.enumerated() {
            for phrase in found { records[phrase].append(candidate) }
        }
        let groups = group(selected.indices.map { [$0] }, records: records)
        let clusters = assign(groups: groups, phrases: selected, contained: contained, candidates: candidates)
        return Result(candidates: candidates, clusters: clusters, phrases: phrases)
    }

    /// Phrases over-represented among the candidates, topical, with their surfaces; by z-score.
    func qualifyingPhrases(_ candidates: [DiscoveryCandidate], pool: DiscoveryPool) -> [Phrase] {
        var support: [UInt64: Int] = [:]
        for candidate in candidates {
            for phrase in candidate.phrases { support[phrase, default: 0] += 1 }
        }
        let foregroundTotal = Double(support.values.reduce(0, +))
        let backgroundTotal = Double(pool.backgroundPhrases)
        let minimum = minimumSupport(candidates: candidates.count)
        var scored: [(hash: UInt64, support: Int, z: Double)] = []
        for (hash, count) in support where count >= minimum {
            let z = Self.logOddsZ(
                foreground: Double(count), foregroundTotal: foregroundTotal,
                background: Double(pool.background(hash)), backgroundTotal: backgroundTotal, priorStrength: options.priorStrength
            )
            if z >= options.minZ { scored.append((hash, count, z)) }
        }
        scored.sort { $0.z != $1.z ? $0.z > $1.z : $0.hash < $1.hash }
        let wanted = Set(scored.prefix(options.maxPhrases * 3).map(\.hash))
        let written = surfaces(of: wanted, in: candidates)
        return scored.prefix(options.maxPhrases * 3).compactMap { item in
            guard let form = written[item.hash], isTopical(form.surface) else { return nil }
            return Phrase(hash: item.hash, key: form.key, surface: form.surface, support: item.support, z: item.z)
        }
    }

    /// The log-odds ratio of a phrase in foreground vs background with an informative Dirichlet
    /// prior (pooled frequency × `priorStrength`), divided by its standard error.
    public static func logOddsZ(foreground: Double, foregroundTotal: Double, background: Double, backgroundTotal: Double, priorStrength: Double) -> Double {
        let pooledTotal = foregroundTotal + backgroundTotal
        guard pooledTotal > 0 else { return 0 }
        // The prior never outweighs a tenth of the data: on a small run it would drown every phrase.
        let strength = min(priorStrength, pooledTotal / 10)
        let alpha = strength * (foreground + background) / pooledTotal
        guard alpha > 0 else { return 0 }
        let foregroundOdds = (foreground + alpha) / (foregroundTotal + strength - foreground - alpha)
        let backgroundOdds = (background + alpha) / (backgroundTotal + strength - background - alpha)
        let delta = log(foregroundOdds) - log(backgroundOdds)
        let variance = 1 / (foreground + alpha) + 1 / (background + alpha)
        return delta / variance.squareRoot()
    }

    /// The most common surface of each wanted phrase (ties: the alphabetically first), read from
    /// up to `surfaceSample` candidates taken by content hash.
    func surfaces(of wanted: Set<UInt64>, in candidates: [DiscoveryCandidate]) -> [UInt64: (key: String, surface: String)] {
        guard !wanted.isEmpty else { return [:] }
        let sample = candidates.filter { candidate in candidate.phrases.contains(where: wanted.contains) }
            .sorted(by: DiscoveryCandidate.byContent)
            .prefix(options.surfaceSample)
        var counts: [UInt64: (key: String, forms: [String: Int])] = [:]
        // Thousands of complaints share their words: each form is stemmed once.
        let memo = PhraseExtractor.Memo()
        for candidate in sample {
            for phrase in extractor.phrases(in: candidate.text, memo: memo) {
                let hash = PhraseHash.of(phrase.key)
                guard wanted.contains(hash) else { continue }
                counts[hash, default: (phrase.key, [:])].forms[phrase.surface, default: 0] += 1
            }
        }
        return counts.mapValues { entry in
            let best = entry.forms.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
            return (entry.key, best.key)
        }
    }

    /// Records a phrase needs, and a discovered cluster keeps.
    func minimumSupport(candidates: Int) -> Int {
        max(options.minSupport, Int((options.minSupportShare * Double(candidates)).rounded(.up)))
    }

    /// A topic needs a word that is neither a stop word, nor a negator, nor a sentiment word,
    /// nor a vague word.
    func isTopical(_ surface: String) -> Bool {
        surface.split(separator: " ").contains { word in
            let word = String(word)
            return !extractor.stopWords.isStopWord(word) && !extractor.stopWords.isNegator(word) && !isSentimentWord(word)
                && !Self.vagueWords.contains(word)
        }
    }

    /// Words that complaints use about anything: units of time, calendar words, sentence
    /// adverbs, placeholders. "3 months" is how long, not what; they stay in the taxonomy's
    /// evidence and in longer phrases ("monthly fee"), but never make a topic alone.
    static let vagueWords: Set<String> = [
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
        "year", "years", "time", "times", "today", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night",
        "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "clearly", "really", "actually", "basically", "literally", "honestly", "apparently", "obviously", "seriously",
        "totally", "completely", "absolutely", "simply", "finally", "probably", "definitely", "certainly",
        "thing", "things", "stuff", "way", "lot", "lots", "bit", "kind", "sort", "people", "someone", "everyone",
        "anyone", "guy", "guys", "company", "first", "last", "next", "one", "two", "three", "twice",
    ]

    /// Average-linkage agglomeration of phrase groups on the Jaccard overlap of record sets.
    func group(_ start: [[Int]], records: [[Int]]) -> [[Int]] {
        var groups = start
        var similarity = [[Double]](repeating: [Double](repeating: 0, count: records.count), count: records.count)
        for a in records.indices {
            for b in records.indices where b > a {
                let shared = Self.intersectionCount(records[a], records[b])
                let union = records[a].count + records[b].count - shared
                similarity[a][b] = union == 0 ? 0 : Double(shared) / Double(union)
                similarity[b][a] = similarity[a][b]
            }
        }
        while groups.count > 1 {
            var best: (a: Int, b: Int, value: Double)? = nil
            for a in groups.indices {
                for b in groups.indices where b > a {
                    var sum = 0.0
                    for p in groups[a] { for q in groups[b] { sum += similarity[p][q] } }
                    let value = sum / Double(groups[a].count * groups[b].count)
                    if value > (best?.value ?? -1) { best = (a, b, value) }
                }
            }
            guard let pair = best, pair.value >= options.linkage else { break }
            groups[pair.a] = (groups[pair.a] + groups[pair.b]).sorted()
            groups.remove(at: pair.b)
        }
        return groups
    }

    static func intersectionCount(_ a: [Int], _ b: [Int]) -> Int {
        var i = 0, j = 0, count = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
    }

    /// Each candidate to the group with the largest z-score sum of its phrases; small groups
    /// dissolved; labels and taxonomy merges decided; clusters ordered by size, then label.
    func assign(groups: [[Int]], phrases: [Phrase], contained: [[Int]], candidates: [DiscoveryCandidate]) -> [Cluster] {
        var members = [[Cluster.Member]](repeating: [], count: groups.count)
        var groupOfPhrase = [Int](repeating: 0, count: phrases.count)
        for (groupIndex, group) in groups.enumerated() { for phrase in group { groupOfPhrase[phrase] = groupIndex } }
        for (index, phrasesFound) in contained.enumerated() where !phrasesFound.isEmpty {
            var best: (group: Int, score: Double, found: Set<Int>)? = nil
            for groupIndex in Set(phrasesFound.map { groupOfPhrase[$0] }).sorted() {
                let found = Set(phrasesFound.filter { groupOfPhrase[$0] == groupIndex })
                let score = found.reduce(0.0) { $0 + phrases[$1].z }
                if score > (best?.score ?? 0) { best = (groupIndex, score, found) }
            }
            if let best {
                members[best.group].append(Cluster.Member(candidate: index, strength: 2 * best.found.count))
            }
        }
        let minimum = minimumSupport(candidates: contained.count)
        var clusters: [Cluster] = []
        for (groupIndex, group) in groups.enumerated() where members[groupIndex].count >= minimum {
            let groupPhrases = group.map { phrases[$0] }
                .sorted { $0.support != $1.support ? $0.support > $1.support : $0.z > $1.z }
            clusters.append(Cluster(
                phrases: groupPhrases, label: label(groupPhrases), members: members[groupIndex],
                mergedInto: mergeTarget(members: members[groupIndex], phrases: groupPhrases, candidates: candidates)
            ))
        }
        clusters.sort { $0.members.count != $1.members.count ? $0.members.count > $1.members.count : $0.label < $1.label }
        return clusters
    }

    /// The label: the phrase a person would pick — well supported, longer if nearly as common,
    /// ending on what it is about ("Wrong colour", not "Sent the wrong").
    func label(_ phrases: [Phrase]) -> String {
        func weight(_ phrase: Phrase) -> Double {
            let words = phrase.surface.split(separator: " ")
            let endsOnTopic = words.last.map { !isSentimentWord(String($0)) } ?? false
            return Double(phrase.support) * (1 + 0.5 * Double(words.count - 1)) * (endsOnTopic ? 1 : 0.7)
        }
        let best = phrases.max { a, b in
            let wa = weight(a), wb = weight(b)
            return wa != wb ? wa < wb : a.surface > b.surface
        }!
        return best.surface.prefix(1).uppercased() + best.surface.dropFirst()
    }

    /// The aspect that at least two thirds of the group's records give some evidence for (a term,
    /// phrase or context word of it, too little alone to claim them) outside the group's own
    /// phrases: "Delivery took 10 days" grouped by "took" is about delivery, while "promo code
    /// rejected" is not about logging in because "code" is login context. Read from up to
    /// `surfaceSample` members taken by content hash.
    func mergeTarget(members: [Cluster.Member], phrases: [Phrase], candidates: [DiscoveryCandidate]) -> String? {
        // The group's own topic words: its one-word phrases ("code" in a promo-code group). A
        // word that qualified only inside longer phrases ("parcel sat") is common elsewhere,
        // so it says what the group is about.
        let own = Set(phrases.map(\.key).filter { !$0.contains(" ") })
        let sample = members.map { candidates[$0.candidate] }
            .sorted(by: DiscoveryCandidate.byContent)
            .prefix(options.surfaceSample)
        guard !sample.isEmpty else { return nil }
        var covered = [Int](repeating: 0, count: matcher.taxonomy.aspects.count)
        let memo = PhraseExtractor.Memo()
        for candidate in sample {
            let evidence = matcher.evidence(extractor.words(candidate.text, memo: memo).filter { !own.contains($0.stem) })
            for aspect in evidence.indices where evidence[aspect] > 0 { covered[aspect] += 1 }
        }
        guard let best = covered.indices.max(by: { covered[$0] != covered[$1] ? covered[$0] < covered[$1] : $0 > $1 }),
              covered[best] * 3 >= sample.count * 2, covered[best] > 0 else { return nil }
        return matcher.taxonomy.aspects[best].id
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation
import VoxAggregate
import VoxModel
import VoxScoring
import VoxText

/// The scorers a pipeline uses, built once from its options: sentiment for every record,
/// empathy for agent messages, and pain-point assignment for negative customer messages.
public struct ScoringEngine: Sendable {
    public let sentiment: SentimentScorer
    public let empathy: EmpathyScorer
    public let matcher: TaxonomyMatcher
    public let extractor: PhraseExtractor
    /// Finds pain points the taxonomy does not know, after the scoring pass.
    public let discovery: PainPointDiscovery
    /// One in this many other customer records (by text hash) is read for discovery's
    /// background: enough for stable frequencies, without extracting phrases from every record.
    public let backgroundSampling: Int
    /// The default: about 12 % of the background.
    public static let defaultBackgroundSampling = 8

    public init(
        scoring: ScoringOptions = ScoringOptions(), clustering: ClusteringOptions = ClusteringOptions(),
        backgroundSampling: Int = ScoringEngine.defaultBackgroundSampling
    ) throws {
        // The empathy automaton is the costliest part to build; it is built on a second thread
        // while this one reads the sentiment lexicons and the taxonomy.
        let empathyFiles = scoring.empathyLexicons
        let empathyBuilt = BackgroundWork(name: "vox-empathy") { () throws -> (EmpathyScorer?, [LexiconProblem]) in
            var problems: [LexiconProblem] = []
            var empathyLexicon = try EmpathyLexicon.defaults()
            for file in empathyFiles {
                empathyLexicon.add(try Self.read(file), path: file, problems: &problems)
            }
            return (problems.isEmpty ? EmpathyScorer(lexicon: empathyLexicon) : nil, problems)
        }
        var lexicon: SentimentLexicon
        var problems: [LexiconProblem] = []
        do {
            lexicon = try SentimentLexicon.defaults(overlays: scoring.overlays)
            for file in scoring.lexicons {
                lexicon.addValences(try Self.read(file), path: file, overlay: true, problems: &problems)
            }
        } catch {
            _ = try? empathyBuilt.wait()
            throw error
        }
        let (empathyScorer, empathyProblems) = try empathyBuilt.wait()
        problems += empathyProblems
        guard problems.isEmpty, let empathyScorer else { throw LexiconProblems(problems) }
        var aspects = clustering.replaceTaxonomy ? [] : try PainPointTaxonomy.defaults().aspects
        for file in clustering.taxonomy {
            aspects += try PainPointTaxonomy.parse(try Self.read(file), path: file).aspects
        }
        self.sentiment = SentimentScorer(lexicon: lexicon, thresholds: scoring.thresholds)
        self.empathy = empathyScorer
        self.matcher = TaxonomyMatcher(taxonomy: PainPointTaxonomy(aspects: aspects))
        self.extractor = PhraseExtractor(stopWords: try StopWords.defaults())
        // Topics are what a complaint is about; the general lexicon's words say how it felt.
        let sentimentTerms = lexicon.baseSentimentTerms
        var discoveryOptions = PainPointDiscovery.Options()
        discoveryOptions.minSupport = max(discoveryOptions.minSupport, clustering.minSize)
        self.discovery = PainPointDiscovery(
            extractor: extractor, matcher: matcher, options: discoveryOptions,
            isSentimentWord: { word in sentimentTerms.contains(word) }
        )
        self.backgroundSampling = max(1, backgroundSampling)
    }

    static func read(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw LexiconProblems([LexiconProblem(file: file, line: 0, message: "cannot read lexicon file")])
        }
        return text
    }

    /// One record's scores with what aggregation needs besides: its cluster evidence strength
    /// (quote selection) and its key phrases when discovery wants them.
    public struct Scored: Sendable {
        public var record: ScoredRecord
        public var strength: Int
        public var phrases: DiscoveryPhrases
        /// An agent reply's mentions in a conversation, read in the same scan as its empathy
        /// (for `cues(for:agentMentions:)`); nil otherwise.
        public var agentMentions: [String]? = nil
    }

    /// Scores one record. A negative customer record gets its taxonomy aspect; with none, its
    /// key phrases make it a discovery candidate. Other customer records are read for the
    /// background when their text hash falls in the sample. `memo` (one per thread, optional)
    /// spares stemming the same word forms again.
    public func score(_ record: consuming FeedbackRecord, memo: PhraseExtractor.Memo? = nil) -> Scored {
        let sentimentScore = sentiment.score(record.text)
        // The result is built once and filled in: the record moves into it, and no scored
        // record is copied on the way out (that copy was 0.7 % of a run's cycles).
        var result = Scored(record: ScoredRecord(record: consume record, sentiment: sentimentScore), strength: 0, phrases: .none)
        let text = result.record.record.text
        switch result.record.record.role {
        case .agent:
            if Self.inConversation(result.record.record) {
                // In a conversation the same scan gives the reply's mentions for the conversation cues.
                (result.record.empathy, result.agentMentions) = empathy.scoreAndMentions(text)
            } else {
                result.record.empathy = empathy.score(text)
            }
        case .customer:
            let sampled = PhraseHash.of(text) % UInt64(backgroundSampling) == 0
            if sentimentScore.label == .negative {
                let (assignment, phrases) = cluster(text, sampled: sampled, memo: memo)
                result.record.cluster = assignment.primary
                result.record.secondaryClusters = assignment.secondary
                result.strength = assignment.strength
                result.phrases = phrases
            } else if sampled {
                result.phrases = background(extractor.words(text, memo: memo))
            }
        case .system:
            break
        }
        return result
    }

    /// A complaint's taxonomy aspects and what discovery takes from it: its phrases as a
    /// candidate when no aspect claims it, else as background when `sampled`.
    public func cluster(_ text: String, sampled: Bool, memo: PhraseExtractor.Memo? = nil) -> (TaxonomyMatcher.Assignment, DiscoveryPhrases) {
        let words = extractor.words(text, memo: memo)
        let assignment = matcher.assign(evidence: matcher.evidence(words))
        let phrases: DiscoveryPhrases = assignment.primary == nil
            ? .candidate(extractor.phraseHashes(words))
            : sampled ? background(words) : .none
        return (assignment, phrases)
    }

    private func background(_ words: [PhraseExtractor.Word]) -> DiscoveryPhrases {
        .background(extractor.phraseHashes(words), weight: backgroundSampling)
    }

    /// What the conversation pass needs from a message's text (nil outside conversations): the
    /// words a reply could personalise with, a customer's case details and first name.
    /// `agentMentions`: an agent reply's mentions if `score` has read them already.
    public func cues(for record: FeedbackRecord, agentMentions: [String]? = nil) -> ConversationCues? {
        guard Self.inConversation(record), record.role == .customer || record.role == .agent else { return nil }
        if record.role == .agent, let agentMentions { return ConversationCues(mentions: agentMentions) }
        // Of a customer's mentions only case details (words with digits) are used, so an ASCII
        // customer message without a digit needs no scan.
        let needsScan = record.role == .agent || record.text.withUTF8Bytes { bytes in
            for byte in bytes where byte >= 0x80 || byte &- 0x30 < 10 { return true }
            return false
        }
        return ConversationCues(
            mentions: needsScan ? empathy.mentions(in: record.text) : [],
            customerName: record.role == .customer ? record.author.flatMap(ReplyContext.firstName(ofAuthor:)) : nil
        )
    }

    static func inConversation(_ record: FeedbackRecord) -> Bool {
        guard let conversation = record.conversation else { return false }
        return !conversation.isEmpty
    }

    /// Labels for the clusters this engine can assign.
    public var clusterInfo: [String: ClusterInfo] {
        var info: [String: ClusterInfo] = [:]
        for aspect in matcher.taxonomy.aspects {
            info[aspect.id] = ClusterInfo(label: aspect.label, phrases: Array(aspect.surfaces.prefix(8)), origin: .taxonomy)
        }
        return info
    }
}

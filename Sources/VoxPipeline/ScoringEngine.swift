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

    public init(scoring: ScoringOptions = ScoringOptions(), clustering: ClusteringOptions = ClusteringOptions()) throws {
        var lexicon = try SentimentLexicon.defaults(overlays: scoring.overlays)
        var problems: [LexiconProblem] = []
        for file in scoring.lexicons {
            lexicon.addValences(try Self.read(file), path: file, overlay: true, problems: &problems)
        }
        var empathyLexicon = try EmpathyLexicon.defaults()
        for file in scoring.empathyLexicons {
            empathyLexicon.add(try Self.read(file), path: file, problems: &problems)
        }
        if !problems.isEmpty { throw LexiconProblems(problems) }
        var aspects = clustering.replaceTaxonomy ? [] : try PainPointTaxonomy.defaults().aspects
        for file in clustering.taxonomy {
            aspects += try PainPointTaxonomy.parse(try Self.read(file), path: file).aspects
        }
        self.sentiment = SentimentScorer(lexicon: lexicon, thresholds: scoring.thresholds)
        self.empathy = EmpathyScorer(lexicon: empathyLexicon)
        self.matcher = TaxonomyMatcher(taxonomy: PainPointTaxonomy(aspects: aspects))
        self.extractor = PhraseExtractor(stopWords: try StopWords.defaults())
    }

    static func read(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw LexiconProblems([LexiconProblem(file: file, line: 0, message: "cannot read lexicon file")])
        }
        return text
    }

    /// Scores one record; returns it with its cluster evidence strength for quote selection.
    public func score(_ record: FeedbackRecord) -> (ScoredRecord, Int) {
        let sentimentScore = sentiment.score(record.text)
        var scored = ScoredRecord(record: record, sentiment: sentimentScore)
        if record.role == .agent { scored.empathy = empathy.score(record.text) }
        var strength = 0
        if record.role == .customer, sentimentScore.label == .negative {
            let assignment = matcher.assign(record.text, extractor: extractor)
            scored.cluster = assignment.primary
            scored.secondaryClusters = assignment.secondary
            strength = assignment.strength
        }
        return (scored, strength)
    }

    /// What the conversation pass needs from a message's text (nil outside conversations): the
    /// words a reply could personalise with, a customer's case details and first name.
    public func cues(for record: FeedbackRecord) -> ConversationCues? {
        guard let conversation = record.conversation, !conversation.isEmpty, record.role == .customer || record.role == .agent else { return nil }
        return ConversationCues(
            mentions: empathy.mentions(in: record.text),
            customerName: record.role == .customer ? record.author.flatMap(ReplyContext.firstName(ofAuthor:)) : nil
        )
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

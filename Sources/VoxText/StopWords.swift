import VoxLexicons

/// Words that carry no topic on their own (`lexicons/stopwords.txt`, format `vox-stopwords/1`) and
/// the negators that turn a topic into a complaint (`lexicons/negators.txt`, shared with the
/// sentiment scorer). Phrase extraction needs both: a key phrase never starts or ends with a stop
/// word, but "no refund" keeps its negator because it means the opposite of "refund".
public struct StopWords: Sendable {
    public private(set) var words: Set<String>
    public private(set) var negators: Set<String>

    public init(words: Set<String>, negators: Set<String>) {
        self.words = words
        self.negators = negators
    }

    /// The embedded defaults; a problem in them is a build defect, reported as `file:line`.
    public static func defaults() throws -> StopWords {
        var problems: [LexiconProblem] = []
        let stop = LexiconFile.parse(
            EmbeddedLexicons.files["stopwords.txt"] ?? "", path: "lexicons/stopwords.txt",
            format: "vox-stopwords/1", columns: 1...1, problems: &problems
        )
        let negators = LexiconFile.parse(
            EmbeddedLexicons.files["negators.txt"] ?? "", path: "lexicons/negators.txt",
            format: "vox-negators/1", columns: 1...1, problems: &problems
        )
        if !problems.isEmpty { throw LexiconProblems(problems) }
        return StopWords(words: Set(stop.lines.map { $0.fields[0] }), negators: Set(negators.lines.map { $0.fields[0] }))
    }

    public func isStopWord(_ normalized: String) -> Bool { words.contains(normalized) }

    /// A negator from the list, or any word ending in "n't" (didn't, hasn't, won't).
    public func isNegator(_ normalized: String) -> Bool {
        negators.contains(normalized) || normalized.hasSuffix("n't")
    }
}

import VoxLexicons
import VoxText
import Yams

/// Generic pain-point aspects from `lexicons/painpoints.yaml` (format `vox-painpoints/1`), plus
/// any aspect files a pipeline adds.
public struct PainPointTaxonomy: Sendable {
    public struct Aspect: Sendable, Hashable {
        public var id: String
        public var label: String
        /// What signals the aspect, as stem sequences with their weights.
        public var evidence: [Evidence]
        /// The phrases and terms as written in the file, phrases first: shown as the cluster's
        /// defining phrases and kept in the trend file for matching clusters across runs.
        public var surfaces: [String]

        public init(id: String, label: String, evidence: [Evidence], surfaces: [String]) {
            self.id = id
            self.label = label
            self.evidence = evidence
            self.surfaces = surfaces
        }
    }

    /// A term, phrase or context word of an aspect, as the stems `PhraseExtractor.words` gives.
    public struct Evidence: Sendable, Hashable {
        public var stems: [String]
        public var weight: Int

        /// Weights by the list an entry sits in; a multi-word `terms` or `context` entry counts
        /// as a phrase with its list's weight.
        public static let phraseWeight = 4
        public static let termWeight = 2
        public static let contextWeight = 1
        /// An aspect needs at least this much evidence in a record: one term or one phrase;
        /// context words alone are not enough.
        public static let threshold = 2

        public init(stems: [String], weight: Int) {
            self.stems = stems
            self.weight = weight
        }
    }

    public var aspects: [Aspect]

    public init(aspects: [Aspect]) {
        self.aspects = aspects
    }

    public static func defaults() throws -> PainPointTaxonomy {
        try parse(EmbeddedLexicons.files["painpoints.yaml"] ?? "", path: "lexicons/painpoints.yaml")
    }

    /// Parses an aspect file; problems are reported as `file:line: reason`.
    public static func parse(_ text: String, path: String) throws -> PainPointTaxonomy {
        guard text.split(separator: "\n").first?.trimmed(of: " ") == "# format: vox-painpoints/1" else {
            throw LexiconProblems([LexiconProblem(file: path, line: 1, message: "header must be `# format: vox-painpoints/1`")])
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw LexiconProblems([LexiconProblem(file: path, line: 1, message: "empty aspect file")])
            }
            root = node
        } catch let error as YamlError {
            throw LexiconProblems([LexiconProblem(file: path, line: error.line ?? 1, message: "invalid YAML: \(error.summary)")])
        }
        func problem(_ node: Node, _ message: String) -> LexiconProblems {
            LexiconProblems([LexiconProblem(file: path, line: (node.mark?.line ?? 0), message: message)])
        }
        guard let mapping = root.mapping, let list = mapping["aspects"]?.sequence else {
            throw problem(root, "expected a top-level `aspects:` list")
        }
        let extractor = PhraseExtractor(stopWords: try StopWords.defaults())
        var aspects: [Aspect] = []
        var ids: Set<String> = []
        for node in list {
            guard let aspect = node.mapping else { throw problem(node, "each aspect must be a mapping") }
            for key in aspect.keys where !["id", "label", "terms", "phrases", "context"].contains(key.string ?? "") {
                throw problem(key, "unknown key `\(key.string ?? "?")`; expected id, label, terms, phrases, context")
            }
            guard let id = aspect["id"]?.string, !id.isEmpty else { throw problem(node, "aspect needs an `id`") }
            guard id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
                throw problem(node, "id `\(id)` must be a lowercase slug (letters, digits, dashes)")
            }
            guard ids.insert(id).inserted else { throw problem(node, "duplicate aspect id `\(id)`") }
            guard let label = aspect["label"]?.string, !label.isEmpty else { throw problem(node, "aspect `\(id)` needs a `label`") }
            var evidence: [Evidence] = []
            var surfaces: [String] = []
            for (key, weight) in [("phrases", Evidence.phraseWeight), ("terms", Evidence.termWeight), ("context", Evidence.contextWeight)] {
                guard let list = aspect[key] else { continue }
                guard let entries = list.sequence else { throw problem(list, "`\(key)` of aspect `\(id)` must be a list") }
                for entry in entries {
                    guard let text = entry.string else { throw problem(entry, "`\(key)` of aspect `\(id)`: each entry must be a string") }
                    let stems = extractor.words(text).map(\.stem)
                    guard !stems.isEmpty, stems != [PhraseExtractor.negation] else {
                        throw problem(entry, "`\(key)` of aspect `\(id)`: `\(text)` has no word to match")
                    }
                    if evidence.contains(where: { $0.stems == stems }) { continue }
                    evidence.append(Evidence(stems: stems, weight: stems.count > 1 && weight == Evidence.termWeight ? Evidence.phraseWeight : weight))
                    if weight > Evidence.contextWeight { surfaces.append(text) }
                }
            }
            aspects.append(Aspect(id: id, label: label, evidence: evidence, surfaces: surfaces))
        }
        return PainPointTaxonomy(aspects: aspects)
    }
}

private extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(self)"
        }
    }
}

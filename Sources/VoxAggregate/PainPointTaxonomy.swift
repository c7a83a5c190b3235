import VoxLexicons
import VoxText
import Yams

/// Generic pain-point aspects from `lexicons/painpoints.yaml` (format `vox-painpoints/1`), plus
/// any aspect files a pipeline adds.
public struct PainPointTaxonomy: Sendable {
    public struct Aspect: Sendable, Hashable {
        public var id: String
        public var label: String
        /// Single normalised words.
        public var terms: [String]
        /// Multi-word phrases, as normalised token sequences.
        public var phrases: [[String]]
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
        let tokenizer = Tokenizer()
        var aspects: [Aspect] = []
        var ids: Set<String> = []
        for node in list {
            guard let aspect = node.mapping else { throw problem(node, "each aspect must be a mapping") }
            for key in aspect.keys where !["id", "label", "terms", "phrases"].contains(key.string ?? "") {
                throw problem(key, "unknown key `\(key.string ?? "?")`; expected id, label, terms, phrases")
            }
            guard let id = aspect["id"]?.string, !id.isEmpty else { throw problem(node, "aspect needs an `id`") }
            guard id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
                throw problem(node, "id `\(id)` must be a lowercase slug (letters, digits, dashes)")
            }
            guard ids.insert(id).inserted else { throw problem(node, "duplicate aspect id `\(id)`") }
            guard let label = aspect["label"]?.string, !label.isEmpty else { throw problem(node, "aspect `\(id)` needs a `label`") }
            let terms = (aspect["terms"]?.sequence ?? []).compactMap(\.string).flatMap { term in
                tokenizer.tokenize(term).map(\.normalized)
            }
            let phrases = (aspect["phrases"]?.sequence ?? []).compactMap(\.string).map { phrase in
                tokenizer.tokenize(phrase).filter { $0.kind == .word }.map(\.normalized)
            }.filter { !$0.isEmpty }
            aspects.append(Aspect(id: id, label: label, terms: terms, phrases: phrases))
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

import VoxLexicons
import VoxModel
import VoxText

/// Empathy phrases by category, from `lexicons/empathy.tsv` (format `vox-empathy/1`).
public struct EmpathyLexicon: Sendable {
    public struct Pattern: Sendable, Hashable {
        /// An `EmpathyCategory` or `EmpathyAntiPattern` raw value.
        public var category: String
        public var weight: Double
        public var tokens: [String]
        public var line: Int
    }

    /// Patterns by their first token, longest first.
    public private(set) var patterns: [String: [Pattern]] = [:]
    public private(set) var count = 0

    public init() {}

    public static func defaults() throws -> EmpathyLexicon {
        var lexicon = EmpathyLexicon()
        var problems: [LexiconProblem] = []
        lexicon.add(EmbeddedLexicons.files["empathy.tsv"] ?? "", path: "lexicons/empathy.tsv", problems: &problems)
        if !problems.isEmpty { throw LexiconProblems(problems) }
        return lexicon
    }

    static let knownCategories: Set<String> = Set(EmpathyCategory.allCases.map(\.rawValue))
        .union(EmpathyAntiPattern.allCases.map(\.rawValue))

    public mutating func add(_ text: String, path: String, problems: inout [LexiconProblem]) {
        let file = LexiconFile.parse(text, path: path, format: "vox-empathy/1", columns: 3...3, problems: &problems)
        var seen: Set<[String]> = []
        for line in file.lines {
            let category = line.fields[0]
            guard Self.knownCategories.contains(category) else {
                problems.append(LexiconProblem(
                    file: path, line: line.number,
                    message: "unknown category `\(category)`; expected one of \(Self.knownCategories.sorted().joined(separator: ", "))"
                ))
                continue
            }
            guard let weight = Double(line.fields[1]), (0.1...5).contains(weight) else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "weight `\(line.fields[1])` must be a number in 0.1…5"))
                continue
            }
            let tokens = Tokenizer().tokenize(line.fields[2]).map(\.normalized)
            guard !tokens.isEmpty else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "empty phrase"))
                continue
            }
            guard seen.insert(tokens).inserted else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate phrase `\(line.fields[2])`"))
                continue
            }
            var list = patterns[tokens[0], default: []]
            list.append(Pattern(category: category, weight: weight, tokens: tokens, line: line.number))
            list.sort { $0.tokens.count > $1.tokens.count || ($0.tokens.count == $1.tokens.count && $0.line < $1.line) }
            patterns[tokens[0]] = list
            count += 1
        }
    }
}

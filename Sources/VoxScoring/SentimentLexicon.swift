import VoxLexicons
import VoxText

/// Valences for words and multi-word expressions, plus the modifier words the rules use.
/// Built from the embedded defaults and any files a pipeline adds on top.
public struct SentimentLexicon: Sendable {
    /// Single-token terms.
    public private(set) var words: [String: Double] = [:]
    /// Multi-token expressions by their first token, longest first.
    public private(set) var phrases: [String: [LexiconPhrase]] = [:]
    /// Booster (positive) and dampener (negative) scalars, single tokens.
    public private(set) var boosters: [String: Double] = [:]
    /// Multi-token boosters ("kind of") by first token.
    public private(set) var boosterPhrases: [String: [LexiconPhrase]] = [:]
    public private(set) var negators: Set<String> = []

    public init() {}

    /// The embedded general lexicon, modifiers and the named domain overlays (by default all of
    /// them: today `customer-service`).
    public static func defaults(overlays: [String]? = nil) throws -> SentimentLexicon {
        var lexicon = SentimentLexicon()
        var problems: [LexiconProblem] = []
        lexicon.addValences(embedded("sentiment.tsv"), path: "lexicons/sentiment.tsv", problems: &problems)
        lexicon.addBoosters(embedded("boosters.tsv"), path: "lexicons/boosters.tsv", problems: &problems)
        lexicon.addNegators(embedded("negators.txt"), path: "lexicons/negators.txt", problems: &problems)
        for overlay in overlays ?? availableOverlays {
            let name = "domains/\(overlay).tsv"
            guard let text = EmbeddedLexicons.files[name] else {
                throw LexiconProblems([LexiconProblem(
                    file: "lexicons/\(name)", line: 0,
                    message: "no such overlay; available: \(availableOverlays.joined(separator: ", "))"
                )])
            }
            lexicon.addValences(text, path: "lexicons/\(name)", overlay: true, problems: &problems)
        }
        if !problems.isEmpty { throw LexiconProblems(problems) }
        return lexicon
    }

    /// Names of the embedded domain overlays (`lexicons/domains/NAME.tsv`).
    public static var availableOverlays: [String] {
        EmbeddedLexicons.files.keys
            .filter { $0.hasPrefix("domains/") && $0.hasSuffix(".tsv") }
            .map { String($0.dropFirst("domains/".count).dropLast(".tsv".count)) }
            .sorted()
    }

    private static func embedded(_ name: String) -> String {
        EmbeddedLexicons.files[name] ?? ""
    }

    /// Adds a `vox-sentiment/1` file. In the base lexicon a repeated term is an error; an
    /// overlay (`overlay: true`) replaces the general valence of terms it repeats.
    public mutating func addValences(_ text: String, path: String, overlay: Bool = false, problems: inout [LexiconProblem]) {
        let file = LexiconFile.parse(text, path: path, format: "vox-sentiment/1", columns: 2...2, problems: &problems)
        var seen: Set<String> = []
        for line in file.lines {
            let term = line.fields[0]
            guard let valence = Double(line.fields[1]) else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "valence `\(line.fields[1])` is not a number"))
                continue
            }
            guard (-4...4).contains(valence) else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "valence \(line.fields[1]) is outside -4…4"))
                continue
            }
            let normalized = Self.tokens(of: term).joined(separator: " ")
            guard term == normalized else {
                problems.append(LexiconProblem(
                    file: path, line: line.number,
                    message: "term `\(term)` is not in the form text is matched in; write `\(normalized)` (lowercase, single spaces)"
                ))
                continue
            }
            guard seen.insert(term).inserted, overlay || !contains(term) else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate entry `\(term)`"))
                continue
            }
            setValence(valence, for: term)
        }
    }

    public mutating func addBoosters(_ text: String, path: String, problems: inout [LexiconProblem]) {
        let file = LexiconFile.parse(text, path: path, format: "vox-boosters/1", columns: 2...2, problems: &problems)
        for line in file.lines {
            let term = line.fields[0]
            guard let scalar = Double(line.fields[1]), (-1...1).contains(scalar) else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "scalar `\(line.fields[1])` must be a number in -1…1"))
                continue
            }
            let tokens = Self.tokens(of: term)
            if tokens.count == 1 {
                guard boosters[term] == nil else {
                    problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate entry `\(term)`"))
                    continue
                }
                boosters[term] = scalar
            } else {
                boosterPhrases[tokens[0], default: []].append(LexiconPhrase(tokens: tokens, value: scalar))
                boosterPhrases[tokens[0]]!.sort { $0.tokens.count > $1.tokens.count }
            }
        }
    }

    public mutating func addNegators(_ text: String, path: String, problems: inout [LexiconProblem]) {
        let file = LexiconFile.parse(text, path: path, format: "vox-negators/1", columns: 1...1, problems: &problems)
        for line in file.lines {
            guard negators.insert(line.fields[0]).inserted else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate entry `\(line.fields[0])`"))
                continue
            }
        }
    }

    public func contains(_ term: String) -> Bool {
        let tokens = Self.tokens(of: term)
        if tokens.count == 1 { return words[term] != nil }
        return phrases[tokens[0]]?.contains { $0.tokens == tokens } ?? false
    }

    mutating func setValence(_ valence: Double, for term: String) {
        let tokens = Self.tokens(of: term)
        if tokens.count == 1 {
            words[tokens[0]] = valence
            return
        }
        var list = phrases[tokens[0], default: []]
        list.removeAll { $0.tokens == tokens }
        list.append(LexiconPhrase(tokens: tokens, value: valence))
        list.sort { $0.tokens.count > $1.tokens.count || ($0.tokens.count == $1.tokens.count && $0.tokens.lexicographicallyPrecedes($1.tokens)) }
        phrases[tokens[0]] = list
    }

    /// A term as the tokenizer would split it, so that "doesn't work" and "can't log in" match text.
    static func tokens(of term: String) -> [String] {
        let tokens = Tokenizer().tokenize(term).map(\.normalized)
        return tokens.isEmpty ? [term] : tokens
    }
}

/// A multi-token lexicon entry.
public struct LexiconPhrase: Sendable, Hashable {
    public var tokens: [String]
    public var value: Double
}

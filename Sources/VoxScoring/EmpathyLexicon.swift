import VoxLexicons
import VoxModel
import VoxText

/// Empathy phrase patterns by category, from `lexicons/empathy.tsv` and a pipeline's own files.
///
/// Format `vox-empathy/2`, one entry a line, tab-separated:
/// - a pattern: `category<TAB>weight<TAB>pattern`, where the category is a DESIGN.md empathy
///   category or anti-pattern, the weight is 0.1…5 (0.5 a weak cue, 3 a strong one) and the pattern
///   uses the `TokenPattern` syntax (`i {am|'m} {so|really}? sorry`, `let me {0,3} {fix|sort}`);
/// - a look-alike: `lookalike<TAB>weight<TAB>pattern` — never counts, but masks the empathy
///   phrases inside it (`you {will|'ll} be sorry` is a threat, not an apology);
/// - a word class: `@name<TAB>alternatives` (`@upset<TAB>frustrating | upsetting | a lot to deal with`),
///   usable as `@upset` in the patterns and classes on later lines, and in files added later.
///
/// Files in the older `vox-empathy/1` format (literal phrases) load too: a literal phrase is a
/// pattern without operators. Problems are collected as `file:line: reason` (with the column
/// inside the pattern for syntax errors) so that one run reports them all.
public struct EmpathyLexicon: Sendable {
    public static let format = "vox-empathy/2"
    public static let formats = ["vox-empathy/2", "vox-empathy/1"]

    /// What the scorer needs to know about a pattern when it matches.
    public struct Pattern: Sendable, Hashable {
        /// An `EmpathyCategory` or `EmpathyAntiPattern` raw value.
        public var category: String
        public var weight: Double
        /// The pattern as written.
        public var text: String
        /// `file:line`, for explanations and lint.
        public var rule: String
        public var isAntiPattern: Bool { EmpathyAntiPattern(rawValue: category) != nil }
        /// A look-alike (`lookalike` category): it never counts, but a phrase inside it is dropped
        /// ("sorry, what is your order number?" is not an apology).
        public var isLookAlike: Bool { category == EmpathyLexicon.lookAlike }
    }

    public private(set) var patterns: [Pattern] = []
    private var builder = PhraseMatcher.Builder()
    /// Normalised pattern text → rule, to report duplicates with the first one's place.
    private var seen: [String: String] = [:]

    public var count: Int { patterns.count }

    public init() {}

    public static func defaults() throws -> EmpathyLexicon {
        var lexicon = EmpathyLexicon()
        var problems: [LexiconProblem] = []
        lexicon.add(EmbeddedLexicons.files["empathy.tsv"] ?? "", path: "lexicons/empathy.tsv", problems: &problems)
        if !problems.isEmpty { throw LexiconProblems(problems) }
        return lexicon
    }

    /// The category of patterns that only mask look-alikes of empathy phrases.
    public static let lookAlike = "lookalike"

    static let knownCategories: Set<String> = Set(EmpathyCategory.allCases.filter { $0 != .personalization }.map(\.rawValue))
        .union(EmpathyAntiPattern.allCases.map(\.rawValue)).union([lookAlike])

    /// Compiles the patterns into the automaton the scorer runs. Stop words are among the words
    /// it resolves once at build time, as they fill much of any reply; they change no match.
    public func matcher() -> PhraseMatcher { builder.build(commonWords: Self.commonWords) }

    /// The embedded stop words (a broken embedded lexicon is reported by the phrase extractor,
    /// which needs them; here they only save time, so none is a valid answer).
    static let commonWords: [String] = (try? StopWords.defaults()).map { $0.words.sorted() } ?? []

    public mutating func add(_ text: String, path: String, problems: inout [LexiconProblem]) {
        let header = text.split(separator: "\n", maxSplits: 1).first.map { $0.trimmed(of: " \t\r") } ?? ""
        let format = Self.formats.first { header == "# format: \($0)" } ?? Self.format
        let file = LexiconFile.parse(text, path: path, format: format, columns: 2...3, problems: &problems)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in file.lines {
            let raw = line.number <= lines.count ? String(lines[line.number - 1]) : ""
            if line.fields[0].hasPrefix("@") {
                addClass(line, raw: raw, path: path, problems: &problems)
            } else {
                addPattern(line, raw: raw, path: path, problems: &problems)
            }
        }
    }

    private mutating func addClass(_ line: LexiconFile.Line, raw: String, path: String, problems: inout [LexiconProblem]) {
        let name = String(line.fields[0].dropFirst())
        guard line.fields.count == 2 else {
            problems.append(LexiconProblem(file: path, line: line.number, message: "a word class line is `@name<TAB>alternatives` (2 fields), found \(line.fields.count)"))
            return
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            problems.append(LexiconProblem(file: path, line: line.number, message: "word class name `\(line.fields[0])` must be @ and letters, digits, _ or -"))
            return
        }
        guard !builder.hasClass(name) else {
            problems.append(LexiconProblem(file: path, line: line.number, message: "word class `@\(name)` is defined twice"))
            return
        }
        do {
            try builder.defineClass(name, line.fields[1])
        } catch {
            problems.append(Self.problem(error, path: path, line: line.number, raw: raw, field: line.fields[1]))
        }
    }

    private mutating func addPattern(_ line: LexiconFile.Line, raw: String, path: String, problems: inout [LexiconProblem]) {
        guard line.fields.count == 3 else {
            problems.append(LexiconProblem(file: path, line: line.number, message: "a pattern line is `category<TAB>weight<TAB>pattern` (3 fields), found \(line.fields.count)"))
            return
        }
        let category = line.fields[0]
        guard Self.knownCategories.contains(category) else {
            let hint = category == EmpathyCategory.personalization.rawValue
                ? "personalization comes from the conversation (the customer's name and case details), not from patterns"
                : "expected one of \(Self.knownCategories.sorted().joined(separator: ", "))"
            problems.append(LexiconProblem(file: path, line: line.number, message: "unknown category `\(category)`; \(hint)"))
            return
        }
        guard let weight = Double(line.fields[1]), (0.1...5).contains(weight) else {
            problems.append(LexiconProblem(file: path, line: line.number, message: "weight `\(line.fields[1])` must be a number in 0.1…5"))
            return
        }
        let text = line.fields[2]
        let key = text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        if let first = seen[key] {
            problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate pattern `\(text)` (first at \(first))"))
            return
        }
        do {
            _ = try builder.add(text)
        } catch {
            problems.append(Self.problem(error, path: path, line: line.number, raw: raw, field: text))
            return
        }
        let rule = "\(path):\(line.number)"
        seen[key] = rule
        patterns.append(Pattern(category: category, weight: weight, text: text, rule: rule))
    }

    /// A pattern error as `file:line:column: reason`, the column counted in the whole line.
    static func problem(_ error: TokenPatternError, path: String, line: Int, raw: String, field: String) -> LexiconProblem {
        let characters = Array(raw)
        let fieldCharacters = Array(field)
        var offset = 0
        if !fieldCharacters.isEmpty, characters.count >= fieldCharacters.count {
            for start in stride(from: characters.count - fieldCharacters.count, through: 0, by: -1)
            where Array(characters[start..<(start + fieldCharacters.count)]) == fieldCharacters {
                offset = start
                break
            }
        }
        return LexiconProblem(file: path, line: line, column: offset + error.column, message: error.message)
    }
}

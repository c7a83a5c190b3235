/// A phrase pattern: a sequence of words with alternatives, optional parts, bounded gaps and
/// named word classes, matched against a text's words (see `PhraseMatcher`).
///
/// Syntax, by example:
///
/// | written | matches |
/// |---|---|
/// | `thank you for your patience` | those words in order (after `PhraseNormalizer`: any case, `thanks` = `thank`) |
/// | `{so|really|very}` | one of the alternatives; an alternative may be several words: `{thank you|thanks}` |
/// | `really?` or `{so|really}?` | the word or group, or nothing |
/// | `{0,3}` | any 0 to 3 words (not a negation, not across punctuation) |
/// | `@distress` | the alternatives of the word class `@distress`, defined by whoever compiles the pattern |
/// | `,` or ` ?` (after a space) | that punctuation mark (a clause break, a question mark) |
///
/// A pattern cannot begin or end with a gap and cannot match an empty text.
public indirect enum TokenPattern: Sendable, Hashable {
    case word(String)
    case punctuation(Character)
    case sequence([TokenPattern])
    case choice([TokenPattern])
    case optional(TokenPattern)
    case gap(min: Int, max: Int)
    case wordClass(String)

    /// The longest gap a pattern may ask for; longer gaps would let a pattern span unrelated clauses.
    public static let maximumGap = 6

    /// Parses `text`; errors carry the 1-based column (in characters) of what is wrong.
    public static func parse(_ text: String) throws(TokenPatternError) -> TokenPattern {
        var parser = Parser(characters: Array(text))
        let items = try parser.items()
        guard !items.isEmpty else { throw TokenPatternError(column: 1, message: "empty pattern") }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// Parses the alternatives of a word class definition: `frustrating | stressful | a bit much`.
    public static func parseAlternatives(_ text: String) throws(TokenPatternError) -> TokenPattern {
        var parser = Parser(characters: Array(text))
        let alternatives = try parser.alternatives(until: nil, openedAt: 0)
        return alternatives.count == 1 ? alternatives[0] : .choice(alternatives)
    }

    /// True when the pattern can match no words at all.
    public var isNullable: Bool {
        switch self {
        case .word, .punctuation, .wordClass: return false
        case .sequence(let items): return items.allSatisfy(\.isNullable)
        case .choice(let items): return items.contains(where: \.isNullable)
        case .optional: return true
        case .gap(let min, _): return min == 0
        }
    }

    /// Word class names used in the pattern.
    public var wordClasses: [String] {
        switch self {
        case .word, .punctuation, .gap: return []
        case .wordClass(let name): return [name]
        case .optional(let inner): return inner.wordClasses
        case .sequence(let items), .choice(let items): return items.flatMap(\.wordClasses)
        }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        static let wordStops: Set<Character> = ["{", "}", "|", "?", ","]

        mutating func items() throws(TokenPatternError) -> [TokenPattern] {
            var items: [TokenPattern] = []
            while true {
                skipSpaces()
                guard index < characters.count else { return items }
                let start = index
                let character = characters[index]
                var item: TokenPattern
                switch character {
                case "{":
                    item = try group()
                case "}":
                    throw TokenPatternError(column: start + 1, message: "`}` without an opening `{`")
                case "|":
                    throw TokenPatternError(column: start + 1, message: "`|` outside `{…}`; write alternatives as {a|b}")
                case ",", "?":
                    index += 1
                    items.append(.punctuation(character))
                    continue
                default:
                    item = try word()
                }
                if index < characters.count, characters[index] == "?" {
                    if case .gap = item {
                        throw TokenPatternError(column: index + 1, message: "a gap is optional already; write {0,n} instead of adding `?`")
                    }
                    index += 1
                    item = .optional(item)
                }
                items.append(item)
            }
        }

        mutating func group() throws(TokenPatternError) -> TokenPattern {
            let open = index
            index += 1
            var end = index
            while end < characters.count, characters[end] != "}" {
                if characters[end] == "{" {
                    throw TokenPatternError(column: end + 1, message: "`{` inside `{…}`; groups cannot be nested (use a word class)")
                }
                end += 1
            }
            guard end < characters.count else {
                throw TokenPatternError(column: open + 1, message: "`{` is never closed; add `}`")
            }
            let inner = String(characters[index..<end])
            if let gap = try gap(inner, column: open + 1) {
                index = end + 1
                return gap
            }
            let alternatives = try alternatives(until: "}", openedAt: open)
            index += 1 // the closing brace
            return alternatives.count == 1 ? alternatives[0] : .choice(alternatives)
        }

        /// `{m,n}`: nil when the group is not a gap.
        func gap(_ inner: String, column: Int) throws(TokenPatternError) -> TokenPattern? {
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmed(of: " ") }
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
                if inner.contains(where: \.isNumber), inner.contains(","), !inner.contains("|") {
                    throw TokenPatternError(column: column, message: "gap `{\(inner)}` must be two whole numbers: {min,max}")
                }
                return nil
            }
            guard let low = Int(parts[0]), let high = Int(parts[1]), low <= high, high >= 1, high <= TokenPattern.maximumGap else {
                throw TokenPatternError(
                    column: column,
                    message: "gap `{\(inner)}` needs 0 ≤ min ≤ max, 1 ≤ max ≤ \(TokenPattern.maximumGap)"
                )
            }
            return .gap(min: low, max: high)
        }

        /// Alternatives separated by `|`, each a sequence of words and word classes, up to `terminator`.
        mutating func alternatives(until terminator: Character?, openedAt open: Int) throws(TokenPatternError) -> [TokenPattern] {
            var alternatives: [TokenPattern] = []
            var current: [TokenPattern] = []
            var alternativeStart = index
            while true {
                skipSpaces()
                let atEnd = index >= characters.count || (terminator != nil && characters[index] == terminator)
                if atEnd || characters[index] == "|" {
                    guard !current.isEmpty else {
                        throw TokenPatternError(column: alternativeStart + 1, message: "empty alternative; use `?` after the group to make it optional")
                    }
                    alternatives.append(current.count == 1 ? current[0] : .sequence(current))
                    current = []
                    if atEnd { return alternatives }
                    index += 1
                    alternativeStart = index
                    continue
                }
                let character = characters[index]
                if character == "{" || character == "}" || character == "?" || character == "," {
                    throw TokenPatternError(
                        column: index + 1,
                        message: "`\(character)` inside an alternative; alternatives hold words and @classes only"
                    )
                }
                current.append(try word())
            }
        }

        mutating func word() throws(TokenPatternError) -> TokenPattern {
            let start = index
            while index < characters.count, !characters[index].isWhitespace, !Self.wordStops.contains(characters[index]) {
                index += 1
            }
            let text = String(characters[start..<index])
            if text.hasPrefix("@") {
                let name = text.dropFirst()
                guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                    throw TokenPatternError(column: start + 1, message: "word class name `\(text)` must be @ and letters, digits, _ or -")
                }
                return .wordClass(String(name))
            }
            if PhraseNormalizer.shared.keys(text).allSatisfy(\.isEmpty) {
                throw TokenPatternError(column: start + 1, message: "`\(text)` is not a word on its own")
            }
            return .word(text)
        }

        mutating func skipSpaces() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }
    }
}

/// What is wrong with a pattern and where: the 1-based column in the pattern's text.
public struct TokenPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}

import VoxLexicons
import VoxText

/// Valences for words and multi-word expressions, and the modifier words the rules read:
/// boosters and dampeners, negators, contrastive conjunctions and feedback cues. Built from the
/// embedded defaults and any files a pipeline adds on top; `SentimentScorer` compiles it into a
/// byte-keyed table once.
///
/// Terms are kept in the form the tokenizer produces (lowercase, typographic apostrophes made
/// straight, tokens joined by single spaces), so a file's `doesn't work` matches text's
/// "Doesn’t  work". Two placeholders may stand for a token in multi-word terms: `<number>` (digits
/// such as `3` or `2.5`, or a number word listed as a `number` cue) and `<ordinal>` (`3rd`, or an
/// `ordinal` cue such as `third`).
public struct SentimentLexicon: Sendable {
    /// Term → valence (−4…4), single words and multi-word expressions alike.
    public private(set) var valences: [String: Double] = [:]
    /// Terms whose valence an overlay set (explanations name the overlay rule).
    public private(set) var overlayTerms: Set<String> = []
    /// Terms the base files (not an overlay) rate non-zero, whatever an overlay made of them:
    /// the words that say how a customer felt rather than what about (pain-point discovery).
    public private(set) var baseSentimentTerms: Set<String> = []
    /// Booster (positive) and dampener (negative) scalars, single tokens or phrases ("kind of").
    public private(set) var boosters: [String: Double] = [:]
    public private(set) var negators: Set<String> = []
    public private(set) var contrasts: [String: SentimentContrast] = [:]
    public private(set) var cues: [String: Set<SentimentCue>] = [:]

    public init() {}

    /// The embedded files that make the defaults, in load order, with the format each must have.
    public static let defaultFiles: [(name: String, format: String)] = [
        ("sentiment.tsv", "vox-sentiment/1"), ("idioms.tsv", "vox-idioms/1"), ("boosters.tsv", "vox-boosters/1"),
        ("negators.txt", "vox-negators/1"), ("contrast.tsv", "vox-contrast/1"), ("cues.tsv", "vox-cues/1"),
    ]

    /// The embedded general lexicon, idioms, modifier files and the named domain overlays (by
    /// default all of them: today `customer-service`).
    public static func defaults(overlays: [String]? = nil) throws -> SentimentLexicon {
        var lexicon = SentimentLexicon()
        var problems: [LexiconProblem] = []
        for (name, format) in defaultFiles {
            lexicon.add(format: format, EmbeddedLexicons.files[name] ?? "", path: "lexicons/\(name)", problems: &problems)
        }
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

    /// The sentiment formats, for `vox lexicon lint`.
    public static var formats: [String] { defaultFiles.map(\.format) }

    /// The problems the loader finds in one file of a sentiment format, alone: duplicates within
    /// the file, values out of range, terms not in matched form, bad headers and columns.
    public static func check(format: String, _ text: String, path: String) -> [LexiconProblem] {
        var lexicon = SentimentLexicon()
        var problems: [LexiconProblem] = []
        lexicon.add(format: format, text, path: path, problems: &problems)
        return problems
    }

    /// Adds a file of one of the sentiment formats by its format name.
    mutating func add(format: String, _ text: String, path: String, problems: inout [LexiconProblem]) {
        switch format {
        case "vox-sentiment/1": addValences(text, path: path, problems: &problems)
        case "vox-idioms/1": addValences(text, path: path, format: format, overlay: true, problems: &problems)
        case "vox-boosters/1": addBoosters(text, path: path, problems: &problems)
        case "vox-negators/1": addNegators(text, path: path, problems: &problems)
        case "vox-contrast/1": addContrasts(text, path: path, problems: &problems)
        case "vox-cues/1": addCues(text, path: path, problems: &problems)
        default: problems.append(LexiconProblem(file: path, line: 1, message: "unknown sentiment format `\(format)`"))
        }
    }

    /// Adds a `vox-sentiment/1` file (or `vox-idioms/1`, same columns). In the base lexicon a term
    /// already present is an error; an overlay (`overlay: true`) replaces the valence of terms it
    /// repeats from earlier files, but may not list a term twice itself.
    public mutating func addValences(
        _ text: String, path: String, format: String = "vox-sentiment/1", overlay: Bool = false, problems: inout [LexiconProblem]
    ) {
        let file = LexiconFile.parse(text, path: path, format: format, columns: 2...2, problems: &problems)
        var seen: Set<String> = []
        for line in file.lines {
            guard let term = Self.checkedTerm(line, path: path, problems: &problems),
                  let valence = Self.number(line, path: path, range: -4...4, problems: &problems) else { continue }
            guard seen.insert(term).inserted, overlay || valences[term] == nil else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate entry `\(term)`"))
                continue
            }
            valences[term] = valence
            if overlay { overlayTerms.insert(term) } else { overlayTerms.remove(term) }
            if !overlay, valence != 0 { baseSentimentTerms.insert(term) }
        }
    }

    /// Adds a `vox-boosters/1` file: term, scalar in −1…1 (positive strengthens, negative softens).
    public mutating func addBoosters(_ text: String, path: String, problems: inout [LexiconProblem]) {
        let file = LexiconFile.parse(text, path: path, format: "vox-boosters/1", columns: 2...2, problems: &problems)
        for line in file.lines {
            guard let term = Self.checkedTerm(line, path: path, problems: &problems),
                  let scalar = Self.number(line, path: path, range: -1...1, noun: "scalar", problems: &problems) else { continue }
            guard boosters.updateValue(scalar, forKey: term) == nil else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate entry `\(term)`"))
                continue
            }
        }
    }

    /// Adds a `vox-negators/1` file: one single-token negator a line. Words ending in "n't" are
    /// negators by rule and need no entry.
    public mutating func addNegators(_ text: String, path: String, problems: inout [LexiconProblem]) {
        let file = LexiconFile.parse(text, path: path, format: "vox-negators/1", columns: 1...1, problems: &problems)
        for line in file.lines {
            guard let term = Self.checkedTerm(line, path: path, singleToken: true, problems: &problems) else { continue }
            guard negators.insert(term).inserted else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate entry `\(term)`"))
                continue
            }
        }
    }

    /// Adds a `vox-contrast/1` file: a single-token conjunction and its kind (`after`, `concessive`).
    public mutating func addContrasts(_ text: String, path: String, problems: inout [LexiconProblem]) {
        let file = LexiconFile.parse(text, path: path, format: "vox-contrast/1", columns: 2...2, problems: &problems)
        for line in file.lines {
            guard let term = Self.checkedTerm(line, path: path, singleToken: true, problems: &problems) else { continue }
            guard let kind = SentimentContrast(rawValue: line.fields[1]) else {
                problems.append(LexiconProblem(
                    file: path, line: line.number,
                    message: "unknown contrast kind `\(line.fields[1])`; expected one of: \(SentimentContrast.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
                continue
            }
            guard contrasts.updateValue(kind, forKey: term) == nil else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate entry `\(term)`"))
                continue
            }
        }
    }

    /// Adds a `vox-cues/1` file: a single-token word and one role it plays in the feedback rules.
    /// A word may have several roles, one a line.
    public mutating func addCues(_ text: String, path: String, problems: inout [LexiconProblem]) {
        let file = LexiconFile.parse(text, path: path, format: "vox-cues/1", columns: 2...2, problems: &problems)
        for line in file.lines {
            guard let term = Self.checkedTerm(line, path: path, singleToken: true, problems: &problems) else { continue }
            guard let cue = SentimentCue(rawValue: line.fields[1]) else {
                problems.append(LexiconProblem(
                    file: path, line: line.number,
                    message: "unknown cue `\(line.fields[1])`; expected one of: \(SentimentCue.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
                continue
            }
            guard cues[term, default: []].insert(cue).inserted else {
                problems.append(LexiconProblem(file: path, line: line.number, message: "duplicate entry `\(term)` \(cue.rawValue)"))
                continue
            }
        }
    }

    public func contains(_ term: String) -> Bool { valences[term] != nil }

    /// The first field if it is written the way text is matched; otherwise a problem naming the
    /// form to write.
    static func checkedTerm(_ line: LexiconFile.Line, path: String, singleToken: Bool = false, problems: inout [LexiconProblem]) -> String? {
        let term = line.fields[0]
        let tokens = Self.tokens(of: term)
        let normalized = tokens.joined(separator: " ")
        guard term == normalized else {
            problems.append(LexiconProblem(
                file: path, line: line.number,
                message: "term `\(term)` is not in the form text is matched in; write `\(normalized)` (lowercase, single spaces)"
            ))
            return nil
        }
        if singleToken, tokens.count != 1 {
            problems.append(LexiconProblem(file: path, line: line.number, message: "`\(term)` must be a single token"))
            return nil
        }
        return term
    }

    static func number(
        _ line: LexiconFile.Line, path: String, range: ClosedRange<Double>, noun: String = "valence", problems: inout [LexiconProblem]
    ) -> Double? {
        guard let value = Double(line.fields[1]), value.isFinite else {
            problems.append(LexiconProblem(file: path, line: line.number, message: "\(noun) `\(line.fields[1])` is not a number"))
            return nil
        }
        guard range.contains(value) else {
            problems.append(LexiconProblem(
                file: path, line: line.number,
                message: "\(noun) \(line.fields[1]) is outside \(Self.format(range.lowerBound))…\(Self.format(range.upperBound))"
            ))
            return nil
        }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Placeholders that stand for a class of tokens in multi-word terms.
    static let placeholders: Set<String> = ["<number>", "<ordinal>"]

    /// A term as the tokenizer would split it, so that "doesn't work" and "can't log in" match text.
    static func tokens(of term: String) -> [String] {
        var tokens: [String] = []
        for part in term.split(separator: " ", omittingEmptySubsequences: false) {
            if placeholders.contains(String(part)) {
                tokens.append(String(part))
            } else {
                tokens += Tokenizer().tokenize(String(part)).map(\.normalized)
            }
        }
        return tokens.isEmpty ? [term] : tokens
    }
}

/// How a contrastive conjunction shifts weight between clauses.
public enum SentimentContrast: String, Sendable, CaseIterable {
    /// "but", "however": what follows weighs more (×1.5), what came before less (×0.5).
    case after
    /// "although", "though": the clause it introduces weighs less (×0.5), the rest of the
    /// sentence more (×1.5).
    case concessive
}

/// Roles a word plays in the feedback rules (`lexicons/cues.tsv`).
public enum SentimentCue: String, Sendable, CaseIterable {
    /// Thanks; "thanks for the 3 hour wait" is sarcasm.
    case gratitude
    /// Verbs of liking; "love waiting on hold" is sarcasm.
    case liking
    /// "another", "again": with a positive opener, "great, another delay" is sarcasm.
    case `repeat`
    /// Opens a question ("how", "can", "is").
    case question
    /// Opens a request ("please", "kindly").
    case request
    /// Marks a question or request as a complaint ("still", "why", "again").
    case complaint
    /// A number word that fills `<number>` ("two", "several").
    case number
    /// An ordinal word that fills `<ordinal>` ("third").
    case ordinal
    /// "least": "the least helpful" flips the word it modifies (not after "at").
    case least
    /// "free" right after a negative word means its absence: "guilt free", "stress free".
    case absence
    /// Praise people say deadpan ("Brilliant.", "Great, a two hour wait"): after or before a
    /// complaint, sarcasm.
    case irony
    /// Written laughter ("lol", "haha"): like a face, it shows the writer's mood whatever the
    /// words before it, so it is never negated ("I'm not the latter lol").
    case laughter
    /// An apology ("sorry"): negative, but no complaint, so it does not turn praise beside it
    /// into sarcasm ("Thanks for the update, sorry for all the emails").
    case apology
    /// Putting something right ("fix", "replace", "refund", "help"): thanks for it are meant even
    /// when the complaint it put right follows ("thanks for fixing the broken router").
    case remedy
}

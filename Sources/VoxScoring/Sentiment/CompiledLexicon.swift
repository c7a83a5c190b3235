import VoxText

/// What the scorer knows about one term, by term id.
struct TermInfo: Sendable {
    /// The term's valence, NaN when it has none (a modifier word, or a word only seen inside
    /// phrases such as "hold" in "on hold").
    var valence = Double.nan
    /// Booster or dampener scalar; 0 when the term is neither.
    var booster = 0.0
    var flags: TermFlags = []
    /// Multi-word entries starting with this term: `phrases[phraseStart..<phraseEnd]`, longest first.
    var phraseStart: Int32 = 0
    var phraseEnd: Int32 = 0

    var hasValence: Bool { !valence.isNaN }
}

struct TermFlags: OptionSet, Sendable {
    let rawValue: UInt32
    static let negator = TermFlags(rawValue: 1 << 0)
    static let contrastAfter = TermFlags(rawValue: 1 << 1)
    static let contrastConcessive = TermFlags(rawValue: 1 << 2)
    static let gratitude = TermFlags(rawValue: 1 << 3)
    static let liking = TermFlags(rawValue: 1 << 4)
    static let `repeat` = TermFlags(rawValue: 1 << 5)
    static let question = TermFlags(rawValue: 1 << 6)
    static let request = TermFlags(rawValue: 1 << 7)
    static let complaint = TermFlags(rawValue: 1 << 8)
    static let number = TermFlags(rawValue: 1 << 9)
    static let ordinal = TermFlags(rawValue: 1 << 10)
    static let least = TermFlags(rawValue: 1 << 11)
    /// The valence comes from a domain overlay (or idioms), named in explanations.
    static let overlay = TermFlags(rawValue: 1 << 12)
    /// "for", read by the gratitude sarcasm rule.
    static let forWord = TermFlags(rawValue: 1 << 13)
    /// "at", which makes "least" not a modifier ("at least").
    static let atWord = TermFlags(rawValue: 1 << 14)
    static let contrast: TermFlags = [.contrastAfter, .contrastConcessive]

    static func of(_ cue: SentimentCue) -> TermFlags {
        switch cue {
        case .gratitude: return .gratitude
        case .liking: return .liking
        case .repeat: return .repeat
        case .question: return .question
        case .request: return .request
        case .complaint: return .complaint
        case .number: return .number
        case .ordinal: return .ordinal
        case .least: return .least
        }
    }
}

/// A multi-word entry: the term ids of its second and later tokens, and its value.
struct CompiledPhrase: Sendable {
    var rest: [Int32]
    var value: Double
    /// A booster phrase ("kind of") rather than a valence phrase.
    var isBooster: Bool
    var isOverlay: Bool
}

/// A `SentimentLexicon` as the scorer reads it: every term (and every token of every phrase)
/// interned in a `TermTable`, with its attributes in an array indexed by term id.
struct CompiledLexicon: Sendable {
    var table = TermTable()
    var info: [TermInfo] = []
    var phrases: [CompiledPhrase] = []
    /// Term ids of the placeholders `<number>` and `<ordinal>`.
    var numberTerm: Int32 = -1
    var ordinalTerm: Int32 = -1
    /// The ASCII emoticons the tokenizer keeps whole (`Emoticons.all`), by bytes.
    var emoticons = TermTable()

    init(_ lexicon: SentimentLexicon) {
        numberTerm = intern("<number>")
        ordinalTerm = intern("<ordinal>")
        for term in ["for", "at"] { _ = intern(term) }
        info[Int(intern("for"))].flags.insert(.forWord)
        info[Int(intern("at"))].flags.insert(.atWord)
        var grouped: [Int32: [(tokens: [String], phrase: CompiledPhrase)]] = [:]
        func addPhrase(_ tokens: [String], value: Double, isBooster: Bool, isOverlay: Bool) {
            let ids = tokens.map { intern($0) }
            grouped[ids[0], default: []].append((tokens, CompiledPhrase(rest: Array(ids.dropFirst()), value: value, isBooster: isBooster, isOverlay: isOverlay)))
        }
        for (term, valence) in lexicon.valences.sorted(by: { $0.key < $1.key }) {
            let tokens = SentimentLexicon.tokens(of: term)
            let isOverlay = lexicon.overlayTerms.contains(term)
            if tokens.count == 1 {
                let id = Int(intern(term))
                info[id].valence = valence
                if isOverlay { info[id].flags.insert(.overlay) }
            } else {
                addPhrase(tokens, value: valence, isBooster: false, isOverlay: isOverlay)
            }
        }
        for (term, scalar) in lexicon.boosters.sorted(by: { $0.key < $1.key }) {
            let tokens = SentimentLexicon.tokens(of: term)
            if tokens.count == 1 { info[Int(intern(term))].booster = scalar } else { addPhrase(tokens, value: scalar, isBooster: true, isOverlay: false) }
        }
        for term in lexicon.negators.sorted() { info[Int(intern(term))].flags.insert(.negator) }
        for (term, kind) in lexicon.contrasts.sorted(by: { $0.key < $1.key }) {
            info[Int(intern(term))].flags.insert(kind == .after ? .contrastAfter : .contrastConcessive)
        }
        for (term, roles) in lexicon.cues.sorted(by: { $0.key < $1.key }) {
            let id = Int(intern(term))
            for role in roles { info[id].flags.insert(TermFlags.of(role)) }
        }
        for first in grouped.keys.sorted() {
            // Longest first, so that "not working at all" wins over "not working".
            let list = grouped[first]!.sorted { $0.tokens.count > $1.tokens.count || ($0.tokens.count == $1.tokens.count && $0.tokens.lexicographicallyPrecedes($1.tokens)) }
            info[Int(first)].phraseStart = Int32(phrases.count)
            phrases += list.map(\.phrase)
            info[Int(first)].phraseEnd = Int32(phrases.count)
        }
        for emoticon in Emoticons.all.sorted() { _ = emoticons.intern(emoticon) }
    }

    mutating func intern(_ term: String) -> Int32 {
        let id = table.intern(term)
        while info.count <= Int(id) { info.append(TermInfo()) }
        return id
    }
}

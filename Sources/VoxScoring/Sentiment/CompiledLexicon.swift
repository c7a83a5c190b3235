import VoxText

/// What the scorer knows about one term, by term id.
struct TermInfo: Sendable {
    /// The term's valence, NaN when it has none (a modifier word, or a word only seen inside
    /// phrases such as "hold" in "on hold").
    var valence = Double.nan
    /// Booster or dampener scalar; 0 when the term is neither.
    var booster = 0.0
    var flags: TermFlags = []
    /// Multi-word entries starting with this term: `phrases[phraseStart..<phraseEnd]`, ordered by
    /// their second term (then by `rank`), so that only those whose second term follows are read.
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
    /// A valence phrase / a booster phrase starts with this term (saves a look at the phrase list).
    static let valencePhraseStart = TermFlags(rawValue: 1 << 15)
    static let boosterPhraseStart = TermFlags(rawValue: 1 << 16)
    static let absence = TermFlags(rawValue: 1 << 17)
    static let irony = TermFlags(rawValue: 1 << 18)
    static let laughter = TermFlags(rawValue: 1 << 19)
    static let apology = TermFlags(rawValue: 1 << 20)
    static let remedy = TermFlags(rawValue: 1 << 21)
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
        case .absence: return .absence
        case .irony: return .irony
        case .laughter: return .laughter
        case .apology: return .apology
        case .remedy: return .remedy
        }
    }
}

/// A multi-word entry: the term ids of its second and later tokens, and its value.
struct CompiledPhrase: Sendable {
    var rest: [Int32]
    /// Place in its first term's group, longest first (`PhraseEntry.rank`).
    var rank: Int32 = 0
    var value: Double
    /// A booster phrase ("kind of") rather than a valence phrase.
    var isBooster: Bool
    var isOverlay: Bool
}

/// A multi-word entry as the scorer reads it: its later tokens' term ids are
/// `phraseTerms[restStart..<restStart + restCount]`; `second` repeats the first of them, the key
/// its group is ordered by. `rank` is its place in its group, longest first ("not working at
/// all" before "not working"): of the entries that match, the lowest rank wins.
struct PhraseEntry: Sendable {
    var restStart: Int32
    var restCount: Int32
    var second: Int32
    var rank: Int32
    var value: Double
    var isBooster: Bool
    var isOverlay: Bool
}

/// A `SentimentLexicon` as the scorer reads it: every term (and every token of every phrase)
/// interned in a `TermTable`, with its attributes in an array indexed by term id. A class, so that
/// the scanner and the rules share it per text without copying (and retaining) its arrays.
final class CompiledLexicon: @unchecked Sendable {
    let table: TermLookup
    /// `TermInfo` by term id, in a buffer owned by this object: read per token without reference
    /// counting. Immutable after `init`.
    let info: UnsafeMutableBufferPointer<TermInfo>
    /// Multi-word entries, grouped by first term (`TermInfo.phraseStart..<phraseEnd`).
    let phrases: UnsafeMutableBufferPointer<PhraseEntry>
    let phraseTerms: UnsafeMutableBufferPointer<Int32>
    /// Term ids of the placeholders `<number>` and `<ordinal>`.
    let numberTerm: Int32
    let ordinalTerm: Int32
    /// The ASCII emoticons the tokenizer keeps whole (`Emoticons.all`), by bytes, and which bytes
    /// can start and end one (a cheap test before hashing a candidate).
    let emoticons: TermLookup
    /// Per byte value: bit 0 set when an emoticon can start with it, bit 1 when one can end with it.
    let emoticonBytes: UnsafeMutableBufferPointer<UInt8>
    /// The terms' text, for explanations and tests.
    let terms: TermTable

    init(_ lexicon: SentimentLexicon) {
        var compiler = LexiconCompiler()
        compiler.compile(lexicon)
        table = TermLookup(compiler.table)
        terms = compiler.table
        info = UnsafeMutableBufferPointer.allocate(capacity: compiler.info.count)
        _ = info.initialize(from: compiler.info)
        var entries: [PhraseEntry] = []
        var rests: [Int32] = []
        for phrase in compiler.phrases {
            entries.append(PhraseEntry(
                restStart: Int32(rests.count), restCount: Int32(phrase.rest.count), second: phrase.rest[0], rank: phrase.rank,
                value: phrase.value, isBooster: phrase.isBooster, isOverlay: phrase.isOverlay
            ))
            rests += phrase.rest
        }
        phrases = UnsafeMutableBufferPointer.allocate(capacity: max(1, entries.count))
        _ = phrases.initialize(from: entries)
        phraseTerms = UnsafeMutableBufferPointer.allocate(capacity: max(1, rests.count))
        _ = phraseTerms.initialize(from: rests)
        numberTerm = compiler.numberTerm
        ordinalTerm = compiler.ordinalTerm
        var emoticons = TermTable()
        emoticonBytes = UnsafeMutableBufferPointer.allocate(capacity: 256)
        emoticonBytes.initialize(repeating: 0)
        for emoticon in Emoticons.all.sorted() {
            _ = emoticons.intern(emoticon)
            emoticonBytes[Int(emoticon.utf8.first!)] |= 1
            emoticonBytes[Int(emoticon.utf8.last!)] |= 2
        }
        self.emoticons = TermLookup(emoticons)
    }

    deinit {
        info.deallocate()
        phrases.deallocate()
        phraseTerms.deallocate()
        emoticonBytes.deallocate()
    }
}

/// Builds the term table and attribute arrays of a `CompiledLexicon`.
struct LexiconCompiler {
    var table = TermTable()
    var info: [TermInfo] = []
    var phrases: [CompiledPhrase] = []
    var numberTerm: Int32 = -1
    var ordinalTerm: Int32 = -1

    mutating func compile(_ lexicon: SentimentLexicon) {
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
            // Ranked longest first, so that "not working at all" wins over "not working"; stored by
            // second term, so that a word that starts a hundred entries ("no") reads only the few
            // whose second term follows it.
            let list = grouped[first]!.sorted { $0.tokens.count > $1.tokens.count || ($0.tokens.count == $1.tokens.count && $0.tokens.lexicographicallyPrecedes($1.tokens)) }
            let ranked = list.enumerated().map { rank, entry in
                var phrase = entry.phrase
                phrase.rank = Int32(rank)
                return phrase
            }
            info[Int(first)].phraseStart = Int32(phrases.count)
            phrases += ranked.sorted { ($0.rest[0], $0.rank) < ($1.rest[0], $1.rank) }
            info[Int(first)].phraseEnd = Int32(phrases.count)
            if list.contains(where: { !$0.phrase.isBooster }) { info[Int(first)].flags.insert(.valencePhraseStart) }
            if list.contains(where: { $0.phrase.isBooster }) { info[Int(first)].flags.insert(.boosterPhraseStart) }
        }
    }

    mutating func intern(_ term: String) -> Int32 {
        let id = table.intern(term)
        while info.count <= Int(id) { info.append(TermInfo()) }
        return id
    }
}

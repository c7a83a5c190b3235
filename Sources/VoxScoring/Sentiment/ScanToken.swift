/// A token as the sentiment fast path sees it: byte offsets into the UTF-8 text, the id of its
/// normalised form in the scorer's `TermTable` (−1 when the lexicon does not know it) and a few
/// flags. No `String` is made for it; explanations slice the text only when asked.
struct ScanToken: Sendable {
    enum Kind: UInt8, Sendable {
        case word
        case emoticon
        case emoji
        case punctuation
    }

    var start: Int32
    var end: Int32
    var term: Int32
    /// `<number>` or `<ordinal>` term id when the token is a number or an ordinal, else −1.
    var placeholder: Int32
    var kind: Kind
    var flags: ScanFlags
    /// The term's roles (negator, cue words, phrase starts), copied from its `TermInfo` while
    /// scanning so that the rules read the token alone; empty for unknown tokens.
    var termFlags: TermFlags
    /// Booster scalar in effect at this token (a booster word, or the last token of a booster
    /// phrase); 0 when none.
    var boost: Double
    /// The term's own valence; NaN when it has none.
    var valence: Double

    init(start: Int, end: Int, kind: Kind, flags: ScanFlags = [], term: Int32 = -1, placeholder: Int32 = -1, info: TermInfo? = nil) {
        self.start = Int32(start)
        self.end = Int32(end)
        self.term = term
        self.placeholder = placeholder
        self.kind = kind
        self.flags = flags
        self.termFlags = info?.flags ?? []
        self.boost = info?.booster ?? 0
        self.valence = info?.valence ?? .nan
    }

    var isWord: Bool { kind != .punctuation }
}

struct ScanFlags: OptionSet, Sendable {
    let rawValue: UInt16
    /// Two or more letters, all capitals.
    static let shouted = ScanFlags(rawValue: 1 << 0)
    static let hasLetters = ScanFlags(rawValue: 1 << 1)
    /// A letter repeated three or more times ("soooo").
    static let elongated = ScanFlags(rawValue: 1 << 2)
    /// Ends in "n't": a negator by rule.
    static let negatedForm = ScanFlags(rawValue: 1 << 3)
    /// `.`, `!`, `?`, `…`: ends a sentence.
    static let terminator = ScanFlags(rawValue: 1 << 4)
    static let exclamation = ScanFlags(rawValue: 1 << 5)
    static let questionMark = ScanFlags(rawValue: 1 << 6)
    /// `,`, `;`, `:`, dashes, brackets: ends the reach of negators and boosters.
    static let clauseBreak = ScanFlags(rawValue: 1 << 7)
    /// Part of a booster phrase ("kind of"): not scored as a word itself.
    static let inBoosterPhrase = ScanFlags(rawValue: 1 << 8)
    /// Ends in "ing" (read by the "love waiting on hold" sarcasm rule).
    static let ingForm = ScanFlags(rawValue: 1 << 9)
    /// Part of a sentiment item: its words do not also act as negators or boosters of the next
    /// item ("still no" in "still no cheque :(" does not negate the face).
    static let inItem = ScanFlags(rawValue: 1 << 10)
}

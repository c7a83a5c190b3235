/// A token of feedback text. Offsets count Unicode code points (start inclusive, end exclusive),
/// the unit `vox score` evidence offsets use, so that a consumer can slice the original text.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Letters, digits, apostrophes and inner hyphens: `can't`, `e-mail`, `3rd`.
        case word
        /// An ASCII emoticon such as `:)` or `<3`.
        case emoticon
        /// A single emoji (with its modifiers and joiners).
        case emoji
        /// Any other symbol; `!` and `?` matter to the scorers.
        case punctuation
    }

    public var kind: Kind
    /// The token as written.
    public var text: String
    /// Lowercased, with typographic apostrophes made straight: the form lexicons are keyed by.
    public var normalized: String
    public var start: Int
    public var end: Int

    public init(kind: Kind, text: String, normalized: String, start: Int, end: Int) {
        self.kind = kind
        self.text = text
        self.normalized = normalized
        self.start = start
        self.end = end
    }

    /// True for words of two or more letters written entirely in capitals ("NEVER", not "I" or "A").
    public var isShouted: Bool {
        guard kind == .word else { return false }
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if !scalar.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }
}

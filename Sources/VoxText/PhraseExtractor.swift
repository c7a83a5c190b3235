import VoxModel

/// Turns feedback text into the features clustering works from: the word stems in order (for
/// matching taxonomy terms and phrases) and the candidate key phrases (for discovery and labels).
///
/// Both are pure functions of the text, so they run inside the parallel scoring chunks.
public struct PhraseExtractor: Sendable {
    /// The canonical stem of every negator: "didn't arrive", "never arrived" and "has not
    /// arrived" all become `not arriv`.
    public static let negation = "not"

    public let stopWords: StopWords
    private let stemmer = EnglishStemmer()
    private let tokenizer = Tokenizer()

    public init(stopWords: StopWords) {
        self.stopWords = stopWords
    }

    /// One word of a text, after normalisation.
    public struct Word: Sendable, Hashable {
        /// The stem, or `not` for a negator.
        public var stem: String
        /// Lowercased as written, for labels.
        public var surface: String
        public var isStopWord: Bool
        public var isNegator: Bool
        /// True when punctuation, an emoticon or an emoji separates it from the word before:
        /// phrases never cross such a break.
        public var startsSegment: Bool
        /// Worth a phrase end (`isTopical(_:)` of the surface).
        public var isTopical: Bool
        /// `PhraseHash.of(stem)`, for lookups keyed by stem without hashing the string again.
        public var stemHash: UInt64
    }

    /// What `words` makes of one word form, apart from where it stands.
    struct Analysis {
        /// The form itself, lowercased (a word's `surface`).
        var surface: String
        var stem: String
        var isStopWord: Bool
        var isNegator: Bool
        var isTopical: Bool
        var stemHash: UInt64

        init(surface: String, stem: String, isStopWord: Bool, isNegator: Bool, isTopical: Bool) {
            self.surface = surface
            self.stem = stem
            self.isStopWord = isStopWord
            self.isNegator = isNegator
            self.isTopical = isTopical
            self.stemHash = PhraseHash.of(stem)
        }
    }

    func analyze(_ normalized: String) -> Analysis {
        if stopWords.isNegator(normalized) {
            return Analysis(surface: normalized, stem: Self.negation, isStopWord: false, isNegator: true, isTopical: Self.isTopical(normalized))
        }
        let isStop = stopWords.isStopWord(normalized)
        return Analysis(
            surface: normalized, stem: isStop ? normalized : stemmer.stem(normalized), isStopWord: isStop, isNegator: false,
            isTopical: Self.isTopical(normalized)
        )
    }

    /// A candidate key phrase: its key (stems joined by spaces) and the words as written.
    public struct KeyPhrase: Sendable, Hashable {
        public var key: String
        public var surface: String

        public init(key: String, surface: String) {
            self.key = key
            self.surface = surface
        }
    }

    /// The words of `text`, stop words included. Up to two stop words between a negator and the
    /// word it negates are dropped, so that "has not been delivered" reads `has not deliv` like
    /// "not delivered" and "never got my refund" reads `not refund`; they stay when no topical
    /// word follows ("can't get in" stays `not get in`).
    public func words(_ text: String, memo: Memo? = nil) -> [Word] {
        var raw: [Word] = []
        var breakPending = true
        func append(_ analysis: Analysis) {
            raw.append(Word(
                stem: analysis.stem, surface: analysis.surface, isStopWord: analysis.isStopWord, isNegator: analysis.isNegator,
                startsSegment: breakPending, isTopical: analysis.isTopical, stemHash: analysis.stemHash
            ))
            breakPending = false
        }
        // With a memo, ASCII text is read on its bytes: a word met before costs a hash and a
        // compare, without making its token's strings. Apostrophes and hyphens inside words are
        // part of the word token already; any other token breaks a segment.
        // `withUTF8` on a copy, not `withUTF8Bytes`: through that generic call the words'
        // captured list and flag were checked for exclusive access at run time at every word.
        var text = text
        let readOnBytes = memo.map { memo in
            text.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                raw.reserveCapacity(bytes.count / 4)
                memo.withTable { table in
                    tokenizer.forEachASCIIToken(bytes) { kind, start, end in
                        guard kind == .word else { return breakPending = true }
                        append(table.analysis(ofASCII: UnsafeBufferPointer(rebasing: bytes[start..<end])) { analyze($0) })
                    }
                }
                return true
            }
        } ?? false
        if !readOnBytes {
            for token in tokenizer.tokenize(text) {
                guard token.kind == .word else {
                    breakPending = true
                    continue
                }
                // A closure, not `analyze` itself: a method passed as a function value is
                // allocated on the heap at every call.
                append(memo?.withTable { $0.analysis(of: token.normalized) { analyze($0) } } ?? analyze(token.normalized))
            }
        }
        // The stop words after a negator are dropped in place (most texts drop none): words
        // move down over them, and what is past the last kept word goes.
        var kept = 0
        var index = 0
        while index < raw.count {
            let isNegator = raw[index].isNegator
            if kept != index { raw.swapAt(kept, index) }
            kept += 1
            if isNegator {
                var next = index + 1
                while next < raw.count, next - index <= 2, raw[next].isStopWord, !raw[next].startsSegment { next += 1 }
                if next > index + 1, next < raw.count, !raw[next].isStopWord, !raw[next].isNegator, !raw[next].startsSegment {
                    index = next
                    continue
                }
            }
            index += 1
        }
        raw.removeLast(raw.count - kept)
        return raw
    }

    /// Candidate key phrases of 1–3 words inside one segment that neither start nor end with a
    /// stop word and contain a letter at each end; a phrase may start with a negator ("no
    /// refund", "not delivered") but not end with one. Each key once, first surface form kept.
    public func phrases(_ words: [Word]) -> [KeyPhrase] {
        var seen: Set<String> = []
        var result: [KeyPhrase] = []
        forEachPhrase(words) { span in
            let key = span.map(\.stem).joined(separator: " ")
            if seen.insert(key).inserted {
                result.append(KeyPhrase(key: key, surface: span.map(\.surface).joined(separator: " ")))
            }
        }
        return result
    }

    /// The same phrases as `phrases(_:)`, as sorted distinct `PhraseHash` values of their keys,
    /// without building the key strings: discovery reads phrases from many records and keeps
    /// only these hashes.
    public func phraseHashes(_ words: [Word]) -> [UInt64] {
        var hashes: [UInt64] = []
        forEachPhrase(words) { span in
            var hash = PhraseHash.start
            for (offset, word) in span.enumerated() {
                if offset > 0 { hash = PhraseHash.add(UInt8(ascii: " "), to: hash) }
                hash = PhraseHash.add(word.stem, to: hash)
            }
            hashes.append(hash)
        }
        hashes.sort()
        var distinct: [UInt64] = []
        distinct.reserveCapacity(hashes.count)
        for hash in hashes where hash != distinct.last { distinct.append(hash) }
        return distinct
    }

    /// Calls `body` with each candidate phrase's words, in text order.
    func forEachPhrase(_ words: [Word], _ body: (ArraySlice<Word>) -> Void) {
        for start in words.indices {
            let first = words[start]
            guard !first.isStopWord, first.isNegator || first.isTopical else { continue }
            var end = start
            while end < words.count, end - start < 3 {
                if end > start, words[end].startsSegment { break }
                let last = words[end]
                if !last.isStopWord, !last.isNegator, last.isTopical { body(words[start...end]) }
                end += 1
            }
        }
    }

    /// Convenience: the candidate key phrases of a text.
    public func phrases(in text: String, memo: Memo? = nil) -> [KeyPhrase] { phrases(words(text, memo: memo)) }

    /// A word worth a phrase end: at least two characters and at least one letter (so neither
    /// "5" nor "x" is a topic).
    static func isTopical(_ word: String) -> Bool {
        word.count >= 2 && word.unicodeScalars.contains { $0.properties.isAlphabetic }
    }
}

import VoxModel

/// A text scanned into the symbols a `PhraseMatcher` matches, with each token's place in the text.
///
/// Scanning works on UTF-8 bytes in one pass: ASCII letters and digits are lowercased in place,
/// other scripts go through Unicode lowercasing, and every word is normalised by
/// `PhraseNormalizer` and looked up once in the matcher's vocabulary. Inside a word, an apostrophe
/// (straight or typographic) or a hyphen between letters joins, and `.` `:` `,` `/` between
/// digits join (`PX-40112`, `5.2.0`, `11:42`, `62.40`). `. ! ; :`, `…` and line breaks end a
/// clause, `,` `(` `)` and dashes are commas, `?` is kept; quotes, emoji and other symbols are
/// skipped. A contraction gives two tokens that share the word's offsets.
public struct PhraseText: Sendable {
    public struct Token: Sendable, Hashable {
        public var symbol: Int32
        /// UTF-8 offsets into the text, start inclusive, end exclusive.
        public var byteStart: Int32
        public var byteEnd: Int32
        /// Unicode code point offsets (the unit of evidence offsets).
        public var start: Int32
        public var end: Int32
        public var flags: UInt8

        public static let hasDigit: UInt8 = 1
        public static let capitalized: UInt8 = 2
        public static let isWord: UInt8 = 4
        /// The second key of a split contraction (`am` of `I'm`).
        public static let continuation: UInt8 = 8

        public var isWord: Bool { flags & Self.isWord != 0 }
        public var hasDigit: Bool { flags & Self.hasDigit != 0 }
        public var isCapitalized: Bool { flags & Self.capitalized != 0 }
    }

    public let text: String
    public private(set) var tokens: [Token]

    /// The text between two code point offsets of this text.
    public func slice(from start: Int, to end: Int) -> String {
        let startIndex = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: start)
        let endIndex = text.unicodeScalars.index(startIndex, offsetBy: end - start)
        return String(text.unicodeScalars[startIndex..<endIndex])
    }

    /// The text of tokens `start..<end` (from the first's start to the last's end).
    public func text(ofTokens start: Int, _ end: Int) -> String {
        text(bytes: Int(tokens[start].byteStart), Int(tokens[end - 1].byteEnd))
    }

    /// The token at `index` as written, lowercased: for comparing with names and case details.
    public func lowercasedWord(at index: Int) -> String {
        let from = Int(tokens[index].byteStart), to = Int(tokens[index].byteEnd)
        let ascii: String? = text.withUTF8Bytes { bytes in
            // ASCII words (most of them) are lowercased byte by byte; others need Unicode's rules.
            let word = UnsafeBufferPointer(rebasing: bytes[from..<to])
            guard word.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: word.count) { buffer in
                for (offset, byte) in word.enumerated() { buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
                return word.count
            }
        }
        return ascii ?? self.text(bytes: from, to).lowercased()
    }

    /// The text between two UTF-8 offsets that fall on scalar boundaries (token edges do).
    func text(bytes from: Int, _ to: Int) -> String {
        return text.withUTF8Bytes { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    init(text: String, tokens: [Token]) {
        self.text = text
        self.tokens = tokens
    }
}

extension PhraseMatcher {
    /// Scans `text` into tokens with this matcher's symbols.
    public func scan(_ text: String) -> PhraseText {
        let tokens = text.withUTF8Bytes { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Scanner.wordCapacity) { word in
                var scanner = Scanner(bytes: bytes, word: word.baseAddress!, matcher: self)
                return scanner.run()
            }
        }
        return PhraseText(text: text, tokens: tokens)
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let matcher: PhraseMatcher
        var tokens: [PhraseText.Token] = []
        /// The current word, lowercased where ASCII: its first `wordCapacity` bytes (on the stack).
        let word: UnsafeMutablePointer<UInt8>
        var wordLength = 0
        /// FNV-1a hash of the kept bytes (`ByteTable.hash`), for the known-word lookup.
        var hash: UInt64 = 0
        var keys = PhraseNormalizer.KeyBuffer()
        var index = 0
        var scalar: Int32 = 0

        /// Longer words are never in a lexicon; they are scanned but not normalised.
        static let longestWord = 40
        /// Bytes of a word kept for normalising. Lowercasing shrinks a word to no less than a
        /// third of its bytes (K, the Kelvin sign, is 3 bytes, k is 1), so a word longer than this
        /// can never come within `longestWord`.
        static let wordCapacity = 3 * longestWord + 8

        init(bytes: UnsafeBufferPointer<UInt8>, word: UnsafeMutablePointer<UInt8>, matcher: PhraseMatcher) {
            self.bytes = bytes
            self.word = word
            self.matcher = matcher
            tokens.reserveCapacity(bytes.count / 4)
        }

        @inline(__always)
        mutating func keep(_ byte: UInt8) {
            if wordLength < Self.wordCapacity { word[wordLength] = byte }
            wordLength += 1
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }

        mutating func run() -> [PhraseText.Token] {
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if Self.isASCIIWordByte(byte) {
                        scanWord()
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: ";"), UInt8(ascii: ":"), 0x0A, 0x0D:
                        punctuation(PhraseMatcher.clauseBreak)
                    case UInt8(ascii: "?"):
                        punctuation(PhraseMatcher.questionMark)
                    case UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"):
                        punctuation(PhraseMatcher.comma)
                    default:
                        break
                    }
                    index += 1
                    scalar += 1
                    continue
                }
                let (value, length) = Self.decode(bytes, at: index)
                if Self.isWordScalar(value) {
                    scanWord()
                    continue
                }
                switch value {
                case 0x2026, 0x2029, 0x2028: punctuation(PhraseMatcher.clauseBreak) // … and separators
                case 0x2013, 0x2014: punctuation(PhraseMatcher.comma) // – —
                default: break
                }
                index += length
                scalar += 1
            }
            return tokens
        }

        mutating func punctuation(_ symbol: Int32) {
            // Repeated marks ("!!!", "...") are one break.
            if let last = tokens.last, last.symbol == symbol, !last.isWord, last.byteEnd == Int32(index) {
                tokens[tokens.count - 1].byteEnd += 1
                tokens[tokens.count - 1].end += 1
                return
            }
            tokens.append(PhraseText.Token(
                symbol: symbol, byteStart: Int32(index), byteEnd: Int32(index + 1), start: scalar, end: scalar + 1, flags: 0
            ))
        }

        mutating func scanWord() {
            let byteStart = index
            let scalarStart = scalar
            wordLength = 0
            hash = 0xcbf2_9ce4_8422_2325
            var flags = PhraseText.Token.isWord
            var needsLowercasing = false
            if bytes[index] >= 0x41, bytes[index] <= 0x5A { flags |= PhraseText.Token.capitalized }
            while true {
                flags |= keepASCIIRun()
                guard index < bytes.count else { break }
                let byte = bytes[index]
                if byte < 0x80 {
                    guard joins(byte) else { break }
                    keep(byte)
                    index += 1
                    scalar += 1
                    continue
                }
                let kept = keepNonASCII(first: index == byteStart, flags: &flags)
                if kept == .none { break }
                if kept == .letter { needsLowercasing = true }
            }
            let symbols: (Int32, Int32, Int32), count: Int
            if !needsLowercasing, wordLength <= Self.longestWord,
               let known = matcher.knownWords.find(UnsafeBufferPointer(start: word, count: wordLength), hash: hash) {
                (symbols, count) = ((known.first, known.second, known.third), Int(known.count))
            } else if !needsLowercasing {
                (symbols, count) = lookUp(UnsafeBufferPointer(start: word, count: min(wordLength, Self.wordCapacity)))
            } else if wordLength <= Self.wordCapacity {
                let lowered = String(decoding: UnsafeBufferPointer(start: word, count: wordLength), as: UTF8.self).lowercased()
                (symbols, count) = lowered.withUTF8Bytes { lookUp($0) }
            } else {
                (symbols, count) = ((PhraseMatcher.otherWord, -1, -1), 1)
            }
            for part in 0..<max(1, count) {
                let symbol = part == 0 ? symbols.0 : part == 1 ? symbols.1 : symbols.2
                tokens.append(PhraseText.Token(
                    symbol: symbol, byteStart: Int32(byteStart), byteEnd: Int32(index), start: scalarStart, end: scalar,
                    flags: part == 0 ? flags : flags | PhraseText.Token.continuation
                ))
            }
        }

        /// Keeps the run of ASCII letters and digits at `index`, lowercased, hashing as it goes;
        /// returns `hasDigit` when the run had a digit. Most of a text's bytes pass here, so the
        /// loop works on locals and stores the scanner's fields once.
        @inline(__always)
        mutating func keepASCIIRun() -> UInt8 {
            let base = bytes.baseAddress!
            let end = bytes.count
            var position = index, length = wordLength, hash = self.hash
            var digits: UInt8 = 0
            while position < end {
                var byte = base[position]
                if byte &- 0x61 < 26 {
                    // a-z as it is
                } else if byte &- 0x41 < 26 {
                    byte |= 0x20
                } else if byte &- 0x30 < 10 {
                    digits = PhraseText.Token.hasDigit
                } else {
                    break
                }
                if length < Self.wordCapacity { word[length] = byte }
                length &+= 1
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                position &+= 1
            }
            scalar &+= Int32(truncatingIfNeeded: position - index)
            index = position
            wordLength = length
            self.hash = hash
            return digits
        }

        /// Whether the ASCII `byte` at `index` joins two parts of a word: an apostrophe or a
        /// hyphen before a letter, `.` `:` `,` `/` between digits.
        func joins(_ byte: UInt8) -> Bool {
            guard index + 1 < bytes.count, wordLength > 0 else { return false }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "-"):
                return Self.startsWord(bytes, at: index + 1)
            case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "/"):
                return Self.isDigit(bytes[index - 1]) && Self.isDigit(bytes[index + 1])
            default:
                return false
            }
        }

        enum NonASCII { case none, apostrophe, letter }

        /// Keeps the non-ASCII scalar at `index` when it continues the word: a typographic
        /// apostrophe before a letter (kept as `'`) or a letter, digit or mark. Out of line, so
        /// that the Unicode property look-ups do not weigh on every ASCII word.
        @inline(never)
        mutating func keepNonASCII(first: Bool, flags: inout UInt8) -> NonASCII {
            let (value, length) = Self.decode(bytes, at: index)
            if value == 0x2019 || value == 0x2018 || value == 0x02BC {
                guard wordLength > 0, index + length < bytes.count, Self.startsWord(bytes, at: index + length) else { return .none }
                keep(0x27)
                index += length
                scalar += 1
                return .apostrophe
            }
            guard Self.isWordScalar(value) else { return .none }
            if first, let unicode = Unicode.Scalar(value), unicode.properties.isUppercase { flags |= PhraseText.Token.capitalized }
            for offset in 0..<length { keep(bytes[index + offset]) }
            index += length
            scalar += 1
            return .letter
        }

        /// The symbols of a lowercased word's keys (at most three) and how many there are; one
        /// `otherWord` for a word too long for any lexicon.
        mutating func lookUp(_ word: UnsafeBufferPointer<UInt8>) -> (symbols: (Int32, Int32, Int32), count: Int) {
            Self.symbols(of: word, keys: &keys, vocabulary: matcher.vocabulary)
        }

        /// What `lookUp` gives, for a matcher being built (`KnownWords` lists its results).
        static func symbols(
            of word: UnsafeBufferPointer<UInt8>, keys: inout PhraseNormalizer.KeyBuffer, vocabulary: ByteTable
        ) -> (symbols: (Int32, Int32, Int32), count: Int) {
            var symbols: (Int32, Int32, Int32) = (PhraseMatcher.otherWord, -1, -1)
            guard word.count <= Self.longestWord else { return (symbols, 1) }
            PhraseNormalizer.shared.normalize(word, into: &keys)
            let count = min(keys.count, 3)
            for part in 0..<count {
                let symbol = keys.withKey(part) { vocabulary.find($0) } ?? PhraseMatcher.otherWord
                switch part {
                case 0: symbols.0 = symbol
                case 1: symbols.1 = symbol
                default: symbols.2 = symbol
                }
            }
            return (symbols, count)
        }

        @inline(__always)
        static func isASCIIWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
        }

        @inline(__always)
        static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            if byte < 0x80 { return isASCIIWordByte(byte) }
            return isWordScalar(decode(bytes, at: index).value)
        }

        @inline(never)
        static func isWordScalar(_ value: UInt32) -> Bool {
            guard let scalar = Unicode.Scalar(value) else { return false }
            let properties = scalar.properties
            return properties.isAlphabetic || properties.numericType != nil
                || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
        }

        /// The scalar starting at `index` and its length in bytes (U+FFFD for a malformed sequence).
        static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
            let lead = bytes[index]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            guard length > 1, index + length <= bytes.count else { return (0xFFFD, 1) }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F) }
            return (value, length)
        }
    }
}

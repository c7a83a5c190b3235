import VoxModel

/// Splits feedback text into words, emoticons, emoji and punctuation.
///
/// Emoticons are recognised only as whole whitespace-delimited chunks or at the end of a chunk
/// (`great:)`), so that `re:` or times like `10:30` are not mistaken for faces.
public struct Tokenizer: Sendable {
    public init() {}

    public func tokenize(_ text: String) -> [Token] {
        if let tokens = text.withUTF8Bytes({ bytes in bytes.allSatisfy { $0 < 0x80 } ? tokenizeASCII(bytes) : nil }) {
            return tokens
        }
        return tokenizeScalars(text)
    }

    /// The general path, over Unicode scalars; `tokenizeASCII` must draw the same tokens.
    func tokenizeScalars(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if Self.isSpace(scalars[index]) {
                index += 1
                continue
            }
            var chunkEnd = index
            while chunkEnd < scalars.count, !Self.isSpace(scalars[chunkEnd]) { chunkEnd += 1 }
            tokenizeChunk(scalars, index, chunkEnd, into: &tokens)
            index = chunkEnd
        }
        return tokens
    }

    private func tokenizeChunk(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, into tokens: inout [Token]) {
        let chunk = Self.string(scalars[start..<end])
        if Emoticons.all.contains(chunk) {
            tokens.append(Token(kind: .emoticon, text: chunk, normalized: chunk, start: start, end: end))
            return
        }
        // An emoticon glued to the end of a word: "thanks:)".
        var limit = end
        for length in stride(from: min(4, end - start - 1), through: 2, by: -1) {
            let tail = Self.string(scalars[(end - length)..<end])
            // "):" after a word closes a parenthesis ("(on twitter):"); it is not a face.
            if Emoticons.all.contains(tail), tail.first != ")", scalars[end - length - 1].properties.isAlphabetic {
                limit = end - length
                break
            }
        }
        var index = start
        while index < limit {
            let scalar = scalars[index]
            if Self.isWordScalar(scalar) {
                var wordEnd = index + 1
                while wordEnd < limit {
                    let next = scalars[wordEnd]
                    if Self.isWordScalar(next) {
                        wordEnd += 1
                    } else if Self.isInnerJoiner(next), wordEnd + 1 < limit, Self.isWordScalar(scalars[wordEnd + 1]) {
                        wordEnd += 2
                    } else {
                        break
                    }
                }
                let word = Self.string(scalars[index..<wordEnd])
                tokens.append(Token(kind: .word, text: word, normalized: Self.normalize(word), start: index, end: wordEnd))
                index = wordEnd
            } else if scalar.properties.isEmojiPresentation || (scalar.properties.isEmoji && scalar.value > 0x2000) {
                var emojiEnd = index + 1
                while emojiEnd < limit, Self.continuesEmoji(scalars[emojiEnd], after: scalars[emojiEnd - 1]) {
                    emojiEnd += 1
                }
                let emoji = Self.string(scalars[index..<emojiEnd])
                tokens.append(Token(kind: .emoji, text: emoji, normalized: Self.baseEmoji(emoji), start: index, end: emojiEnd))
                index = emojiEnd
            } else {
                let symbol = String(Character(scalar))
                let normalized = Self.isApostrophe(scalar) ? "'" : symbol
                tokens.append(Token(kind: .punctuation, text: symbol, normalized: normalized, start: index, end: index + 1))
                index += 1
            }
        }
        if limit < end {
            let face = Self.string(scalars[limit..<end])
            tokens.append(Token(kind: .emoticon, text: face, normalized: face, start: limit, end: end))
        }
    }

    /// Lowercases and straightens typographic apostrophes, the key form of every lexicon.
    public static func normalize(_ word: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(word.unicodeScalars.count)
        for scalar in word.unicodeScalars {
            if isApostrophe(scalar) {
                result.unicodeScalars.append("'")
            } else {
                result.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return result
    }

    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }

    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }

    /// Characters that join two word parts into one token: `can't`, `e-mail`, `o'clock`.
    static func isInnerJoiner(_ scalar: Unicode.Scalar) -> Bool {
        isApostrophe(scalar) || scalar == "-"
    }

    public static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}"
    }

    public static func continuesEmoji(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar) -> Bool {
        if scalar == "\u{200D}" || scalar == "\u{FE0F}" || scalar.properties.isEmojiModifier { return true }
        if (0xE0020...0xE007F).contains(scalar.value) { return true } // tag sequences (flags of regions)
        return previous == "\u{200D}" && scalar.properties.isEmoji
    }

    /// The emoji without skin-tone modifiers and variation selectors, so that 👍🏽 scores as 👍.
    static func baseEmoji(_ emoji: String) -> String {
        var result = ""
        for scalar in emoji.unicodeScalars where !scalar.properties.isEmojiModifier && scalar != "\u{FE0F}" {
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}

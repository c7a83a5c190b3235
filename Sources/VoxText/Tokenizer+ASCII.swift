/// The tokenizer's path for all-ASCII text (almost all feedback): the same tokens as the scalar
/// path, drawn on the UTF-8 bytes. For ASCII every scalar is one byte (so offsets agree), letters
/// and digits are the only word characters, spaces are tab…carriage return and space, no byte is
/// an emoji, and a chunk is looked up among the emoticons only when its first and last bytes
/// could begin and end one. No array of scalars and no Unicode property lookups per character,
/// which were most of clustering's cost.
extension Tokenizer {
    func tokenizeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        forEachASCIIToken(bytes) { kind, start, end in
            let text = Self.string(bytes, start, end)
            tokens.append(Token(kind: kind, text: text, normalized: kind == .word ? Self.lowercased(bytes, start, end) : text, start: start, end: end))
        }
        return tokens
    }

    /// Each token's kind and byte range, in order, without making its strings: clustering reads
    /// only the words' lowercased bytes, mostly of word forms it has met before.
    @inline(__always)
    func forEachASCIIToken(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Token.Kind, Int, Int) -> Void) {
        var index = 0
        while index < bytes.count {
            if Self.isASCIISpace(bytes[index]) {
                index += 1
                continue
            }
            var chunkEnd = index
            while chunkEnd < bytes.count, !Self.isASCIISpace(bytes[chunkEnd]) { chunkEnd += 1 }
            forEachASCIIToken(bytes, index, chunkEnd, body)
            index = chunkEnd
        }
    }

    @inline(__always)
    private func forEachASCIIToken(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ body: (Token.Kind, Int, Int) -> Void) {
        if EmoticonBytes.couldBe(bytes, start, end), Emoticons.all.contains(Self.string(bytes, start, end)) {
            return body(.emoticon, start, end)
        }
        // An emoticon glued to the end of a word: "thanks:)".
        var limit = end
        for length in stride(from: min(4, end - start - 1), through: 2, by: -1) {
            // "):" after a word closes a parenthesis ("(on twitter):"); it is not a face.
            guard Self.isASCIILetter(bytes[end - length - 1]), bytes[end - length] != UInt8(ascii: ")"),
                  EmoticonBytes.couldBe(bytes, end - length, end) else { continue }
            if Emoticons.all.contains(Self.string(bytes, end - length, end)) {
                limit = end - length
                break
            }
        }
        var index = start
        while index < limit {
            let byte = bytes[index]
            if Self.isASCIIWordByte(byte) {
                var wordEnd = index + 1
                while wordEnd < limit {
                    let next = bytes[wordEnd]
                    if Self.isASCIIWordByte(next) {
                        wordEnd += 1
                    } else if next == UInt8(ascii: "'") || next == UInt8(ascii: "-"), wordEnd + 1 < limit, Self.isASCIIWordByte(bytes[wordEnd + 1]) {
                        wordEnd += 2
                    } else {
                        break
                    }
                }
                body(.word, index, wordEnd)
                index = wordEnd
            } else {
                body(.punctuation, index, index + 1)
                index += 1
            }
        }
        if limit < end { body(.emoticon, limit, end) }
    }

    /// Unicode's White_Space among ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Alphabetic or numeric: the ASCII word characters.
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { buffer in
            for offset in 0..<(end - start) {
                let byte = bytes[start + offset]
                buffer[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            return end - start
        }
    }
}

/// Which bytes begin and end an emoticon, and how long emoticons are: a chunk that fails these
/// cannot be one, so most words skip the set lookup (and its hashing) entirely.
enum EmoticonBytes {
    private static let table: (first: [Bool], last: [Bool], maxLength: Int) = {
        var first = [Bool](repeating: false, count: 256), last = [Bool](repeating: false, count: 256)
        var maxLength = 0
        for face in Emoticons.all {
            let bytes = Array(face.utf8)
            first[Int(bytes[0])] = true
            last[Int(bytes[bytes.count - 1])] = true
            maxLength = max(maxLength, bytes.count)
        }
        return (first, last, maxLength)
    }()

    static func couldBe(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        end - start >= 2 && end - start <= table.maxLength && table.first[Int(bytes[start])] && table.last[Int(bytes[end - 1])]
    }
}

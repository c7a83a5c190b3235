import VoxText

/// Splits UTF-8 bytes into `ScanToken`s and looks each up in the compiled lexicon, in one pass
/// and without allocating per token: the sentiment scorer's fast path.
///
/// It draws the same boundaries as `Tokenizer` (words with inner apostrophes and hyphens, ASCII
/// emoticons kept whole, emoji sequences with their modifiers, joiners and variation selectors,
/// other symbols one by one) and normalises the same way (lowercase, typographic apostrophes made
/// straight, emoji without skin tones or U+FE0F), so lexicon entries written for `Tokenizer` match.
/// Differences, all deliberate: a number keeps its decimal point or thousands separator ("2.5"),
/// an emoticon is also recognised before trailing punctuation (":)!!") or after it ("ok!:)"),
/// a camel-case hashtag the lexicon does not know is split into its words ("#NeverAgain"), and a
/// face typed with a space inside (": )") is one emoticon.
/// ASCII words are lowercased into a scratch buffer beside the text; only words with non-ASCII
/// letters take the slow path through `Tokenizer.normalize`.
struct ByteScanner {
    let lexicon: CompiledLexicon

    /// Scans `text` into `tokens` (capacity ≥ text.count) using `scratch` (capacity ≥ text.count);
    /// returns the token count.
    func scan(_ text: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>, into tokens: UnsafeMutablePointer<ScanToken>) -> Int {
        var count = 0
        let n = text.count
        var index = 0
        while index < n {
            let byte = text[index]
            if Self.isASCIISpace(byte) {
                index += 1
                continue
            }
            // Most chunks are a plain word, perhaps with sentence punctuation after it: scan those
            // in one pass; anything else (emoticons, symbols, non-ASCII) goes the general way.
            if Self.isASCIIWordByte(byte), let end = scanPlainChunk(text, index, scratch: scratch, tokens: tokens, count: &count) {
                index = end
                continue
            }
            var chunkEnd = index + 1
            while chunkEnd < n, !Self.isASCIISpace(text[chunkEnd]) { chunkEnd += 1 }
            if chunkEnd == index + 1, let end = appendSpacedEmoticon(text, index, scratch: scratch, tokens: tokens, count: &count) {
                index = end
                continue
            }
            scanChunk(text, index, chunkEnd, scratch: scratch, tokens: tokens, count: &count)
            index = chunkEnd
        }
        markBoosterPhrases(tokens, count: count)
        return count
    }

    /// A chunk that is one ASCII word followed only by `.` `,` `!` `?` `;` (or nothing) before a
    /// space: its tokens, and the chunk's end. Nil, with nothing appended, for any other chunk,
    /// and for words that could be an emoticon ("xD").
    @inline(__always)
    private func scanPlainChunk(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) -> Int? {
        let saved = count
        guard let wordEnd = appendASCIIWord(text, start, text.count, scratch: scratch, tokens: tokens, count: &count) else {
            count = saved
            return nil
        }
        var end = wordEnd
        while end < text.count, Self.isSentencePunctuation(text[end]) { end += 1 }
        let couldBeEmoticon = wordEnd - start <= 5 && lexicon.emoticonBytes[Int(text[start])] & 1 != 0
            && lexicon.emoticonBytes[Int(text[wordEnd - 1])] & 2 != 0
        guard end == text.count || Self.isASCIISpace(text[end]), !couldBeEmoticon else {
            count = saved
            return nil
        }
        for index in wordEnd..<end {
            tokens[count] = ScanToken(start: index, end: index + 1, kind: .punctuation, flags: Self.punctuationFlags(text[index]))
            count += 1
        }
        return end
    }

    static func isSentencePunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
            || byte == UInt8(ascii: ";")
    }

    // MARK: Chunks and emoticons

    private func scanChunk(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) {
        if end - start <= 5, isEmoticon(text, start, end) {
            append(emoticon: text, start, end, tokens: tokens, count: &count)
            return
        }
        // An emoticon followed only by sentence punctuation: ":)!!", ":(.".
        var head = end
        while head > start, Self.isTrailingPunctuation(text[head - 1]) { head -= 1 }
        if head == end { head = start } // nothing trailing: skip the head test
        if head < end, head - start >= 2, head - start <= 5, isEmoticon(text, start, head) {
            append(emoticon: text, start, head, tokens: tokens, count: &count)
            scanPlain(text, head, end, scratch: scratch, tokens: tokens, count: &count)
            return
        }
        // An emoticon glued to the end of a word or a sentence: "thanks:)", "ok!:)".
        var limit = end
        let canEndEmoticon = lexicon.emoticonBytes[Int(text[end - 1])] & 2 != 0
        for length in stride(from: min(5, end - start - 1), through: 2, by: -1) where canEndEmoticon && isEmoticon(text, end - length, end) {
            let before = text[end - length - 1]
            // "):" after a word closes a parenthesis ("(on twitter):"); it is not a face.
            if text[end - length] == UInt8(ascii: ")") { continue }
            if Self.isASCIILetter(before) || Self.isTrailingPunctuation(before) {
                limit = end - length
                break
            }
        }
        scanPlain(text, start, limit, scratch: scratch, tokens: tokens, count: &count)
        if limit < end { append(emoticon: text, limit, end, tokens: tokens, count: &count) }
    }

    /// A face typed with a space between its eyes and its mouth (": )", "; )", "= ("): a lone
    /// punctuation mark, one space, a lone mouth, which together are a known emoticon. Appends the
    /// face (its token covers the space) and returns where it ends; nil, with nothing appended,
    /// for anything else.
    private func appendSpacedEmoticon(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) -> Int? {
        let end = start + 3
        guard end <= text.count, text[start] < 0x80, !Self.isASCIIWordByte(text[start]), text[start + 1] == UInt8(ascii: " "),
              text[start + 2] < 0x80, end == text.count || Self.isASCIISpace(text[end]) else { return nil }
        scratch[start] = text[start]
        scratch[start + 1] = text[start + 2]
        let face = UnsafeBufferPointer(start: scratch + start, count: 2)
        let hash = TermTable.hash(face)
        guard lexicon.emoticons.lookup(face, hash: hash) >= 0 else { return nil }
        let term = lexicon.table.lookup(face, hash: hash)
        tokens[count] = ScanToken(start: start, end: end, kind: .emoticon, term: term, info: term >= 0 ? lexicon.info[Int(term)] : nil)
        count += 1
        return end
    }

    private func isEmoticon(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard lexicon.emoticonBytes[Int(text[start])] & 1 != 0, lexicon.emoticonBytes[Int(text[end - 1])] & 2 != 0 else { return false }
        let slice = UnsafeBufferPointer(rebasing: text[start..<end])
        var hash = TermTable.hashSeed
        for byte in slice {
            if byte >= 0x80 { return false }
            hash = TermTable.hash(hash, byte)
        }
        return lexicon.emoticons.lookup(slice, hash: hash) >= 0
    }

    private func append(emoticon text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int) {
        let slice = UnsafeBufferPointer(rebasing: text[start..<end])
        let term = lexicon.table.lookup(slice, hash: TermTable.hash(slice))
        tokens[count] = ScanToken(start: start, end: end, kind: .emoticon, term: term, info: term >= 0 ? lexicon.info[Int(term)] : nil)
        count += 1
    }

    // MARK: Words, emoji, punctuation

    private func scanPlain(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) {
        var index = start
        while index < end {
            let byte = text[index]
            if byte < 0x80 {
                if Self.isASCIIWordByte(byte) {
                    if let wordEnd = appendASCIIWord(text, index, end, scratch: scratch, tokens: tokens, count: &count) {
                        if index > start, text[index - 1] == UInt8(ascii: "#"), tokens[count - 1].term < 0 {
                            splitHashtag(text, index, wordEnd, scratch: scratch, tokens: tokens, count: &count)
                        }
                        index = wordEnd
                        continue
                    }
                    let wordEnd = wordEnd(text, from: index + 1, limit: end)
                    appendWord(text, index, wordEnd, scratch: scratch, tokens: tokens, count: &count)
                    index = wordEnd
                } else {
                    tokens[count] = ScanToken(start: index, end: index + 1, kind: .punctuation, flags: Self.punctuationFlags(byte))
                    count += 1
                    index += 1
                }
                continue
            }
            let (scalar, length) = Self.decode(text, index)
            if Tokenizer.isSpace(scalar) {
                index += length
            } else if Tokenizer.isWordScalar(scalar) {
                let wordEnd = wordEnd(text, from: index + length, limit: end)
                appendWord(text, index, wordEnd, scratch: scratch, tokens: tokens, count: &count)
                index = wordEnd
            } else if scalar.properties.isEmojiPresentation || (scalar.properties.isEmoji && scalar.value > 0x2000) {
                var emojiEnd = index + length
                var previous = scalar
                while emojiEnd < end {
                    let (next, nextLength) = Self.decode(text, emojiEnd)
                    guard Tokenizer.continuesEmoji(next, after: previous) else { break }
                    previous = next
                    emojiEnd += nextLength
                }
                appendEmoji(text, index, emojiEnd, scratch: scratch, tokens: tokens, count: &count)
                index = emojiEnd
            } else {
                var flags: ScanFlags = []
                switch scalar.value {
                case 0x2026: flags = .terminator // …
                case 0x2013, 0x2014: flags = .clauseBreak // – —
                default: break
                }
                tokens[count] = ScanToken(start: index, end: index + length, kind: .punctuation, flags: flags)
                count += 1
                index += length
            }
        }
    }

    /// A hashtag the lexicon does not know, written in camel case ("#NeverAgain", "#VIPTreatment"),
    /// says its words: they replace the hashtag's token, each looked up on its own. A word starts
    /// at a capital after a lower-case letter, or at a capital followed by a lower-case letter
    /// after capitals ("VIP", "Treatment").
    private func splitHashtag(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) {
        func startsWord(_ index: Int) -> Bool {
            guard Self.isUpper(text[index]) else { return false }
            return Self.isLower(text[index - 1]) || (Self.isUpper(text[index - 1]) && index + 1 < end && Self.isLower(text[index + 1]))
        }
        guard ((start + 1)..<end).contains(where: startsWord) else { return }
        count -= 1
        var wordStart = start
        for index in (start + 1)...end where index == end || startsWord(index) {
            _ = appendASCIIWord(text, wordStart, index, scratch: scratch, tokens: tokens, count: &count)
            wordStart = index
        }
    }

    /// Where a word that started before `from` ends: word characters, and an apostrophe or hyphen
    /// between two of them; `.` or `,` between two digits ("2.5", "1,000").
    private func wordEnd(_ text: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Int {
        var index = from
        while index < limit {
            let byte = text[index]
            if byte < 0x80 {
                if Self.isASCIIWordByte(byte) {
                    index += 1
                } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") {
                    guard index + 1 < limit, startsWord(text, index + 1, limit) else { return index }
                    index += 1
                } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") {
                    guard Self.isDigit(text[index - 1]), index + 1 < limit, Self.isDigit(text[index + 1]) else { return index }
                    index += 1
                } else {
                    return index
                }
                continue
            }
            let (scalar, length) = Self.decode(text, index)
            if Tokenizer.isWordScalar(scalar) {
                index += length
            } else if Tokenizer.isApostrophe(scalar), index + length < limit, startsWord(text, index + length, limit) {
                index += length
            } else {
                return index
            }
        }
        return index
    }

    private func startsWord(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, _ limit: Int) -> Bool {
        let byte = text[index]
        if byte < 0x80 { return Self.isASCIIWordByte(byte) }
        return Tokenizer.isWordScalar(Self.decode(text, index).0)
    }

    /// The common case in one pass: a word of ASCII letters and digits (with inner `'`, `-`, or
    /// a decimal point), lowercased into `scratch` and hashed while its end is found. Returns the
    /// word's end, or nil when a non-ASCII byte follows a word character (the general path then
    /// decides whether it continues the word).
    @inline(__always)
    private func appendASCIIWord(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) -> Int? {
        var hash = TermTable.hashSeed
        var flags: ScanFlags = []
        var upper = 0
        var lower = 0
        var digits = 0
        var previous: UInt8 = 0
        var run = 0
        var index = start
        while index < limit {
            var byte = text[index]
            if byte >= 0x80 { return nil }
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                upper += 1
                byte |= 0x20
            } else if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") {
                lower += 1
            } else if Self.isDigit(byte) {
                digits += 1
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") {
                guard index + 1 < limit else { break }
                let next = text[index + 1]
                if next >= 0x80 { return nil }
                guard Self.isASCIIWordByte(next) else { break }
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") {
                guard Self.isDigit(previous), index + 1 < limit, Self.isDigit(text[index + 1]) else { break }
            } else {
                break
            }
            if byte == previous, Self.isASCIILetter(byte) {
                run += 1
                if run >= 3 { flags.insert(.elongated) }
            } else {
                run = 1
            }
            previous = byte
            scratch[index] = byte
            hash = TermTable.hash(hash, byte)
            index += 1
        }
        finishASCIIWord(start, index, hash: hash, upper: upper, lower: lower, digits: digits, flags: flags, scratch: scratch, tokens: tokens, count: &count)
        return index
    }

    /// Looks up an ASCII word already lowercased into `scratch[start..<end]` and appends its token.
    private func finishASCIIWord(
        _ start: Int, _ end: Int, hash: UInt64, upper: Int, lower: Int, digits: Int, flags: ScanFlags,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) {
        var flags = flags
        let length = end - start
        if upper + lower > 0 { flags.insert(.hasLetters) }
        if upper >= 2, lower == 0 { flags.insert(.shouted) }
        let key = UnsafeBufferPointer(start: scratch + start, count: length)
        var term = lexicon.table.lookup(key, hash: hash)
        if length >= 3, key[length - 1] == UInt8(ascii: "t"), key[length - 2] == UInt8(ascii: "'"), key[length - 3] == UInt8(ascii: "n") {
            flags.insert(.negatedForm)
        }
        if length >= 4, key[length - 1] == UInt8(ascii: "g"), key[length - 2] == UInt8(ascii: "n"), key[length - 3] == UInt8(ascii: "i") {
            flags.insert(.ingForm)
        }
        if term < 0, flags.contains(.elongated) { term = lookupCollapsed(key) }
        appendWordToken(start, end, term: term, digits: digits, ascii: true, flags: flags, scratch: scratch, tokens: tokens, count: &count)
    }

    /// Appends a word token: its number or ordinal placeholder and its term's attributes.
    private func appendWordToken(
        _ start: Int, _ end: Int, term: Int32, digits: Int, ascii: Bool, flags: ScanFlags,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) {
        let length = end - start
        var placeholder: Int32 = -1
        let info = term >= 0 ? lexicon.info[Int(term)] : nil
        if digits > 0 {
            if digits == length || (ascii && Self.isDecimal(UnsafeBufferPointer(start: scratch + start, count: length))) {
                placeholder = lexicon.numberTerm
            } else if ascii, length >= 3, digits == length - 2, Self.isOrdinalSuffix(scratch[end - 2], scratch[end - 1]),
                      !(length == 3 && scratch[start] == UInt8(ascii: "1")) {
                // "2nd", "3rd", "21st"; not "1st": a first time is not a repeat.
                placeholder = lexicon.ordinalTerm
            }
        } else if let termFlags = info?.flags {
            if termFlags.contains(.number) { placeholder = lexicon.numberTerm } else if termFlags.contains(.ordinal) { placeholder = lexicon.ordinalTerm }
        }
        tokens[count] = ScanToken(start: start, end: end, kind: .word, flags: flags, term: term, placeholder: placeholder, info: info)
        count += 1
    }

    private func appendWord(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) {
        var hash = TermTable.hashSeed
        var flags: ScanFlags = []
        var upper = 0
        var lower = 0
        var digits = 0
        var previous: UInt8 = 0
        var run = 0
        var ascii = true
        for index in start..<end {
            var byte = text[index]
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                upper += 1
                byte |= 0x20
            } else if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") {
                lower += 1
            } else if Self.isDigit(byte) {
                digits += 1
            }
            if byte == previous, Self.isASCIILetter(byte) {
                run += 1
                if run >= 3 { flags.insert(.elongated) }
            } else {
                run = 1
            }
            previous = byte
            scratch[index] = byte
            hash = TermTable.hash(hash, byte)
        }
        if ascii {
            finishASCIIWord(start, end, hash: hash, upper: upper, lower: lower, digits: digits, flags: flags, scratch: scratch, tokens: tokens, count: &count)
            return
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
        let normalized = Tokenizer.normalize(word)
        let term = lexicon.table.lookup(normalized)
        var letters = 0
        var capitals = 0
        for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            if scalar.properties.isUppercase { capitals += 1 }
        }
        if letters > 0 { flags.insert(.hasLetters) }
        if letters >= 2, capitals == letters { flags.insert(.shouted) }
        if normalized.hasSuffix("n't") { flags.insert(.negatedForm) }
        if normalized.hasSuffix("ing") { flags.insert(.ingForm) }
        appendWordToken(start, end, term: term, digits: digits, ascii: false, flags: flags, scratch: scratch, tokens: tokens, count: &count)
    }

    /// "soooo" → "soo" → "so", "goooood" → "good": runs of three or more letters cut to two,
    /// then to one, until the lexicon knows the word.
    private func lookupCollapsed(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        for keep in [2, 1] {
            var collapsed: [UInt8] = []
            collapsed.reserveCapacity(key.count)
            var index = 0
            while index < key.count {
                let byte = key[index]
                var runEnd = index + 1
                while runEnd < key.count, key[runEnd] == byte { runEnd += 1 }
                let run = runEnd - index
                let copies = run >= 3 && Self.isASCIILetter(byte) ? keep : run
                collapsed.append(contentsOf: repeatElement(byte, count: copies))
                index = runEnd
            }
            let term = collapsed.withUnsafeBufferPointer { lexicon.table.lookup($0, hash: TermTable.hash($0)) }
            if term >= 0 { return term }
        }
        return -1
    }

    private func appendEmoji(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        scratch: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: inout Int
    ) {
        // The key leaves out skin-tone modifiers (U+1F3FB…1F3FF: F0 9F 8F BB…BF) and the
        // variation selector U+FE0F (EF B8 8F), so that 👍🏽 and ❤️ score as 👍 and ❤.
        var length = 0
        var index = start
        while index < end {
            if index + 3 < end, text[index] == 0xF0, text[index + 1] == 0x9F, text[index + 2] == 0x8F, (0xBB...0xBF).contains(text[index + 3]) {
                index += 4
                continue
            }
            if index + 2 < end, text[index] == 0xEF, text[index + 1] == 0xB8, text[index + 2] == 0x8F {
                index += 3
                continue
            }
            scratch[start + length] = text[index]
            length += 1
            index += 1
        }
        let key = UnsafeBufferPointer(start: scratch + start, count: length)
        let term = lexicon.table.lookup(key, hash: TermTable.hash(key))
        tokens[count] = ScanToken(start: start, end: end, kind: .emoji, term: term, info: term >= 0 ? lexicon.info[Int(term)] : nil)
        count += 1
    }

    /// Booster phrases ("kind of", "a bit"): the last token carries the scalar, the others are
    /// marked so that they are not read as words of their own.
    private func markBoosterPhrases(_ tokens: UnsafeMutablePointer<ScanToken>, count: Int) {
        for index in 0..<count where tokens[index].termFlags.contains(.boosterPhraseStart) {
            let info = lexicon.info[Int(tokens[index].term)]
            guard let phrase = firstPhrase(of: info, at: index, tokens, count: count, where: { $0.isBooster }) else { continue }
            let last = index + Int(phrase.restCount)
            for inner in index..<last {
                tokens[inner].flags.insert(.inBoosterPhrase)
                tokens[inner].boost = 0
            }
            tokens[last].boost = phrase.value
        }
    }

    /// Of the entries starting with `info`'s term that `accept` takes, the lowest-ranked (longest)
    /// one whose later tokens follow the token at `index`. Only the entries whose second term is
    /// the next token's term or placeholder are read: a group is ordered by second term.
    @inline(__always)
    func firstPhrase(
        of info: TermInfo, at index: Int, _ tokens: UnsafeMutablePointer<ScanToken>, count: Int, where accept: (PhraseEntry) -> Bool
    ) -> PhraseEntry? {
        guard index + 1 < count, tokens[index + 1].kind != .punctuation else { return nil }
        let next = tokens[index + 1]
        var found: PhraseEntry?
        func search(_ second: Int32) {
            // The first entry of the group with this second term.
            var low = Int(info.phraseStart), high = Int(info.phraseEnd)
            while low < high {
                let middle = (low + high) / 2
                if lexicon.phrases[middle].second < second { low = middle + 1 } else { high = middle }
            }
            // Ranks rise within the run: its first match is its best.
            while low < Int(info.phraseEnd), lexicon.phrases[low].second == second {
                let phrase = lexicon.phrases[low]
                low += 1
                if let found, found.rank < phrase.rank { return }
                if accept(phrase), restFollows(phrase, tokens, at: index, count: count) {
                    found = phrase
                    return
                }
            }
        }
        if next.term >= 0 { search(next.term) }
        if next.placeholder >= 0, next.placeholder != next.term { search(next.placeholder) }
        return found
    }

    /// Whether the phrase's third and later tokens follow the token at `index` (placeholders
    /// match numbers and ordinals); `firstPhrase` has matched the second already.
    @inline(__always)
    private func restFollows(_ phrase: PhraseEntry, _ tokens: UnsafeMutablePointer<ScanToken>, at index: Int, count: Int) -> Bool {
        let restCount = Int(phrase.restCount)
        guard index + restCount < count else { return false }
        let start = Int(phrase.restStart)
        for offset in 1..<restCount {
            let token = tokens[index + 1 + offset]
            let term = lexicon.phraseTerms[start + offset]
            guard token.kind != .punctuation, token.term == term || token.placeholder == term else { return false }
        }
        return true
    }

    // MARK: Bytes

    @inline(__always) static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) static func isASCIIWordByte(_ byte: UInt8) -> Bool { isDigit(byte) || isASCIILetter(byte) }
    @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    @inline(__always) static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ",")
    }

    static func isDecimal(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        key.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
    }

    static func isOrdinalSuffix(_ first: UInt8, _ second: UInt8) -> Bool {
        switch (first, second) {
        case (UInt8(ascii: "s"), UInt8(ascii: "t")), (UInt8(ascii: "n"), UInt8(ascii: "d")),
             (UInt8(ascii: "r"), UInt8(ascii: "d")), (UInt8(ascii: "t"), UInt8(ascii: "h")): return true
        default: return false
        }
    }

    static func punctuationFlags(_ byte: UInt8) -> ScanFlags {
        switch byte {
        case UInt8(ascii: "!"): return [.terminator, .exclamation]
        case UInt8(ascii: "?"): return [.terminator, .questionMark]
        case UInt8(ascii: "."): return .terminator
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"):
            return .clauseBreak
        default: return []
        }
    }

    /// The scalar starting at `index` of valid UTF-8 and its length in bytes.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(text[index])
        let length: Int
        var value: UInt32
        if lead < 0xE0 {
            length = 2
            value = lead & 0x1F
        } else if lead < 0xF0 {
            length = 3
            value = lead & 0x0F
        } else {
            length = 4
            value = lead & 0x07
        }
        guard index + length <= text.count else { return ("\u{FFFD}", 1) }
        for offset in 1..<length { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}

import VoxModel

/// One text's trip through the sentiment rules, over the tokens `ByteScanner` produced.
///
/// Order: find the sentiment-bearing items (longest lexicon phrase first) and apply the
/// word-level rules (capitals, elongation, boosters, negation, "least"); then contrast; then the
/// sarcasm cues; then neutral questions and requests; then sum each sentence, add `!` emphasis,
/// and add the sentences up (with the `!` of sentences without sentiment toward the total).
struct SentimentPass {
    let text: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeMutablePointer<ScanToken>
    let count: Int
    let lexicon: CompiledLexicon
    let scanner: ByteScanner
    let explain: Bool

    /// A token or phrase that carries sentiment, and what the rules did to it.
    struct Item {
        var first: Int
        var last: Int
        var sentence: Int
        var base: Double
        var value: Double
        /// Explanations of the rules applied, only when explaining (nil costs no reference
        /// counting when items are copied).
        var modifiers: [String]?
        /// A negator or "least" applied to it.
        var negated = false
        /// Written with emphasis: in capitals, stretched, or after a booster ("GLAD", "sooo
        /// good", "really glad"). Politeness is not emphasised, so a bare question keeps these.
        var emphasised = false

        mutating func note(_ modifier: String) {
            modifiers = (modifiers ?? []) + [modifier]
        }
    }

    /// A sentence: its tokens `start..<end` and what the sentence-level rules need.
    struct Sentence {
        var start: Int
        var end: Int
        var exclamations = 0
        var isQuestion = false
        var sum = 0.0
    }

    struct Result {
        var total = 0.0
        var positive = 0.0
        var negative = 0.0
        var neutralWords = 0
        var contributions: [SentimentContribution] = []
    }

    private var items: FixedList<Item>
    private var sentences: FixedList<Sentence>
    private var mixedCase = false
    /// The roles of all the text's words together: rules whose words are absent are skipped.
    private var present: TermFlags = []
    private var words = 0

    /// `items` and `sentences` need room for one entry per token, plus one sentence.
    init(
        text: UnsafeBufferPointer<UInt8>, tokens: UnsafeMutablePointer<ScanToken>, count: Int,
        lexicon: CompiledLexicon, scanner: ByteScanner, explain: Bool,
        items: UnsafeMutableBufferPointer<Item>, sentences: UnsafeMutableBufferPointer<Sentence>
    ) {
        self.text = text
        self.tokens = tokens
        self.count = count
        self.lexicon = lexicon
        self.scanner = scanner
        self.explain = explain
        self.items = FixedList(items)
        self.sentences = FixedList(sentences)
    }

    /// Runs the rules; the pass's lists are deinitialized before it returns.
    mutating func run() -> Result {
        defer {
            items.deinitialize()
            sentences.deinitialize()
        }
        splitSentences()
        var wordsInItems = 0
        for sentenceIndex in sentences.indices {
            var index = sentences[sentenceIndex].start
            while index < sentences[sentenceIndex].end {
                defer { index += 1 }
                guard tokens[index].isWord else { continue }
                guard let item = findItem(at: index, sentence: sentenceIndex) else { continue }
                wordsInItems += wordCount(item.first, item.last)
                for inner in item.first...item.last { tokens[inner].flags.insert(.inItem) }
                items.append(item)
                index = item.last
            }
        }
        guard !items.isEmpty else { return Result(neutralWords: words) }
        for index in items.indices { applyWordRules(&items[index]) }
        // The later rules need their words; most texts have none of them.
        if !present.isDisjoint(with: .contrast) { applyContrast() }
        if !present.isDisjoint(with: [.gratitude, .liking, .repeat]) || (present.contains(.irony) && hasPraiseAndComplaint()) { applySarcasm() }
        if !present.isDisjoint(with: [.question, .request]) { applyQuestions() }
        return total(neutralWords: words - wordsInItems)
    }

    // MARK: Items and word-level rules

    private func findItem(at index: Int, sentence: Int) -> Item? {
        let token = tokens[index]
        if token.flags.contains(.inBoosterPhrase) { return nil }
        var best: (length: Int, value: Double)?
        // Phrases start with the word itself or with the placeholder it fills ("<number> hours").
        for slot in 0..<2 {
            let key = slot == 0 ? token.term : token.placeholder
            // The token carries its own term's roles: no look at the table unless a phrase starts here.
            guard key >= 0, slot == 1 || token.termFlags.contains(.valencePhraseStart) else { continue }
            let info = lexicon.info[Int(key)]
            guard info.flags.contains(.valencePhraseStart) else { continue }
            let longer = best?.length ?? 0
            if let phrase = scanner.firstPhrase(of: info, at: index, tokens, count: count, where: { !$0.isBooster && Int($0.restCount) + 1 > longer }) {
                best = (Int(phrase.restCount) + 1, phrase.value)
            }
        }
        if let best {
            return Item(first: index, last: index + best.length - 1, sentence: sentence, base: best.value, value: best.value)
        }
        guard !token.valence.isNaN else { return nil }
        // A negator with a valence of its own ("no") is an answer or a refusal when it negates
        // nothing ("No.", "no no no", "err no"); before a sentiment word it just negates it; before
        // words without sentiment it says something is missing ("no reply", "no idea"): a milder
        // negative, as an absence.
        if token.termFlags.contains(.negator), !negatesNothing(after: index) {
            guard !sentimentFollows(index, sentence: sentence) else { return nil }
            var item = Item(first: index, last: index, sentence: sentence, base: token.valence, value: token.valence * SentimentRules.absenceScalar)
            if explain { item.note("absence ×\(SentimentRules.absenceScalar)") }
            return item
        }
        // A booster before another sentiment word modifies it rather than counting itself ("super helpful").
        if token.boost != 0, index + 1 < count, tokens[index + 1].isWord, !tokens[index + 1].valence.isNaN {
            return nil
        }
        return Item(first: index, last: index, sentence: sentence, base: token.valence, value: token.valence)
    }

    /// True when a word within the negator's reach after `index` (in its clause) carries sentiment
    /// or starts a sentiment phrase there: the negator negates it rather than standing for an absence.
    private func sentimentFollows(_ index: Int, sentence: Int) -> Bool {
        var distance = 0
        var next = index + 1
        while next < count, distance < SentimentRules.scope {
            let token = tokens[next]
            if token.kind == .punctuation {
                if token.flags.contains(.clauseBreak) || token.flags.contains(.terminator) { return false }
            } else {
                if !token.termFlags.isDisjoint(with: .contrast) { return false }
                if findItem(at: next, sentence: sentence) != nil { return true }
                distance += 1
            }
            next += 1
        }
        return false
    }

    /// True when the negator at `index` has nothing to negate: it ends the text or is followed by
    /// punctuation, a face or emoji (never negated), or another negator.
    private func negatesNothing(after index: Int) -> Bool {
        guard index + 1 < count else { return true }
        let next = tokens[index + 1]
        return next.kind != .word || next.termFlags.contains(.negator)
    }

    private func applyWordRules(_ item: inout Item) {
        let direction = item.value >= 0 ? 1.0 : -1.0
        if explain, isOverlay(item) { item.note("domain overlay") }
        if mixedCase, (item.first...item.last).contains(where: { tokens[$0].flags.contains(.shouted) }) {
            item.value += direction * SentimentRules.capsIncrement
            item.emphasised = true
            if explain { item.note("capitals +\(SentimentRules.capsIncrement)") }
        }
        if (item.first...item.last).contains(where: { tokens[$0].flags.contains(.elongated) }) {
            item.value += direction * SentimentRules.elongationIncrement
            item.emphasised = true
            if explain { item.note("elongated +\(SentimentRules.elongationIncrement)") }
        }
        var distance = 0
        var index = item.first - 1
        var negator: Int?
        var least: Int?
        while index >= 0, distance < SentimentRules.scope {
            let token = tokens[index]
            if token.kind == .punctuation {
                if token.flags.contains(.clauseBreak) || token.flags.contains(.terminator) { break }
                index -= 1
                continue
            }
            let flags = token.termFlags
            if !flags.isDisjoint(with: .contrast) { break }
            distance += 1
            if token.flags.contains(.inItem) {
                index -= 1
                continue
            }
            if token.boost != 0 {
                var effect = token.boost * SentimentRules.boosterDecay[distance - 1]
                if mixedCase, token.flags.contains(.shouted) { effect += (token.boost > 0 ? 1 : -1) * SentimentRules.capsIncrement }
                item.value += direction * effect
                if token.boost > 0 { item.emphasised = true }
                if explain {
                    item.note("\(token.boost > 0 ? "booster" : "dampener") '\(tokenText(index))' \(Self.signed(effect))")
                }
            }
            if negator == nil, flags.contains(.negator) || token.flags.contains(.negatedForm) { negator = index }
            if least == nil, flags.contains(.least), !isWord(before: index, flag: .atWord) { least = index }
            index -= 1
        }
        // A face, an emoji or written laughter shows the writer's feeling whatever words come
        // before it.
        let isFace = tokens[item.first].kind == .emoticon || tokens[item.first].kind == .emoji
            || (item.first == item.last && tokens[item.first].termFlags.contains(.laughter))
        if let negator, !isFace {
            let scalar = item.value < 0 ? SentimentRules.negatedNegativeScalar : SentimentRules.negationScalar
            item.value *= scalar
            item.negated = true
            if explain { item.note("negated by '\(tokenText(negator))' ×\(scalar)") }
        }
        // "guilt free", "stress free": the word after says the bad thing is absent.
        if item.value < 0, !isFace, item.last + 1 < count, tokens[item.last + 1].termFlags.contains(.absence) {
            item.value *= SentimentRules.negationScalar
            item.negated = true
            if explain { item.note("'\(tokenText(item.last + 1))' after it ×\(SentimentRules.negationScalar)") }
        }
        if let least, !isFace {
            item.value *= SentimentRules.negationScalar
            item.negated = true
            if explain { item.note("'\(tokenText(least))' ×\(SentimentRules.negationScalar)") }
        }
    }

    private func isOverlay(_ item: Item) -> Bool {
        if item.first == item.last { return tokens[item.first].termFlags.contains(.overlay) }
        return true == phrase(at: item.first, length: item.last - item.first + 1)?.isOverlay
    }

    private func phrase(at index: Int, length: Int) -> PhraseEntry? {
        for key in [tokens[index].term, tokens[index].placeholder] where key >= 0 {
            let info = lexicon.info[Int(key)]
            if let phrase = scanner.firstPhrase(of: info, at: index, tokens, count: count, where: { !$0.isBooster && Int($0.restCount) + 1 == length }) {
                return phrase
            }
        }
        return nil
    }

    // MARK: Contrast

    /// "but"/"however" (the first in the text): items before weigh less, items after more.
    /// "although"/"though": the clause it opens (to the next comma or the sentence's end) weighs
    /// less, the rest of its sentence more.
    private mutating func applyContrast() {
        if let pivot = (0..<count).first(where: { hasFlag($0, .contrastAfter) }) {
            let word = explain ? tokenText(pivot) : ""
            for index in items.indices {
                let weight = items[index].last < pivot ? SentimentRules.contrastWeaker : SentimentRules.contrastStronger
                items[index].value *= weight
                if explain { items[index].note("\(weight < 1 ? "before" : "after") '\(word)' ×\(weight)") }
            }
            return
        }
        for sentence in sentences {
            guard let pivot = (sentence.start..<sentence.end).first(where: { hasFlag($0, .contrastConcessive) }) else { continue }
            var clauseEnd = pivot + 1
            while clauseEnd < sentence.end, !tokens[clauseEnd].flags.contains(.clauseBreak) { clauseEnd += 1 }
            let word = explain ? tokenText(pivot) : ""
            for index in items.indices where items[index].first >= sentence.start && items[index].last < sentence.end {
                let inside = items[index].first > pivot && items[index].last < clauseEnd
                let weight = inside ? SentimentRules.contrastWeaker : SentimentRules.contrastStronger
                items[index].value *= weight
                if explain { items[index].note("\(inside ? "in" : "outside") '\(word)' clause ×\(weight)") }
            }
        }
    }

    // MARK: Sarcasm

    /// Praise that a complaint turns around: "thanks for the 3 hour wait", "love waiting on hold",
    /// "great, another delay". The praise item is flipped to negative. An apology is no complaint:
    /// "Thanks for the update, sorry for all the emails" is meant.
    private mutating func applySarcasm() {
        for index in items.indices where items[index].value > 0 && !items[index].negated {
            let item = items[index]
            let flags = termFlags(item.first)
            var cue: String?
            if flags.contains(.gratitude), let forIndex = nextWord(after: item.last, within: 2, where: { hasFlag($0, .forWord) }),
               isComplaint(firstItem(after: forIndex, within: SentimentRules.sarcasmReach)), !isRemedy(after: forIndex) {
                cue = "'\(tokenText(item.first)) for' a complaint"
            } else if flags.contains(.liking), let next = nextWord(after: item.last, within: 1, where: { tokens[$0].flags.contains(.ingForm) }),
                      isComplaint(firstItem(after: next - 1, within: 4, sameClause: true)) {
                cue = "'\(tokenText(item.first))' + a complaint"
            } else if isSentenceOpener(item), let reach = nextWord(after: item.last, within: SentimentRules.sarcasmReach, where: { hasFlag($0, .repeat) }),
                      isComplaint(nextItem(after: index, inSentence: item.sentence)) {
                cue = "praise then '\(tokenText(reach))' + a complaint"
            } else if flags.contains(.irony), isSentenceOpener(item), item.last + 1 < count, isComma(item.last + 1),
                      let next = nextItem(after: index, inSentence: item.sentence),
                      isComplaint(next), wordCount(item.last + 1, next.first) <= SentimentRules.sarcasmReach + 3 {
                cue = "'\(tokenText(item.first)),' + a complaint"
            } else if flags.contains(.irony), isCurtPraise(item), followsPlainComplaint(item.sentence) {
                cue = "curt praise after a complaint"
            }
            guard let cue else { continue }
            items[index].value = -items[index].value
            if explain { items[index].note("sarcasm: \(cue) → flipped") }
        }
    }

    /// Whether the text has both a positive and a negative item: the sarcasm cues that need no
    /// cue word ("Great, a two hour wait", "… Brilliant.") turn praise around only beside a complaint.
    private func hasPraiseAndComplaint() -> Bool {
        items.contains { $0.value > 0 } && items.contains { $0.value < 0 }
    }

    /// A sentence of at most three words, not the text's first, ending in a full stop or the end
    /// of the text (an exclamation is more often delight), made of the praise ("Brilliant.", "Just
    /// brilliant.", "Great upgrade, guys."): said after a complaint, it is sarcasm.
    private func isCurtPraise(_ item: Item) -> Bool {
        let sentence = sentences[item.sentence]
        return item.sentence > 0 && !sentence.isQuestion && sentence.exclamations == 0 && wordCount(sentence.start, sentence.end - 1) <= 3
            && !(sentence.start..<sentence.end).contains { !termFlags($0).isDisjoint(with: .contrast) }
    }

    /// Whether the nearest earlier sentence with items has only negative ones, not all apologies:
    /// a plain complaint. One that also praises ("sorted my wrong item in five minutes") makes the
    /// praise after it more likely meant, and so does one that only apologises ("Sorry.").
    private func followsPlainComplaint(_ sentence: Int) -> Bool {
        var earlier = sentence - 1
        while earlier >= 0 {
            let own = items.lazy.filter { $0.sentence == earlier }
            if !own.isEmpty { return own.allSatisfy { $0.value < 0 } && own.contains { isComplaint($0) } }
            earlier -= 1
        }
        return false
    }

    /// Whether the thanks are for putting something right: a `remedy` word among the two words
    /// after "for" ("thanks for fixing the broken router", "for the help with the cancelled
    /// flight"), with no negator after it within reach ("for the refund that never came" is
    /// sarcasm again).
    private func isRemedy(after forIndex: Int) -> Bool {
        guard let remedy = nextWord(after: forIndex, within: 2, where: { hasFlag($0, .remedy) }) else { return false }
        return nextWord(after: remedy, within: SentimentRules.sarcasmReach, where: { hasFlag($0, .negator) || tokens[$0].flags.contains(.negatedForm) }) == nil
    }

    /// A negative item that is not an apology ("sorry"): what turns praise into sarcasm.
    private func isComplaint(_ item: Item?) -> Bool {
        guard let item, item.value < 0 else { return false }
        return !(item.first...item.last).contains { termFlags($0).contains(.apology) }
    }

    /// The item after `items[index]` in the same sentence, if any.
    private func nextItem(after index: Int, inSentence sentence: Int) -> Item? {
        let following = index + 1
        guard following < items.count, items[following].sentence == sentence else { return nil }
        return items[following]
    }

    private func isComma(_ index: Int) -> Bool {
        tokens[index].kind == .punctuation && text[Int(tokens[index].start)] == UInt8(ascii: ",")
    }

    /// The praise opens its sentence ("Great, …", "Oh perfect, …"): among its first two words.
    private func isSentenceOpener(_ item: Item) -> Bool {
        let sentence = sentences[item.sentence]
        return wordCount(sentence.start, item.first) <= 2
    }

    /// The first item starting after token `index`, within `within` words (optionally without
    /// crossing a clause break); nil if none.
    private func firstItem(after index: Int, within: Int, sameClause: Bool = false) -> Item? {
        var words = 0
        var position = index + 1
        while position < count, words < within {
            if tokens[position].kind == .punctuation {
                if sameClause, tokens[position].flags.contains(.clauseBreak) || tokens[position].flags.contains(.terminator) { return nil }
            } else {
                words += 1
                if let item = items.first(where: { $0.first == position }) { return item }
            }
            position += 1
        }
        return nil
    }

    private func nextWord(after index: Int, within: Int, where matches: (Int) -> Bool) -> Int? {
        var words = 0
        var position = index + 1
        while position < count, words < within {
            if tokens[position].isWord {
                words += 1
                if matches(position) { return position }
            }
            position += 1
        }
        return nil
    }

    // MARK: Questions and requests

    /// A bare question or request ("Can you tell me when it ships?", "Please send the invoice")
    /// is neutral unless it carries a complaint: a complaint cue ("still", "why", "again"), a
    /// negation, a negative item or `!`. Its mild positive items (politeness: "please help",
    /// "thanks"; valence ≤ 2) count 0, unless written with emphasis: "Am I the only one who is
    /// GLAD it's back?" shows a feeling, which politeness does not shout, stretch or boost.
    private mutating func applyQuestions() {
        for (sentenceIndex, sentence) in sentences.enumerated() {
            guard let opener = nextWord(after: sentence.start - 1, within: 1, where: { $0 < sentence.end }) else { continue }
            let openerFlags = termFlags(opener)
            let isRequest = openerFlags.contains(.request)
            guard isRequest || (sentence.isQuestion && openerFlags.contains(.question)), sentence.exclamations == 0 else { continue }
            let list = items
            let sentenceItems = list.indices.lazy.filter { list[$0].sentence == sentenceIndex }
            guard !sentenceItems.contains(where: { list[$0].value < 0 || list[$0].negated }),
                  !(sentence.start..<sentence.end).contains(where: { hasFlag($0, .complaint) || tokens[$0].flags.contains(.negatedForm) || hasFlag($0, .negator) })
            else { continue }
            for index in sentenceItems where items[index].base <= SentimentRules.questionMildLimit && !items[index].emphasised {
                items[index].value = 0
                if explain { items[index].note("\(isRequest ? "request" : "question") without complaint cues ×0") }
            }
        }
    }

    // MARK: Sum

    private func total(neutralWords: Int) -> Result {
        var result = Result(neutralWords: neutralWords)
        for item in items {
            sentences[item.sentence].sum += item.value
            if item.value > 0 { result.positive += item.value + 1 } else if item.value < 0 { result.negative += -item.value + 1 }
            if explain {
                result.contributions.append(SentimentContribution(
                    text: String(decoding: UnsafeBufferPointer(rebasing: text[Int(tokens[item.first].start)..<Int(tokens[item.last].end)]), as: UTF8.self),
                    start: codePoints(before: Int(tokens[item.first].start)), end: codePoints(before: Int(tokens[item.last].end)),
                    baseValence: item.base, modifiers: item.modifiers ?? [], finalValence: item.value
                ))
            }
        }
        // Exclamations in sentences without sentiment ("The parcel is lost. Call me back!")
        // still raise the text's voice: they count toward the direction of the whole text.
        var unplaced = 0
        var unplacedMark: Int?
        for sentence in sentences {
            let exclamations = min(SentimentRules.exclamationLimit, sentence.exclamations)
            let mark = exclamations > 0 && explain ? (sentence.start..<sentence.end).last(where: { tokens[$0].flags.contains(.exclamation) }) : nil
            var sum = sentence.sum
            if exclamations > 0, sum != 0 {
                let boost = Double(exclamations) * SentimentRules.exclamationIncrement * (sum > 0 ? 1 : -1)
                sum += boost
                if let mark { result.contributions.append(exclamation(exclamations, at: mark, boost: boost, note: "exclamation ×\(exclamations)")) }
            } else if exclamations > 0 {
                unplaced += exclamations
                unplacedMark = mark ?? unplacedMark
            }
            result.total += sum
        }
        if unplaced > 0, result.total != 0 {
            let exclamations = min(SentimentRules.exclamationLimit, unplaced)
            let boost = Double(exclamations) * SentimentRules.exclamationIncrement * (result.total > 0 ? 1 : -1)
            result.total += boost
            if let mark = unplacedMark {
                result.contributions.append(exclamation(exclamations, at: mark, boost: boost, note: "exclamation ×\(exclamations) in sentences without sentiment, toward the text"))
            }
        }
        return result
    }

    /// The explanation of `count` exclamation marks, placed on the last one (token `mark`).
    private func exclamation(_ count: Int, at mark: Int, boost: Double, note: String) -> SentimentContribution {
        SentimentContribution(
            text: String(repeating: "!", count: count),
            start: codePoints(before: Int(tokens[mark].start)), end: codePoints(before: Int(tokens[mark].end)),
            baseValence: 0, modifiers: [note], finalValence: boost
        )
    }

    // MARK: Helpers

    /// Splits the tokens into sentences and, in the same pass, counts words, notes whether the
    /// text mixes capitals with lower case, and collects the words' roles.
    private mutating func splitSentences() {
        var start = 0
        var index = 0
        var lettered = 0
        var shouted = 0
        while index < count {
            let token = tokens[index]
            guard token.flags.contains(.terminator) else {
                if token.kind != .punctuation {
                    words += 1
                    present.formUnion(token.termFlags)
                    if token.flags.contains(.hasLetters) {
                        lettered += 1
                        if token.flags.contains(.shouted) { shouted += 1 }
                    }
                }
                index += 1
                continue
            }
            var sentence = Sentence(start: start, end: index)
            while index < count, tokens[index].flags.contains(.terminator) {
                if tokens[index].flags.contains(.exclamation) { sentence.exclamations += 1 }
                if tokens[index].flags.contains(.questionMark) { sentence.isQuestion = true }
                index += 1
            }
            sentence.end = index
            sentences.append(sentence)
            start = index
        }
        if start < count || sentences.isEmpty { sentences.append(Sentence(start: start, end: count)) }
        mixedCase = shouted > 0 && shouted < lettered
    }

    private func termFlags(_ index: Int) -> TermFlags {
        tokens[index].termFlags
    }

    private func hasFlag(_ index: Int, _ flag: TermFlags) -> Bool {
        tokens[index].kind == .word && termFlags(index).contains(flag)
    }

    private func isWord(before index: Int, flag: TermFlags) -> Bool {
        index > 0 && hasFlag(index - 1, flag)
    }

    private func wordCount(_ from: Int, _ through: Int) -> Int {
        guard from <= through else { return 0 }
        return (from...through).reduce(0) { $0 + (tokens[$1].isWord ? 1 : 0) }
    }

    private func tokenText(_ index: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[Int(tokens[index].start)..<Int(tokens[index].end)]), as: UTF8.self)
    }

    /// Code points in the text's first `byteOffset` bytes (offsets in contributions count code points).
    private func codePoints(before byteOffset: Int) -> Int {
        var count = 0
        for index in 0..<byteOffset where text[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    static func signed(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded >= 0 ? "+\(rounded)" : "\(rounded)"
    }
}

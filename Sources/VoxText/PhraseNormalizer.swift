/// Brings a word to the key form that phrase patterns are matched in, so that one pattern covers
/// the ways people write the same thing: `I'm` = `I am`, `apologise` = `apologize`,
/// `apologised` = `apologizing` = `apologize`, `cant` = `can't` = `can not`.
///
/// Keys are not dictionary words: they only have to be equal for the variants of one word and
/// rarely equal for different words. Patterns and texts pass through this same function, so a
/// key such as `apologiz` never needs to be written by hand. It works on bytes, without
/// allocating, because it runs for every word of every scored reply.
///
/// Steps, in order, for a lowercased word with straight apostrophes:
/// 1. **Contractions** split into two keys (`i'm` → `i` `am`, `don't` → `do` `not`, `let's` →
///    `let` `us`; possessive `'s` is dropped), and common forms written without an apostrophe or
///    in chat shorthand are rewritten by table (`dont`, `im`, `thx`, `u`).
/// 2. **British spellings** become American: a table (`cancelled`, `judgement`, `whilst`) and
///    rules for `-ise`/`-isation`/`-yse` → `z`, `-our` → `-or` (from the fourth letter on, so
///    `your` and `four` stay), `-tre`/`-bre` → `-ter`/`-ber`.
/// 3. **Inflection** is stripped: `-ies`/`-ied` → `-y`, `-ing`, `-ed`, `-es` after a sibilant,
///    `-s`, then a final `-e`; a doubled final consonant left by `-ing`/`-ed` is undoubled
///    (`stopping` → `stop`). Short words (under four letters) and words with digits are kept.
///    A stripped key never becomes the negation `not` (`noted` → `note`, not `not`).
public struct PhraseNormalizer: Sendable {
    public static let shared = PhraseNormalizer()

    /// Whole-word rewrites (chat shorthand, contractions without apostrophes, British spellings).
    private let rewrites: ByteTable
    private let rewriteKeys: [[[UInt8]]]
    /// Words whose `'s` means `is` rather than a possessive.
    private let isContractors: ByteTable

    init() {
        var table = ByteTable()
        var keys: [[[UInt8]]] = []
        for (word, replacement) in Self.rewriteList {
            table.insert(Array(word.utf8), value: Int32(keys.count))
            keys.append(replacement.split(separator: " ").map { Array($0.utf8) })
            precondition(keys[keys.count - 1].count <= KeyBuffer.slots, "\(word): a rewrite gives at most \(KeyBuffer.slots) keys")
        }
        rewrites = table
        rewriteKeys = keys
        var contractors = ByteTable()
        for word in Self.isContractorList { contractors.insert(Array(word.utf8), value: 1) }
        isContractors = contractors
    }

    /// The keys of one word as written in a pattern or a test (any case, any apostrophe).
    public func keys(_ word: String) -> [String] {
        var lowered: [UInt8] = []
        for scalar in word.lowercased().unicodeScalars {
            if scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}" {
                lowered.append(0x27)
            } else {
                lowered.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        var output = KeyBuffer()
        normalize(lowered[...], into: &output)
        return (0..<output.count).map { output.withKey($0) { String(decoding: $0, as: UTF8.self) } }
    }

    /// Where `normalize` puts a word's keys: one byte array cut into equal slots, reused across
    /// words so that scanning allocates once per text, and each key is rewritten in its slot.
    public struct KeyBuffer: Sendable {
        /// The most keys one word gives (`asap` → `as soon as possible`).
        static let slots = 4
        var storage: [UInt8] = []
        var lengths = [Int](repeating: 0, count: KeyBuffer.slots)
        var slotSize = 0
        public internal(set) var count = 0

        public init() {}

        /// Empties the buffer and makes every slot hold at least `bytes` bytes.
        mutating func reset(fitting bytes: Int) {
            count = 0
            if slotSize < bytes {
                slotSize = max(bytes, 48)
                storage = [UInt8](repeating: 0, count: slotSize * Self.slots)
            }
        }

        /// Key `index`'s bytes in place, for looking it up without copying it.
        public func withKey<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(index * slotSize)..<(index * slotSize + lengths[index])])) }
        }

        public subscript(index: Int) -> [UInt8] { withKey(index) { Array($0) } }
    }

    /// The slots of a `KeyBuffer` while `normalize` fills them.
    struct Keys {
        let bytes: UnsafeMutablePointer<UInt8>
        let lengths: UnsafeMutablePointer<Int>
        let slotSize: Int
        var count = 0

        mutating func append(_ key: UnsafeBufferPointer<UInt8>) {
            precondition(count < KeyBuffer.slots && key.count <= slotSize, "a word gives at most 4 keys, each fitting its slot")
            let slot = bytes + count * slotSize
            for offset in 0..<key.count { slot[offset] = key[offset] }
            lengths[count] = key.count
            count += 1
        }

        mutating func append(_ text: StaticString) {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        /// `o'clock`: the word as one key without its apostrophes.
        mutating func appendRemovingApostrophes(_ word: UnsafeBufferPointer<UInt8>) {
            precondition(count < KeyBuffer.slots && word.count <= slotSize, "a word gives at most 4 keys, each fitting its slot")
            let slot = bytes + count * slotSize
            var length = 0
            for byte in word where byte != 0x27 {
                slot[length] = byte
                length += 1
            }
            lengths[count] = length
            count += 1
        }

        func key(_ index: Int) -> Key { Key(base: bytes + index * slotSize, count: lengths[index]) }
    }

    /// One key in its slot, edited in place (the edits only shorten it, or keep its length).
    struct Key {
        let base: UnsafeMutablePointer<UInt8>
        var count: Int

        subscript(index: Int) -> UInt8 {
            get { base[index] }
            nonmutating set { base[index] = newValue }
        }

        mutating func removeLast(_ n: Int = 1) { count -= n }

        mutating func append(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        mutating func remove(at index: Int) {
            for offset in index..<(count - 1) { base[offset] = base[offset + 1] }
            count -= 1
        }

        func contains(_ byte: UInt8, from start: Int) -> Bool {
            for index in start..<count where base[index] == byte { return true }
            return false
        }

        /// Whether `first` or `other` followed by `then` occurs from `start` on: every `-ise` and
        /// `-yse` suffix begins with `is` or `ys`, so a key without that pair needs no suffix test.
        func containsPair(_ first: UInt8, or other: UInt8, then: UInt8, from start: Int) -> Bool {
            var index = start
            while index + 1 < count {
                if base[index + 1] == then, base[index] == first || base[index] == other { return true }
                index += 1
            }
            return false
        }
    }

    /// Normalises `word` (lowercase, straight apostrophes) into 1–4 keys in `output`.
    public func normalize(_ word: ArraySlice<UInt8>, into output: inout KeyBuffer) {
        word.withUnsafeBufferPointer { normalize($0, into: &output) }
    }

    /// Normalises `word` (lowercase, straight apostrophes) into 1–4 keys in `output`.
    public func normalize(_ word: UnsafeBufferPointer<UInt8>, into output: inout KeyBuffer) {
        // A key is never longer than its word, or than a table entry, or than `would`.
        output.reset(fitting: word.count + 16)
        let slotSize = output.slotSize
        var count = 0
        output.storage.withUnsafeMutableBufferPointer { bytes in
            output.lengths.withUnsafeMutableBufferPointer { lengths in
                var keys = Keys(bytes: bytes.baseAddress!, lengths: lengths.baseAddress!, slotSize: slotSize)
                normalize(word, into: &keys)
                count = keys.count
            }
        }
        output.count = count
    }

    private func normalize(_ word: UnsafeBufferPointer<UInt8>, into keys: inout Keys) {
        if let index = rewrites.find(word) {
            for key in rewriteKeys[Int(index)] {
                key.withUnsafeBufferPointer { keys.append($0) }
                finish(&keys, at: keys.count - 1)
            }
            return
        }
        guard let apostrophe = word.firstIndex(of: 0x27) else {
            keys.append(word)
            finish(&keys, at: 0)
            return
        }
        splitContraction(word, apostrophe: apostrophe, into: &keys)
        for index in 0..<keys.count { finish(&keys, at: index) }
    }

    private func splitContraction(_ word: UnsafeBufferPointer<UInt8>, apostrophe: Int, into output: inout Keys) {
        let base = UnsafeBufferPointer(rebasing: word[0..<apostrophe])
        let tail = UnsafeBufferPointer(rebasing: word[(apostrophe + 1)...])
        // n't: don't, isn't (can't, won't, shan't, ain't are rewrites).
        if tail.count == 1, tail[0] == UInt8(ascii: "t"), base.last == UInt8(ascii: "n") {
            let stem = UnsafeBufferPointer(rebasing: base.dropLast())
            if stem.isEmpty {
                output.append("not")
            } else {
                output.append(stem)
                output.append("not")
            }
            return
        }
        let expansion: StaticString?
        let t0 = tail.first, t1 = tail.count > 1 ? tail[1] : nil
        switch (tail.count, t0, t1) {
        case (1, UInt8(ascii: "m"), _): expansion = "am"
        case (2, UInt8(ascii: "r"), UInt8(ascii: "e")): expansion = "are"
        case (2, UInt8(ascii: "v"), UInt8(ascii: "e")): expansion = "have"
        case (2, UInt8(ascii: "l"), UInt8(ascii: "l")): expansion = "will"
        case (1, UInt8(ascii: "d"), _): expansion = "would"
        case (1, UInt8(ascii: "s"), _):
            if base.count == 3, base[0] == UInt8(ascii: "l"), base[1] == UInt8(ascii: "e"), base[2] == UInt8(ascii: "t") {
                expansion = "us"
            } else {
                // `'s` after it/that/there… is `is`; otherwise a possessive, dropped. Alone (in a
                // pattern: `{is|'s}`) it is `is`.
                expansion = base.isEmpty || isContractors.find(base) != nil ? "is" : nil
            }
        case (0, _, _): expansion = nil // plural possessive: customers'
        default:
            // o'clock: the apostrophe is part of the word.
            output.appendRemovingApostrophes(word)
            return
        }
        if !base.isEmpty { output.append(base) }
        if let expansion {
            output.append(expansion)
        } else if base.isEmpty {
            output.append(UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    /// Spelling and inflection for one key, in place.
    private func finish(_ keys: inout Keys, at index: Int) {
        var key = keys.key(index)
        guard key.count >= 4 else { return }
        for offset in 0..<key.count where !Self.isLowercaseLetterOrMark(key[offset]) { return }
        Self.americanize(&key)
        Self.stem(&key)
        Self.keepApartFromNegation(&key)
        keys.lengths[index] = key.count
    }

    static func isLowercaseLetterOrMark(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 || byte == 0x2D
    }

    /// True when `key` ends with `suffix`; compares from the end, where most words differ.
    @inline(__always)
    static func has(_ key: Key, _ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard key.count >= length else { return false }
        let pointer = suffix.utf8Start
        var offset = length - 1
        let base = key.count - length
        while offset >= 0 {
            if key[base + offset] != pointer[offset] { return false }
            offset -= 1
        }
        return true
    }

    // MARK: Spelling

    static let iseSuffixes: [StaticString] = ["isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise", "ysing", "ysed", "yses", "yse"]
    static let ourSuffixes: [StaticString] = ["our", "ours", "oured", "ouring", "ourite", "ourites", "ourable", "ourably", "ourful", "ourless", "ourhood", "ourer", "ourers"]

    static func americanize(_ key: inout Key) {
        // -ise, -ised, -ises, -ising, -iser(s), -isation(s), and -yse forms: s → z.
        if key.count >= 6, key.containsPair(UInt8(ascii: "i"), or: UInt8(ascii: "y"), then: UInt8(ascii: "s"), from: max(0, key.count - 8)) {
            for suffix in iseSuffixes where key.count >= suffix.utf8CodeUnitCount + 3 && has(key, suffix) {
                key[key.count - suffix.utf8CodeUnitCount + 1] = UInt8(ascii: "z")
                break
            }
        }
        // -our → -or from the fourth letter on: colour, behaviour, favourite; not your, four.
        if key.count >= 6, key.contains(UInt8(ascii: "u"), from: 3) {
            for suffix in ourSuffixes where key.count >= suffix.utf8CodeUnitCount + 3 && has(key, suffix) {
                key.remove(at: key.count - suffix.utf8CodeUnitCount + 1)
                break
            }
        }
        // -tre, -bre → -ter, -ber: centre, theatre, fibre.
        let count = key.count
        if count >= 5, key[count - 1] == UInt8(ascii: "e") || (key[count - 1] == UInt8(ascii: "s") && key[count - 2] == UInt8(ascii: "e")) {
            let end = key[count - 1] == UInt8(ascii: "s") ? count - 1 : count
            if end >= 5, key[end - 2] == UInt8(ascii: "r"), key[end - 3] == UInt8(ascii: "t") || key[end - 3] == UInt8(ascii: "b") {
                key[end - 2] = UInt8(ascii: "e")
                key[end - 1] = UInt8(ascii: "r")
            }
        }
    }

    // MARK: Inflection

    static func stem(_ key: inout Key) {
        let count = key.count
        if count >= 5, has(key, "ies") || has(key, "ied") {
            key.removeLast(3)
            key.append(UInt8(ascii: "y"))
            return
        }
        if has(key, "ing"), count - 3 >= 3, hasVowel(key, before: count - 3) {
            key.removeLast(3)
            undouble(&key)
            return
        }
        if has(key, "eed") {
            if count >= 6 { key.removeLast() } // agreed → agree; need, speed stay
            return
        }
        if has(key, "ed"), count - 2 >= 3, hasVowel(key, before: count - 2) {
            key.removeLast(2)
            undouble(&key)
            return
        }
        if count >= 5, has(key, "xes") || has(key, "zes") || has(key, "sses") || has(key, "ches") || has(key, "shes") {
            key.removeLast(2)
            return
        }
        if key[count - 1] == UInt8(ascii: "s"), !has(key, "ss"), !has(key, "us"), !has(key, "is") {
            key.removeLast()
        }
        if key.count >= 4, key[key.count - 1] == UInt8(ascii: "e"), key[key.count - 2] != UInt8(ascii: "e") {
            key.removeLast()
        }
    }

    /// Stripping must never make a negation: `note`, `notes`, `noted` and `noting` all strip to
    /// `not`, and every "we have noted it and apologise" would then negate the apology. They
    /// share the key `note` instead (never longer than the word it came from).
    static func keepApartFromNegation(_ key: inout Key) {
        if key.count == 3, key[0] == UInt8(ascii: "n"), key[1] == UInt8(ascii: "o"), key[2] == UInt8(ascii: "t") {
            key.append(UInt8(ascii: "e"))
        }
    }

    static func hasVowel(_ key: Key, before end: Int) -> Bool {
        for index in 0..<end {
            switch key[index] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): return true
            default: continue
            }
        }
        return false
    }

    /// `stopp` → `stop`; doubled vowels and l, s, z, f, d stay (`call`, `miss`, `buzz`, `staff`, `add`).
    static func undouble(_ key: inout Key) {
        guard key.count >= 3 else { return }
        let last = key[key.count - 1]
        guard last == key[key.count - 2] else { return }
        switch last {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"),
             UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "z"), UInt8(ascii: "f"), UInt8(ascii: "d"):
            return
        default:
            key.removeLast()
        }
    }

    // MARK: Tables

    /// Words whose `'s` is a contraction of `is`.
    static let isContractorList = [
        "it", "that", "there", "here", "what", "who", "where", "how", "he", "she", "this", "when", "why",
        "everything", "nothing", "something", "someone", "everyone", "anything", "anyone",
    ]

    /// Whole-word rewrites, applied before contractions are split and again to each key.
    static let rewriteList: [(String, String)] = [
        // Contractions that do not split regularly.
        ("can't", "can not"), ("won't", "will not"), ("shan't", "shall not"), ("ain't", "is not"),
        ("cannot", "can not"), ("y'all", "you all"),
        // Written without an apostrophe (chat, peer support, phones).
        ("im", "i am"), ("ive", "i have"), ("dont", "do not"), ("didnt", "did not"), ("doesnt", "does not"),
        ("cant", "can not"), ("wont", "will not"), ("isnt", "is not"), ("wasnt", "was not"), ("arent", "are not"),
        ("werent", "were not"), ("couldnt", "could not"), ("wouldnt", "would not"), ("shouldnt", "should not"),
        ("havent", "have not"), ("hasnt", "has not"), ("hadnt", "had not"), ("youre", "you are"),
        ("youve", "you have"), ("youll", "you will"), ("thats", "that is"), ("theres", "there is"),
        ("whats", "what is"), ("gonna", "going to"), ("wanna", "want to"), ("gotta", "got to"),
        // Shorthand.
        ("thx", "thanks"), ("tnx", "thanks"), ("ty", "thank you"), ("pls", "please"), ("plz", "please"),
        ("u", "you"), ("ur", "your"), ("sry", "sorry"), ("srry", "sorry"), ("soz", "sorry"), ("coz", "because"),
        ("cuz", "because"), ("okay", "ok"), ("msg", "message"), ("asap", "as soon as possible"),
        // British spellings the rules do not cover.
        ("cancelled", "canceled"), ("cancelling", "canceling"), ("travelled", "traveled"), ("travelling", "traveling"),
        ("traveller", "traveler"), ("labelled", "labeled"), ("labelling", "labeling"), ("modelled", "modeled"),
        ("counselled", "counseled"), ("counselling", "counseling"), ("fuelled", "fueled"), ("signalled", "signaled"),
        ("channelled", "channeled"), ("totalled", "totaled"), ("jewellery", "jewelry"), ("enrol", "enroll"),
        ("enrolment", "enrollment"), ("fulfil", "fulfill"), ("fulfilment", "fulfillment"), ("instalment", "installment"),
        ("skilful", "skillful"), ("wilful", "willful"), ("judgement", "judgment"), ("acknowledgement", "acknowledgment"),
        ("acknowledgements", "acknowledgments"), ("grey", "gray"), ("tyre", "tire"), ("tyres", "tires"), ("mum", "mom"),
        ("whilst", "while"), ("amongst", "among"), ("learnt", "learned"), ("programme", "program"), ("licence", "license"),
        ("defence", "defense"), ("offence", "offense"), ("practise", "practice"), ("catalogue", "catalog"),
        ("dialogue", "dialog"), ("sceptical", "skeptical"), ("aluminium", "aluminum"), ("cheers", "thanks"),
    ]
}

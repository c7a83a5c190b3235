/// The Porter2 ("Snowball English") stemmer, implemented from the published algorithm
/// description (snowballstem.org, "The English (Porter2) stemming algorithm").
///
/// Clustering compares phrases across records, so "refunds", "refunded" and "refunding" must meet
/// as `refund`. Porter2 is the published, testable choice: `StemmerTests` checks every line of the
/// Snowball reference vocabulary. Words are expected lowercased (as `Token.normalized` is); a word
/// with a letter outside ASCII is returned unchanged, since the rules are defined for English
/// letters only.
public struct EnglishStemmer: Sendable {
    public init() {}

    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 < 0x80 }) else { return word }
        if let exception = Self.exceptions1[word] { return exception }
        var state = StemState(bytes)
        state.run()
        return String(decoding: state.word, as: UTF8.self)
    }

    /// Whole words with a fixed stem (the algorithm's "exceptional forms").
    static let exceptions1: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
        "evening": "evening", "evenings": "evening", "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
}

/// The word being stemmed, with its regions. Letters are ASCII bytes; `Y` marks a consonant y.
private struct StemState {
    var word: [UInt8]
    var r1 = 0
    var r2 = 0

    init(_ bytes: [UInt8]) { word = bytes }

    static let exceptions2: Set<String> = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]
    static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i"), o = UInt8(ascii: "o")
    static let u = UInt8(ascii: "u"), y = UInt8(ascii: "y"), capitalY = UInt8(ascii: "Y")
    static let apostrophe = UInt8(ascii: "'")

    mutating func run() {
        prelude()
        markRegions()
        step0()
        step1a()
        if Self.exceptions2.contains(String(decoding: word, as: UTF8.self)) {
            postlude()
            return
        }
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        postlude()
    }

    // MARK: Letters

    static func isVowel(_ c: UInt8) -> Bool { c == a || c == e || c == i || c == o || c == u || c == y }

    func isVowel(at index: Int) -> Bool { Self.isVowel(word[index]) }

    /// Compares byte by byte without copying the suffix: stemming runs for every word of every
    /// negative message, and an array per suffix test was most of its cost.
    func endsWith(_ suffix: String) -> Bool {
        let length = suffix.utf8.count
        guard length <= word.count else { return false }
        var index = word.count - length
        for byte in suffix.utf8 {
            if word[index] != byte { return false }
            index += 1
        }
        return true
    }

    /// The longest of `suffixes` the word ends with.
    func longest(_ suffixes: [Suffix]) -> String? {
        var best: Suffix?
        for suffix in suffixes where suffix.bytes.count > (best?.bytes.count ?? -1) && endsWith(suffix) { best = suffix }
        return best?.text
    }

    /// Compared from the last byte: most suffixes fail there.
    func endsWith(_ suffix: Suffix) -> Bool {
        let bytes = suffix.bytes
        guard bytes.count <= word.count else { return false }
        var index = word.count - 1
        for byte in bytes.reversed() {
            if word[index] != byte { return false }
            index -= 1
        }
        return true
    }

    mutating func replace(_ suffix: String, with replacement: String) {
        word.removeLast(suffix.utf8.count)
        word += Array(replacement.utf8)
    }

    func suffixStart(_ suffix: String) -> Int { word.count - suffix.utf8.count }

    /// A short syllable ending at `end` (exclusive): non-vowel, vowel, non-vowel other than w, x, Y;
    /// or, at the start of the word, a vowel followed by a non-vowel.
    /// The published algorithm also treats a word part ending in "past" as short, so that
    /// "paste", "pasted" and "pasting" keep their e and stay apart from "past".
    func endsWithShortSyllable(_ end: Int) -> Bool {
        if end >= 4, word[(end - 4)..<end].elementsEqual("past".utf8) { return true }
        if end >= 3 {
            let last = word[end - 1]
            if !Self.isVowel(last), last != UInt8(ascii: "w"), last != UInt8(ascii: "x"), last != Self.capitalY,
               Self.isVowel(word[end - 2]), !Self.isVowel(word[end - 3]) {
                return true
            }
        }
        return end == 2 && Self.isVowel(word[0]) && !Self.isVowel(word[1])
    }

    var isShort: Bool { r1 >= word.count && endsWithShortSyllable(word.count) }

    func containsVowel(before end: Int) -> Bool { word[..<end].contains(where: Self.isVowel) }

    // MARK: Steps

    mutating func prelude() {
        if word.first == Self.apostrophe { word.removeFirst() }
        guard !word.isEmpty else { return }
        if word[0] == Self.y { word[0] = Self.capitalY }
        for index in word.indices.dropFirst() where word[index] == Self.y && Self.isVowel(word[index - 1]) {
            word[index] = Self.capitalY
        }
    }

    /// Words starting with these have R1 right after them (the published list, which keeps
    /// "universe" and "university", "later" and "lateral", "organ" and "organic" apart).
    static let regionPrefixes = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"]

    mutating func markRegions() {
        func regionStart(from start: Int) -> Int {
            var index = start
            while index < word.count, !isVowel(at: index) { index += 1 }
            while index < word.count, isVowel(at: index) { index += 1 }
            return min(word.count, index + 1)
        }
        let text = String(decoding: word, as: UTF8.self)
        if let prefix = Self.regionPrefixes.first(where: { text.hasPrefix($0) }) {
            r1 = prefix.utf8.count
        } else {
            r1 = regionStart(from: 0)
        }
        r2 = regionStart(from: r1)
    }

    static let step0Suffixes = Suffix.list(["'", "'s", "'s'"])
    static let step1aSuffixes = Suffix.list(["sses", "ied", "ies", "s", "us", "ss"])
    static let step1bSuffixes = Suffix.list(["eed", "eedly", "ed", "edly", "ing", "ingly"])
    static let doubles = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]

    mutating func step0() {
        if let suffix = longest(Self.step0Suffixes) { word.removeLast(suffix.utf8.count) }
    }

    mutating func step1a() {
        guard let suffix = longest(Self.step1aSuffixes) else { return }
        switch suffix {
        case "sses": replace(suffix, with: "ss")
        case "ied", "ies": replace(suffix, with: suffixStart(suffix) > 1 ? "i" : "ie")
        case "s":
            // Delete when a vowel occurs before the letter preceding the s: gaps → gap, not gas → ga.
            if word.count >= 2, containsVowel(before: word.count - 2) { word.removeLast() }
        default: break
        }
    }

    mutating func step1b() {
        guard let suffix = longest(Self.step1bSuffixes) else { return }
        let start = suffixStart(suffix)
        if suffix == "eed" || suffix == "eedly" {
            if start >= r1 { replace(suffix, with: "ee") }
            return
        }
        guard containsVowel(before: start) else { return }
        // A single consonant and y before "ing": dying → die, vying → vie.
        if suffix == "ing", start == 2, word[1] == Self.y, !isVowel(at: 0) {
            word.removeLast(4)
            word += Array("ie".utf8)
            return
        }
        word.removeLast(suffix.utf8.count)
        if endsWith("at") || endsWith("bl") || endsWith("iz") {
            word.append(Self.e)
        } else if Self.doubles.contains(where: endsWith) {
            // Except a vowel and a double at the start: added → add, erred → err.
            if !(word.count == 3 && isVowel(at: 0)) { word.removeLast() }
        } else if isShort {
            word.append(Self.e)
        }
    }

    mutating func step1c() {
        guard let last = word.last, last == Self.y || last == Self.capitalY, word.count > 2,
              !isVowel(at: word.count - 2) else { return }
        word[word.count - 1] = Self.i
    }

    static let step2Rules: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"),
        ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"),
        ("lessli", "less"), ("ogist", "og"), ("li", ""),
    ]
    static let step2Suffixes = Suffix.list(step2Rules.map(\.0))
    static let validLiEndings: Set<UInt8> = Set("cdeghkmnrt".utf8)

    mutating func step2() {
        guard let suffix = longest(Self.step2Suffixes), suffixStart(suffix) >= r1 else { return }
        let start = suffixStart(suffix)
        if suffix == "ogi" {
            guard start > 0, word[start - 1] == UInt8(ascii: "l") else { return }
        } else if suffix == "li" {
            guard start > 0, Self.validLiEndings.contains(word[start - 1]) else { return }
        }
        replace(suffix, with: Self.step2Rules.first { $0.0 == suffix }!.1)
    }

    static let step3Rules: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""), ("ative", ""),
    ]
    static let step3Suffixes = Suffix.list(step3Rules.map(\.0))

    mutating func step3() {
        guard let suffix = longest(Self.step3Suffixes), suffixStart(suffix) >= r1 else { return }
        if suffix == "ative", suffixStart(suffix) < r2 { return }
        replace(suffix, with: Self.step3Rules.first { $0.0 == suffix }!.1)
    }

    static let step4Suffixes = Suffix.list([
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
        "ive", "ize", "ion",
    ])

    mutating func step4() {
        guard let suffix = longest(Self.step4Suffixes), suffixStart(suffix) >= r2 else { return }
        let start = suffixStart(suffix)
        if suffix == "ion" {
            guard start > 0, word[start - 1] == UInt8(ascii: "s") || word[start - 1] == UInt8(ascii: "t") else { return }
        }
        word.removeLast(suffix.utf8.count)
    }

    mutating func step5() {
        guard let last = word.last else { return }
        let start = word.count - 1
        if last == Self.e {
            if start >= r2 || (start >= r1 && !endsWithShortSyllable(start)) { word.removeLast() }
        } else if last == UInt8(ascii: "l") {
            if start >= r2, start > 0, word[start - 1] == UInt8(ascii: "l") { word.removeLast() }
        }
    }

    mutating func postlude() {
        for index in word.indices where word[index] == Self.capitalY { word[index] = Self.y }
    }
}

/// A suffix the steps test for, with its bytes kept beside it: walking a `String`'s UTF-8 view
/// for every suffix of every word was the stemmer's largest cost.
private struct Suffix {
    let text: String
    let bytes: [UInt8]

    static func list(_ texts: [String]) -> [Suffix] {
        texts.map { Suffix(text: $0, bytes: Array($0.utf8)) }
    }
}

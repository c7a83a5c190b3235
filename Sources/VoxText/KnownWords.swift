/// Words whose symbols a `PhraseMatcher` works out once, when it is built, so that scanning finds
/// them with one hash probe instead of normalising each occurrence.
///
/// The list: every word written in a pattern with its regular inflections (-s, -es, -ed, -ing;
/// a final e dropped or a final consonant doubled before them; y → ies/ied) and British -ise
/// forms of -ize words, the normaliser's whole-word rewrites (`dont`, `thx`, `cancelled`), common
/// contractions (`i'm`, `you're`, `don't`), and whatever words the caller adds (stop words).
/// Each entry holds what `PhraseNormalizer` and the vocabulary give for exactly those bytes, by
/// the same function the scanner uses for other words, so a hit is the same as normalising; a
/// word not listed is normalised as before.
struct KnownWords: Sendable {
    /// A word's symbols as `PhraseMatcher.Scanner.symbols(of:…)` gives them.
    struct Entry: Sendable {
        var count: Int32
        var first: Int32
        var second: Int32
        var third: Int32
    }

    private let table: ByteTable
    private let entries: [Entry]

    var count: Int { entries.count }

    /// Pronouns and auxiliaries whose contractions are common enough to be listed.
    static let contractionBases = ["i", "you", "we", "they", "he", "she"] + PhraseNormalizer.isContractorList
    static let contractionTails = ["'m", "'re", "'ve", "'ll", "'d", "'s"]
    static let negatedAuxiliaries = [
        "do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "could", "would", "should", "must", "need",
    ]

    init(patternWords: Set<String>, extraWords: [String], vocabulary: ByteTable) {
        var words: Set<String> = []
        for word in patternWords { words.formUnion(Self.forms(of: Self.lowered(word))) }
        for word in extraWords { words.insert(Self.lowered(word)) }
        for (word, _) in PhraseNormalizer.rewriteList { words.insert(word) }
        for base in Self.contractionBases {
            for tail in Self.contractionTails { words.insert(base + tail) }
        }
        for auxiliary in Self.negatedAuxiliaries { words.insert(auxiliary + "n't") }
        var table = ByteTable()
        var entries: [Entry] = []
        var keys = PhraseNormalizer.KeyBuffer()
        for word in words.sorted() {
            let bytes = Array(word.utf8)
            // The scanner looks up only ASCII words it lowercased itself, without spaces.
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 && $0 != 0x20 && !($0 >= 0x41 && $0 <= 0x5A) }) else { continue }
            let (symbols, count) = bytes.withUnsafeBufferPointer {
                PhraseMatcher.Scanner.symbols(of: $0, keys: &keys, vocabulary: vocabulary)
            }
            table.insert(bytes, value: Int32(entries.count))
            entries.append(Entry(count: Int32(count), first: symbols.0, second: symbols.1, third: symbols.2))
        }
        self.table = table
        self.entries = entries
    }

    /// The entry of a lowercased ASCII word, given its FNV-1a hash (`ByteTable.hash`).
    @inline(__always)
    func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Entry? {
        guard let index = table.find(word, hash: hash) else { return nil }
        return entries[Int(index)]
    }

    /// Lowercased with straight apostrophes, as the scanner keeps a word.
    static func lowered(_ word: String) -> String {
        String(word.lowercased().map { $0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "\u{02BC}" ? "'" : $0 })
    }

    /// A word and its regular inflections and British spellings (some are not English words;
    /// an entry that no text contains costs only its slot).
    static func forms(of word: String) -> [String] {
        var forms = [word]
        guard let last = word.last, word.count >= 2, word.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return forms }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let stem = String(word.dropLast())
        forms += [word + "s", word + "es", word + "ed", word + "ing"]
        if last == "e" { forms += [word + "d", stem + "ing"] }
        if last == "y", !vowels.contains(word[word.index(before: word.index(before: word.endIndex))]) {
            forms += [stem + "ies", stem + "ied"]
        }
        if !vowels.contains(last), last != "y", last != "w", last != "x" { forms += [word + String(last) + "ed", word + String(last) + "ing"] }
        for form in forms {
            var british = Array(form.utf8)
            for index in british.indices.dropLast() where british[index] == UInt8(ascii: "i") && british[index + 1] == UInt8(ascii: "z") {
                british[index + 1] = UInt8(ascii: "s")
            }
            if british != Array(form.utf8) { forms.append(String(decoding: british, as: UTF8.self)) }
        }
        return forms
    }
}

import Testing
@testable import VoxScoring
@testable import VoxText

@Suite("Phrase patterns, normalisation and the matcher")
struct PhraseMatcherTests {
    /// The texts matched by each pattern in `text`, as "pattern index: matched words".
    static func matches(_ patterns: [String], classes: [(String, String)] = [], in text: String) throws -> [String] {
        var builder = PhraseMatcher.Builder()
        for (name, alternatives) in classes { try builder.defineClass(name, alternatives) }
        for pattern in patterns { _ = try builder.add(pattern) }
        let matcher = builder.build()
        let scanned = matcher.scan(text)
        return matcher.matches(in: scanned).map { "\($0.pattern): \(scanned.text(ofTokens: $0.start, $0.end))" }
    }

    @Test("normaliser: contractions, spelling, inflection, shorthand")
    func normaliser() {
        let n = PhraseNormalizer.shared
        #expect(n.keys("I'm") == ["i", "am"])
        #expect(n.keys("I’m") == ["i", "am"])
        #expect(n.keys("don't") == ["do", "not"])
        #expect(n.keys("can't") == ["can", "not"])
        #expect(n.keys("let's") == ["let", "us"])
        #expect(n.keys("it's") == ["it", "is"])
        #expect(n.keys("customer's") == ["customer"])
        #expect(n.keys("apologise") == n.keys("apologize"))
        #expect(n.keys("apologised") == n.keys("apologizing"))
        #expect(n.keys("colour") == n.keys("color"))
        #expect(n.keys("centre") == n.keys("center"))
        #expect(n.keys("cancelled") == n.keys("canceled"))
        #expect(n.keys("thanks") == n.keys("thank"))
        #expect(n.keys("sorted") == n.keys("sort"))
        #expect(n.keys("stopping") == n.keys("stop"))
        #expect(n.keys("worries") == n.keys("worry"))
        #expect(n.keys("thx") == n.keys("thanks"))
        #expect(n.keys("im") == ["i", "am"])
        // Look-alikes stay apart.
        #expect(n.keys("your") != n.keys("you"))
        #expect(n.keys("four") == ["four"])
        // Stripping never makes a negation: the note family shares a key of its own.
        for word in ["note", "notes", "noted", "noting"] {
            #expect(n.keys(word) == ["note"])
        }
        #expect(n.keys("not") == ["not"])
        #expect(n.keys("need") == ["need"])
    }

    @Test("alternatives, optional words, gaps and classes")
    func syntax() throws {
        #expect(try Self.matches(["i {am|'m} {so|really}? sorry"], in: "I'm sorry. I am really sorry!") == ["0: I'm sorry", "0: I am really sorry"])
        #expect(try Self.matches(["thank you for {your|the} {patience|understanding}"], in: "Thanks for the understanding") == [])
        #expect(try Self.matches(["{thank you|thanks} for {your|the} {patience|understanding}"], in: "Thanks for the understanding")
            == ["0: Thanks for the understanding"])
        #expect(try Self.matches(["let me {0,3} {fix|sort|handle}"], in: "Let me quickly and fully fix it. Let me try to quickly and properly fix it.")
            == ["0: Let me quickly and fully fix"])
        #expect(try Self.matches(["so @feel"], classes: [("feel", "sad | fed up")], in: "so fed up, so sad") == ["0: so fed up", "0: so sad"])
        #expect(try Self.matches(["sorry ?"], in: "sorry? sorry.") == ["0: sorry?"])
    }

    @Test("a gap never covers punctuation or a negation")
    func gapsStopAtPunctuationAndNegation() throws {
        #expect(try Self.matches(["let me {0,3} fix"], in: "let me, fix") == [])
        #expect(try Self.matches(["let me {0,3} fix"], in: "let me not fix") == [])
        #expect(try Self.matches(["let me {1,3} fix"], in: "let me fix") == [])
    }

    @Test("many patterns at once: every match, overlapping ones included, in end order")
    func manyPatterns() throws {
        let found = try Self.matches(["sorry", "so sorry", "i am so sorry", "sorry for {the}? delay"], in: "I'm so sorry for the delay")
        #expect(found == ["0: sorry", "1: so sorry", "2: I'm so sorry", "3: sorry for the delay"])
    }

    @Test("pattern errors say the column and what to write", arguments: [
        ("{so|really sorry", "column 1: `{` is never closed; add `}`"),
        ("so}", "column 3: `}` without an opening `}`"),
        ("sorry | apologise", "column 7: `|` outside `{…}`; write alternatives as {a|b}"),
        ("{0,3} fix", "column 1: a pattern cannot begin with a gap; start it with a word"),
        ("fix {0,3}", "column 1: a pattern cannot end with a gap; end it with a word"),
        ("let me {0,9} fix", "column 8: gap `{0,9}` needs 0 ≤ min ≤ max, 1 ≤ max ≤ 6"),
        ("sorry?", "column 1: the pattern can match no words at all; make at least one word required"),
        ("so @sad", "column 4: unknown word class `@sad`; define it on an earlier line"),
        ("{so||very} sorry", "column 5: empty alternative; use `?` after the group to make it optional"),
    ])
    func patternErrors(_ pattern: String, _ message: String) {
        var builder = PhraseMatcher.Builder()
        #expect(throws: TokenPatternError.self) { _ = try builder.add(pattern) }
        do {
            _ = try builder.add(pattern)
        } catch {
            #expect(error.description == message.replacingOccurrences(of: "opening `}`", with: "opening `{`"))
        }
    }

    @Test("lexicon problems: file:line[:column]: reason, all at once, good lines still load")
    func lexiconProblems() throws {
        let path = TestSupport.fixture("empathy/bad-empathy.tsv")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lexicon = EmpathyLexicon()
        var problems: [LexiconProblem] = []
        lexicon.add(text, path: "bad-empathy.tsv", problems: &problems)
        #expect(problems.map(\.description) == [
            "bad-empathy.tsv:4: unknown category `kindness`; expected one of acknowledgment, apology, blame, dismissive, exploration, gratitude, lookalike, minimizing, ownership, reassurance, understanding",
            "bad-empathy.tsv:5: unknown category `personalization`; personalization comes from the conversation (the customer's name and case details), not from patterns",
            "bad-empathy.tsv:6: weight `9` must be a number in 0.1…5",
            "bad-empathy.tsv:7:11: `{` is never closed; add `}`",
            "bad-empathy.tsv:8: duplicate pattern `I am  so sorry` (first at bad-empathy.tsv:3)",
            "bad-empathy.tsv:9:26: unknown word class `@upset`; define it on an earlier line",
        ])
        #expect(lexicon.patterns.map(\.text) == ["i am so sorry", "thank you"])
        let scorer = EmpathyScorer(lexicon: lexicon)
        #expect(scorer.score("Thank you, I'm so sorry").categories == [.apology, .gratitude])
    }

    @Test("the shipped lexicon loads, is large, and covers every category but personalization")
    func shippedLexicon() throws {
        let lexicon = try EmpathyLexicon.defaults()
        #expect(lexicon.count >= 250)
        let categories = Set(lexicon.patterns.map(\.category))
        #expect(categories == EmpathyLexicon.knownCategories)
        #expect(lexicon.patterns.contains { $0.isLookAlike })
    }

    @Test("known words give the symbols normalising gives, whatever their case or apostrophe")
    func knownWords() throws {
        let matcher = try EmpathyLexicon.defaults().matcher()
        let text = "I’m SO sorry, I've apologised: Don't worry, we're sorting it and I'll call. Thanks for your patience; "
            + "you shouldn't have waited! The courier's van, whilst cancelled, isn't here. Frustrating, I understand."
        let scanned = matcher.scan(text)
        var keys = PhraseNormalizer.KeyBuffer()
        var known = 0
        var index = 0
        while index < scanned.tokens.count {
            let token = scanned.tokens[index]
            var parts = 1
            while index + parts < scanned.tokens.count, scanned.tokens[index + parts].byteStart == token.byteStart { parts += 1 }
            guard token.isWord else {
                index += parts
                continue
            }
            let word = Array(scanned.lowercasedWord(at: index).replacingOccurrences(of: "’", with: "'").utf8)
            let (symbols, count) = word.withUnsafeBufferPointer {
                PhraseMatcher.Scanner.symbols(of: $0, keys: &keys, vocabulary: matcher.vocabulary)
            }
            let expected = [symbols.0, symbols.1, symbols.2].prefix(max(1, count))
            #expect(scanned.tokens[index..<(index + parts)].map(\.symbol) == Array(expected), "\(String(decoding: word, as: UTF8.self))")
            if word.withUnsafeBufferPointer({ matcher.knownWords.find($0, hash: ByteTable.hash($0)) }) != nil { known += 1 }
            index += parts
        }
        // Most of these words take the known-word path, so the comparison above tests it.
        #expect(known >= 25)
    }
}

import Foundation
import Testing
import VoxLexicons
import VoxModel
@testable import VoxScoring
import VoxText

/// Every sentiment rule, each with a sentence that exercises it and a control without it. The
/// scorer uses the real modifier files and overlay but a small valence list of its own, so that
/// expected values follow from the formulas in docs/ARCHITECTURE.md whatever the general lexicon
/// holds.
@Suite("Sentiment rules")
struct SentimentRuleTests {
    static let valences = """
        # format: vox-sentiment/1
        good\t2
        bad\t-2
        great\t3
        love\t3
        friendly\t2
        helpful\t2
        help\t1
        thanks\t1.5
        terrible\t-3
        news\t0.5
        happy\t2.7
        :)\t2
        ❤\t3
        👍\t2
        """

    static func lexicon(overlays: Bool = true) -> SentimentLexicon {
        var lexicon = SentimentLexicon()
        var problems: [LexiconProblem] = []
        lexicon.addValences(valences, path: "test.tsv", problems: &problems)
        for (name, format) in SentimentLexicon.defaultFiles where name != "sentiment.tsv" {
            lexicon.add(format: format, EmbeddedLexicons.files[name] ?? "", path: name, problems: &problems)
        }
        if overlays {
            lexicon.addValences(EmbeddedLexicons.files["domains/customer-service.tsv"] ?? "", path: "cs.tsv", overlay: true, problems: &problems)
        }
        precondition(problems.isEmpty, "\(problems)")
        return lexicon
    }

    static let scorer = SentimentScorer(lexicon: lexicon())

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// The test lexicon with `lines` of valences added, for a rule that needs a word the shared
    /// list leaves out.
    static func scorer(adding lines: String) -> SentimentScorer {
        var lexicon = lexicon()
        var problems: [LexiconProblem] = []
        lexicon.addValences("# format: vox-sentiment/1\n" + lines, path: "extra.tsv", problems: &problems)
        precondition(problems.isEmpty, "\(problems)")
        return SentimentScorer(lexicon: lexicon)
    }

    /// The final values of the text's contributions, in order, to four decimals.
    func values(_ text: String, scorer: SentimentScorer = Self.scorer) -> [Double] {
        scorer.score(text, explain: true).contributions.map { Self.rounded($0.finalValence) }
    }

    func compound(_ text: String) -> Double { Self.scorer.score(text).compound }

    func modifiers(_ text: String) -> [String] {
        Self.scorer.score(text, explain: true).contributions.flatMap(\.modifiers)
    }

    @Test("negation flips and damps (×−0.74) within three words of the same clause; n't words negate by rule")
    func negation() {
        #expect(values("good") == [2])
        #expect(values("not good") == [-1.48])
        #expect(values("it isn't good") == [-1.48])
        #expect(values("it wasnt good") == [-1.48])
        #expect(values("never very good") == [Self.rounded((2 + 0.293) * -0.74)])
        #expect(values("without any help") == [-0.74])
        // Out of scope: four words back, or across a comma.
        #expect(values("not that it was good") == [2])
        #expect(values("not, good") == [2])
        // A negator inside an item ("not bad") does not also negate the next item.
        #expect(values("not bad good") == [1.3, 2])
        // Faces are not negated: they show the writer's feeling whatever the words before.
        #expect(values("not :)") == [2])
    }

    @Test("a negated negative word turns into fainter praise (×−0.6) than negated praise turns into complaint (×−0.74)")
    func negatedNegative() {
        #expect(values("the agent was not terrible") == [1.8])
        #expect(values("the agent was not good") == [-1.48])
        #expect(values("it isn't very bad") == [Self.rounded((2 + 0.293) * 0.6)])
        #expect(modifiers("not terrible") == ["negated by 'not' ×-0.6"])
    }

    @Test("written laughter, like a face, is never negated ('not the latter lol')")
    func laughter() {
        let scorer = Self.scorer(adding: "lol\t1.8\nhaha\t1.8\n")
        #expect(values("it is not the latter lol", scorer: scorer) == [1.8])
        #expect(values("I'm not even mad haha", scorer: scorer) == [1.8])
        #expect(values("not lolll", scorer: scorer) == [2.1])
        // A word of praise in the same place is negated.
        #expect(values("it is not the good one") == [-1.48])
    }

    @Test("a negator with a valence of its own counts it when it negates nothing ('No.', 'no no', 'err no') and, milder, as an absence ('no reply')")
    func standaloneNegator() {
        var lexicon = Self.lexicon()
        var problems: [LexiconProblem] = []
        lexicon.addValences("# format: vox-sentiment/1\nno\t-1\n", path: "no.tsv", problems: &problems)
        #expect(problems.isEmpty)
        let scorer = SentimentScorer(lexicon: lexicon)
        func values(_ text: String) -> [Double] {
            scorer.score(text, explain: true).contributions.map { Self.rounded($0.finalValence) }
        }
        #expect(values("No.") == [-1])
        #expect(values("err no") == [-1])
        #expect(values("no no no") == [-1, -1, -1])
        #expect(values("No, it is good") == [-1, 2])
        #expect(values("no :)") == [-1, 2])
        // Before a sentiment word within its reach it only negates, as without a valence.
        #expect(values("no friendly agent") == [-1.48])
        #expect(values("no really friendly agent") == [-1.6968])
        // Before words without sentiment it says something is missing: its valence × 0.6.
        #expect(values("no agent came") == [-0.6])
        #expect(values("there was no email, no call") == [-0.6, -0.6])
        // A sentiment word beyond its reach or its clause is not negated, so "no" is an absence.
        #expect(values("no agent came back to me, friendly") == [-0.6, 2])
        #expect(values("no agent came but good") == [-0.3, 3])
        // A word that merely could start a phrase is not sentiment: only a phrase that matches is.
        #expect(values("no tacos here") == [-0.6])
    }

    @Test("boosters add their scalar with distance decay; dampeners and booster phrases subtract")
    func boosters() {
        #expect(values("very good") == [2.293])
        #expect(values("very bad") == [-2.293])
        #expect(values("very much good") == [Self.rounded(2 + 0.293 * 0.95)])
        #expect(values("slightly good") == [1.707])
        #expect(values("kind of good") == [1.707])
        #expect(values("kind good") == [2])
    }

    @Test("capitals in mixed-case text add 0.733; all-caps text does not")
    func capitals() {
        #expect(values("the app is GOOD today") == [2.733])
        #expect(values("the app is good today") == [2])
        #expect(values("THE APP IS GOOD") == [2])
        #expect(values("it is VERY good") == [Self.rounded(2 + 0.293 + 0.733)])
    }

    @Test("a stretched word is found and strengthened by 0.3")
    func elongation() {
        #expect(values("goooood") == [2.3])
        #expect(values("sooo good") == [2.293])
        #expect(values("good") == [2])
    }

    @Test("each ! (at most four) adds 0.292 in its own sentence's direction")
    func exclamation() {
        #expect(Self.scorer.score("good!").compound > Self.scorer.score("good").compound)
        let sum = values("good!!!!!!").reduce(0, +)
        #expect(abs(sum - (2 + 4 * 0.292)) < 1e-9)
        // The ! of a positive sentence does not strengthen the negative one before it.
        #expect(values("bad. good!") == [-2, 2, 0.292])
    }

    @Test("the ! of sentences without sentiment counts toward the whole text's direction, at most four")
    func exclamationWithoutSentiment() {
        #expect(values("The parcel is terrible. Call me back!") == [-3, -0.292])
        #expect(values("Good parcel. Call me! Soon!") == [2, 0.584])
        #expect(values("Terrible. Call me!!!!!!") == [-3, Self.rounded(-4 * 0.292)])
        #expect(modifiers("The parcel is terrible. Call me back!").last == "exclamation ×1 in sentences without sentiment, toward the text")
        // Nothing to strengthen: a text without sentiment stays neutral.
        #expect(values("Call me back!").isEmpty)
        #expect(compound("Call me back!") == 0)
    }

    @Test("after but/however the clause weighs ×1.5, before it ×0.5; an although-clause weighs ×0.5")
    func contrast() {
        #expect(values("good but terrible") == [1, -4.5])
        #expect(values("terrible however good") == [-1.5, 3])
        #expect(values("although it is good, it is terrible") == [1, -4.5])
        #expect(values("it is terrible although it is good") == [-4.5, 1])
        #expect(values("good and terrible") == [2, -3])
    }

    @Test("'free' right after a negative word says it is absent")
    func absence() {
        #expect(values("terrible free") == [Self.rounded(-3 * -0.74)])
        #expect(values("free terrible") == [-3])
        #expect(values("good free") == [2])
    }

    @Test("'least' flips the word it modifies, but not in 'at least'")
    func least() {
        #expect(values("the least helpful agent") == [-1.48])
        #expect(values("at least helpful") == [2])
    }

    @Test("emoji with skin tones, variation selectors and joiners, and emoticons before punctuation or glued to words")
    func emojiAndEmoticons() throws {
        #expect(values("👍🏽") == [2])
        #expect(values("❤️") == [3])
        #expect(values(":)") == [2])
        #expect(values("thanks:)") == [1.5, 2])
        // "):" glued to a word closes a parenthesis, it is not a sad face.
        #expect(values("good (at home): ok") == [2])
        #expect(values("ok :)!!").first == 2)
        #expect(values("10:30 meeting").isEmpty)
        // A ZWJ sequence is one token: it does not split into 👍 and something else.
        let explained = Self.scorer.score("👍\u{200D}🔥 x", explain: true)
        #expect(explained.contributions.isEmpty)
        // Offsets count code points: the emoticon after "great 👍🏽 " starts at code point 9.
        let text = "great 👍🏽 :)"
        let contribution = try #require(Self.scorer.score(text, explain: true).contributions.last)
        #expect(contribution.start == 9 && contribution.end == 11)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[contribution.start..<contribution.end])) == contribution.text)
    }

    @Test("a face typed with a space between eyes and mouth is one emoticon")
    func spacedEmoticon() throws {
        #expect(values("it works : )") == [2])
        #expect(values("it works : ) !") == [2, 0.292])
        let face = try #require(Self.scorer.score("ok : )", explain: true).contributions.first)
        #expect(face.text == ": )" && face.start == 3 && face.end == 6)
        // Not a face: the mouth is part of a longer chunk, the eyes are a letter or a digit, or
        // the two are not a known emoticon.
        #expect(values("note : (see below) good") == [2])
        #expect(values("plan x )").isEmpty)
        #expect(values("step 8 )").isEmpty)
        #expect(values("a : b").isEmpty)
    }

    @Test("sarcasm: thanks for a complaint, loving a complaint, and praise followed by 'another' complaint turn negative")
    func sarcasm() {
        #expect(compound("Thanks for the 3 hour wait") < -0.05)
        #expect(compound("Thanks for the quick help") > 0.05)
        #expect(compound("I love waiting on hold") < -0.05)
        #expect(compound("I love getting good news") > 0.05)
        #expect(compound("Great, another delay.") < -0.05)
        #expect(compound("Great, the parcel came on time.") > 0.05)
        #expect(modifiers("Great, another delay.").contains { $0.hasPrefix("sarcasm") })
        // The complaint after "another" may sit anywhere in the sentence.
        #expect(compound("Great, another engineer visit booked for the whole day and nobody came.") < -0.05)
    }

    @Test("sarcasm without a cue word: deadpan praise (an `irony` cue) alone after a complaint or opening one")
    func deadpanSarcasm() {
        // Curt praise after a complaint: a sentence of at most three words, ending in a full stop.
        #expect(compound("The parcel was lost. Great.") < compound("The parcel was lost."))
        #expect(modifiers("The parcel was lost. Great.").contains("sarcasm: curt praise after a complaint → flipped"))
        #expect(modifiers("The parcel was lost. Great job, guys.").contains { $0.hasPrefix("sarcasm") })
        // Controls: the praise follows no complaint, is a longer sentence, exclaims, is not an
        // irony word, or the text is a single sentence.
        #expect(compound("The parcel came on time. Great.") > 0.05)
        #expect(!modifiers("The parcel was lost. The new one came on time and is great.").contains { $0.hasPrefix("sarcasm") })
        #expect(!modifiers("The parcel was lost. Great!").contains { $0.hasPrefix("sarcasm") })
        #expect(!modifiers("The parcel was lost. Friendly.").contains { $0.hasPrefix("sarcasm") })
        #expect(!modifiers("Great.").contains { $0.hasPrefix("sarcasm") })
        // Opening a sentence before a comma, with a complaint after it in the same sentence.
        #expect(compound("Great, a two hour wait on hold.") < -0.05)
        #expect(modifiers("Great, a two hour wait on hold.").contains { $0.hasPrefix("sarcasm: 'Great,'") })
        #expect(compound("Great, the parcel came on time.") > 0.05)
        #expect(!modifiers("Great, thanks. The other parcel was lost.").contains { $0.hasPrefix("sarcasm") })
    }

    @Test("an apology is no complaint: praise beside it is not sarcasm")
    func apologyIsNoComplaint() {
        let scorer = Self.scorer(adding: "sorry\t-0.6\n")
        #expect(values("Thanks for the update, sorry for all the emails.", scorer: scorer) == [1.5, -0.6])
        #expect(values("Great, sorry again for the mix-up.", scorer: scorer) == [3, -0.6])
        #expect(values("Sorry. Great.", scorer: scorer) == [-0.6, 3])
        // Controls: a complaint in the same places still turns the praise around.
        #expect(values("Thanks for the terrible emails.", scorer: scorer) == [-1.5, -3])
        #expect(values("Great, again a terrible mix-up.", scorer: scorer) == [-3, -3])
        #expect(values("Terrible. Great.", scorer: scorer) == [-3, -3])
    }

    @Test("thanks for putting something right are meant, whatever complaint was put right")
    func thanksForARemedy() {
        #expect(values("Thanks for fixing the terrible router.") == [1.5, -3])
        #expect(values("Thanks for the replacement of my terrible charger.") == [1.5, -3])
        #expect(!modifiers("Thanks for sorting the terrible mess.").contains { $0.hasPrefix("sarcasm") })
        // Controls: thanks for the complaint itself, for a remedy that failed, for an action
        // that puts nothing right.
        #expect(values("Thanks for the terrible router.") == [-1.5, -3])
        #expect(modifiers("Thanks for the refund that never came.").contains { $0.hasPrefix("sarcasm") })
        #expect(values("Thanks for keeping the terrible router.") == [-1.5, -3])
    }

    @Test("a bare question or request is neutral; with a complaint cue, negation or a negative word it is not")
    func questions() {
        #expect(Self.scorer.score("Can you help me with my order?").label == .neutral)
        #expect(Self.scorer.score("Please help me reset my password").label == .neutral)
        #expect(Self.scorer.score("You help me every time").label == .positive)
        #expect(Self.scorer.score("Why can't you help me with my order?").label == .negative)
        #expect(Self.scorer.score("Why is my refund still not here?").label == .negative)
        #expect(Self.scorer.score("Is it good?!").label == .positive)
        // Only mild praise is politeness: strong praise in a question stays.
        #expect(Self.scorer.score("Do you believe in happy endings?").label == .positive)
    }

    @Test("a bare question keeps mild praise written with emphasis: capitals, a stretched letter or a booster")
    func emphasisInQuestions() {
        #expect(values("Is anyone else good with the new menu?") == [0])
        #expect(values("Is anyone else GOOD with the new menu?") == [2.733])
        #expect(values("Is anyone else goood with the new menu?") == [2.3])
        #expect(values("Is anyone else really good with the new menu?") == [2.293])
        // A dampener is no emphasis: the praise stays politeness.
        #expect(values("Is anyone else slightly good with the new menu?") == [0])
        #expect(modifiers("Is anyone else GOOD with the new menu?") == ["capitals +0.733"])
    }

    @Test("repeated contact and elapsed time push toward negative")
    func repeatedContactAndTime() {
        #expect(compound("This is the 3rd time I write") < -0.05)
        #expect(compound("This is the third time I write") < -0.05)
        #expect(compound("This is the time I write") == 0)
        #expect(compound("This is the 1st time I write") == 0)
        #expect(compound("It arrives in 3 days") == 0)
        #expect(compound("It arrived within 2 days") > 0.05)
        #expect(compound("It took two weeks") < -0.05)
        #expect(compound("It took 2.5 hours") < -0.05)
        #expect(compound("It took weeks") == 0)
        // Context makes a duration a complaint: "took two weeks" weighs more than "two weeks".
        #expect(compound("It took two weeks") < compound("two weeks"))
    }

    @Test("the overlay carries feedback phrases; without it they are neutral")
    func overlay() {
        let general = SentimentScorer(lexicon: Self.lexicon(overlays: false))
        for text in ["still waiting on hold", "charged twice", "had to call again", "sorted it within a day"] {
            #expect(Self.scorer.score(text).label != .neutral, "\(text)")
            #expect(general.score(text).label == .neutral, "\(text)")
        }
        #expect(modifiers("charged twice").contains("domain overlay"))
    }

    @Test("pos/neu/neg: (|v| + 1) per positive or negative item and 1 per other word, as shares")
    func shares() {
        let score = Self.scorer.score("good table chair")
        #expect(score.positive == 0.6)
        #expect(score.neutral == 0.4)
        #expect(score.negative == 0)
    }

    @Test("the longest phrase wins over its words")
    func longestMatch() {
        #expect(values("no problem") == [1.5])
        #expect(values("still not fixed") == [-2.4])
    }

    @Test("of the entries a word starts, the longest that follows wins, whether its second word is a word or a placeholder")
    func longestMatchAmongMany() {
        // Entries are read by their second term: "qux 3 days" has two candidate runs, the one
        // whose second term is the word "3" and the one whose second term is <number>.
        let scorer = Self.scorer(adding: """
            qux zed at all\t-2.0
            qux zed\t-1.0
            qux 3\t-0.5
            qux <number> days\t-1.5
            qux <number>\t-0.7
            qux yon\t0.8
            """)
        #expect(values("qux zed at all", scorer: scorer) == [-2.0])
        #expect(values("qux zed here", scorer: scorer) == [-1.0])
        #expect(values("qux 3 days", scorer: scorer) == [-1.5])
        #expect(values("qux 3 weeks", scorer: scorer) == [-0.5])
        #expect(values("qux 4 weeks", scorer: scorer) == [-0.7])
        #expect(values("qux yon", scorer: scorer) == [0.8])
        #expect(values("qux, zed", scorer: scorer).isEmpty)
    }

    @Test("a camel-case hashtag the lexicon does not know is read as its words")
    func camelCaseHashtags() {
        #expect(values("Saw the shop today #NotGood") == [-1.48])
        #expect(values("#VeryHelpfulStaff") == [2.293])
        #expect(values("#VIPGreatService") == [3])
        #expect(values("#GreatService!") == [3, 0.292])
        // Not split: a hashtag the lexicon knows, one in a single case, or a camel-case word
        // without `#`.
        #expect(values("#Good") == [2])
        #expect(values("#greatservice").isEmpty)
        #expect(values("GreatService").isEmpty)
        #expect(modifiers("#NotGood") == ["negated by 'Not' ×-0.74"])
    }

    @Test("the byte scanner draws the same word boundaries as Tokenizer")
    func scannerMatchesTokenizer() {
        let compiled = CompiledLexicon(Self.lexicon())
        let texts = [
            "Doesn’t work, can't log-in!!", "e-mail me at 10:30 :)", "Ünïcode wörds…and MORE", "👍🏽👍 ok?",
            "xD lol", "so... bad?!", "good;) ok", "Great, thanks! See you", "well-made; 5 stars.", "café ok",
            "good (at home): ok", "sad):",
        ]
        for text in texts {
            var copy = text
            let spans: [String] = copy.withUTF8 { bytes in
                withUnsafeTemporaryAllocation(of: ScanToken.self, capacity: bytes.count) { tokens in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
                        let count = ByteScanner(lexicon: compiled).scan(bytes, scratch: scratch.baseAddress!, into: tokens.baseAddress!)
                        return (0..<count).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(tokens[$0].start)..<Int(tokens[$0].end)]), as: UTF8.self) }
                    }
                }
            }
            #expect(spans == Tokenizer().tokenize(text).map(\.text), "\(text)")
        }
    }
}

import Testing
import VoxModel
@testable import VoxScoring
@testable import VoxText

@Suite("Sentiment and empathy scoring")
struct ScoringTests {
    static let scorer = try! SentimentScorer(lexicon: SentimentLexicon.defaults())
    static let empathy = try! EmpathyScorer(lexicon: EmpathyLexicon.defaults())

    func compound(_ text: String) -> Double { Self.scorer.score(text).compound }

    @Test("polarity and labels")
    func polarity() {
        #expect(Self.scorer.score("The service was great").label == .positive)
        #expect(Self.scorer.score("The service was terrible").label == .negative)
        #expect(Self.scorer.score("The parcel is in the hallway").label == .neutral)
        #expect(Self.scorer.score("").label == .neutral)
    }

    @Test("negation flips and dampens")
    func negation() {
        #expect(compound("not good") < 0)
        #expect(compound("isn't good") < 0)
        #expect(abs(compound("not good")) < abs(compound("good")))
    }

    @Test("boosters strengthen, dampeners soften")
    func boosters() {
        #expect(compound("very good") > compound("good"))
        #expect(compound("slightly good") < compound("good"))
        #expect(compound("very bad") < compound("bad"))
    }

    @Test("capitals in mixed-case text and exclamation marks intensify")
    func emphasis() {
        #expect(compound("the app is BAD today") < compound("the app is bad today"))
        #expect(compound("great!!!") > compound("great"))
    }

    @Test("after a contrastive 'but' the clause weighs more")
    func contrast() {
        #expect(compound("The food was good but the service was terrible") < 0)
        #expect(compound("The service was terrible but the food was good") > 0)
    }

    @Test("the customer-service overlay scores feedback phrases general English misses")
    func overlay() throws {
        #expect(compound("still waiting on hold") < -0.5)
        let general = try SentimentScorer(lexicon: SentimentLexicon.defaults(overlays: []))
        #expect(general.score("still waiting on hold").compound == 0)
    }

    @Test("plain facts a support lead reads as complaints are negative; plain requests stay neutral", arguments: [
        "The engineer window was 8 to 6 and nobody came.",
        "I'm being billed for a sports package I never ordered.",
        "Price went up again without telling me.",
        "They changed my plan without asking and the bill has gone up.",
        "Nobody has replied in a week.",
        "No signal at all inside the house.",
        "The app doesn't do anything when I tap pay.",
    ])
    func complaintFacts(_ text: String) {
        #expect(Self.scorer.score(text).label == .negative, "\(text): \(Self.scorer.score(text).compound)")
    }

    @Test("a broken promise is a complaint; a promise kept is praise", arguments: [
        ("We were promised a technician by noon.", SentimentLabel.negative),
        ("It was supposed to be here on Tuesday.", .negative),
        ("I was told someone would ring me back.", .negative),
        ("Week three and counting for my replacement card.", .negative),
        ("The tablet was sold to me as brand new.", .negative),
        ("Parcel came on Friday as promised.", .positive),
    ])
    func brokenPromises(_ text: String, _ label: SentimentLabel) {
        #expect(Self.scorer.score(text).label == label, "\(text): \(Self.scorer.score(text).compound)")
    }

    @Test("industry facts a support lead reads at once: failures are complaints, a case closed is praise", arguments: [
        ("The app keeps signing me out.", SentimentLabel.negative),
        ("The refund came through this morning.", .positive),
    ])
    func industryFacts(_ text: String, _ label: SentimentLabel) {
        #expect(Self.scorer.score(text).label == label, "\(text): \(Self.scorer.score(text).compound)")
    }

    @Test("requests and questions without a complaint stay neutral", arguments: [
        "Can you resend the invoice to my work email?",
        "Please update my address, I'm moving next month.",
        "How do I change my delivery address?",
        "I've attached the receipt.",
    ])
    func neutralRequests(_ text: String) {
        #expect(Self.scorer.score(text).label == .neutral, "\(text): \(Self.scorer.score(text).compound)")
    }

    @Test("compound stays within −1…1 and shares sum to 1")
    func bounds() {
        let score = Self.scorer.score(String(repeating: "terrible awful horrible! ", count: 50))
        #expect(score.compound >= -1 && score.compound < -0.99)
        #expect(abs(score.positive + score.neutral + score.negative - 1) < 0.001)
    }

    @Test("lexicon problems are reported as file:line: reason")
    func lexiconProblems() {
        var lexicon = SentimentLexicon()
        var problems: [LexiconProblem] = []
        lexicon.addValences("# format: vox-sentiment/1\ngood\t2\ngood\t1\nbad\tx\nworse\t-5\nGood\t1\n", path: "l.tsv", problems: &problems)
        #expect(problems.map(\.description) == [
            "l.tsv:3: duplicate entry `good`",
            "l.tsv:4: valence `x` is not a number",
            "l.tsv:5: valence -5 is outside -4…4",
            "l.tsv:6: term `Good` is not in the form text is matched in; write `good` (lowercase, single spaces)",
        ])
    }

    @Test("empathy: phrases found by category with code-point offsets; anti-patterns lower the score")
    func empathyScoring() {
        let text = "I’m so sorry – that sounds really frustrating. I'll take care of this today."
        let score = Self.empathy.score(text)
        #expect(score.categories == [.acknowledgment, .apology, .ownership])
        #expect(score.score > 60)
        let scalars = Array(text.unicodeScalars)
        for item in score.evidence {
            #expect(String(String.UnicodeScalarView(scalars[item.start..<item.end])) == item.text)
        }
        let dismissive = Self.empathy.score("That's our policy. There's nothing I can do.")
        #expect(dismissive.antiPatterns == [.dismissive])
        #expect(dismissive.score == 0)
        #expect(Self.empathy.score("Your parcel ships tomorrow.").categories.isEmpty)
    }
}

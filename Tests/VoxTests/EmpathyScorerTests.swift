import Testing
import VoxModel
@testable import VoxScoring
@testable import VoxText
@testable import VoxReport

/// Every empathy category and anti-pattern, with sentences that must find it and sentences that
/// must not: negated ones ("I'm not sorry") and look-alikes that share its words.
@Suite("Empathy categories and anti-patterns")
struct EmpathyScorerTests {
    static let scorer = try! EmpathyScorer(lexicon: EmpathyLexicon.defaults())

    /// All categories and anti-patterns found in `text`, as raw values.
    static func found(_ text: String, context: ReplyContext? = nil) -> Set<String> {
        let score = scorer.score(text, context: context)
        return Set(score.categories.map(\.rawValue) + score.antiPatterns.map(\.rawValue))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var category: String
        var text: String
        var testDescription: String { "\(category): \(text)" }
    }

    static let positives: [Case] = [
        ("acknowledgment", "That sounds really frustrating."),
        ("acknowledgment", "I can only imagine how stressful this has been."),
        ("acknowledgment", "Anyone would be upset after waiting three weeks."),
        ("acknowledgment", "No wonder you're fed up."),
        ("acknowledgment", "That must have been awful for you."),
        ("acknowledgment", "That's so much to deal with."),
        ("acknowledgment", "That's a lot of pressure, especially when you're moving house."),
        ("apology", "I'm so sorry about the delay."),
        ("apology", "I apologise for the trouble this has caused."),
        // "noted" before it is not a negation ("note" must not strip to "not").
        ("apology", "We noted it and we apologise for the delay."),
        ("ownership", "I've noted your new address."),
        ("apology", "We apologize for the inconvenience."),
        ("apology", "Sorry for the mix-up with your order."),
        ("apology", "im really sorry"),
        ("understanding", "I understand why you're disappointed."),
        ("understanding", "I can see how that happened."),
        ("understanding", "I've been there myself."),
        ("understanding", "That makes complete sense."),
        ("exploration", "Can you tell me more about what happened?"),
        ("exploration", "How has this affected you?"),
        ("exploration", "How are you feeling about it now?"),
        ("ownership", "I'll take care of this."),
        ("ownership", "Let me fix that for you."),
        ("ownership", "Let me quickly sort this out."),
        ("ownership", "I will personally look into it."),
        ("reassurance", "We'll get this sorted."),
        ("reassurance", "You'll hear from me by Friday."),
        ("reassurance", "I've escalated it to our billing team."),
        ("gratitude", "Thank you for your patience."),
        ("gratitude", "Thanks for letting us know."),
        ("gratitude", "Thank you so much for bearing with us."),
        ("blame", "You should have checked the address."),
        ("blame", "You failed to read the instructions."),
        ("blame", "That's your fault, not ours."),
        ("dismissive", "That's our policy."),
        ("dismissive", "There's nothing I can do."),
        ("dismissive", "Please calm down."),
        ("dismissive", "As I already said, the refund is pending."),
        ("minimizing", "It's only a small delay."),
        ("minimizing", "It's just a small delay."),
        ("minimizing", "It's not a big deal."),
    ].map { Case(category: $0.0, text: $0.1) }

    @Test("finds the category", arguments: positives)
    func positive(_ example: Case) {
        #expect(Self.found(example.text).contains(example.category), "found \(Self.found(example.text).sorted())")
    }

    static let negatives: [Case] = [
        // Negated.
        ("apology", "I'm not sorry for enforcing the rules."),
        ("apology", "I am never sorry for telling the truth."),
        ("understanding", "I don't understand why you would do that."),
        ("understanding", "I do not understand what you want."),
        ("acknowledgment", "That doesn't sound frustrating at all."),
        ("ownership", "I won't take care of this."),
        // "noted" is a pattern word; stripped to "not" it would make every "I have not" ownership.
        ("ownership", "I have not done it yet."),
        ("ownership", "I haven't checked, sorry."),
        ("gratitude", "No thanks for your patience is needed."),
        ("reassurance", "We will not get this sorted today."),
        // Look-alikes.
        ("apology", "Sorry, what is your order number?"),
        ("apology", "You will be sorry you did not buy the warranty."),
        ("understanding", "To understand the bill, read page two."),
        ("acknowledgment", "That sounds like a plan."),
        ("acknowledgment", "Thanks, that was so much easier than I expected."),
        ("acknowledgment", "That is such a good idea."),
        ("acknowledgment", "It's cheaper, especially when the sale is on."),
        ("exploration", "Can you tell me your order number?"),
        ("ownership", "Let me know if you need anything else."),
        ("gratitude", "Thanks to the update, the app works again."),
        ("apology", "Sorry?"),
        ("reassurance", "We'll see."),
        ("blame", "You should have received it by now; I'm checking."),
        ("dismissive", "Our policy covers this, so I'll refund you."),
        ("minimizing", "It's only available in blue."),
        ("minimizing", "I just sent the label."),
    ].map { Case(category: $0.0, text: $0.1) }

    @Test("does not find the category in negated and look-alike sentences", arguments: negatives)
    func negative(_ example: Case) {
        #expect(!Self.found(example.text).contains(example.category), "found \(Self.found(example.text).sorted())")
    }

    @Test("a negated phrase is reported as not counted, with the negating word")
    func negatedPhraseReported() throws {
        let score = Self.scorer.score("I'm not sorry.")
        #expect(score.categories.isEmpty)
        let negated = try #require(score.negated.first)
        #expect(negated.evidence.category == "apology")
        #expect(negated.negation == "not")
    }

    @Test("a dismissive phrase that contains an apology counts as dismissive only")
    func longerMatchWins() {
        let score = Self.scorer.score("I'm sorry you feel that way.")
        #expect(score.antiPatterns == [.dismissive])
        #expect(!score.categories.contains(.apology))
    }

    @Test("personalization: the customer's name and a detail of their case, only with context")
    func personalization() throws {
        let context = ReplyContext(customerName: "helen", caseDetails: ["px-40112"])
        let score = Self.scorer.score("Hi Helen, order PX-40112 is on its way.", context: context)
        #expect(score.categories.contains(.personalization))
        #expect(score.evidence.filter { $0.category == "personalization" }.map(\.text) == ["Helen", "PX-40112"])
        #expect(!Self.scorer.score("Hi Helen, order PX-40112 is on its way.").categories.contains(.personalization))
        // Another name, another order, or the name as an ordinary lowercase word: none count.
        let other = Self.scorer.score("Hi Mark, order PX-11111 is on its way.", context: context)
        #expect(!other.categories.contains(.personalization))
        let lowercase = Self.scorer.score("the helen line is busy", context: context)
        #expect(!lowercase.categories.contains(.personalization))
    }

    @Test("case details are identifiers with digits, not small numbers or years")
    func caseDetails() {
        #expect(Self.scorer.caseDetails(in: "Order PX-40112 cost £62.40 in 2024, 3 items, app 5.2.0, ref 88812")
            == ["px-40112", "62.40", "5.2.0", "88812"])
        #expect(ReplyContext.firstName(ofAuthor: "Dr. Helen Marsh") == "helen")
        #expect(ReplyContext.firstName(ofAuthor: "J") == nil)
    }

    @Test("first names: titles, initials, digits and punctuation skipped; ASCII and non-ASCII fields alike", arguments: [
        ("Dr. Helen Marsh", "helen"), ("J. R. Smith", "smith"), ("DR.SMITH", "smith"), ("12 Bob", "bob"),
        ("Anne-Marie Dupont", "anne-marie"), ("mr o'neil", "o'neil"), ("MISS", nil), ("", nil), (" -- ", "--"),
        ("Ms Zoë Ball", "zoë"), ("Dr Émile Zola", "émile"), ("Ó Sé", "sé"), ("李 Wei", "wei"),
    ] as [(String, String?)])
    func firstNames(_ author: String, _ expected: String?) {
        #expect(ReplyContext.firstName(ofAuthor: author) == expected)
    }

    @Test("score: each category once at its strongest phrase, saturating; anti-patterns subtract 15 × weight")
    func scoreFormula() {
        let one = EmpathyEvidence(category: "apology", text: "sorry", start: 0, end: 5, weight: 2)
        let again = EmpathyEvidence(category: "apology", text: "sorry", start: 6, end: 11, weight: 1)
        let thanks = EmpathyEvidence(category: "gratitude", text: "thanks", start: 12, end: 18, weight: 2)
        let blame = EmpathyEvidence(category: "blame", text: "you should have", start: 19, end: 34, weight: 1)
        // 100 × (1 − e^(−2/4)) = 39.346… → 39.3
        #expect(EmpathyScorer.score([one, again], negated: []).score == 39.3)
        // 100 × (1 − e^(−4/4)) = 63.212… → 63.2; minus 15 → 48.2
        #expect(EmpathyScorer.score([one, thanks], negated: []).score == 63.2)
        #expect(EmpathyScorer.score([one, thanks, blame], negated: []).score == 48.2)
        #expect(EmpathyScorer.score([blame], negated: []).score == 0)
    }

    @Test("evidence offsets are code points into the text, whatever the script before them")
    func offsets() {
        let text = "😀 Ünïcödé first — I’m so sorry."
        let score = Self.scorer.score(text)
        let scalars = Array(text.unicodeScalars)
        #expect(!score.evidence.isEmpty)
        for item in score.evidence {
            #expect(String(String.UnicodeScalarView(scalars[item.start..<item.end])) == item.text)
        }
    }

    @Test("explain lists each phrase with its weight and lexicon line, the negated ones, and the arithmetic")
    func explain() {
        let text = "I'm not sorry. Thank you for your patience, that's our policy."
        let score = Self.scorer.score(text)
        let lines = ExplainText.empathyLines(score)
        // 100 × (1 − e^(−1.5/4)) − 15 × 2 = 1.27…
        #expect(lines[0] == "Empathy (as if an agent wrote it): 1.3/100")
        #expect(lines.contains { $0.contains("gratitude") && $0.contains("1.5") && $0.contains("lexicons/empathy.tsv:") })
        #expect(lines.contains { $0.contains("dismissive") && $0.contains("anti-pattern") })
        #expect(lines.contains { $0.hasPrefix("  not counted: “sorry” (apology, lexicons/empathy.tsv:") && $0.hasSuffix("is negated by “not”") })
        #expect(lines.last?.contains("score = 100 × (1 − e^(−1.5 / 4)) − 15 × ") == true)
    }
}

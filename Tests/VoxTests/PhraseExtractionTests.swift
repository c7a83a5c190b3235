import Foundation
import Testing
@testable import VoxPipeline
@testable import VoxAggregate
@testable import VoxText

@Suite("Stop words, key phrases and taxonomy matching")
struct PhraseExtractionTests {
    let extractor = PhraseExtractor(stopWords: try! StopWords.defaults())

    @Test("phrases of 1–3 words never start or end with a stop word nor cross punctuation")
    func candidatePhrases() {
        let keys = extractor.phrases(in: "The delivery driver was rude, and the parcel arrived damaged.").map(\.key)
        #expect(keys.contains("deliveri driver"))
        #expect(keys.contains("parcel arriv damag"))
        #expect(keys.contains("rude"))
        #expect(!keys.contains { $0.hasPrefix("the ") || $0.hasSuffix(" the") || $0.hasSuffix(" was") })
        // "rude" and "parcel" are separated by a comma.
        #expect(!keys.contains { $0.contains("rude") && $0.contains("parcel") })
        #expect(keys.allSatisfy { $0.split(separator: " ").count <= 3 })
    }

    @Test("negation stays in the phrase: no refund, not delivered, never arrived")
    func negation() {
        #expect(extractor.phrases(in: "Still no refund.").map(\.key).contains("not refund"))
        let delivered = extractor.phrases(in: "It has not been delivered")
        #expect(delivered.contains(PhraseExtractor.KeyPhrase(key: "not deliv", surface: "not delivered")))
        #expect(extractor.phrases(in: "It hasn't arrived").map(\.key) == extractor.phrases(in: "It never arrived").map(\.key))
        // No topical word after the negator: the stop words stay and no phrase ends in a negator.
        #expect(extractor.words("can't get in").map(\.stem) == ["not", "get", "in"])
        #expect(extractor.phrases(in: "can't get in").isEmpty)
    }

    @Test("phrase hashes are the hashes of the phrase keys, each once, sorted")
    func hashes() {
        for text in ["The delivery driver was rude, and the parcel arrived damaged.", "Still no refund. No refund at all!", "", "5 x 40"] {
            let words = extractor.words(text)
            let expected = Array(Set(extractor.phrases(words).map { PhraseHash.of($0.key) })).sorted()
            #expect(extractor.phraseHashes(words) == expected, "\(text)")
        }
        #expect(!extractor.phraseHashes(extractor.words("Still no refund.")).isEmpty)
    }

    @Test("numbers and single letters do not make phrases")
    func topical() {
        #expect(extractor.phrases(in: "5 x 40").isEmpty)
    }

    func matcher() throws -> TaxonomyMatcher { TaxonomyMatcher(taxonomy: try PainPointTaxonomy.defaults()) }

    @Test("refund complaints that mention arriving or returning go to refunds, not delivery")
    func refundsOverDelivery() throws {
        let matcher = try matcher()
        #expect(matcher.assign("Returned the kettle, you confirmed it arrived back with you, still no refund.", extractor: extractor).primary == "refunds")
        #expect(matcher.assign("I cancelled before it shipped. Two weeks later the refund still hasn't come through.", extractor: extractor).primary == "refunds")
        #expect(matcher.assign("Good toy but delivery was late. Kids didn't notice, I did.", extractor: extractor).primary == "delivery-delays")
        #expect(matcher.assign("Parcel never arrived and tracking says delivered.", extractor: extractor).primary == "delivery-delays")
    }

    @Test("stems let inflections meet; phrases outweigh terms; context alone is not enough")
    func weights() throws {
        let matcher = try matcher()
        #expect(matcher.assign("The app keeps crashing", extractor: extractor).primary == "app-defects")
        #expect(matcher.assign("crashed twice today", extractor: extractor).primary == "app-defects")
        #expect(matcher.assign("Top app, love it", extractor: extractor).primary == nil)
        let charged = matcher.assign("Charged twice, please refund one", extractor: extractor)
        #expect(charged.primary == "billing")
        #expect(charged.secondary == ["refunds"])
        #expect(matcher.assign("Nothing to do with anything", extractor: extractor).primary == nil)
    }

    @Test("a memo of word forms never changes the words, also when it fills up and starts over")
    func memo() {
        let texts = [
            "The delivery driver was rude, and the parcel arrived damaged.",
            "Hasn't been delivered, never got my refund — refunds take weeks!",
            "DELIVERY delayed again; the driver's van broke down :( ",
            "Zoë's café order: two croissants, both stale",
            "can't get in, can't log in, can not reset",
            "thanks:) the e-mail came at 10:30, re: order #A-55 xD <3 NOT happy :-( (on twitter):",
            "Refund REFUND refund ReFuNd... still-waiting day-3 of 3rd-party 'support'",
        ]
        let memo = PhraseExtractor.Memo(capacity: 12)
        for round in 0..<3 {
            for text in texts {
                #expect(extractor.words(text, memo: memo) == extractor.words(text), "round \(round): \(text)")
            }
            #expect(memo.count <= 12)
        }
        // Far more forms than slots probed in a row: every one found again as itself.
        let large = PhraseExtractor.Memo()
        let many = (0..<5_000).map { "form\($0) Form\($0 * 7) \($0)x" }.joined(separator: " ")
        #expect(extractor.words(many, memo: large) == extractor.words(many))
        #expect(extractor.words(many, memo: large) == extractor.words(many))
    }
}

@Suite("Aspect files")
struct AspectFileTests {
    func parse(_ name: String) throws -> PainPointTaxonomy {
        let path = TestSupport.fixture("taxonomy/\(name)")
        return try PainPointTaxonomy.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
    }

    @Test("a phrase with no word to match is refused at its line, naming the aspect")
    func negatorOnly() throws {
        let error = try #require(throws: LexiconProblems.self) { try parse("negator-only.yaml") }
        #expect(error.description.hasSuffix("negator-only.yaml:8: `phrases` of aspect `broken`: `never` has no word to match"))
    }

    @Test("a list key that is not a list is refused at its line")
    func contextNotList() throws {
        let error = try #require(throws: LexiconProblems.self) { try parse("context-not-list.yaml") }
        #expect(error.description.hasSuffix("context-not-list.yaml:6: `context` of aspect `roaming` must be a list"))
    }

    @Test("the default taxonomy has the generic aspects, each with a label and phrases")
    func defaults() throws {
        let taxonomy = try PainPointTaxonomy.defaults()
        #expect(taxonomy.aspects.count == 30)
        for id in ["refunds", "billing", "cancellations", "account-login", "app-defects", "product-quality", "lost-items",
                   "staff-attitude", "booking-reservations", "pricing-fees", "policies", "delivery-delays",
                   "support-responsiveness", "communication", "service-outages",
                   // Added for travel, telecom, banking, retail and software feedback.
                   "fraud-security", "payments-transfers", "wrong-items", "equipment-faults", "missing-features",
                   "network-speed", "network-coverage", "appointments", "seats-comfort", "food-drink", "cleanliness",
                   "queues", "travel-delays", "moving-home", "misleading-sales"] {
            #expect(taxonomy.aspects.contains { $0.id == id }, "\(id)")
        }
        #expect(taxonomy.aspects.allSatisfy { !$0.label.isEmpty && $0.evidence.contains { $0.weight == PainPointTaxonomy.Evidence.phraseWeight } })
    }

}

@Suite("Word memos lent to scoring chunks")
struct WordMemoPoolTests {
    @Test("a memo is lent to one chunk at a time and reused after it is given back")
    func lending() {
        let pool = WordMemoPool()
        let first = pool.take(), second = pool.take()
        #expect(first !== second)
        pool.giveBack(first)
        #expect(pool.take() === first)
        pool.giveBack(second)
    }
}

import Foundation
import Testing
@testable import VoxText

@Suite("Porter2 English stemmer")
struct StemmerTests {
    let stemmer = EnglishStemmer()

    /// The Snowball reference vocabulary, when the shared data sits beside the checkout.
    static let referenceDirectory = TestSupport.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data/stemmer")

    @Test("every word of the Snowball reference vocabulary stems to the reference output")
    func referenceVocabulary() throws {
        let words = Self.referenceDirectory.appendingPathComponent("english-voc.txt")
        let stems = Self.referenceDirectory.appendingPathComponent("english-output.txt")
        guard FileManager.default.fileExists(atPath: words.path), FileManager.default.fileExists(atPath: stems.path) else {
            print("StemmerTests: skipped the full reference vocabulary: \(Self.referenceDirectory.path) is absent (the excerpt still runs)")
            return
        }
        let input = try String(contentsOf: words, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let expected = try String(contentsOf: stems, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(input.count == expected.count)
        var mismatches: [String] = []
        for (line, (word, stem)) in zip(input, expected).enumerated() where stemmer.stem(String(word)) != stem {
            mismatches.append("english-voc.txt:\(line + 1): \(word) → \(stemmer.stem(String(word))), expected \(stem)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(20).joined(separator: "\n"))")
        #expect(input.count > 40_000)
    }

    @Test("an excerpt of the reference vocabulary kept in the fixtures")
    func excerpt() throws {
        let text = try String(contentsOfFile: TestSupport.fixture("stemmer/excerpt.tsv"), encoding: .utf8)
        let pairs = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(pairs.count > 100)
        for pair in pairs {
            #expect(stemmer.stem(String(pair[0])) == String(pair[1]), "\(pair[0])")
        }
    }

    @Test("the words clustering leans on meet at one stem")
    func feedbackWords() {
        #expect(["refund", "refunds", "refunded", "refunding"].map(stemmer.stem) == Array(repeating: "refund", count: 4))
        #expect(["charge", "charged", "charges", "charging"].map(stemmer.stem) == Array(repeating: "charg", count: 4))
        #expect(["crash", "crashes", "crashed", "crashing"].map(stemmer.stem) == Array(repeating: "crash", count: 4))
        #expect(stemmer.stem("delivery") == "deliveri")
        #expect(stemmer.stem("delivered") == "deliv")
        // Short, non-ASCII and exceptional words.
        #expect(stemmer.stem("is") == "is")
        #expect(stemmer.stem("café") == "café")
        #expect(stemmer.stem("news") == "news")
    }
}

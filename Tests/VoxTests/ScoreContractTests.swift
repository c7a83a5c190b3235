import Foundation
import Testing
import VoxModel
@testable import VoxPipeline
@testable import VoxReport

/// The `vox score` contract from DESIGN.md: one JSON object per input, in input order, with
/// `text`, `sentiment` {compound, pos, neu, neg, label} and `empathy` {score, categories,
/// evidence, anti_patterns}.
@Suite("vox score contract")
struct ScoreContractTests {
    static func checkContract(_ line: String, text: String) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["text"] as? String == text)
        let sentiment = try #require(object["sentiment"] as? [String: Any])
        let compound = try #require(sentiment["compound"] as? Double)
        #expect((-1...1).contains(compound))
        let pos = try #require(sentiment["pos"] as? Double)
        let neu = try #require(sentiment["neu"] as? Double)
        let neg = try #require(sentiment["neg"] as? Double)
        #expect(abs(pos + neu + neg - 1) < 0.001)
        let label = try #require(sentiment["label"] as? String)
        #expect(["negative", "neutral", "positive"].contains(label))
        let empathy = try #require(object["empathy"] as? [String: Any])
        let score = try #require(empathy["score"] as? Double)
        #expect((0...100).contains(score))
        #expect(empathy["categories"] is [String])
        #expect(empathy["anti_patterns"] is [String])
        let evidence = try #require(empathy["evidence"] as? [[String: Any]])
        for item in evidence {
            let start = try #require(item["start"] as? Int)
            let end = try #require(item["end"] as? Int)
            let scalars = Array(text.unicodeScalars)
            // Offsets are code points into the text: slicing gives the evidence text back.
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == item["text"] as? String)
        }
    }

    @Test("the binary scores each argument in order")
    func arguments() throws {
        let texts = ["The courier never arrived", "Great service, thanks! 😊", "I'm so sorry — that sounds really frustrating."]
        let result = try TestSupport.runVox(["score"] + texts)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        for (line, text) in zip(lines, texts) { try Self.checkContract(line, text: text) }
        #expect(lines[0].contains("\"label\":\"negative\""))
        #expect(lines[1].contains("\"label\":\"positive\""))
        #expect(lines[2].contains("\"apology\""))
    }

    @Test("the binary scores each line of standard input, in order, including blank lines")
    func standardInput() throws {
        let texts = (1...300).map { $0 % 7 == 0 ? "" : "line \($0): \($0 % 2 == 0 ? "love it" : "awful, still waiting")" }
        let result = try TestSupport.runVox(["score"], input: texts.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == texts.count)
        for (line, text) in zip(lines, texts) { try Self.checkContract(line, text: text) }
    }

    @Test("--explain adds contributions whose values sum to the score's basis")
    func explain() throws {
        let result = try TestSupport.runVox(["score", "--explain", "not good"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sentiment = try #require(object["sentiment"] as? [String: Any])
        let contributions = try #require(sentiment["contributions"] as? [[String: Any]])
        #expect(contributions.count == 1)
        #expect(contributions.first?["text"] as? String == "good")
        #expect((contributions.first?["modifiers"] as? [String])?.first?.hasPrefix("negated by 'not'") == true)
    }

    @Test("vox explain prints a table naming each rule")
    func explainCommand() throws {
        let result = try TestSupport.runVox(["explain", "The", "app", "is", "NOT", "good"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Sentiment: negative"))
        #expect(result.stdout.contains("negated by 'NOT'"))
    }

    @Test("bad command lines exit 2")
    func usageErrors() throws {
        #expect(try TestSupport.runVox(["run"]).status == 2)
        #expect(try TestSupport.runVox(["run", "x.yml", "--as-of", "yesterday"]).status == 2)
        #expect(try TestSupport.runVox(["frobnicate"]).status == 2)
        let missing = try TestSupport.runVox(["run", "/nonexistent/pipeline.yml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/pipeline.yml: cannot read pipeline file"))
    }

    @Test("--version prints the version")
    func version() throws {
        let result = try TestSupport.runVox(["--version"])
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == VoxVersion.current)
    }
}

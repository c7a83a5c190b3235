import Foundation
import Testing
@testable import VoxScoring
import VoxText

/// Loader errors of every sentiment lexicon format: each bad line is reported as
/// `file:line: reason`, and every good line around it still loads.
@Suite("Sentiment lexicon loaders")
struct SentimentLexiconTests {
    func load(_ name: String, format: String) throws -> (SentimentLexicon, [String]) {
        let path = TestSupport.fixture("lexicons/\(name)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lexicon = SentimentLexicon()
        var problems: [LexiconProblem] = []
        lexicon.add(format: format, text, path: name, problems: &problems)
        // Column-count problems are found before the loader's own checks; read them in line order.
        return (lexicon, problems.sorted { $0.line < $1.line }.map(\.description))
    }

    @Test("valences: duplicates, non-numbers, out of range, not in matched form, wrong column count")
    func valences() throws {
        let (lexicon, problems) = try load("bad-sentiment.tsv", format: "vox-sentiment/1")
        #expect(problems == [
            "bad-sentiment.tsv:4: duplicate entry `good`",
            "bad-sentiment.tsv:5: valence `x` is not a number",
            "bad-sentiment.tsv:6: valence -5 is outside -4…4",
            "bad-sentiment.tsv:7: term `Good` is not in the form text is matched in; write `good` (lowercase, single spaces)",
            "bad-sentiment.tsv:8: expected 2 tab-separated fields, found 3",
        ])
        #expect(lexicon.valences == ["good": 2, "on hold": -1.6])
    }

    @Test("boosters: duplicates and scalars outside −1…1; phrases load")
    func boosters() throws {
        let (lexicon, problems) = try load("bad-boosters.tsv", format: "vox-boosters/1")
        #expect(problems == [
            "bad-boosters.tsv:3: duplicate entry `very`",
            "bad-boosters.tsv:4: scalar 2 is outside -1…1",
        ])
        #expect(lexicon.boosters == ["very": 0.2, "kind of": -0.3])
    }

    @Test("contrast words: unknown kind, multi-word term")
    func contrasts() throws {
        let (lexicon, problems) = try load("bad-contrast.tsv", format: "vox-contrast/1")
        #expect(problems == [
            "bad-contrast.tsv:3: unknown contrast kind `sometimes`; expected one of: after, concessive",
            "bad-contrast.tsv:4: `even though` must be a single token",
        ])
        #expect(lexicon.contrasts == ["but": .after])
    }

    @Test("cues: a role listed twice, an unknown role")
    func cues() throws {
        let (lexicon, problems) = try load("bad-cues.tsv", format: "vox-cues/1")
        #expect(problems.count == 2)
        #expect(problems[0] == "bad-cues.tsv:3: duplicate entry `thanks` gratitude")
        #expect(problems[1].hasPrefix("bad-cues.tsv:4: unknown cue `polite`; expected one of: gratitude, liking"))
        #expect(lexicon.cues == ["thanks": [.gratitude]])
    }

    @Test("negators: duplicates and multi-word entries")
    func negators() throws {
        let (lexicon, problems) = try load("bad-negators.txt", format: "vox-negators/1")
        #expect(problems == [
            "bad-negators.txt:3: `never ever` must be a single token",
            "bad-negators.txt:4: duplicate entry `not`",
        ])
        #expect(lexicon.negators == ["not"])
    }

    @Test("a wrong header names the expected one")
    func header() throws {
        let (_, problems) = try load("bad-header.tsv", format: "vox-sentiment/1")
        #expect(problems == ["bad-header.tsv:1: header must be `# format: vox-sentiment/1`, found `# format: vox-sentiment/2`"])
    }

    @Test("an overlay replaces general valences; the base lexicon may not repeat a term")
    func overlayReplaces() {
        var lexicon = SentimentLexicon()
        var problems: [LexiconProblem] = []
        lexicon.addValences("# format: vox-sentiment/1\nlate\t-0.5\n", path: "base.tsv", problems: &problems)
        lexicon.addValences("# format: vox-sentiment/1\nlate\t-1.2\n", path: "overlay.tsv", overlay: true, problems: &problems)
        #expect(problems.isEmpty)
        #expect(lexicon.valences["late"] == -1.2)
        lexicon.addValences("# format: vox-sentiment/1\nlate\t-1\n", path: "again.tsv", problems: &problems)
        #expect(problems.map(\.description) == ["again.tsv:2: duplicate entry `late`"])
    }

    @Test("the embedded defaults load without problems")
    func defaults() throws {
        let lexicon = try SentimentLexicon.defaults()
        #expect(!lexicon.valences.isEmpty)
        #expect(lexicon.contrasts["but"] == .after)
        #expect(lexicon.cues["third"] == [.ordinal])
    }
}

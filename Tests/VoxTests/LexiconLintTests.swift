import Foundation
import Testing
@testable import VoxPipeline
import VoxText

/// `vox lexicon lint`: the registry dispatches on the `# format:` header, every format Vox reads is
/// registered, and the command reports `file:line: reason` and exits 2 on any problem.
@Suite("vox lexicon lint")
struct LexiconLintTests {
    @Test("the registry sends a file to its format's checker and orders problems by line")
    func registry() {
        var registry = LexiconRegistry()
        registry.register("test/1") { _, path in
            [LexiconProblem(file: path, line: 5, message: "late"), LexiconProblem(file: path, line: 2, message: "early")]
        }
        #expect(registry.lint("\n# format: test/1\nx\n", path: "a.tsv").map(\.description) == ["a.tsv:2: early", "a.tsv:5: late"])
        #expect(registry.lint("# format: other/1\n", path: "b.tsv").map(\.description) == [
            "b.tsv:1: unknown format `other/1`; known formats: test/1",
        ])
        #expect(registry.lint("x\t1\n", path: "c.tsv").first?.message.hasPrefix("no `# format: NAME` header") == true)
        #expect(LexiconRegistry.format(of: "  \n# format:  vox-cues/1 \n") == "vox-cues/1")
    }

    @Test("every format of the embedded defaults is registered, and the defaults are clean")
    func defaultsAreClean() {
        let sources = LexiconLint.defaultSources(directory: "/nonexistent")
        #expect(sources.count >= 9)
        for source in sources {
            let format = LexiconRegistry.format(of: source.text ?? "")
            #expect(format.map { LexiconRegistry.standard.formats.contains($0) } == true, "\(source.path)")
        }
        #expect(LexiconLint().problems(in: sources).isEmpty)
    }

    @Test("each bad fixture's problems are reported with file and line, one format after another")
    func fixtures() {
        let names = ["bad-sentiment.tsv", "bad-boosters.tsv", "bad-painpoints.yaml", "bad-empathy.tsv", "no-header.tsv"]
        let sources = names.map { LexiconLint.read(TestSupport.fixture("lexicons/\($0)")) }
        let problems = LexiconLint().problems(in: sources).map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line)" }
        #expect(problems == [
            "bad-sentiment.tsv:4", "bad-sentiment.tsv:5", "bad-sentiment.tsv:6", "bad-sentiment.tsv:7", "bad-sentiment.tsv:8",
            "bad-boosters.tsv:3", "bad-boosters.tsv:4", "bad-painpoints.yaml:3", "bad-empathy.tsv:2", "no-header.tsv:1",
        ])
        let unreadable = LexiconLint().problems(in: [LexiconLint.read("/nonexistent/x.tsv")])
        #expect(unreadable.map(\.description) == ["/nonexistent/x.tsv:0: cannot read the file (missing, unreadable or not UTF-8)"])
    }

    @Test("the command exits 0 on the defaults and 2 with file:line: reason on a bad file")
    func command() throws {
        let clean = try TestSupport.runVox(["lexicon", "lint"])
        #expect(clean.status == 0)
        #expect(clean.stderr.contains("0 problems"))
        let path = TestSupport.fixture("lexicons/bad-negators.txt")
        let bad = try TestSupport.runVox(["lexicon", "lint", path])
        #expect(bad.status == 2)
        #expect(bad.stdout == "\(path):3: `never ever` must be a single token\n\(path):4: duplicate entry `not`\n")
    }
}

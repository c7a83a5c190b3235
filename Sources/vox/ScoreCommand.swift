import ArgumentParser
import Foundation
import VoxPipeline
import VoxReport

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score texts for sentiment and empathy; one JSON object per text, in input order.",
        discussion: """
            Scores each argument, or each line of standard input when there is no argument.
            Output lines follow the contract in DESIGN.md: {"text", "sentiment", "empathy"}.

            Examples:
              vox score "The courier never arrived" "Great service, thanks!"
              cut -f4 feedback.tsv | vox score --explain
            """
    )

    @Argument(help: "Texts to score; none: read lines from standard input.")
    var texts: [String] = []

    @Flag(help: "Add each score's contributions (tokens, base valence, rules applied).")
    var explain = false

    func run() throws {
        let engine: ScoringEngine
        do {
            engine = try ScoringEngine()
        } catch {
            printError("\(error)")
            throw ExitStatus.runFailed
        }
        let emit = { (text: String) in
            let line = ScoreJSON.scoreLine(
                text: text, sentiment: engine.sentiment.score(text, explain: explain),
                empathy: engine.empathy.score(text), explain: explain
            )
            print(line)
        }
        if !texts.isEmpty {
            texts.forEach(emit)
            return
        }
        while let line = readLine(strippingNewline: true) {
            emit(line.hasSuffix("\r") ? String(line.dropLast()) : line)
        }
    }
}

import ArgumentParser
import VoxPipeline
import VoxReport

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show, for a person, why a text got its sentiment and empathy scores.",
        discussion: """
            Example:
              vox explain "I'm so sorry, that sounds really frustrating. I'll fix it today."
            """
    )

    @Argument(help: "The text to explain (several arguments are joined with spaces).")
    var words: [String]

    func run() throws {
        let text = words.joined(separator: " ")
        let engine: ScoringEngine
        do {
            engine = try ScoringEngine()
        } catch {
            printError("\(error)")
            throw ExitStatus.runFailed
        }
        print(ExplainText.render(
            text: text, sentiment: engine.sentiment.score(text, explain: true), empathy: engine.empathy.score(text)
        ), terminator: "")
    }
}

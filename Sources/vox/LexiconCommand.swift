import ArgumentParser
import VoxPipeline
import VoxText

/// `vox lexicon …`: tools for lexicon files.
struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Check lexicon files.",
        subcommands: [LexiconLintCommand.self]
    )
}

struct LexiconLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lexicon files; print each problem as file:line: reason.",
        discussion: """
            Each file is checked by the loader of the format its `# format:` header names
            (\(LexiconRegistry.standard.formats.joined(separator: ", "))). Without FILES: the
            defaults embedded in this binary and every lexicon file under ./lexicons when present.
            Exit 0 when there is no problem, 2 when there is one.

            Examples:
              vox lexicon lint
              vox lexicon lint our-terms.tsv lexicons/domains/customer-service.tsv
            """
    )

    @Argument(help: "Lexicon files to check (default: the embedded defaults and ./lexicons).")
    var files: [String] = []

    func run() throws {
        let sources = files.isEmpty ? LexiconLint.defaultSources() : files.map(LexiconLint.read)
        let problems = LexiconLint().problems(in: sources)
        for problem in problems { print(problem) }
        let summary = "vox lexicon lint: \(sources.count) file\(sources.count == 1 ? "" : "s") checked, "
            + "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
        printError(summary)
        if !problems.isEmpty { throw ExitStatus.usage }
    }
}

import ArgumentParser
import VoxModel

/// The `vox` command: subcommands for running pipelines and for scoring text by hand.
struct VoxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vox",
        abstract: "Voice-of-customer pipeline: score feedback exports, find pain points, write reports.",
        discussion: """
            Examples:
              vox run pipelines/demo.yml
              vox validate pipelines/demo.yml
              vox score "Still waiting for my refund after two weeks"
              vox explain "Not bad at all, but the app keeps crashing"
              vox eval ratings.tsv --text text --gold mean_rating --by domain
              vox lexicon lint
              vox diff history/trend-2026-01-01.json out/demo/trend.json

            Exit codes: 0 success; 1 the run failed; 2 bad command line or pipeline file;
            3 rejects exceeded the pipeline's threshold; 4 another run holds the lock;
            5 (vox diff --fail-on-rise only) a pain point's share rose significantly.
            """,
        version: VoxVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, ScoreCommand.self, ExplainCommand.self, EvalCommand.self, LexiconCommand.self, DiffCommand.self]
    )
}

import ArgumentParser
import Foundation
import VoxIngest
import VoxPipeline

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file without running it: syntax, keys, input paths, lexicons.",
        discussion: """
            Prints every problem as FILE:LINE: KEY: what is wrong, and exits 2 if there is any.

            Example:
              vox validate pipelines/demo.yml
            """
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    func run() throws {
        let config: PipelineConfig
        do {
            config = try PipelineParser().parse(contentsOf: pipeline, displayPath: pipeline)
        } catch {
            printError("\(error)")
            throw ExitStatus.usage
        }
        let problems = PipelineValidator().validate(config)
        guard problems.isEmpty else {
            for problem in problems { printError(problem.description) }
            throw ExitStatus.usage
        }
        let files = config.sources.reduce(0) { $0 + InputFiles.expand($1.paths).count }
        print("\(pipeline): OK (\(config.sources.count) sources, \(files) input files, outputs to \(RunCommand.relative(config.outputs.directory)))")
    }
}

func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}


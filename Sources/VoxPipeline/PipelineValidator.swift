import Foundation
import VoxIngest

/// Checks what parsing cannot: that every source's paths match files and that extra lexicon and
/// taxonomy files exist and load. `vox validate` and `vox run` both call it before any work.
public struct PipelineValidator {
    public init() {}

    public func validate(_ config: PipelineConfig) -> [PipelineError] {
        check(config).problems
    }

    /// The problems, and the scoring engine built while checking that the lexicons load (nil
    /// when they do not), so that `vox run` hands it to the runner instead of building it twice:
    /// compiling the lexicons and patterns is a fixed cost of every run.
    public func check(_ config: PipelineConfig) -> (problems: [PipelineError], engine: ScoringEngine?) {
        var errors: [PipelineError] = []
        for (index, source) in config.sources.enumerated() {
            let line = config.sourceLines.indices.contains(index) ? config.sourceLines[index] : 0
            for pattern in source.paths {
                let matches = InputFiles.expand([pattern])
                if matches.isEmpty || (!InputFiles.hasGlobCharacters(pattern) && !FileManager.default.fileExists(atPath: pattern)) {
                    errors.append(PipelineError(
                        file: config.file, line: line, keyPath: "sources[\(index)].path",
                        message: InputFiles.hasGlobCharacters(pattern) ? "no file matches `\(pattern)`" : "no such file `\(pattern)`"
                    ))
                }
            }
        }
        var engine: ScoringEngine?
        do {
            engine = try ScoringEngine(scoring: config.scoring, clustering: config.clustering)
        } catch {
            errors.append(PipelineError(file: config.file, line: 0, keyPath: "scoring", message: "lexicons do not load:\n\(error)"))
        }
        return (errors, engine)
    }
}

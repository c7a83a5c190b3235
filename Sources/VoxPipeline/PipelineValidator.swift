import Foundation
import VoxIngest

/// Checks what parsing cannot: that every source's paths match files and that extra lexicon and
/// taxonomy files exist and load. `vox validate` and `vox run` both call it before any work.
public struct PipelineValidator {
    public init() {}

    public func validate(_ config: PipelineConfig) -> [PipelineError] {
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
        do {
            _ = try ScoringEngine(scoring: config.scoring, clustering: config.clustering)
        } catch {
            errors.append(PipelineError(file: config.file, line: 0, keyPath: "scoring", message: "lexicons do not load:\n\(error)"))
        }
        return errors
    }
}

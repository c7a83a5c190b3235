import Foundation
@testable import VoxPipeline

/// Runs the demo pipeline as `make demo` does, but with its shipped history copied to a
/// temporary directory, so that tests never write into the repository.
enum DemoRun {
    static func run(
        into out: URL, asOf: String = "2026-01-01", threads: Int? = nil, chunkSize: Int = PipelineRunner.defaultChunkSize
    ) throws -> PipelineRunner.Outcome {
        let file = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml").path
        var config = try PipelineParser().parse(contentsOf: file)
        let history = out.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        let shipped = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo/history")
        for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where name.hasPrefix("trend-2025-") {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: history.appendingPathComponent(name))
        }
        config.outputs.history = history.path
        var options = RunOptions(outputDirectory: out.appendingPathComponent("report").path, asOf: asOf, threads: threads)
        options.chunkSize = chunkSize
        return try PipelineRunner(config: config, options: options).run()
    }
}

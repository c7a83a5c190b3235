import ArgumentParser
import Foundation
import VoxIngest
import VoxPipeline
import VoxReport
import VoxText

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: read its sources, score, cluster, and write the reports.",
        discussion: """
            Writes report.md (with its chart-*.svg), report.html, report.json, records.jsonl,
            rejects.jsonl and trend.json (records.csv on request) into the
            pipeline's output directory (or --out), and prints one summary line per source.

            Example:
              vox run pipelines/demo.yml --as-of 2026-01-01 --out /tmp/vox-demo
            """
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(help: "Write outputs here instead of the pipeline's outputs.directory.")
    var out: String?

    @Option(name: .customLong("as-of"), help: "Run date YYYY-MM-DD; fixes dates so reruns are byte-identical.")
    var asOf: String?

    @Option(help: "Scoring threads (default: one per core).")
    var threads: Int?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let asOf, !Self.isDate(asOf) { throw ValidationError("--as-of must be a date YYYY-MM-DD, got `\(asOf)`") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    func run() throws {
        let logger = logging.makeLogger()
        let config: PipelineConfig
        do {
            config = try PipelineParser().parse(contentsOf: pipeline, displayPath: pipeline)
        } catch {
            logger.error("\(error)")
            throw ExitStatus.usage
        }
        let (problems, engine) = PipelineValidator().check(config)
        if !problems.isEmpty {
            for problem in problems { logger.error("\(problem)") }
            throw ExitStatus.usage
        }
        let cancellation = RunCancellation()
        let trap = SignalTrap(cancellation: cancellation) { message in logger.warning("\(message)") }
        defer { withExtendedLifetime(trap) {} }
        // The progress line is for a person at a terminal, never for cron's mail or a log file.
        let progress = StandardErrorSink.isTerminal && !logging.quiet ? ProgressDisplay() : nil
        var options = RunOptions(outputDirectory: out, asOf: asOf, threads: threads, cancellation: cancellation, progress: progress)
        options.engine = engine
        let outcome: PipelineRunner.Outcome
        do {
            outcome = try PipelineRunner(config: config, options: options, logger: logger).run()
        } catch let held as OutputLock.Held {
            logger.error("\(held)")
            throw ExitStatus.locked
        } catch let stopped as RunCancellation.Cancelled {
            logger.error("\(stopped)")
            throw ExitStatus.runFailed
        } catch {
            logger.error("run failed: \(error)")
            throw ExitStatus.runFailed
        }
        for source in outcome.result.sources {
            print("\(source.name): read \(source.read), accepted \(source.accepted), rejected \(source.rejected), duplicates \(source.duplicates)")
        }
        let report = outcome.written.first { $0.hasSuffix("/report.md") } ?? outcome.outputDirectory
        print("report: \(Self.relative(report))")
        if outcome.rejectThresholdExceeded {
            logger.error("rejected \(outcome.result.totalRejected) of \(outcome.result.totalRead) records (\(NumberFormat.percent(outcome.rejectRatio))), above outputs.max_reject_ratio \(config.outputs.maxRejectRatio); see rejects.jsonl")
            throw ExitStatus.rejectsExceeded
        }
    }

    /// A path relative to the working directory when it lies below it.
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}

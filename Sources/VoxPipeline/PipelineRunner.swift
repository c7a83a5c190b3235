import Dispatch
import Foundation
import Logging
import VoxAggregate
import VoxIngest
import VoxModel
import VoxReport
import VoxText

/// Runs a pipeline: read every source, score, aggregate, write the outputs.
///
/// Reading is sequential (file order defines record order); scoring runs on chunks in parallel
/// and each chunk fills its own `RunAggregator`, merged afterwards; sums are exact, so the
/// output does not depend on the thread count.
public struct PipelineRunner {
    public let config: PipelineConfig
    public let options: RunOptions
    public let logger: Logger

    /// Records per scoring chunk: large enough to amortise scheduling, small enough to balance.
    static let chunkSize = 2048

    public init(config: PipelineConfig, options: RunOptions = RunOptions(), logger: Logger = Logger(label: "vox")) {
        self.config = config
        self.options = options
        self.logger = logger
    }

    public struct Outcome: Sendable {
        public var result: RunResult
        public var outputDirectory: String
        public var written: [String]
        /// True when the share of rejected records exceeded `outputs.max_reject_ratio` (exit 3).
        public var rejectThresholdExceeded: Bool
        public var rejectRatio: Double
    }

    public func run() throws -> Outcome {
        let started = Date()
        let asOf = options.asOf ?? ISOTime.date(started)
        let outputPath = options.outputDirectory.map { PipelineParser.resolve($0, base: FileManager.default.currentDirectoryPath) }
            ?? config.outputs.directory
        let output = try OutputDirectory(path: outputPath, keep: config.outputs.keepRuns)
        if let history = config.outputs.history, history == output.path || history.hasPrefix(output.path + "/") {
            throw OutputError(path: history, reason: "outputs.history is inside the output directory \(output.path)",
                              advice: "each run replaces that directory as a whole; keep the history beside it, e.g. ../history")
        }
        // A directory vox could never switch is refused before anything is created; then the
        // lock, before any reading: a second run must stop at once.
        _ = try output.target()
        let lock = try output.lock(startedAt: ISOTime.format(started))
        defer { lock.release() }
        try output.recover()
        Failpoint.reach("locked")

        let engine = try ScoringEngine(scoring: config.scoring, clustering: config.clustering)
        let redactor = config.outputs.redact ? PIIRedactor() : nil
        let cancellation = options.cancellation
        let progress = options.progress
        defer { progress?.finish() }

        // 1. Read.
        var records: [FeedbackRecord] = []
        var rejects: [Reject] = []
        var stats: [SourceStats] = []
        let cwd = FileManager.default.currentDirectoryPath
        for definition in config.sources {
            var ingestor = SourceIngestor(definition: definition, baseDirectory: cwd)
            let files = ingestor.files()
            if files.isEmpty {
                throw IngestError(
                    location: InputLocation(file: config.file),
                    message: "source `\(definition.name)`: no input files match \(definition.paths.joined(separator: ", "))"
                )
            }
            logger.debug("reading source", metadata: ["source": "\(definition.name)", "files": "\(files.count)"])
            progress?.begin("reading \(definition.name)")
            var sinceCheck = 0
            // Called for records and rejects alike: a file of nothing but rejects must stop too.
            let tick = {
                sinceCheck += 1
                if sinceCheck == 256 {
                    sinceCheck = 0
                    progress?.advance(by: 256)
                    try cancellation?.check()
                }
            }
            try ingestor.run(
                onRecord: { record in
                    records.append(redactor?.redacting(record) ?? record)
                    if records.count == 1 { Failpoint.reach("reading") }
                    try tick()
                },
                onReject: { reject in
                    rejects.append(redactor?.redacting(reject) ?? reject)
                    try tick()
                }
            )
            try cancellation?.check()
            stats.append(ingestor.stats)
            logger.info("read source", metadata: [
                "source": "\(definition.name)", "read": "\(ingestor.stats.read)",
                "accepted": "\(ingestor.stats.accepted)", "rejected": "\(ingestor.stats.rejected)",
            ])
        }

        // 2. Score and aggregate, in parallel chunks.
        progress?.begin("scoring")
        let (scored, aggregator) = score(records, engine: engine)
        try cancellation?.check()

        // 3. Finish figures; compare with the previous run.
        let summary = aggregator.finish(clusterInfo: engine.clusterInfo, minClusterSize: config.clustering.minSize)
        let history = TrendHistory(directory: config.outputs.history, outputDirectory: output.path, pipeline: config.name, logger: logger)
        let earlier = history.snapshots(before: asOf)
        let runInfo = options.asOf == nil
            ? RunInfo(startedAt: ISOTime.format(started), durationSeconds: 0, host: ProcessInfo.processInfo.hostName, voxVersion: VoxVersion.current)
            : nil
        var result = RunResult(
            pipeline: config.name, pipelineFile: config.file, asOf: asOf, runInfo: runInfo, sources: stats,
            metrics: summary.metrics, clusters: summary.clusters, unclustered: summary.unclustered, segments: summary.segments, conversations: summary.conversations, agents: summary.agents,
            previous: earlier.last, history: earlier, redacted: config.outputs.redact
        )
        let keptClusters = Set(result.clusters.map(\.id))
        let trend = TrendBuilder.snapshot(
            pipeline: config.name, asOf: asOf, metrics: summary.metrics, segments: summary.segments, clusters: summary.clusters
        )
        result.changes = result.previous.map { TrendComparison.compare(old: $0, new: trend) }
        if var info = result.runInfo {
            info.durationSeconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
            result.runInfo = info
        }

        // 4. Write.
        let exported = scored.map { record in
            var record = record
            if let cluster = record.cluster, !keptClusters.contains(cluster) { record.cluster = nil }
            record.secondaryClusters.removeAll { !keptClusters.contains($0) }
            return record
        }
        var files = ReportFiles.render(result: result, records: exported, formats: config.outputs.formats)
        files.append(("rejects.jsonl", rejects.map { RejectsJSON.line($0) + "\n" }.joined()))
        files.append(("trend.json", TrendFile.encode(trend)))
        progress?.begin("writing")
        let staging = try output.makeStaging()
        do {
            for (index, (name, contents)) in files.enumerated() {
                try staging.write(name, contents)
                if index == 0 { Failpoint.reach("writing") }
            }
            // The last moment to stop: after the switch the run is complete.
            try cancellation?.check()
            try output.commit(staging)
        } catch {
            staging.remove()
            throw error
        }
        output.prune()
        if let historyDirectory = config.outputs.history {
            try OutputWriter(directory: historyDirectory).write([("trend-\(asOf).json", TrendFile.encode(trend))])
        }
        let read = result.totalRead
        let ratio = read == 0 ? 0 : Double(result.totalRejected) / Double(read)
        return Outcome(
            result: result, outputDirectory: output.path, written: files.map { output.path + "/" + $0.0 },
            rejectThresholdExceeded: ratio > config.outputs.maxRejectRatio, rejectRatio: ratio
        )
    }

    /// Scores records in chunks on all threads; results come back in input order.
    func score(_ records: [FeedbackRecord], engine: ScoringEngine) -> ([ScoredRecord], RunAggregator) {
        let chunkCount = (records.count + Self.chunkSize - 1) / Self.chunkSize
        let results = ChunkResults(count: chunkCount)
        let threads = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let cancellation = options.cancellation
        let progress = options.progress
        let work: @Sendable (Int) -> Void = { chunk in
            // After a cancellation the remaining chunks are skipped; the caller throws.
            if cancellation?.isCancelled == true { return }
            let range = (chunk * Self.chunkSize)..<min(records.count, (chunk + 1) * Self.chunkSize)
            var aggregator = RunAggregator()
            var scored: [ScoredRecord] = []
            scored.reserveCapacity(range.count)
            for index in range {
                let (record, strength) = engine.score(records[index])
                aggregator.add(record, ordinal: index, clusterStrength: strength)
                scored.append(record)
            }
            results.store(chunk, scored: scored, aggregator: aggregator)
            progress?.advance(by: range.count)
            if chunk == 0 { Failpoint.reach("scoring") }
        }
        if threads == 1 || chunkCount <= 1 {
            for chunk in 0..<chunkCount { work(chunk) }
        } else {
            // Workers take chunks from a shared counter: at most `threads` run at once.
            let next = ChunkCounter()
            DispatchQueue.concurrentPerform(iterations: min(threads, chunkCount)) { _ in
                while let chunk = next.take(below: chunkCount) { work(chunk) }
            }
        }
        return results.combined()
    }
}

/// Per-chunk results, written by scoring threads and combined in chunk order.
final class ChunkResults: @unchecked Sendable {
    private var scored: [[ScoredRecord]]
    private var aggregators: [RunAggregator]
    private let lock = NSLock()

    init(count: Int) {
        scored = Array(repeating: [], count: count)
        aggregators = Array(repeating: RunAggregator(), count: count)
    }

    func store(_ chunk: Int, scored records: [ScoredRecord], aggregator: RunAggregator) {
        lock.lock()
        defer { lock.unlock() }
        scored[chunk] = records
        aggregators[chunk] = aggregator
    }

    func combined() -> ([ScoredRecord], RunAggregator) {
        var all: [ScoredRecord] = []
        all.reserveCapacity(scored.reduce(0) { $0 + $1.count })
        var total = RunAggregator()
        for (records, aggregator) in zip(scored, aggregators) {
            all += records
            total.merge(aggregator)
        }
        return (all, total)
    }
}

/// Hands out chunk numbers to worker threads.
final class ChunkCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

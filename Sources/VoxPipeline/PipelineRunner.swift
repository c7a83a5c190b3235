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
/// Records stream through in chunks (`OrderedChunkPipeline`): this thread reads and maps them
/// (file order defines record order) while scoring threads redact and score whole chunks, each
/// into its own `RunAggregator`; the chunks are merged in order. Sums are exact and merging runs
/// in chunk order, so the output does not depend on the thread count. Nothing grows with the
/// input but the aggregates: records.jsonl is written to staging as chunks are scored
/// (`RecordsSpill`), and at most a few chunks are in memory at once. (records.csv, when asked
/// for, still keeps every scored record until the end.)
public struct PipelineRunner {
    public let config: PipelineConfig
    public let options: RunOptions
    public let logger: Logger

    /// Records per chunk: large enough to amortise hand-overs, small enough to balance threads
    /// and keep the chunks in flight small.
    public static let defaultChunkSize = 2048

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

        let engine = try options.engine ?? ScoringEngine(scoring: config.scoring, clustering: config.clustering)
        let redactor = config.outputs.redact ? PIIRedactor() : nil
        defer { options.progress?.finish() }

        // The staging directory exists from the start: records.jsonl is written while scoring.
        let staging = try output.makeStaging()
        do {
            return try run(started: started, asOf: asOf, output: output, staging: staging, engine: engine, redactor: redactor)
        } catch {
            staging.remove()
            throw error
        }
    }

    private func run(
        started: Date, asOf: String, output: OutputDirectory, staging: StagingDirectory, engine: ScoringEngine, redactor: PIIRedactor?
    ) throws -> Outcome {
        var timer = StageTimer(logger: logger)
        let cancellation = options.cancellation
        let progress = options.progress
        let spill = config.outputs.formats.contains(.records) ? try RecordsSpill(staging: staging, minSize: config.clustering.minSize) : nil
        let memos = WordMemoPool()
        let keepScored = config.outputs.formats.contains(.csv)
        let excerpts = ExcerptSpill(staging: staging)
        defer { excerpts.remove() }
        // Conversation messages go to partitions in staging as chunks merge, and their
        // summaries wait there until the reports are written.
        let scratch = ScratchFiles(staging: staging)
        let conversationMessages = try scratch.partitions(RunAggregator.conversationMessages, count: ConversationTracker.partitionCount)
        let merged = MergedChunks()

        // 1 and 2. Read on this thread; redact, score and aggregate chunks on the others.
        let rejects = RejectLines(staging: staging)
        defer { rejects.remove() }
        var stats: [SourceStats] = []
        let threads = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let pipeline = OrderedChunkPipeline<RecordChunk, ScoredChunk>(workers: threads)
        try pipeline.run(
            produce: { emit in
                let chunkSize = max(1, options.chunkSize)
                var chunk = RecordChunk(firstOrdinal: 0, records: [])
                chunk.records.reserveCapacity(chunkSize)
                var read = 0
                for definition in config.sources {
                    stats.append(try readSource(definition, scratchDirectory: staging.path, progress: progress, cancellation: cancellation, onRecord: { record in
                        chunk.records.append(record)
                        read += 1
                        if read == 1 { Failpoint.reach("reading") }
                        if chunk.records.count == chunkSize {
                            try emit(chunk)
                            chunk = RecordChunk(firstOrdinal: read, records: [])
                            chunk.records.reserveCapacity(chunkSize)
                        }
                    }, onReject: { reject in
                        try rejects.append(redactor?.redacting(reject) ?? reject)
                    }))
                }
                if !chunk.records.isEmpty { try emit(chunk) }
                progress?.begin("scoring")
            },
            transform: { _, chunk in
                ScoredChunk.score(
                    &chunk, engine: engine, redactor: redactor, memos: memos, lines: spill != nil, keepScored: keepScored, cancellation: cancellation
                )
            },
            consume: { index, scored in
                merged.aggregator.merge(scored.aggregator)
                try excerpts.append(merged.aggregator.takeExcerpts())
                try merged.aggregator.spillConversations(to: conversationMessages)
                try spill?.append(lines: scored.lines, clusters: scored.clusters)
                if keepScored { merged.scored += scored.scored }
                if index == 0 { Failpoint.reach("scoring") }
            }
        )
        try cancellation?.check()
        timer.finished("read and scored")
        var aggregator = merged.aggregator
        merged.aggregator = RunAggregator()
        let history = TrendHistory(directory: config.outputs.history, outputDirectory: output.path, pipeline: config.name, logger: logger)
        let earlier = history.snapshots(before: asOf)

        // 3. Discover what the taxonomy missed, name it as the previous run did, finish figures.
        // The conversations are summarised on other threads meanwhile (discovery does not touch
        // them): as many as score chunks, each taking a share of the partitions.
        let conversationsSummarised = BackgroundWork(name: "vox-conversations") { [aggregator] in
            try aggregator.conversationPass(spilledMessages: conversationMessages, scratch: scratch, workers: threads)
        }
        let discovered = ClusterDiscoveryStage(engine: engine).run(on: &aggregator, previous: earlier.last)
        timer.finished("clusters discovered")
        for (ordinal, cluster) in discovered.moved {
            spill?.assign(ordinal: ordinal, cluster: cluster)
            if keepScored { merged.scored[ordinal].cluster = cluster }
        }
        // Every record's cluster and which clusters survive min_size are known now, so
        // records.jsonl is finished at once (the endings that changed, and its flush to disk),
        // beside the conversation pass and then the reports. It writes into staging: every way
        // out of this function waits for it.
        let keptClusters = aggregator.keptClusters(minClusterSize: config.clustering.minSize)
        let recordsFinished = spill.map { spill in BackgroundWork(name: "vox-records") { try spill.finish(kept: keptClusters) } }
        defer { _ = try? recordsFinished?.wait() }
        let conversationPass = try conversationsSummarised.wait()
        timer.finished("conversations summarised (beyond discovery)")
        let summary = try aggregator.finish(
            clusterInfo: discovered.naming.clusterInfo, minClusterSize: config.clustering.minSize, excerpts: excerpts.read,
            conversationPass: conversationPass
        )
        excerpts.remove()
        // The summary holds what the reports need; the per-message aggregates can go before rendering.
        aggregator = RunAggregator()
        timer.finished("figures finished")
        let runInfo = options.asOf == nil
            ? RunInfo(startedAt: ISOTime.format(started), durationSeconds: 0, host: ProcessInfo.processInfo.hostName, voxVersion: VoxVersion.current)
            : nil
        var result = RunResult(
            pipeline: config.name, pipelineFile: config.file, asOf: asOf, runInfo: runInfo, sources: stats,
            metrics: summary.metrics, clusters: summary.clusters, unclustered: summary.unclustered, segments: summary.segments, conversations: summary.conversations, agents: summary.agents,
            previous: earlier.last, history: earlier, redacted: config.outputs.redact
        )
        result.service = summary.service
        result.lineage = ClusterIdentity.lineage(current: summary.clusters, discovered: discovered.naming.lineage, previous: earlier.last)
        let trend = TrendBuilder.snapshot(
            pipeline: config.name, asOf: asOf, metrics: summary.metrics, segments: summary.segments, clusters: summary.clusters
        )
        result.changes = result.previous.map { TrendComparison.compare(old: $0, new: trend) }
        if var info = result.runInfo {
            info.durationSeconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
            result.runInfo = info
        }

        // 4. Write.
        var exported: [ScoredRecord] = []
        if keepScored {
            exported = merged.scored.map { record in
                var record = record
                if let cluster = record.cluster, !keptClusters.contains(cluster) { record.cluster = nil }
                record.secondaryClusters.removeAll { !keptClusters.contains($0) }
                return record
            }
            merged.scored = []
        }
        var files = ReportFiles.render(result: result, records: exported, formats: config.outputs.formats)
        files.append(("rejects.jsonl", .streamed { write in rejects.replay(write) }))
        files.append(("trend.json", .text(TrendFile.encode(trend))))
        progress?.begin("writing")
        for (index, (name, contents)) in files.enumerated() {
            switch contents {
            case .text(let text): try staging.write(name, text)
            case .streamed(let render): try staging.write(name, streaming: render)
            }
            if index == 0 { Failpoint.reach("writing") }
        }
        timer.finished("reports written")
        try recordsFinished?.wait()
        timer.finished("records.jsonl finished (beyond the reports)")
        // The reports read the conversations back from scratch; a failed read must not publish.
        try summary.conversations.checkRead()
        try scratch.unlinkAll()
        var written = files.map(\.name)
        if spill != nil { written.append("records.jsonl") }
        // The last moment to stop: after the switch the run is complete.
        try cancellation?.check()
        try output.commit(staging)
        output.prune()
        timer.finished("outputs published")
        if let historyDirectory = config.outputs.history {
            try OutputWriter(directory: historyDirectory).write([("trend-\(asOf).json", TrendFile.encode(trend))])
        }
        let read = result.totalRead
        let ratio = read == 0 ? 0 : Double(result.totalRejected) / Double(read)
        return Outcome(
            result: result, outputDirectory: output.path, written: written.map { output.path + "/" + $0 },
            rejectThresholdExceeded: ratio > config.outputs.maxRejectRatio, rejectRatio: ratio
        )
    }

    /// Reads one source, handing records and rejects on as they come; checks for cancellation
    /// every 256 of them (a file of nothing but rejects must stop too).
    private func readSource(
        _ definition: SourceDefinition, scratchDirectory: String, progress: ProgressDisplay?, cancellation: RunCancellation?,
        onRecord: (FeedbackRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws -> SourceStats {
        var ingestor = SourceIngestor(
            definition: definition, baseDirectory: FileManager.default.currentDirectoryPath, scratchDirectory: scratchDirectory
        )
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
                try onRecord(record)
                try tick()
            },
            onReject: { reject in
                try onReject(reject)
                try tick()
            }
        )
        try cancellation?.check()
        logger.info("read source", metadata: [
            "source": "\(definition.name)", "read": "\(ingestor.stats.read)",
            "accepted": "\(ingestor.stats.accepted)", "rejected": "\(ingestor.stats.rejected)",
        ])
        return ingestor.stats
    }
}

/// Consecutive records as read; `firstOrdinal` is the first one's position in the run's input.
struct RecordChunk: Sendable {
    var firstOrdinal: Int
    var records: [FeedbackRecord]
}

/// What scoring one chunk gives: its aggregates, its records.jsonl lines as first written
/// (`RecordsSpill.appendLine`), what the spill needs of each and, when records.csv is asked
/// for, the scored records.
struct ScoredChunk: Sendable {
    var aggregator = RunAggregator()
    var lines: [UInt8] = []
    var clusters: [ChunkRecordClusters] = []
    var scored: [ScoredRecord] = []

    static func score(
        _ chunk: inout RecordChunk, engine: ScoringEngine, redactor: PIIRedactor?, memos: WordMemoPool, lines: Bool, keepScored: Bool,
        cancellation: RunCancellation?
    ) -> ScoredChunk {
        var result = ScoredChunk()
        // After a cancellation the remaining chunks are skipped; the reader throws.
        if cancellation?.isCancelled == true { return result }
        if lines {
            result.clusters.reserveCapacity(chunk.records.count)
            // Sized once (each line is its text and about 400 bytes of members): grown by
            // doubling, a chunk's lines were mapped and copied four times over.
            result.lines.reserveCapacity(chunk.records.reduce(0) { $0 + $1.text.utf8.count + 448 })
        }
        let memo = memos.take()
        defer { memos.giveBack(memo) }
        for offset in chunk.records.indices {
            // The record is moved out of the chunk (the chunk is this worker's alone: the pipeline
            // hands it over in out), redacted in place and moved into its scored record: each
            // copy of a record retains and releases its strings and segment list (copies were
            // 3.7 % of the cycles).
            var record = FeedbackRecord.moved
            swap(&record, &chunk.records[offset])
            redactor?.redact(&record)
            let outcome = engine.score(consume record, memo: memo)
            result.aggregator.add(
                outcome.record, ordinal: chunk.firstOrdinal + offset, clusterStrength: outcome.strength,
                cues: engine.cues(for: outcome.record.record, agentMentions: outcome.agentMentions), phrases: outcome.phrases
            )
            if lines {
                result.clusters.append(RecordsSpill.appendLine(outcome.record, candidate: outcome.phrases.isCandidate, to: &result.lines))
            }
            if keepScored { result.scored.append(outcome.record) }
        }
        return result
    }
}

/// The merged state of a run, touched only by the pipeline's ordered `consume` stage and, after
/// the pipeline has finished, by the runner.
final class MergedChunks: @unchecked Sendable {
    var aggregator = RunAggregator()
    var scored: [ScoredRecord] = []
}

private extension FeedbackRecord {
    /// What a record moved out of its chunk leaves in its place: empty strings and lists, which
    /// own no memory, so the chunk's end releases nothing for it.
    static let moved = FeedbackRecord(id: "", source: "", text: "", location: InputLocation(file: ""))
}

/// Command-line choices for one run, on top of what the pipeline file says.
public struct RunOptions: Sendable {
    /// Replaces `outputs.directory`.
    public var outputDirectory: String?
    /// YYYY-MM-DD; fixes the run date so that reruns are byte-identical. Nil: today (UTC).
    public var asOf: String?
    /// Scoring threads; nil: one per core.
    public var threads: Int?
    /// Records per chunk handed to a scoring thread. Outputs never depend on it; tests make it
    /// small so that a small input spans many chunks.
    public var chunkSize: Int = PipelineRunner.defaultChunkSize
    /// Set by a signal handler to stop the run before it publishes anything.
    public var cancellation: RunCancellation?
    /// The progress line; nil when nobody watches (standard error is not a terminal).
    public var progress: ProgressDisplay?
    /// The scorers, when the caller already built them from this pipeline's scoring and
    /// clustering options (`vox run` does while validating); nil: the runner builds them.
    public var engine: ScoringEngine?

    public init(
        outputDirectory: String? = nil, asOf: String? = nil, threads: Int? = nil,
        cancellation: RunCancellation? = nil, progress: ProgressDisplay? = nil
    ) {
        self.outputDirectory = outputDirectory
        self.asOf = asOf
        self.threads = threads
        self.cancellation = cancellation
        self.progress = progress
    }
}

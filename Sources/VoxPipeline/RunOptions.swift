/// Command-line choices for one run, on top of what the pipeline file says.
public struct RunOptions: Sendable {
    /// Replaces `outputs.directory`.
    public var outputDirectory: String?
    /// YYYY-MM-DD; fixes the run date so that reruns are byte-identical. Nil: today (UTC).
    public var asOf: String?
    /// Scoring threads; nil: one per core.
    public var threads: Int?

    public init(outputDirectory: String? = nil, asOf: String? = nil, threads: Int? = nil) {
        self.outputDirectory = outputDirectory
        self.asOf = asOf
        self.threads = threads
    }
}

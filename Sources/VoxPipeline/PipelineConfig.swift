import VoxIngest
import VoxScoring

/// A parsed, checked pipeline file. Paths are absolute, resolved against the pipeline file's
/// directory; see README "Pipeline file" for every key.
public struct PipelineConfig: Sendable {
    /// The pipeline file as given on the command line (used in messages and reports).
    public var file: String
    public var name: String
    public var sources: [SourceDefinition]
    public var scoring: ScoringOptions
    public var clustering: ClusteringOptions
    public var outputs: OutputOptions
    /// Line of each source's entry in the file, for messages about inputs.
    public var sourceLines: [Int]
}

public struct ScoringOptions: Sendable {
    /// Domain overlays to apply; nil means every embedded overlay.
    public var overlays: [String]?
    /// Extra `vox-sentiment/1` files applied on top of the defaults.
    public var lexicons: [String]
    /// Extra `vox-empathy/1` files.
    public var empathyLexicons: [String]
    public var thresholds: SentimentThresholds

    public init(overlays: [String]? = nil, lexicons: [String] = [], empathyLexicons: [String] = [], thresholds: SentimentThresholds = SentimentThresholds()) {
        self.overlays = overlays
        self.lexicons = lexicons
        self.empathyLexicons = empathyLexicons
        self.thresholds = thresholds
    }
}

public struct ClusteringOptions: Sendable {
    /// Extra `vox-painpoints/1` aspect files.
    public var taxonomy: [String]
    /// True: the extra files replace the default aspects instead of adding to them.
    public var replaceTaxonomy: Bool
    /// Clusters smaller than this are folded into "unclustered".
    public var minSize: Int

    public init(taxonomy: [String] = [], replaceTaxonomy: Bool = false, minSize: Int = 2) {
        self.taxonomy = taxonomy
        self.replaceTaxonomy = replaceTaxonomy
        self.minSize = minSize
    }
}

public struct OutputOptions: Sendable {
    public var directory: String
    public var formats: Set<OutputFormat>
    public var redact: Bool
    /// Above this share of rejected records the run still writes its outputs but exits 3.
    public var maxRejectRatio: Double
    /// Directory keeping one trend file per as-of date; nil: only the previous trend.json is used.
    public var history: String?
    /// Complete runs kept in `DIRECTORY.runs/`, the current one included (see `OutputDirectory`).
    public var keepRuns: Int

    public init(directory: String, formats: Set<OutputFormat> = OutputFormat.defaults, redact: Bool = true,
                maxRejectRatio: Double = 0.05, history: String? = nil, keepRuns: Int = 3) {
        self.directory = directory
        self.formats = formats
        self.redact = redact
        self.maxRejectRatio = maxRejectRatio
        self.history = history
        self.keepRuns = keepRuns
    }
}

/// Output files a pipeline can ask for. rejects.jsonl and trend.json are always written: cron
/// jobs and `vox diff` depend on them.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// report.md and the chart-*.svg files it links.
    case markdown
    /// report.json.
    case json
    /// report.html (self-contained).
    case html
    /// records.jsonl.
    case records
    /// records.csv, for spreadsheets; only on request.
    case csv

    /// What a pipeline without `outputs.formats` writes: everything but the CSV export.
    public static let defaults: Set<OutputFormat> = [.markdown, .json, .html, .records]
}

import VoxIngest
import VoxModel

/// A labelled evaluation file, read with the same readers as pipeline sources so that quoting,
/// encodings and compression behave alike. Shared by every `vox eval` mode.
public struct LabelledFile: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case tsv
        case jsonl

        /// The format a file name suggests: `.tsv`/`.tab` → tsv, `.jsonl`/`.json`/`.ndjson` → jsonl,
        /// anything else csv (a trailing `.gz` is looked through).
        public static func guess(path: String) -> Format {
            var name = path.lowercased()
            if name.hasSuffix(".gz") { name.removeLast(3) }
            if name.hasSuffix(".tsv") || name.hasSuffix(".tab") { return .tsv }
            if name.hasSuffix(".jsonl") || name.hasSuffix(".json") || name.hasSuffix(".ndjson") { return .jsonl }
            return .csv
        }
    }

    /// One row: the values of the requested columns (nil where the row has none) and where it is.
    public struct Row: Sendable {
        public var values: [String?]
        public var location: InputLocation
    }

    /// A row that could not be used, and why; printed as `location: reason`.
    public struct Skipped: Sendable, Hashable, CustomStringConvertible {
        public var location: InputLocation
        public var reason: String
        public var description: String { "\(location): \(reason)" }
    }

    public var path: String
    public var format: Format

    public init(path: String, format: Format? = nil) {
        self.path = path
        self.format = format ?? Format.guess(path: path)
    }

    /// Calls `handle` with each row's values of `columns` (field paths: a CSV column name, or a
    /// JSON key path such as `review.text`), in file order. Rows the reader rejects go to
    /// `skipped`. Throws `IngestError` when the file cannot be read.
    public func read(columns: [String], skipped: (Skipped) -> Void, handle: (Row) throws -> Void) throws {
        let paths = columns.map(FieldPath.init)
        try reader.read(file: path, displayPath: path) { event in
            switch event {
            case .record(let record, let location):
                try handle(Row(values: paths.map { record.value(at: $0)?.text }, location: location))
            case .reject(let reject):
                skipped(Skipped(location: reject.location, reason: reject.message))
            }
        }
    }

    /// `read`, but a column missing from the first row stops it with an `EvaluationError`: a
    /// typo in `--text`/`--gold`/`--by` should stop the evaluation, not skip every row.
    public func readRequiring(columns: [String], skipped: (Skipped) -> Void, handle: (Row) throws -> Void) throws {
        var checked = false
        try read(columns: columns, skipped: skipped) { row in
            if !checked {
                checked = true
                if let missing = zip(columns, row.values).first(where: { $0.1 == nil })?.0 {
                    throw EvaluationError(location: row.location, message: "the first row has no column `\(missing)`; check --text, --gold and --by")
                }
            }
            try handle(row)
        }
    }

    private var reader: any FeedbackReader {
        switch format {
        case .csv: return CSVReader(options: CSVOptions())
        // Tab-separated values have no quoting: a text may start with `"` and hold tabs never.
        case .tsv: return CSVReader(options: CSVOptions(delimiter: UInt8(ascii: "\t"), quote: CSVOptions.noQuote))
        case .jsonl: return JSONReader(options: JSONOptions())
        }
    }
}

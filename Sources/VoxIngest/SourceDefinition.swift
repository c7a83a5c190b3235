/// One named source of a pipeline: where its files are, how to read them, how to map fields.
public struct SourceDefinition: Sendable, Hashable {
    public enum Format: Sendable, Hashable {
        case csv(CSVOptions)
        case json(JSONOptions)
        case xml(XMLOptions)

        public var name: String {
            switch self {
            case .csv: return "csv"
            case .json: return "json"
            case .xml: return "xml"
            }
        }
    }

    public var name: String
    public var format: Format
    /// Absolute paths or glob patterns, already resolved against the pipeline file's directory.
    public var paths: [String]
    public var fields: FieldMapping

    public init(name: String, format: Format, paths: [String], fields: FieldMapping) {
        self.name = name
        self.format = format
        self.paths = paths
        self.fields = fields
    }

    public func makeReader() -> any FeedbackReader {
        switch format {
        case .csv(let options): return CSVReader(options: options)
        case .json(let options): return JSONReader(options: options)
        case .xml(let options): return XMLReader(options: options)
        }
    }
}

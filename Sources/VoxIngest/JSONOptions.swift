/// Where the records are inside a JSON export, how nested conversations unfold, and limits.
public struct JSONOptions: Sendable, Hashable {
    /// Path to the array of records (`data.items`); nil: the top-level array, or JSON Lines
    /// when the file starts with an object.
    public var records: FieldPath?
    /// A nested array whose elements each become a record that can reach the enclosing object
    /// through `parent.` paths (ticket → its comments).
    public var explode: FieldPath?
    /// Deeper nesting is rejected rather than recursed into.
    public var maxDepth: Int
    /// A record (a line, or one array element) longer than this is rejected and skipped without
    /// being kept in memory.
    public var maxRecordBytes: Int
    public var encoding: TextEncoding
    public var onInvalidText: InvalidTextPolicy

    public static let defaultMaxRecordBytes = 16 << 20

    public init(
        records: FieldPath? = nil, explode: FieldPath? = nil, maxDepth: Int = 64, maxRecordBytes: Int = JSONOptions.defaultMaxRecordBytes,
        encoding: TextEncoding = .auto, onInvalidText: InvalidTextPolicy = .replace
    ) {
        self.records = records
        self.explode = explode
        self.maxDepth = maxDepth
        self.maxRecordBytes = maxRecordBytes
        self.encoding = encoding
        self.onInvalidText = onInvalidText
    }
}

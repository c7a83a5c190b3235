/// Dialect and safety limits of a CSV export. Defaults follow RFC 4180: comma, double quote,
/// quotes escaped by doubling, a header row, UTF-8.
public struct CSVOptions: Sendable, Hashable {
    /// The field separator; nil sniffs it from the first lines (`delimiter: auto`).
    public var delimiter: UInt8?
    public var quote: UInt8
    /// A byte that makes the next byte literal (`\` for `\"`-style exports); nil: quotes inside
    /// quoted fields are escaped by doubling them, as RFC 4180 says. Doubled quotes are accepted
    /// either way.
    public var escape: UInt8?
    /// Lines starting with this text (outside a quoted field) are skipped, e.g. `#`.
    public var comment: [UInt8]?
    /// Physical lines skipped at the top of each file before the header (report titles, notes).
    public var skipRows: Int
    /// False: columns are named by 1-based position (`"1"`, `"2"`, …) in the field mapping.
    public var header: Bool
    public var encoding: TextEncoding
    public var onInvalidText: InvalidTextPolicy
    /// A field longer than this rejects its row; the reader skips to the row's end without
    /// keeping the bytes, so a runaway quoted field cannot exhaust memory.
    public var maxFieldBytes: Int

    public static let defaultMaxFieldBytes = 1 << 20

    /// A `quote` byte for files without quoting (IANA `text/tab-separated-values`, where `"` is an
    /// ordinary character): 0xFF never occurs in UTF-8, and the reader sees only UTF-8, so no field
    /// is ever taken as quoted.
    public static let noQuote: UInt8 = 0xFF

    public init(
        delimiter: UInt8? = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), escape: UInt8? = nil, comment: [UInt8]? = nil,
        skipRows: Int = 0, header: Bool = true, encoding: TextEncoding = .auto, onInvalidText: InvalidTextPolicy = .replace,
        maxFieldBytes: Int = CSVOptions.defaultMaxFieldBytes
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape
        self.comment = comment
        self.skipRows = skipRows
        self.header = header
        self.encoding = encoding
        self.onInvalidText = onInvalidText
        self.maxFieldBytes = maxFieldBytes
    }

    /// A whole row may hold several large fields, but not without bound.
    var maxRowBytes: Int { maxFieldBytes.multipliedReportingOverflow(by: 16).overflow ? Int.max : maxFieldBytes * 16 }
}

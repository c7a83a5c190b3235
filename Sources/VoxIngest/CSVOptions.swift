/// Dialect of a CSV export. Defaults follow RFC 4180: comma, double quote, a header row.
public struct CSVOptions: Sendable, Hashable {
    public var delimiter: UInt8
    public var quote: UInt8
    /// False: columns are named by 1-based position (`"1"`, `"2"`, …) in the field mapping.
    public var header: Bool

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), header: Bool = true) {
        self.delimiter = delimiter
        self.quote = quote
        self.header = header
    }
}

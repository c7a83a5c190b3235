/// Where a record or a reject came from, precise enough for a person to open the file and look.
/// Line numbers are 1-based; byte offsets are 0-based; `record` is the 1-based record ordinal
/// within the file (used when the format has no useful line, e.g. one-line JSON arrays).
public struct InputLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var byteOffset: Int?
    public var record: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil, record: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.record = record
    }

    /// `file:line[:column]`, or `file@byte N`, or `file#record N`, in that order of preference.
    public var description: String {
        if let line {
            if let column { return "\(file):\(line):\(column)" }
            return "\(file):\(line)"
        }
        if let byteOffset { return "\(file)@byte \(byteOffset)" }
        if let record { return "\(file)#record \(record)" }
        return file
    }
}

/// One CSV row; paths are column names (or 1-based positions without a header row).
public struct CSVRow: RawRecord {
    public let columns: CSVColumns
    public let fields: [String]

    public func value(at path: FieldPath) -> FieldValue? {
        guard let index = columns.index(of: path.raw), index < fields.count else { return nil }
        return .string(fields[index])
    }

    public var excerpt: String { fields.joined(separator: ",") }
}

/// Column names to positions, shared by every row of a file.
public final class CSVColumns: Sendable {
    public let names: [String]
    private let positions: [String: Int]

    public init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
        self.positions = positions
    }

    /// Without a header, columns are named "1", "2", …
    public init(count: Int) {
        self.names = (1...max(1, count)).map(String.init)
        var positions: [String: Int] = [:]
        for index in 0..<max(1, count) { positions[String(index + 1)] = index }
        self.positions = positions
    }

    public func index(of name: String) -> Int? { positions[name] }
}

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

    /// A short header is searched in order: comparing short strings is cheaper than hashing.
    public func index(of name: String) -> Int? {
        if names.count <= 16 { return names.firstIndex(of: name) }
        return positions[name]
    }
}

/// Which elements of an XML export are records.
public struct XMLOptions: Sendable, Hashable {
    /// An element name (`review`) or a slash path from the root (`export/reviews/review`).
    /// Names match local names, so namespaced documents work without prefixes.
    public var record: String

    public init(record: String) {
        self.record = record
    }

    var recordPath: [String] {
        record.split(separator: "/").map { part in
            let name = String(part)
            return name.split(separator: ":").last.map(String.init) ?? name
        }
    }
}

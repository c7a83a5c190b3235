/// Which elements of an XML export are records.
public struct XMLOptions: Sendable, Hashable {
    /// An element name (`review`) or a slash path (`export/reviews/review`) matched against the
    /// innermost open elements. Names match local names, so namespaced documents work without
    /// prefixes; a name written with a prefix (`atom:entry`) matches only that prefix.
    public var record: String
    /// A record whose text and attributes add up to more than this is rejected and skipped.
    public var maxRecordBytes: Int

    public init(record: String, maxRecordBytes: Int = JSONOptions.defaultMaxRecordBytes) {
        self.record = record
        self.maxRecordBytes = maxRecordBytes
    }

    /// The record path, innermost last.
    var recordPath: [XMLName] { record.split(separator: "/").map { XMLName(String($0)) } }
}

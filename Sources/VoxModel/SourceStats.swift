/// Accounting for one named source. Invariant: `read == accepted + rejected + duplicates`.
public struct SourceStats: Sendable, Hashable, Codable {
    public var name: String
    public var format: String
    /// Input files, relative to the pipeline file where possible, in read order.
    public var files: [String]
    public var read: Int
    public var accepted: Int
    public var rejected: Int
    public var duplicates: Int
    /// Records whose text had invalid bytes replaced with U+FFFD (they are still accepted).
    public var invalidText: Int
    /// Rejects grouped by reason code.
    public var rejectReasons: [String: Int]

    public init(
        name: String, format: String, files: [String] = [], read: Int = 0, accepted: Int = 0,
        rejected: Int = 0, duplicates: Int = 0, invalidText: Int = 0, rejectReasons: [String: Int] = [:]
    ) {
        self.name = name
        self.format = format
        self.files = files
        self.read = read
        self.accepted = accepted
        self.rejected = rejected
        self.duplicates = duplicates
        self.invalidText = invalidText
        self.rejectReasons = rejectReasons
    }

    public var reconciles: Bool { read == accepted + rejected + duplicates }
}

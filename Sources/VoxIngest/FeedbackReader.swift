import VoxModel

/// A file-format reader. It knows bytes and syntax, nothing about field meanings: it hands each
/// raw record (or each unreadable one) to `handle`, in file order, and streams where it can.
public protocol FeedbackReader: Sendable {
    /// - Parameter displayPath: the path to name in locations and errors.
    /// - Throws: `IngestError` when the file cannot be read at all or stops being readable
    ///   (records handed over before that point stand).
    func read(file: String, displayPath: String, handle: (ReaderEvent) throws -> Void) throws
}

public enum ReaderEvent {
    case record(any RawRecord, InputLocation)
    case reject(ReaderReject)
}

/// A record the reader could not parse; the reader has resynchronised after it.
public struct ReaderReject: Sendable, Hashable {
    public var location: InputLocation
    public var reason: String
    public var message: String
    public var excerpt: String

    public init(location: InputLocation, reason: String, message: String, excerpt: String) {
        self.location = location
        self.reason = reason
        self.message = message
        self.excerpt = excerpt
    }
}

/// A file-level failure: the file is missing, unreadable, or broken beyond resynchronising.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public var location: InputLocation
    public var message: String

    public init(location: InputLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

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

/// A file-level failure: the file is missing or unreadable (`unreadable`: the run fails), or its
/// content breaks off beyond resynchronising (`malformed`: records before the error stand, the
/// ingestor rejects the rest of the file and goes on with the next one).
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Cannot open or read the file at all.
        case unreadable
        /// The content stops making sense at `location`: a malformed JSON array or XML document,
        /// corrupt compressed data, a DTD declaring entities, a `records:` path not in the file.
        case malformed
    }

    public var location: InputLocation
    public var message: String
    public var kind: Kind

    public init(location: InputLocation, message: String, kind: Kind = .unreadable) {
        self.location = location
        self.message = message
        self.kind = kind
    }

    public var description: String { "\(location): \(message)" }
}

import Foundation
import VoxModel

/// How a source's raw records become `FeedbackRecord`s: which field holds what.
public struct FieldMapping: Sendable, Hashable {
    /// Nil: the id is derived from the source name and the record's position.
    public var id: FieldPath?
    /// One or more fields; several are joined with a blank line.
    public var text: [FieldPath]
    public var time: TimeField?
    public var rating: RatingField?
    public var role: RoleField?
    public var conversation: FieldPath?
    public var author: FieldPath?
    /// Segment name → field, in the order the pipeline file lists them.
    public var segments: [NamedField]

    public init(
        id: FieldPath? = nil, text: [FieldPath], time: TimeField? = nil, rating: RatingField? = nil,
        role: RoleField? = nil, conversation: FieldPath? = nil, author: FieldPath? = nil, segments: [NamedField] = []
    ) {
        self.id = id
        self.text = text
        self.time = time
        self.rating = rating
        self.role = role
        self.conversation = conversation
        self.author = author
        self.segments = segments
    }
}

public struct NamedField: Sendable, Hashable {
    public var name: String
    public var path: FieldPath

    public init(name: String, path: FieldPath) {
        self.name = name
        self.path = path
    }
}

public struct TimeField: Sendable, Hashable {
    public var path: FieldPath
    public var format: TimeFormat
    /// Seconds east of UTC applied to times written without a zone.
    public var defaultOffsetSeconds: Int
    /// An IANA zone (`Europe/Berlin`) for times written without a zone; it overrides
    /// `defaultOffsetSeconds` and follows daylight saving time.
    public var timeZone: TimeZone?

    public init(path: FieldPath, format: TimeFormat = .auto, defaultOffsetSeconds: Int = 0, timeZone: TimeZone? = nil) {
        self.path = path
        self.format = format
        self.defaultOffsetSeconds = defaultOffsetSeconds
        self.timeZone = timeZone
    }
}

public enum TimeFormat: Sendable, Hashable {
    /// ISO-8601, then RFC 2822, then epoch seconds or milliseconds by magnitude.
    case auto
    case iso8601
    /// `Tue, 03 Dec 2025 10:00:00 +0100` (e-mail, RSS).
    case rfc2822
    case epochSeconds
    case epochMilliseconds
    /// A layout such as `dd-MM-yyyy HH:mm`.
    case pattern(TimePattern)
}

public struct RatingField: Sendable, Hashable {
    public var path: FieldPath
    public var scale: RatingScale

    public init(path: FieldPath, scale: RatingScale) {
        self.path = path
        self.scale = scale
    }
}

public struct RoleField: Sendable, Hashable {
    public var path: FieldPath
    /// Export value → role, e.g. `{true: customer, false: agent}`. Values not in the map reject
    /// the record, so that a new export value is noticed rather than misfiled.
    public var values: [String: Role]

    public init(path: FieldPath, values: [String: Role]) {
        self.path = path
        self.values = values
    }
}

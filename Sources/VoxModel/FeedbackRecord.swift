import Foundation

/// One piece of feedback after field mapping: a survey comment, a ticket message, a review.
/// This is what readers produce and scorers consume; it knows nothing of the file format.
public struct FeedbackRecord: Sendable, Hashable {
    /// Unique within its source; readers derive one from the position when the export has none.
    public var id: String
    /// The pipeline's name for the source this record came from.
    public var source: String
    public var text: String
    public var time: Date?
    public var rating: Rating?
    public var role: Role
    public var conversation: String?
    public var author: String?
    /// Named segment values (product, region, channel…), sorted by name for stable output.
    public var segments: [Segment]
    public var location: InputLocation

    // Inlinable: a record is made per input row, and called across modules this initialiser
    // built the record and then copied it (every string and list retained and released again).
    @inlinable
    public init(
        id: String, source: String, text: String, time: Date? = nil, rating: Rating? = nil,
        role: Role = .customer, conversation: String? = nil, author: String? = nil,
        segments: [Segment] = [], location: InputLocation
    ) {
        self.id = id
        self.source = source
        self.text = text
        self.time = time
        self.rating = rating
        self.role = role
        self.conversation = conversation
        self.author = author
        // Mappers hand their segments over sorted already (`RecordMapper` sorts its mapping once):
        // kept as they are, without a new list per record.
        let sorted = zip(segments, segments.dropFirst()).allSatisfy { $0.name <= $1.name }
        self.segments = sorted ? segments : segments.sorted { $0.name < $1.name }
        self.location = location
    }

    public func segment(_ name: String) -> String? {
        segments.first { $0.name == name }?.value
    }
}

/// A named segment value such as `region = EU`.
public struct Segment: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

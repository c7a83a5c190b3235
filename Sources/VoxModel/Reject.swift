/// A record the pipeline could not accept, with enough context to find and fix it.
public struct Reject: Sendable, Hashable {
    public var source: String
    public var location: InputLocation
    /// A short machine-groupable reason code, e.g. `empty_text`, `field_count`, `bad_time`.
    public var reason: String
    /// A sentence for a person: what is wrong and, where it helps, what to do.
    public var message: String
    /// At most `Reject.maxExcerptLength` characters of the offending input.
    public var excerpt: String

    public static let maxExcerptLength = 200

    public init(source: String, location: InputLocation, reason: String, message: String, excerpt: String) {
        self.source = source
        self.location = location
        self.reason = reason
        self.message = message
        self.excerpt = Reject.truncate(excerpt)
    }

    public static func truncate(_ text: String) -> String {
        TextCut.cut(text, toCharacters: maxExcerptLength)
    }
}

import VoxModel

/// `records.jsonl`: one line per accepted record, in input order, with its scores and cluster.
///
/// The cluster members come last, so that a line can be written in two parts: `body` while the
/// run streams (scores are known) and `clusterMembers` at the end (clusters are final only when
/// every record has been seen; small ones are dissolved). `line` is the two joined.
public enum RecordsJSON {
    public static func line(_ scored: ScoredRecord) -> String {
        body(scored) + "," + clusterMembers(primary: scored.cluster, secondary: scored.secondaryClusters) + "}"
    }

    /// The line up to its cluster members: an object missing its closing brace.
    public static func body(_ scored: ScoredRecord) -> String {
        let record = scored.record
        var rating: JSONValue = .null
        if let value = record.rating {
            rating = .object([("value", .double(value.value)), ("scale", .string(value.scale.rawValue))])
        }
        let object = JSONValue.object([
            ("id", .string(record.id)),
            ("source", .string(record.source)),
            ("location", .string(record.location.description)),
            ("time", .text(record.time.map(ISOTime.format))),
            ("role", .string(record.role.rawValue)),
            ("conversation", .text(record.conversation)),
            ("author", .text(record.author)),
            ("rating", rating),
            ("segments", .object(record.segments.map { ($0.name, .string($0.value)) })),
            ("text", .string(record.text)),
            ("sentiment", ScoreJSON.sentiment(scored.sentiment)),
            ("empathy", scored.empathy.map(ScoreJSON.empathy) ?? .null),
        ]).compact()
        // removeLast, not dropLast: Collection.dropLast counts the whole text's characters first.
        var line = object
        line.removeLast()
        return line
    }

    /// `"cluster":…,"secondary_clusters":[…]`, the members that end a line.
    public static func clusterMembers(primary: String?, secondary: [String]) -> String {
        let members = JSONValue.object([
            ("cluster", .text(primary)),
            ("secondary_clusters", .array(secondary.map { .string($0) })),
        ]).compact()
        var text = members
        text.removeFirst()
        text.removeLast()
        return text
    }
}

/// `rejects.jsonl`: one line per rejected record: where it was, why, and an excerpt.
public enum RejectsJSON {
    public static func line(_ reject: Reject) -> String {
        let location = reject.location
        return JSONValue.object([
            ("source", .string(reject.source)),
            ("file", .string(location.file)),
            ("line", location.line.map { .int($0) } ?? .null),
            ("column", location.column.map { .int($0) } ?? .null),
            ("byte_offset", location.byteOffset.map { .int($0) } ?? .null),
            ("record", location.record.map { .int($0) } ?? .null),
            ("reason", .string(reject.reason)),
            ("message", .string(reject.message)),
            ("excerpt", .string(reject.excerpt)),
        ]).compact()
    }
}

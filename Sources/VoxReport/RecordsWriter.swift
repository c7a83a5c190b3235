import VoxModel

/// `records.jsonl`: one line per accepted record, in input order, with its scores and cluster.
///
/// The cluster members come last, so that a line can be written in two parts: `body` while the
/// run streams (scores are known) and `clusterMembers` at the end (clusters are final only when
/// every record has been seen; small ones are dissolved). `line` is the two joined.
public enum RecordsJSON {
    public static func line(_ scored: ScoredRecord) -> String {
        var bytes: [UInt8] = []
        appendBody(scored, to: &bytes)
        return String(decoding: bytes, as: UTF8.self) + "," + clusterMembers(primary: scored.cluster, secondary: scored.secondaryClusters) + "}"
    }

    /// Appends the line up to its cluster members to `bytes`: an object missing its closing
    /// brace. Written straight into bytes (`CompactJSONWriter`), byte for byte what the
    /// `JSONValue` of the same members would give; a test holds the two together.
    public static func appendBody(_ scored: ScoredRecord, to bytes: inout [UInt8]) {
        let record = scored.record
        // The buffer moves into the writer and back, so that appending never copies it.
        var json = CompactJSONWriter(appendingTo: bytes)
        bytes = []
        defer { bytes = json.bytes }
        json.raw("{")
        json.key("id", first: true)
        json.string(record.id)
        json.key("source")
        json.string(record.source)
        json.key("location")
        json.location(record.location)
        json.key("time")
        json.time(record.time)
        json.key("role")
        json.string(record.role.rawValue)
        json.key("conversation")
        json.string(record.conversation)
        json.key("author")
        json.string(record.author)
        json.key("rating")
        if let rating = record.rating {
            json.raw("{")
            json.key("value", first: true)
            json.double(rating.value)
            json.key("scale")
            json.string(rating.scale.rawValue)
            json.raw("}")
        } else {
            json.null()
        }
        json.key("segments")
        json.raw("{")
        for (index, segment) in record.segments.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(segment.name)
            json.raw(":")
            json.string(segment.value)
        }
        json.raw("}")
        json.key("text")
        json.string(record.text)
        json.key("sentiment")
        ScoreJSON.write(scored.sentiment, to: &json)
        json.key("empathy")
        if let empathy = scored.empathy { ScoreJSON.write(empathy, to: &json) } else { json.null() }
    }

    /// `"cluster":…,"secondary_clusters":[…]`, the members that end a line.
    public static func clusterMembers(primary: String?, secondary: [String]) -> String {
        var bytes: [UInt8] = []
        appendClusterMembers(primary: primary, secondary: secondary, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `clusterMembers` to `bytes`, without a `String` between.
    public static func appendClusterMembers(primary: String?, secondary: [String], to bytes: inout [UInt8]) {
        var json = CompactJSONWriter(appendingTo: bytes)
        bytes = []
        defer { bytes = json.bytes }
        json.key("cluster", first: true)
        json.string(primary)
        json.key("secondary_clusters")
        json.array(secondary) { json, id in json.string(id) }
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

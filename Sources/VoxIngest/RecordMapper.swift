import Foundation
import VoxModel

/// Turns raw records into `FeedbackRecord`s through a source's `FieldMapping`, or says why not.
public struct RecordMapper: Sendable {
    public var source: String
    public var mapping: FieldMapping

    public init(source: String, mapping: FieldMapping) {
        self.source = source
        self.mapping = mapping
        // Records keep their segments sorted by name; sorting the mapping once saves a sort per record.
        self.mapping.segments.sort { $0.name < $1.name }
    }

    /// Why a raw record could not become a feedback record.
    public struct Failure: Error, Sendable, Hashable {
        /// A reason code for grouping (`empty_text`, `bad_time`, …).
        public var reason: String
        public var message: String
    }

    /// - Parameter ordinal: the record's 1-based position in its file, for derived ids.
    public func map(_ raw: some RawRecord, location: InputLocation, fileKey: String, ordinal: Int) -> Result<FeedbackRecord, Failure> {
        var text = ""
        for path in mapping.text {
            if let value = raw.value(at: path)?.text {
                let trimmed = TextTrimming.trimmed(value)
                if trimmed.isEmpty { continue }
                text = text.isEmpty ? trimmed : text + "\n\n" + trimmed
            }
        }
        guard !text.isEmpty else {
            let fields = mapping.text.map(\.raw).joined(separator: ", ")
            return .failure(Failure(reason: "empty_text", message: "text field \(fields) is missing or empty"))
        }
        let id: String
        if let idPath = mapping.id {
            guard let value = raw.value(at: idPath)?.text.map(TextTrimming.trimmed), !value.isEmpty else {
                return .failure(Failure(reason: "missing_id", message: "id field \(idPath) is missing or empty"))
            }
            id = value
        } else {
            id = "\(source):\(fileKey):\(ordinal)"
        }
        // The fields are gathered first and the record made once at the end: a record built
        // early and filled in was copied on its way out (its strings retained and released again).
        var time: Date?
        if let field = mapping.time, let value = raw.value(at: field.path)?.text, !value.isEmpty {
            guard let date = TimeParser.parse(value, format: field.format, defaultOffsetSeconds: field.defaultOffsetSeconds, timeZone: field.timeZone) else {
                return .failure(Failure(reason: "bad_time", message: "time field \(field.path) has unparseable value `\(value)`"))
            }
            time = date
        }
        var rating: Rating?
        if let field = mapping.rating, let value = raw.value(at: field.path)?.text.map(TextTrimming.trimmed), !value.isEmpty {
            guard let number = Self.number(value), field.scale.range.contains(number) else {
                let range = field.scale.range
                return .failure(Failure(
                    reason: "bad_rating",
                    message: "rating field \(field.path) has `\(value)`, expected \(field.scale.rawValue) \(Int(range.lowerBound))–\(Int(range.upperBound))"
                ))
            }
            rating = Rating(value: number, scale: field.scale)
        }
        var role = Role.customer
        if let field = mapping.role {
            let value = raw.value(at: field.path)?.text ?? ""
            guard let mapped = field.values[value] ?? Role(rawValue: value.lowercased()) else {
                let known = field.values.keys.sorted().joined(separator: ", ")
                return .failure(Failure(reason: "unknown_role", message: "role field \(field.path) has `\(value)`, not one of: \(known)"))
            }
            role = mapped
        }
        let conversation = mapping.conversation.flatMap { raw.value(at: $0)?.text }
        let author = mapping.author.flatMap { raw.value(at: $0)?.text }
        var segments: [Segment] = []
        segments.reserveCapacity(mapping.segments.count)
        for segment in mapping.segments {
            if let value = raw.value(at: segment.path)?.segmentText, !value.isEmpty {
                segments.append(Segment(name: segment.name, value: value))
            }
        }
        return .success(FeedbackRecord(
            id: id, source: source, text: text, time: time, rating: rating, role: role, conversation: conversation, author: author,
            segments: segments, location: location
        ))
    }
}

extension RecordMapper {
    /// A rating as a number. Ratings are small decimals (`4`, `4.5`, `-1`), read here digit by
    /// digit: `Double(String)` goes through `strtod` and a C string, which cost more than all
    /// the rest of a rating. Anything else (exponents, `+`, spaces) falls back to `Double(_:)`.
    static func number(_ text: String) -> Double? {
        var whole = 0
        var fraction = 0
        var scale = 1
        var negative = false
        var digits = 0
        var inFraction = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if inFraction { return nil }
                inFraction = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 15 else { return Double(text) }
                digits += 1
                if inFraction {
                    fraction = fraction * 10 + Int(byte - 48)
                    scale *= 10
                } else {
                    whole = whole * 10 + Int(byte - 48)
                }
            default:
                return Double(text)
            }
        }
        guard digits > 0 else { return nil }
        let value = Double(whole) + Double(fraction) / Double(scale)
        return negative ? -value : value
    }
}

extension FieldValue {
    /// Segment values: text, or an array's texts joined (ticket tags → `billing, urgent`).
    var segmentText: String? {
        if case .array(let items) = self {
            let texts = items.compactMap(\.text)
            return texts.isEmpty ? nil : texts.joined(separator: ", ")
        }
        return text.map(TextTrimming.trimmed)
    }
}

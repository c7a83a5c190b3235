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
        var record = FeedbackRecord(id: id, source: source, text: text, location: location)
        if let time = mapping.time, let value = raw.value(at: time.path)?.text, !value.isEmpty {
            guard let date = TimeParser.parse(value, format: time.format, defaultOffsetSeconds: time.defaultOffsetSeconds, timeZone: time.timeZone) else {
                return .failure(Failure(reason: "bad_time", message: "time field \(time.path) has unparseable value `\(value)`"))
            }
            record.time = date
        }
        if let rating = mapping.rating, let value = raw.value(at: rating.path)?.text.map(TextTrimming.trimmed), !value.isEmpty {
            guard let number = Double(value), rating.scale.range.contains(number) else {
                let range = rating.scale.range
                return .failure(Failure(
                    reason: "bad_rating",
                    message: "rating field \(rating.path) has `\(value)`, expected \(rating.scale.rawValue) \(Int(range.lowerBound))–\(Int(range.upperBound))"
                ))
            }
            record.rating = Rating(value: number, scale: rating.scale)
        }
        if let role = mapping.role {
            let value = raw.value(at: role.path)?.text ?? ""
            guard let mapped = role.values[value] ?? Role(rawValue: value.lowercased()) else {
                let known = role.values.keys.sorted().joined(separator: ", ")
                return .failure(Failure(reason: "unknown_role", message: "role field \(role.path) has `\(value)`, not one of: \(known)"))
            }
            record.role = mapped
        }
        if let path = mapping.conversation { record.conversation = raw.value(at: path)?.text }
        if let path = mapping.author { record.author = raw.value(at: path)?.text }
        var segments: [Segment] = []
        segments.reserveCapacity(mapping.segments.count)
        for segment in mapping.segments {
            if let value = raw.value(at: segment.path)?.segmentText, !value.isEmpty {
                segments.append(Segment(name: segment.name, value: value))
            }
        }
        record.segments = segments
        return .success(record)
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

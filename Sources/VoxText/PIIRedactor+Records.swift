import VoxModel

extension PIIRedactor {
    /// The record with personal data removed from every free-text field Vox writes: the text,
    /// the author and segment values. Ids and conversation ids are kept as they are (they join
    /// records to the source system); map identifiers to them, not e-mail addresses.
    public func redacting(_ record: FeedbackRecord) -> FeedbackRecord {
        var record = record
        record.text = redact(record.text)
        record.author = record.author.map(redact)
        record.segments = record.segments.map { Segment(name: $0.name, value: redact($0.value)) }
        return record
    }

    /// The reject with personal data removed from its excerpt and message (a message may quote
    /// the value that failed, such as a time field holding an e-mail address).
    public func redacting(_ reject: Reject) -> Reject {
        var reject = reject
        reject.excerpt = redact(reject.excerpt)
        reject.message = redact(reject.message)
        return reject
    }
}

import VoxModel

extension PIIRedactor {
    /// The record with personal data removed from every free-text field Vox writes: the text,
    /// the author and segment values. Ids and conversation ids are kept as they are (they join
    /// records to the source system); map identifiers to them, not e-mail addresses.
    public func redacting(_ record: FeedbackRecord) -> FeedbackRecord {
        var record = record
        redact(&record)
        return record
    }

    /// Removes personal data from `record` in place, as `redacting` does. A field without any
    /// is not touched: a clean record (most of them) costs a scan of its fields, no copy of the
    /// record and no new segment list.
    public func redact(_ record: inout FeedbackRecord) {
        if let text = redacted(record.text) { record.text = text }
        if let author = record.author, let redacted = redacted(author) { record.author = redacted }
        for index in record.segments.indices {
            if let value = redacted(record.segments[index].value) { record.segments[index].value = value }
        }
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

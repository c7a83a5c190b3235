/// What to do with text that is not valid in its encoding (invalid UTF-8, overlong forms).
public enum InvalidTextPolicy: String, Sendable, Hashable, CaseIterable {
    /// Decode with U+FFFD in place of the bad bytes, accept the record, count it in
    /// `SourceStats.invalidText`.
    case replace
    /// Reject the record with the byte offset of the first bad byte.
    case reject
}

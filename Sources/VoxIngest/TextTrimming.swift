/// Whitespace trimming without Foundation's `CharacterSet` (which bridges and allocates): the
/// mapper trims every text, id and value it reads, so this sits on the hot path of ingest.
public enum TextTrimming {
    /// `text` without leading and trailing white space and line breaks (Unicode `White_Space`).
    public static func trimmed(_ text: String) -> String {
        // Fast path: printable ASCII at both ends (nearly every value) needs no trimming.
        if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return text }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}

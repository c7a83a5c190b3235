/// Skips the rest of a row whose bytes are not kept (a field over `max_field_bytes`), one window
/// at a time, following quotes so that a line break inside a quoted field does not end the row.
struct CSVRowSkipper {
    var inQuotes: Bool
    var atFieldStart = false
    private var pendingQuote = false
    private var pendingEscape = false
    private var afterCR = false
    /// Line breaks passed so far.
    private(set) var lines = 0

    init(inQuotes: Bool) {
        self.inQuotes = inQuotes
    }

    /// Consumes bytes from `from`; returns the index after the row's line break, or nil when
    /// the window ran out first (call again with the next window).
    mutating func skip(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int, dialect: CSVDialect) -> Int? {
        var i = from
        while i < end {
            let byte = p[i]
            i += 1
            let wasAfterCR = afterCR
            afterCR = false
            if pendingEscape {
                pendingEscape = false
                countBreak(byte, wasAfterCR: wasAfterCR)
                continue
            }
            if inQuotes {
                if pendingQuote {
                    pendingQuote = false
                    if byte == dialect.quote { continue }
                    inQuotes = false
                } else if byte == dialect.quote {
                    pendingQuote = true
                    continue
                } else if dialect.hasEscape, byte == dialect.escape {
                    pendingEscape = true
                    continue
                } else {
                    countBreak(byte, wasAfterCR: wasAfterCR)
                    continue
                }
            }
            if byte == dialect.quote, atFieldStart {
                inQuotes = true
                atFieldStart = false
            } else if dialect.hasEscape, byte == dialect.escape {
                pendingEscape = true
                atFieldStart = false
            } else if byte == dialect.delimiter {
                atFieldStart = true
            } else if byte == CSVScanner.lf {
                lines += 1
                return i
            } else if byte == CSVScanner.cr {
                lines += 1
                // A following LF belongs to this line break.
                if i < end, p[i] == CSVScanner.lf { i += 1 }
                return i
            } else {
                atFieldStart = false
            }
        }
        return nil
    }

    private mutating func countBreak(_ byte: UInt8, wasAfterCR: Bool) {
        if byte == CSVScanner.cr {
            lines += 1
            afterCR = true
        } else if byte == CSVScanner.lf, !wasAfterCR {
            lines += 1
        }
    }
}

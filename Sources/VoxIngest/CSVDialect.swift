/// The bytes that give a CSV file its shape. Shared by the scanner and the rows (which unescape
/// their fields only when a mapping reads them).
struct CSVDialect: Sendable {
    let delimiter: UInt8
    let quote: UInt8
    /// Equal to `quote` when the dialect has no separate escape byte.
    let escape: UInt8
    let hasEscape: Bool

    init(delimiter: UInt8, quote: UInt8, escape: UInt8?) {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape ?? quote
        self.hasEscape = escape != nil && escape != quote
    }

    /// Unescapes a field that still holds quotes or escape bytes: the outer quotes go, doubled
    /// quotes become one, an escape byte makes the next byte literal.
    func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        var inQuotes = false
        while index < raw.count {
            let byte = raw[index]
            if hasEscape, byte == escape, index + 1 < raw.count {
                out.append(raw[index + 1])
                index += 2
                continue
            }
            if byte == quote {
                if inQuotes, index + 1 < raw.count, raw[index + 1] == quote {
                    out.append(quote)
                    index += 2
                    continue
                }
                if inQuotes || index == 0 {
                    inQuotes.toggle()
                    index += 1
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}

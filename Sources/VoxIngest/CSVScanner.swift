/// One field of a CSV row: a byte range of the reader's window. `escaped` fields still hold
/// their quotes or escape bytes and are unescaped when (and only if) a mapping reads them.
struct CSVField: Sendable {
    var start: Int
    var end: Int
    var escaped: Bool
}

/// Finds the fields of one CSV row in a window of UTF-8 bytes, without copying them.
///
/// The scanner is restartable rather than resumable: when a row runs past the window it answers
/// `needMore`, the reader reads more and scans the row again from its start. Rows are short, so
/// the rescan costs little, and the loop stays simple enough to be fast.

/// Finds the fields of one CSV row in a window of UTF-8 bytes, without copying them.
///
/// The scanner is restartable rather than resumable: when a row runs past the window it answers
/// `needMore`, the reader reads more and scans the row again from its start. Rows are short, so
/// the rescan costs little, and the loop stays simple enough to be fast.
struct CSVScanner {
    let dialect: CSVDialect
    /// The row's fields after a `.row` outcome; reused from row to row.
    var fields: [CSVField] = []

    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    init(dialect: CSVDialect) {
        self.dialect = dialect
    }

    enum Outcome {
        /// A complete row: `next` is the index after its line break; `lines` counts the line
        /// breaks it spans including its own; `nonASCII` says a byte ≥ 0x80 was seen.
        case row(next: Int, lines: Int, nonASCII: Bool)
        /// The row runs past `end`. `position` is how far scanning got, inside the field that
        /// began at `fieldStart`; `inQuotes` says whether that field is quoted.
        case needMore(position: Int, fieldStart: Int, inQuotes: Bool)
        /// The end of the input came inside a quoted field.
        case unterminatedQuote
    }

    /// `byte` in every byte of a word, for `contains(_:_:)`.
    @inline(__always) static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// True when any byte of `word` equals the byte broadcast in `pattern` (the classic
    /// "has zero byte" test on `word ^ pattern`; exact, no false positives).
    @inline(__always) static func contains(_ word: UInt64, _ pattern: UInt64) -> Bool {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// Scans one row starting at `rowStart`. `final` says no bytes follow `end`.
    ///
    /// Plain stretches of a field are skipped eight bytes at a time: a word is loaded and tested
    /// for the few bytes that matter (delimiter, quote, escape, CR, LF) all at once.
    mutating func scan(_ p: UnsafeBufferPointer<UInt8>, from rowStart: Int, end: Int, final: Bool) -> Outcome {
        fields.removeAll(keepingCapacity: true)
        var i = rowStart
        var lines = 0
        var high: UInt8 = 0
        var highWords: UInt64 = 0
        let delimiter = dialect.delimiter, quote = dialect.quote, escape = dialect.escape, hasEscape = dialect.hasEscape
        // In unquoted fields the escape byte is a stop byte only when the dialect has one.
        let unquotedStop = hasEscape ? escape : delimiter
        let raw = UnsafeRawPointer(p.baseAddress!)
        let lfWord = Self.broadcast(Self.lf), crWord = Self.broadcast(Self.cr)
        let delimiterWord = Self.broadcast(delimiter), quoteWord = Self.broadcast(quote)
        let escapeWord = Self.broadcast(escape), stopWord = Self.broadcast(unquotedStop)
        while true {
            let fieldStart = i
            if i < end, p[i] == quote {
                i += 1
                var escaped = false
                while true {
                    while i + 8 <= end {
                        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        if Self.contains(word, quoteWord) || Self.contains(word, escapeWord) || Self.contains(word, lfWord)
                            || Self.contains(word, crWord) { break }
                        highWords |= word
                        i += 8
                    }
                    while i < end {
                        let byte = p[i]
                        if byte == quote || byte == escape { break }
                        high |= byte
                        if byte == Self.lf {
                            lines += 1
                        } else if byte == Self.cr {
                            if i + 1 < end {
                                if p[i + 1] != Self.lf { lines += 1 }
                            } else if final {
                                lines += 1
                            } else {
                                return .needMore(position: i, fieldStart: fieldStart, inQuotes: true)
                            }
                        }
                        i += 1
                    }
                    if i >= end {
                        return final ? .unterminatedQuote : .needMore(position: i, fieldStart: fieldStart, inQuotes: true)
                    }
                    if i + 1 >= end, !final { return .needMore(position: i, fieldStart: fieldStart, inQuotes: true) }
                    if p[i] != quote {
                        // The escape byte: the next byte is literal, whatever it is.
                        escaped = true
                        if i + 1 < end {
                            let next = p[i + 1]
                            high |= next
                            if next == Self.lf || (next == Self.cr && (i + 2 >= end || p[i + 2] != Self.lf)) { lines += 1 }
                        }
                        i += 2
                        continue
                    }
                    if i + 1 < end, p[i + 1] == quote {
                        escaped = true
                        i += 2
                        continue
                    }
                    break
                }
                // `i` is at the closing quote.
                let close = i
                i += 1
                if i >= end || p[i] == delimiter || p[i] == Self.lf || p[i] == Self.cr {
                    // An escaped field keeps its quotes so that `unescape` sees the whole of it.
                    fields.append(escaped
                        ? CSVField(start: fieldStart, end: close + 1, escaped: true)
                        : CSVField(start: fieldStart + 1, end: close, escaped: false))
                } else {
                    // Text after the closing quote (`"a"b`): not RFC 4180, but kept rather than
                    // lost; the raw field is unescaped later.
                    while i < end {
                        let byte = p[i]
                        if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
                        high |= byte
                        i += 1
                    }
                    if i >= end, !final { return .needMore(position: i, fieldStart: fieldStart, inQuotes: false) }
                    fields.append(CSVField(start: fieldStart, end: i, escaped: true))
                }
            } else {
                var escaped = false
                while true {
                    while i + 8 <= end {
                        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        if Self.contains(word, delimiterWord) || Self.contains(word, lfWord) || Self.contains(word, crWord)
                            || Self.contains(word, stopWord) { break }
                        highWords |= word
                        i += 8
                    }
                    while i < end {
                        let byte = p[i]
                        if byte == delimiter || byte == Self.lf || byte == Self.cr || byte == unquotedStop { break }
                        high |= byte
                        i += 1
                    }
                    if hasEscape, i < end, p[i] == escape {
                        if i + 1 >= end, !final { return .needMore(position: i, fieldStart: fieldStart, inQuotes: false) }
                        if i + 1 < end { high |= p[i + 1] }
                        escaped = true
                        i += 2
                        continue
                    }
                    break
                }
                if i > end { i = end }
                if i >= end, !final { return .needMore(position: i, fieldStart: fieldStart, inQuotes: false) }
                fields.append(CSVField(start: fieldStart, end: i, escaped: escaped))
            }
            if i >= end { return .row(next: end, lines: lines, nonASCII: high >= 0x80 || highWords & 0x8080_8080_8080_8080 != 0) }
            let byte = p[i]
            if byte == delimiter {
                i += 1
                continue
            }
            // A line break ends the row: LF, CRLF or a lone CR.
            if byte == Self.cr {
                if i + 1 < end {
                    i += p[i + 1] == Self.lf ? 2 : 1
                } else if final {
                    i += 1
                } else {
                    return .needMore(position: i, fieldStart: i, inQuotes: false)
                }
            } else {
                i += 1
            }
            return .row(next: i, lines: lines + 1, nonASCII: high >= 0x80 || highWords & 0x8080_8080_8080_8080 != 0)
        }
    }
}

import VoxModel

/// CSV exports, streamed: RFC 4180 quoting (embedded delimiters, doubled quotes, line breaks),
/// LF, CRLF and lone CR line ends, a header row or none, and the dialect options of `CSVOptions`.
///
/// Bad rows are rejected with their line and the reader goes on: a row with the wrong number of
/// fields; a field over `max_field_bytes` (skipped to the row's end without being kept); a quote
/// still open at the end of the file (the reader resumes at the line after the row's start);
/// invalid UTF-8 under `on_invalid_text: reject`.
public struct CSVReader: FeedbackReader {
    public var options: CSVOptions

    public init(options: CSVOptions = CSVOptions()) {
        self.options = options
    }

    public func read(file: String, displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        let source = try ByteSource(path: file, displayPath: displayPath)
        var window = try ByteWindow(source: source, encoding: options.encoding)
        var line = 1
        for _ in 0..<options.skipRows {
            guard try skipLine(&window, line: &line) else { return }
        }
        let delimiter = try options.delimiter ?? CSVDialectSniffer.delimiter(in: &window, quote: options.quote)
        var scanner = CSVScanner(delimiter: delimiter, quote: options.quote, escape: options.escape)
        var context: CSVFileContext?
        var ordinal = 0

        while true {
            if window.available == 0, try !window.fill() { break }
            if let comment = options.comment, try startsWith(comment, &window) {
                _ = try skipLine(&window, line: &line)
                continue
            }
            let rowStart = window.start
            let outcome = window.buffer.withUnsafeBufferPointer {
                scanner.scan($0, from: window.start, end: window.end, final: window.atEndOfFile)
            }
            switch outcome {
            case .needMore(let position, let fieldStart, let inQuotes):
                let fieldBytes = position - fieldStart
                if fieldBytes > options.maxFieldBytes || position - rowStart > options.maxRowBytes {
                    let rowLine = line
                    ordinal += 1
                    let excerpt = String(decoding: window.buffer[rowStart..<min(rowStart + 400, window.end)], as: UTF8.self)
                    let message = fieldBytes > options.maxFieldBytes
                        ? tooLargeMessage(field: scanner.fields.count + 1)
                        : "row is longer than \(options.maxRowBytes) bytes (16 × max_field_bytes)"
                    try handle(.reject(ReaderReject(
                        location: InputLocation(file: displayPath, line: rowLine, byteOffset: window.offset(of: rowStart), record: ordinal),
                        reason: "field_too_large", message: message, excerpt: excerpt
                    )))
                    try skipRow(&window, from: position - rowStart, inQuotes: inQuotes, scanner: scanner, line: &line)
                    continue
                }
                if try !window.fill() { continue } // now at the end of the file: scan again as final
            case .unterminatedQuote:
                // The rest of the file would be one field: reject the row and resynchronise at
                // the line after the one the row started on, so that later rows survive.
                ordinal += 1
                let rowLine = line
                let excerpt = lineText(window, from: rowStart)
                try handle(.reject(ReaderReject(
                    location: InputLocation(file: displayPath, line: rowLine, byteOffset: window.offset(of: rowStart), record: ordinal),
                    reason: "unterminated_quote",
                    message: "a quoted field opened on line \(rowLine) is never closed; the reader resumes on the next line",
                    excerpt: excerpt
                )))
                _ = try skipLine(&window, line: &line)
            case .row(let next, let lines, let nonASCII):
                let rowLine = line
                line += lines
                defer { window.start = next }
                let fields = scanner.fields
                if fields.count == 1, fields[0].start == fields[0].end { continue } // blank line
                if let large = fields.firstIndex(where: { $0.end - $0.start > options.maxFieldBytes }) {
                    ordinal += 1
                    try handle(.reject(ReaderReject(
                        location: InputLocation(file: displayPath, line: rowLine, byteOffset: window.offset(of: rowStart), record: ordinal),
                        reason: "field_too_large", message: tooLargeMessage(field: large + 1),
                        excerpt: String(decoding: window.buffer[rowStart..<min(rowStart + 400, next)], as: UTF8.self)
                    )))
                    continue
                }
                var invalid = false
                if nonASCII, let bad = window.buffer.withUnsafeBufferPointer({
                    UTF8Validation.firstInvalid(UnsafeBufferPointer(rebasing: $0[rowStart..<next]))
                }) {
                    if options.onInvalidText == .reject, context != nil || !options.header {
                        ordinal += 1
                        try handle(.reject(ReaderReject(
                            location: InputLocation(file: displayPath, line: rowLine, byteOffset: window.offset(of: rowStart + bad), record: ordinal),
                            reason: "invalid_text",
                            message: "invalid UTF-8 at byte offset \(window.offset(of: rowStart + bad)); if the export is not UTF-8, "
                                + "set `encoding:` (latin-1, windows-1252, utf-16le…), or set `on_invalid_text: replace` to keep the row",
                            excerpt: String(decoding: window.buffer[rowStart..<min(next, rowStart + 400)], as: UTF8.self)
                        )))
                        continue
                    }
                    invalid = true
                }
                guard let known = context else {
                    let columns: CSVColumns
                    if options.header {
                        let header = CSVRow(storage: window.buffer, fields: fields, file: CSVFileContext(columns: CSVColumns(count: fields.count), scanner: scanner))
                        columns = CSVColumns(names: header.values.map { TextTrimming.trimmed($0) })
                        context = CSVFileContext(columns: columns, scanner: scanner)
                        continue
                    }
                    context = CSVFileContext(columns: CSVColumns(count: fields.count), scanner: scanner)
                    ordinal += 1
                    try handle(.record(
                        CSVRow(storage: window.buffer, fields: fields, file: context!.forRow(invalidText: invalid)),
                        InputLocation(file: displayPath, line: rowLine, record: ordinal)
                    ))
                    continue
                }
                ordinal += 1
                guard fields.count == known.columns.names.count else {
                    let row = CSVRow(storage: window.buffer, fields: fields, file: known.forRow(invalidText: invalid))
                    try handle(.reject(ReaderReject(
                        location: InputLocation(file: displayPath, line: rowLine, record: ordinal), reason: "field_count",
                        message: "row has \(fields.count) fields, the header has \(known.columns.names.count)"
                            + (options.delimiter == nil ? " (delimiter sniffed as `\(Self.describe(delimiter))`)" : ""),
                        excerpt: row.excerpt
                    )))
                    continue
                }
                try handle(.record(
                    CSVRow(storage: window.buffer, fields: fields, file: known.forRow(invalidText: invalid)),
                    InputLocation(file: displayPath, line: rowLine, record: ordinal)
                ))
            }
        }
    }

    private func tooLargeMessage(field: Int) -> String {
        "field \(field) is longer than max_field_bytes (\(options.maxFieldBytes) bytes); "
            + "raise max_field_bytes if the export really holds such text, or look for a quote that is never closed"
    }

    static func describe(_ byte: UInt8) -> String {
        byte == 0x09 ? "tab" : String(decoding: [byte], as: UTF8.self)
    }

    /// True when the unconsumed bytes begin with `prefix`.
    private func startsWith(_ prefix: [UInt8], _ window: inout ByteWindow) throws -> Bool {
        while window.available < prefix.count, try window.fill() {}
        guard window.available >= prefix.count else { return false }
        return window.buffer[window.start..<(window.start + prefix.count)].elementsEqual(prefix)
    }

    /// The physical line starting at `start`, for an excerpt.
    private func lineText(_ window: ByteWindow, from start: Int) -> String {
        var end = start
        while end < window.end, end - start < 400, window.buffer[end] != CSVScanner.lf, window.buffer[end] != CSVScanner.cr { end += 1 }
        return String(decoding: window.buffer[start..<end], as: UTF8.self)
    }

    /// Consumes one physical line (quotes mean nothing here). False when the file ended first.
    private func skipLine(_ window: inout ByteWindow, line: inout Int) throws -> Bool {
        while true {
            var index = window.start
            while index < window.end, window.buffer[index] != CSVScanner.lf, window.buffer[index] != CSVScanner.cr { index += 1 }
            guard index < window.end else {
                window.start = window.end
                if try !window.fill() { return false }
                continue
            }
            if window.buffer[index] == CSVScanner.cr {
                // The LF of a CRLF may be in the next read. Filling moves the bytes, so keep the
                // position relative to the window's start.
                let relative = index - window.start
                if index + 1 == window.end, try window.fill() { continue }
                index = window.start + relative
                if index + 1 < window.end, window.buffer[index + 1] == CSVScanner.lf { index += 1 }
            }
            window.start = index + 1
            line += 1
            return true
        }
    }

    /// Skips the rest of a row that is not kept, from `offset` bytes after the window's start.
    private func skipRow(_ window: inout ByteWindow, from offset: Int, inQuotes: Bool, scanner: CSVScanner, line: inout Int) throws {
        var skipper = CSVRowSkipper(inQuotes: inQuotes)
        var position = window.start + offset
        while true {
            let next = window.buffer.withUnsafeBufferPointer { skipper.skip($0, from: position, end: window.end, scanner: scanner) }
            if let next {
                window.start = next
                break
            }
            window.start = window.end
            if try !window.fill() { break }
            position = window.start
        }
        line += skipper.lines
    }
}

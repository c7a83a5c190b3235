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
        var window = try ByteWindow(source: try ByteSource(path: file, displayPath: displayPath), encoding: options.encoding)
        var line = 1
        for _ in 0..<options.skipRows {
            guard try Self.skipLine(&window, line: &line) else { return }
        }
        let delimiter = try options.delimiter ?? CSVDialectSniffer.delimiter(in: &window, quote: options.quote)
        var reader = CSVFileReader(
            options: options, displayPath: displayPath, window: window, line: line,
            scanner: CSVScanner(dialect: CSVDialect(delimiter: delimiter, quote: options.quote, escape: options.escape))
        )
        try reader.run(handle)
    }

    static func describe(_ byte: UInt8) -> String {
        byte == 0x09 ? "tab" : String(decoding: [byte], as: UTF8.self)
    }

    /// Consumes one physical line (quotes mean nothing here). False when the file ended first.
    static func skipLine(_ window: inout ByteWindow, line: inout Int) throws -> Bool {
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
}

/// The state of reading one CSV file: the window, the line the next row starts on, the columns
/// once the header is read, and the record ordinal.
private struct CSVFileReader {
    let options: CSVOptions
    let displayPath: String
    var window: ByteWindow
    var line: Int
    var scanner: CSVScanner
    /// Nil until the header row (or, without one, the first row) has been read.
    var context: CSVFileContext?
    var ordinal = 0

    init(options: CSVOptions, displayPath: String, window: ByteWindow, line: Int, scanner: CSVScanner) {
        self.options = options
        self.displayPath = displayPath
        self.window = window
        self.line = line
        self.scanner = scanner
    }

    mutating func run(_ handle: (ReaderEvent) throws -> Void) throws {
        while true {
            if window.available == 0, try !window.fill() { return }
            if let comment = options.comment, try startsWith(comment) {
                _ = try CSVReader.skipLine(&window, line: &line)
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
                    // Reject before the window grows any further, then skip without keeping.
                    let message = fieldBytes > options.maxFieldBytes
                        ? tooLargeMessage(field: scanner.fields.count + 1)
                        : rowTooLargeMessage
                    try reject("field_too_large", message, line: line, at: rowStart, excerptEnd: window.end, handle)
                    try skipRow(from: position - rowStart, inQuotes: inQuotes)
                    continue
                }
                _ = try window.fill() // at the end of the file, the next scan is final
            case .unterminatedQuote:
                // The rest of the file would be one field: reject the row and resynchronise at
                // the line after the one the row started on, so that later rows survive.
                var end = rowStart
                while end < window.end, window.buffer[end] != CSVScanner.lf, window.buffer[end] != CSVScanner.cr { end += 1 }
                try reject(
                    "unterminated_quote", "a quoted field opened on line \(line) is never closed; the reader resumes on the next line",
                    line: line, at: rowStart, excerptEnd: end, handle
                )
                _ = try CSVReader.skipLine(&window, line: &line)
            case .row(let next, let lines, let nonASCII):
                let rowLine = line
                line += lines
                defer { window.start = next }
                try row(from: rowStart, to: next, line: rowLine, nonASCII: nonASCII, handle)
            }
        }
    }

    /// A complete row: checks it, then makes it the header or hands it over.
    private mutating func row(from start: Int, to next: Int, line rowLine: Int, nonASCII: Bool, _ handle: (ReaderEvent) throws -> Void) throws {
        let fields = scanner.fields
        if fields.count == 1, fields[0].start == fields[0].end { return } // a blank line
        if let large = fields.firstIndex(where: { $0.end - $0.start > options.maxFieldBytes }) {
            try reject("field_too_large", tooLargeMessage(field: large + 1), line: rowLine, at: start, excerptEnd: next, handle)
            return
        }
        if next - start > options.maxRowBytes {
            try reject("field_too_large", rowTooLargeMessage, line: rowLine, at: start, excerptEnd: next, handle)
            return
        }
        var invalid = false
        if nonASCII, let bad = window.buffer.withUnsafeBufferPointer({ UTF8Validation.firstInvalid(UnsafeBufferPointer(rebasing: $0[start..<next])) }) {
            let isHeader = context == nil && options.header
            if options.onInvalidText == .reject, !isHeader {
                let offset = window.offset(of: start + bad)
                try reject(
                    "invalid_text", "invalid UTF-8 at byte offset \(offset); if the export is not UTF-8, set `encoding:` "
                        + "(latin-1, windows-1252, utf-16le…), or set `on_invalid_text: replace` to keep the row",
                    line: rowLine, at: start, excerptEnd: next, offset: offset, handle
                )
                return
            }
            invalid = true
        }
        guard let known = context else {
            if options.header {
                let header = CSVRow(storage: window.buffer, fields: fields, file: CSVFileContext(columns: CSVColumns(count: fields.count), dialect: scanner.dialect))
                context = CSVFileContext(columns: CSVColumns(names: header.values.map(TextTrimming.trimmed)), dialect: scanner.dialect)
                return
            }
            context = CSVFileContext(columns: CSVColumns(count: fields.count), dialect: scanner.dialect)
            return try row(from: start, to: next, line: rowLine, nonASCII: nonASCII, handle)
        }
        ordinal += 1
        let row = CSVRow(storage: window.buffer, fields: fields, file: known.forRow(invalidText: invalid))
        let location = InputLocation(file: displayPath, line: rowLine, record: ordinal)
        guard fields.count == known.columns.names.count else {
            let sniffed = options.delimiter == nil ? " (delimiter sniffed as `\(CSVReader.describe(scanner.dialect.delimiter))`)" : ""
            try handle(.reject(ReaderReject(
                location: location, reason: "field_count",
                message: "row has \(fields.count) fields, the header has \(known.columns.names.count)\(sniffed)", excerpt: row.excerpt
            )))
            return
        }
        try handle(.record(row, location))
    }

    /// Rejects the row starting at `start`, counting it as a record.
    private mutating func reject(
        _ reason: String, _ message: String, line rowLine: Int, at start: Int, excerptEnd: Int, offset: Int? = nil,
        _ handle: (ReaderEvent) throws -> Void
    ) throws {
        ordinal += 1
        try handle(.reject(ReaderReject(
            location: InputLocation(file: displayPath, line: rowLine, byteOffset: offset ?? window.offset(of: start), record: ordinal),
            reason: reason, message: message,
            excerpt: String(decoding: window.buffer[start..<min(start + 400, excerptEnd)], as: UTF8.self)
        )))
    }

    private var rowTooLargeMessage: String {
        "row is longer than \(options.maxRowBytes) bytes (16 × max_field_bytes); raise max_field_bytes if the export really holds such rows"
    }

    private func tooLargeMessage(field: Int) -> String {
        "field \(field) is longer than max_field_bytes (\(options.maxFieldBytes) bytes); "
            + "raise max_field_bytes if the export really holds such text, or look for a quote that is never closed"
    }

    /// True when the unconsumed bytes begin with `prefix`.
    private mutating func startsWith(_ prefix: [UInt8]) throws -> Bool {
        while window.available < prefix.count, try window.fill() {}
        guard window.available >= prefix.count else { return false }
        return window.buffer[window.start..<(window.start + prefix.count)].elementsEqual(prefix)
    }

    /// Skips the rest of a row that is not kept, from `offset` bytes after the window's start.
    private mutating func skipRow(from offset: Int, inQuotes: Bool) throws {
        var skipper = CSVRowSkipper(inQuotes: inQuotes)
        var position = window.start + offset
        while true {
            let next = window.buffer.withUnsafeBufferPointer { skipper.skip($0, from: position, end: window.end, dialect: scanner.dialect) }
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

import Foundation
import VoxModel

/// RFC 4180 CSV: quoted fields with embedded delimiters, doubled quotes and line breaks;
/// LF, CRLF and lone CR line ends; a UTF-8 byte-order mark is skipped.
public struct CSVReader: FeedbackReader {
    public var options: CSVOptions

    public init(options: CSVOptions = CSVOptions()) {
        self.options = options
    }

    public func read(file: String, displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw IngestError(location: InputLocation(file: displayPath), message: "cannot read file")
        }
        try data.withUnsafeBytes { buffer in
            try parse(Array(buffer.bindMemory(to: UInt8.self)), displayPath: displayPath, handle: handle)
        }
    }

    func parse(_ bytes: [UInt8], displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        var scanner = CSVScanner(bytes: bytes, delimiter: options.delimiter, quote: options.quote)
        var columns: CSVColumns?
        var ordinal = 0
        while let row = scanner.nextRow() {
            let location = InputLocation(file: displayPath, line: row.line)
            if let problem = row.problem {
                try handle(.reject(ReaderReject(location: location, reason: problem.reason, message: problem.message, excerpt: row.excerpt)))
                continue
            }
            if row.fields.count == 1, row.fields[0].isEmpty { continue } // blank line
            guard let known = columns else {
                if options.header {
                    columns = CSVColumns(names: row.fields.map { $0.trimmingCharacters(in: .whitespaces) })
                    continue
                }
                columns = CSVColumns(count: row.fields.count)
                ordinal += 1
                try handle(.record(CSVRow(columns: columns!, fields: row.fields), InputLocation(file: displayPath, line: row.line, record: ordinal)))
                continue
            }
            ordinal += 1
            guard row.fields.count == known.names.count else {
                try handle(.reject(ReaderReject(
                    location: InputLocation(file: displayPath, line: row.line, record: ordinal), reason: "field_count",
                    message: "row has \(row.fields.count) fields, the header has \(known.names.count)", excerpt: row.excerpt
                )))
                continue
            }
            try handle(.record(CSVRow(columns: known, fields: row.fields), InputLocation(file: displayPath, line: row.line, record: ordinal)))
        }
    }
}

/// Splits CSV bytes into rows of fields, tracking the line each row starts on.
struct CSVScanner {
    struct Row {
        var fields: [String]
        var line: Int
        var excerpt: String
        var problem: (reason: String, message: String)?
    }

    let bytes: [UInt8]
    let delimiter: UInt8
    let quote: UInt8
    var index = 0
    var line = 1

    init(bytes: [UInt8], delimiter: UInt8, quote: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.quote = quote
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private static let lf: UInt8 = 10
    private static let cr: UInt8 = 13

    mutating func nextRow() -> Row? {
        guard index < bytes.count else { return nil }
        let startLine = line
        let rowStart = index
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var quoteLine = line
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    quoted = false
                    index += 1
                    continue
                }
                if byte == Self.lf || (byte == Self.cr && (index + 1 >= bytes.count || bytes[index + 1] != Self.lf)) { line += 1 }
                field.append(byte)
                index += 1
                continue
            }
            if byte == quote, field.isEmpty {
                quoted = true
                quoteLine = line
                index += 1
            } else if byte == delimiter {
                fields.append(Self.decode(field))
                field.removeAll(keepingCapacity: true)
                index += 1
            } else if byte == Self.lf || byte == Self.cr {
                index += (byte == Self.cr && index + 1 < bytes.count && bytes[index + 1] == Self.lf) ? 2 : 1
                line += 1
                fields.append(Self.decode(field))
                return Row(fields: fields, line: startLine, excerpt: excerpt(rowStart), problem: nil)
            } else {
                field.append(byte)
                index += 1
            }
        }
        if quoted {
            // Unterminated quote: everything to the end of the file would be one field. Reject the
            // row and resynchronise at the line after the opening quote so later rows survive.
            index = rowStart
            line = startLine
            while index < bytes.count, bytes[index] != Self.lf, bytes[index] != Self.cr { index += 1 }
            let text = excerpt(rowStart)
            if index < bytes.count {
                index += (bytes[index] == Self.cr && index + 1 < bytes.count && bytes[index + 1] == Self.lf) ? 2 : 1
                line += 1
            }
            return Row(fields: [], line: startLine, excerpt: text,
                       problem: ("unterminated_quote", "quote opened on line \(quoteLine) is never closed"))
        }
        fields.append(Self.decode(field))
        return Row(fields: fields, line: startLine, excerpt: excerpt(rowStart), problem: nil)
    }

    private func excerpt(_ start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < 400, bytes[end] != Self.lf, bytes[end] != Self.cr { end += 1 }
        return Self.decode(bytes[start..<end])
    }

    static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: bytes, as: UTF8.self)
    }
}

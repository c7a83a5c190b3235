/// One CSV row as the reader found it: the bytes of the reader's window and the ranges of its
/// fields. A `String` is made only for the fields a mapping asks for, so a row costs no
/// allocation per column.
///
/// The row shares the window's storage copy-on-write: kept beyond the reader's callback (as tests
/// do), it stays valid, at the price of a copy of the window when the reader next refills.
public struct CSVRow: RawRecord {
    let storage: [UInt8]
    let fields: [CSVField]
    /// Shared by the file's rows (two variants: rows with and without replaced text), so that a
    /// row is three words and passes as `any RawRecord` without an allocation.
    let file: CSVFileContext

    /// True when the row held invalid UTF-8 that was replaced with U+FFFD.
    public var hasInvalidText: Bool { file.invalidText }

    public func value(at path: FieldPath) -> FieldValue? {
        guard let index = file.columns.index(of: path.raw), index < fields.count else { return nil }
        return .string(text(of: fields[index]))
    }

    /// The text of one field, unescaped; invalid UTF-8 becomes U+FFFD.
    func text(of field: CSVField) -> String {
        storage.withUnsafeBufferPointer { buffer in
            let raw = UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
            if field.escaped { return String(decoding: file.scanner.unescape(raw), as: UTF8.self) }
            return String(decoding: raw, as: UTF8.self)
        }
    }

    /// The row's fields as text, in column order.
    public var values: [String] { fields.map(text(of:)) }

    /// The fields joined by the delimiter, cut after about 400 bytes.
    public var excerpt: String {
        var parts: [String] = []
        var length = 0
        for field in fields where length < 400 {
            parts.append(text(of: field))
            length += field.end - field.start + 1
        }
        return parts.joined(separator: String(decoding: [file.scanner.delimiter], as: UTF8.self))
    }
}

/// What every row of one file shares: its columns and dialect.
final class CSVFileContext: Sendable {
    let columns: CSVColumns
    let scanner: CSVScanner
    let invalidText: Bool
    /// The same file's context for rows whose invalid text was replaced.
    let withInvalidText: CSVFileContext?

    init(columns: CSVColumns, scanner: CSVScanner) {
        self.columns = columns
        self.scanner = scanner
        self.invalidText = false
        self.withInvalidText = CSVFileContext(columns: columns, scanner: scanner, invalidText: true)
    }

    private init(columns: CSVColumns, scanner: CSVScanner, invalidText: Bool) {
        self.columns = columns
        self.scanner = scanner
        self.invalidText = invalidText
        self.withInvalidText = nil
    }

    /// The context for a row, by whether its text had to be repaired.
    func forRow(invalidText: Bool) -> CSVFileContext { invalidText ? withInvalidText ?? self : self }
}

/// Column names to positions, shared by every row of a file.
public final class CSVColumns: Sendable {
    public let names: [String]
    private let positions: [String: Int]

    public init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
        self.positions = positions
    }

    /// Without a header, columns are named "1", "2", …
    public init(count: Int) {
        self.names = (1...max(1, count)).map(String.init)
        var positions: [String: Int] = [:]
        for index in 0..<max(1, count) { positions[String(index + 1)] = index }
        self.positions = positions
    }

    /// A short header is searched in order: comparing short strings is cheaper than hashing.
    public func index(of name: String) -> Int? {
        if names.count <= 16 { return names.firstIndex(of: name) }
        return positions[name]
    }
}

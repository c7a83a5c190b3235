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
            if field.escaped { return String(decoding: file.dialect.unescape(raw), as: UTF8.self) }
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
        return parts.joined(separator: String(decoding: [file.dialect.delimiter], as: UTF8.self))
    }
}

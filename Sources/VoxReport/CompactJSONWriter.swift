import Foundation
import VoxModel
import VoxText

/// Appends compact JSON (no spaces) straight to UTF-8 bytes, formatted exactly as
/// `JSONValue.compact()` formats the same values.
///
/// Why not build a `JSONValue` and call `compact()`: records.jsonl writes one object per record,
/// and building the tree first (an indirect enum, arrays of member tuples, a `String` per key)
/// costs more than writing the text; and why bytes rather than a `String`: each `+=` on a
/// `String` checks capacity, UTF-8 and small-string forms (a fifth of a whole run's instructions
/// went to records.jsonl that way). Shapes written often go through this writer; everything
/// else keeps using `JSONValue`.
struct CompactJSONWriter {
    var bytes: [UInt8]

    /// Writes after `bytes` (a chunk's lines so far, or nothing).
    init(appendingTo bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `"key":` after a `{` (`first`) or a `,`.
    mutating func key(_ key: StaticString, first: Bool = false) {
        JSONValue.appendKey(key, first: first, indent: nil, level: 0, to: &bytes)
    }

    mutating func string(_ value: String) { JSONString.append(value, to: &bytes) }
    mutating func string(_ value: String?) { value.map { string($0) } ?? null() }
    mutating func double(_ value: Double) { ASCIIDecimal.append(value, to: &bytes) }
    mutating func int(_ value: Int) { ASCIIDecimal.append(value, to: &bytes) }
    mutating func null() { raw("null") }
    mutating func raw(_ fragment: StaticString) { fragment.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    /// A timestamp as `ISOTime.format` writes it, quoted; null when there is none.
    mutating func time(_ value: Date?) {
        guard let value else { return null() }
        bytes.append(UInt8(ascii: "\""))
        ISOTime.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A location as its `description` reads, quoted; written here because records.jsonl gives
    /// one per record and the description interpolates.
    mutating func location(_ location: InputLocation) {
        guard let line = location.line else { return string(location.description) }
        string(location.file)
        // Reopen the string to add the numbers: `"file` + `:line[:column]"`.
        bytes.removeLast()
        bytes.append(UInt8(ascii: ":"))
        ASCIIDecimal.append(line, to: &bytes)
        if let column = location.column {
            bytes.append(UInt8(ascii: ":"))
            ASCIIDecimal.append(column, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `[…]` with one item written by `item` per element, commas between.
    mutating func array<C: Collection>(_ items: C, item: (inout CompactJSONWriter, C.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for element in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            item(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

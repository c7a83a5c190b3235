import VoxText

/// Appends compact JSON (no spaces) straight to a string, formatted exactly as
/// `JSONValue.compact()` formats the same values.
///
/// Why not build a `JSONValue` and call `compact()`: records.jsonl writes one object per record,
/// and building the tree first (an indirect enum, arrays of member tuples, a `String` per key)
/// costs more than writing the text. Shapes written often go through this writer; everything
/// else keeps using `JSONValue`.
struct CompactJSONWriter {
    private(set) var text = ""

    init(reservingCapacity capacity: Int = 0) {
        text.reserveCapacity(capacity)
    }

    /// `"key":` after a `{` (`first`) or a `,`.
    mutating func key(_ key: StaticString, first: Bool = false) {
        if !first { text += "," }
        text += "\""
        text += key.description
        text += "\":"
    }

    mutating func string(_ value: String) { text += JSONString.quote(value) }
    mutating func string(_ value: String?) { value.map { string($0) } ?? null() }
    mutating func double(_ value: Double) { text += JSONValue.format(value) }
    mutating func int(_ value: Int) { text += String(value) }
    mutating func null() { text += "null" }
    mutating func raw(_ fragment: String) { text += fragment }

    /// `[…]` with one item written by `item` per element, commas between.
    mutating func array<C: Collection>(_ items: C, item: (inout CompactJSONWriter, C.Element) -> Void) {
        text += "["
        var first = true
        for element in items {
            if !first { text += "," }
            first = false
            item(&self, element)
        }
        text += "]"
    }
}

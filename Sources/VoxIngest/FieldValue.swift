/// A value inside a raw record, whatever the file format: JSON values as they are, CSV cells as
/// strings, XML elements as objects (child elements by name, attributes as `@name`, text as `#text`).
/// Not `indirect`: arrays and objects hold their values in their own storage already, and an
/// indirect case boxed every value on the heap (every CSV cell a mapping reads, every JSON value).
public enum FieldValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's literal text, so that ids like `00123` or `1e3` are not altered.
    case number(String)
    case string(String)
    case array([FieldValue])
    case object([String: FieldValue])

    /// The value as text for a field: strings as they are, numbers and booleans as written,
    /// an XML element's text. Nil for null, arrays and objects without text.
    public var text: String? {
        switch self {
        case .null: return nil
        case .bool(let value): return value ? "true" : "false"
        case .number(let literal): return literal
        case .string(let value): return value
        case .array: return nil
        case .object(let members):
            return members["#text"]?.text
        }
    }

    public subscript(key: String) -> FieldValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

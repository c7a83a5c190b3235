import VoxText

/// A record as a reader found it, before field mapping. Each format exposes its own shape
/// through field paths, so that one `RecordMapper` serves every reader.
public protocol RawRecord: Sendable {
    func value(at path: FieldPath) -> FieldValue?
    /// A short text of the whole record for reject excerpts.
    var excerpt: String { get }
    /// True when invalid bytes in the record's text were replaced with U+FFFD
    /// (`on_invalid_text: replace`); the ingestor counts these in `SourceStats.invalidText`.
    var hasInvalidText: Bool { get }
}

extension RawRecord {
    public var hasInvalidText: Bool { false }
}

/// JSON and XML records are trees; `parent.` paths reach the enclosing object of an exploded record.
public struct TreeRecord: RawRecord {
    public var value: FieldValue
    public var parent: FieldValue?
    public var hasInvalidText: Bool

    public init(value: FieldValue, parent: FieldValue? = nil, hasInvalidText: Bool = false) {
        self.value = value
        self.parent = parent
        self.hasInvalidText = hasInvalidText
    }

    public func value(at path: FieldPath) -> FieldValue? {
        if let parent, case .key("parent")? = path.components.first {
            return FieldPath(path.components.dropFirst()).resolve(in: parent)
        }
        return path.resolve(in: value)
    }

    public var excerpt: String { JSONText.render(value) }
}

extension FieldPath {
    init<C: Collection>(_ components: C) where C.Element == Component {
        self.init(components.map { component -> String in
            switch component {
            case .key(let key): return key
            case .index(let index): return "[\(index)]"
            }
        }.joined(separator: "."))
    }
}

/// Compact JSON text of a field value, for excerpts.
enum JSONText {
    static func render(_ value: FieldValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let text): return quote(text)
        case .array(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { quote($0) + ":" + render(members[$0]!) }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String { JSONString.quote(text) }
}

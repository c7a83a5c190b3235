import VoxText

/// A JSON document built in code and written deterministically: object members keep the order
/// they were given (builders sort where order carries no meaning), numbers print in Swift's
/// shortest round-trip form, and non-finite numbers become `null`.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.compact() == b.compact() }
    public func hash(into hasher: inout Hasher) { hasher.combine(compact()) }

    /// An optional figure: the value, or `null` when there is nothing to compute it from.
    public static func number(_ value: Double?) -> JSONValue {
        value.map { .double($0) } ?? .null
    }

    public static func text(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    /// An object whose members are sorted by key: for maps whose order means nothing.
    public static func sortedObject(_ members: [String: JSONValue]) -> JSONValue {
        .object(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// One line, no spaces: for JSON Lines.
    public func compact() -> String {
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// Two-space indentation, one member a line, a trailing newline: for files people diff.
    public func pretty() -> String {
        var out = ""
        write(to: &out, indent: "  ", level: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += Self.format(value)
        case .string(let value): out += JSONString.quote(value)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent, level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent, level + 1)
                out += JSONString.quote(member.0)
                out += indent == nil ? ":" : ": "
                member.1.write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    /// Shortest round-trip decimal; integral values keep a `.0` so that readers see a float.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0.0" } // no "-0.0"
        return value.description
    }
}

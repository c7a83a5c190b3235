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
    /// An array whose `count` items are made one at a time as they are written, so that a long
    /// list (a run's conversations) never exists as values or text all at once: see
    /// `pretty(flushingAt:into:)`.
    case generated(count: Int, item: @Sendable (Int) -> JSONValue)

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
        write(to: &out, indent: nil, level: 0, flush: nil)
        return out
    }

    /// Two-space indentation, one member a line, a trailing newline: for files people diff.
    public func pretty() -> String {
        var out = ""
        write(to: &out, indent: "  ", level: 0, flush: nil)
        out += "\n"
        return out
    }

    /// `pretty()` in pieces: `flush` receives the text whenever at least `limit` bytes of it
    /// are pending (between array items), and the rest at the end; the text is never whole in
    /// memory. The pieces joined are exactly `pretty()`.
    public func pretty(flushingAt limit: Int, into flush: (String) -> Void) {
        var out = ""
        withoutActuallyEscaping(flush) { flush in
            write(to: &out, indent: "  ", level: 0, flush: { pending in
                guard pending.utf8.count >= limit else { return }
                flush(pending)
                pending.removeAll(keepingCapacity: true)
            })
        }
        out += "\n"
        flush(out)
    }

    private func write(to out: inout String, indent: String?, level: Int, flush: ((inout String) -> Void)?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += Self.format(value)
        case .string(let value): out += JSONString.quote(value)
        case .array(let items):
            Self.writeArray(count: items.count, item: { items[$0] }, to: &out, indent: indent, level: level, flush: flush)
        case .generated(let count, let item):
            Self.writeArray(count: count, item: item, to: &out, indent: indent, level: level, flush: flush)
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                out += JSONString.quote(member.0)
                out += indent == nil ? ":" : ": "
                member.1.write(to: &out, indent: indent, level: level + 1, flush: flush)
            }
            Self.newline(&out, indent, level)
            out += "}"
        }
    }

    private static func writeArray(
        count: Int, item: (Int) -> JSONValue, to out: inout String, indent: String?, level: Int, flush: ((inout String) -> Void)?
    ) {
        guard count > 0 else {
            out += "[]"
            return
        }
        out += "["
        for index in 0..<count {
            if index > 0 { out += "," }
            newline(&out, indent, level + 1)
            item(index).write(to: &out, indent: indent, level: level + 1, flush: flush)
            flush?(&out)
        }
        newline(&out, indent, level)
        out += "]"
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
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

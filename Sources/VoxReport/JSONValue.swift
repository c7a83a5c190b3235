import VoxText

/// A JSON document built in code and written deterministically: object members keep the order
/// they were given (builders sort where order carries no meaning), numbers print in Swift's
/// shortest round-trip form, and non-finite numbers become `null`. Not `indirect`: arrays and
/// member lists hold the nested values already, and an indirect case boxed every value on the heap.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An array whose `count` items are made one at a time, in order, as they are written, so
    /// that a long list (a run's conversations, read back from scratch) never exists as values or
    /// text all at once: see `pretty(flushingAt:into:)`. Each writing makes a new iterator.
    case generated(count: Int, items: @Sendable () -> AnyIterator<JSONValue>)

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
        var out: [UInt8] = []
        write(to: &out, indent: nil, level: 0, flush: nil)
        return String(decoding: out, as: UTF8.self)
    }

    /// Two-space indentation, one member a line, a trailing newline: for files people diff.
    public func pretty() -> String {
        var out: [UInt8] = []
        write(to: &out, indent: 2, level: 0, flush: nil)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `pretty()` in pieces: `flush` receives the text whenever at least `limit` bytes of it
    /// are pending (between array items), and the rest at the end; the text is never whole in
    /// memory. The pieces joined are exactly `pretty()`.
    public func pretty(flushingAt limit: Int, into flush: (String) -> Void) {
        var out: [UInt8] = []
        withoutActuallyEscaping(flush) { flush in
            write(to: &out, indent: 2, level: 0, flush: { pending in
                guard pending.count >= limit else { return }
                flush(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            })
        }
        out.append(UInt8(ascii: "\n"))
        flush(String(decoding: out, as: UTF8.self))
    }

    // The text is built as UTF-8 bytes: report.json lists every conversation of a run, and
    // appending to a `String` piece by piece cost more than making the values.

    /// `indent`: spaces a level, nil for compact output.
    private func write(to out: inout [UInt8], indent: Int?, level: Int, flush: ((inout [UInt8]) -> Void)?) {
        switch self {
        case .null: Self.append("null", to: &out)
        case .bool(let value): Self.append(value ? "true" : "false", to: &out)
        case .int(let value): ASCIIDecimal.append(value, to: &out)
        case .double(let value): ASCIIDecimal.append(value, to: &out)
        case .string(let value): JSONString.append(value, to: &out)
        case .array(let items):
            Self.writeArray(count: items.count, item: { items[$0] }, to: &out, indent: indent, level: level, flush: flush)
        case .generated(let count, let items):
            // An iterator that ends early (its scratch could not be read) leaves nulls; the run
            // checks the reading before it publishes anything.
            let iterator = items()
            Self.writeArray(count: count, item: { _ in iterator.next() ?? .null }, to: &out, indent: indent, level: level, flush: flush)
        case .object(let members):
            guard !members.isEmpty else {
                Self.append("{}", to: &out)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent, level + 1)
                JSONString.append(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                member.1.write(to: &out, indent: indent, level: level + 1, flush: flush)
            }
            Self.newline(&out, indent, level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeArray(
        count: Int, item: (Int) -> JSONValue, to out: inout [UInt8], indent: Int?, level: Int, flush: ((inout [UInt8]) -> Void)?
    ) {
        guard count > 0 else {
            append("[]", to: &out)
            return
        }
        out.append(UInt8(ascii: "["))
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            newline(&out, indent, level + 1)
            item(index).write(to: &out, indent: indent, level: level + 1, flush: flush)
            flush?(&out)
        }
        newline(&out, indent, level)
        out.append(UInt8(ascii: "]"))
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private static func append(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Shortest round-trip decimal; integral values keep a `.0` so that readers see a float.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0.0" } // no "-0.0"
        return value.description
    }
}

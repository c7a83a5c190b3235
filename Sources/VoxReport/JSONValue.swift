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
    /// An array whose `count` items are written one at a time, in order, so that a long list (a
    /// run's conversations, read back from scratch) never exists as values or text all at once:
    /// see `pretty(flushingAt:into:)`. Each item writes its own text, as its value would be
    /// written (`ObjectWriter` helps), because making a `JSONValue` per item cost more than
    /// writing it. Each writing makes a new iterator.
    case generated(count: Int, items: @Sendable () -> AnyIterator<ItemWriter>)

    /// Writes one item of a generated array into `out` at a layout: `indent` spaces a level
    /// (nil: compact) and the item's `level`.
    public typealias ItemWriter = (_ out: inout [UInt8], _ indent: Int?, _ level: Int) -> Void

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
    func write(to out: inout [UInt8], indent: Int?, level: Int, flush: ((inout [UInt8]) -> Void)?) {
        switch self {
        case .null: Self.append("null", to: &out)
        case .bool(let value): Self.append(value ? "true" : "false", to: &out)
        case .int(let value): ASCIIDecimal.append(value, to: &out)
        case .double(let value): ASCIIDecimal.append(value, to: &out)
        case .string(let value): JSONString.append(value, to: &out)
        case .array(let items):
            Self.writeArray(count: items.count, to: &out, indent: indent, level: level, flush: flush) { out, index, level in
                items[index].write(to: &out, indent: indent, level: level, flush: flush)
            }
        case .generated(let count, let items):
            // An iterator that ends early (its scratch could not be read) leaves nulls; the run
            // checks the reading before it publishes anything.
            let iterator = items()
            Self.writeArray(count: count, to: &out, indent: indent, level: level, flush: flush) { out, _, level in
                if let write = iterator.next() { write(&out, indent, level) } else { Self.append("null", to: &out) }
            }
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

    /// `[`, the items at `level + 1` (written by `writeItem(out, index, level)`), `]`.
    private static func writeArray(
        count: Int, to out: inout [UInt8], indent: Int?, level: Int, flush: ((inout [UInt8]) -> Void)?,
        writeItem: (inout [UInt8], Int, Int) -> Void
    ) {
        guard count > 0 else {
            append("[]", to: &out)
            return
        }
        out.append(UInt8(ascii: "["))
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            newline(&out, indent, level + 1)
            writeItem(&out, index, level + 1)
            flush?(&out)
        }
        newline(&out, indent, level)
        out.append(UInt8(ascii: "]"))
    }

    static func newline(_ out: inout [UInt8], _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        // From a ready line of spaces: appending a `repeatElement` went a space at a time.
        var spaces = indent * level
        while spaces > 0 {
            let run = min(spaces, Self.spaces.count)
            out.append(contentsOf: Self.spaces[..<run])
            spaces -= run
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    static func append(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Shortest round-trip decimal; integral values keep a `.0` so that readers see a float.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0.0" } // no "-0.0"
        return value.description
    }
}

extension JSONValue {
    /// Writes an object member by member exactly as `.object` would at the same layout, for the
    /// items of a `.generated` array that write themselves: `init` writes `{`, `member` the
    /// separator, the line break, `"key":` and the value, `end` the closing brace.
    struct ObjectWriter {
        let indent: Int?
        let level: Int
        private var members = 0

        init(indent: Int?, level: Int, to out: inout [UInt8]) {
            self.indent = indent
            self.level = level
            out.append(UInt8(ascii: "{"))
        }

        /// `key` (which must need no escaping: the writers' keys are plain ASCII names) and then
        /// `value` at the member's level.
        mutating func member(_ key: StaticString, _ value: JSONValue, to out: inout [UInt8]) {
            JSONValue.appendKey(key, first: members == 0, indent: indent, level: level + 1, to: &out)
            members += 1
            value.write(to: &out, indent: indent, level: level + 1, flush: nil)
        }

        func end(to out: inout [UInt8]) {
            if members > 0 { JSONValue.newline(&out, indent, level) }
            out.append(UInt8(ascii: "}"))
        }
    }
}

extension JSONValue {
    /// Appends what comes before a member's value, as `.object` writes it: `,` unless it is the
    /// first, a line break and the indentation of `level` when pretty, `"key":`, and a space when
    /// pretty. Composed on the stack and appended at once: each append to the array checks its
    /// uniqueness and capacity, and the writers that run per record or per conversation write a
    /// dozen keys each. `key` must need no escaping (the writers' keys are plain ASCII names).
    static func appendKey(_ key: StaticString, first: Bool, indent: Int?, level: Int, to out: inout [UInt8]) {
        let spaces = (indent ?? 0) * level
        key.withUTF8Buffer { name in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count + spaces + 6) { buffer in
                var count = 0
                func put(_ byte: UInt8) {
                    buffer[count] = byte
                    count += 1
                }
                if !first { put(UInt8(ascii: ",")) }
                if indent != nil { put(UInt8(ascii: "\n")) }
                for _ in 0..<spaces { put(UInt8(ascii: " ")) }
                put(UInt8(ascii: "\""))
                for byte in name { put(byte) }
                put(UInt8(ascii: "\""))
                put(UInt8(ascii: ":"))
                if indent != nil { put(UInt8(ascii: " ")) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count]))
            }
        }
    }
}


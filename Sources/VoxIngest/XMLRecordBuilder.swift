/// Builds record values from SAX events: an element becomes a `FieldValue.object` with child
/// elements by local name (repeated children as arrays; `prefix:name` too when the child has a
/// prefix), attributes as `@name`, text and CDATA as `#text`. An element with neither children
/// nor attributes is just its text.
struct XMLRecordBuilder {
    private struct Element {
        var name: XMLName
        var members: [String: FieldValue] = [:]
        var text: [UInt8] = []
        var hasChildren = false
    }

    private var open: [Element] = []
    /// Bytes of text and attributes taken into the current record.
    private(set) var size = 0
    let maxSize: Int

    init(maxSize: Int) {
        self.maxSize = maxSize
    }

    var isBuilding: Bool { !open.isEmpty }
    var isTooLarge: Bool { size > maxSize }

    mutating func start(_ name: XMLName, attributes: [(XMLName, String)]) {
        if open.isEmpty { size = 0 }
        var element = Element(name: name)
        if !attributes.isEmpty {
            // Room for the attributes and the children an element with attributes usually has
            // (a record element), at once: grown an attribute at a time, and then again for the
            // children, the members were rehashed four times for every record.
            element.members.reserveCapacity(2 * attributes.count + Self.expectedChildren)
        }
        for (attribute, value) in attributes {
            size += value.utf8.count
            element.members["@" + attribute.local] = .string(value)
            if let prefix = attribute.prefix { element.members["@\(prefix):\(attribute.local)"] = .string(value) }
        }
        if let parent = open.indices.last, !open[parent].hasChildren {
            open[parent].hasChildren = true
            // A record element has about a dozen children: room for them at once (an element
            // with attributes has it already).
            if open[parent].members.isEmpty { open[parent].members.reserveCapacity(Self.expectedChildren) }
        }
        open.append(element)
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !open.isEmpty else { return }
        size += bytes.count
        // Past the limit the record will be rejected: stop keeping its text.
        if size <= maxSize { open[open.count - 1].text.append(contentsOf: bytes) }
    }

    /// Closes the innermost element; returns the record's value when that was the record.
    mutating func end() -> FieldValue? {
        guard let element = open.popLast() else { return nil }
        let value = Self.value(of: element)
        guard !open.isEmpty else { return value }
        Self.add(value, named: element.name.local, to: &open[open.count - 1].members)
        if let prefix = element.name.prefix { Self.add(value, named: "\(prefix):\(element.name.local)", to: &open[open.count - 1].members) }
        return nil
    }

    static let expectedChildren = 12

    /// One hash of the name for a child met for the first time (the common case); a repeated
    /// child turns the member into an array of all of them, in order.
    private static func add(_ value: FieldValue, named name: String, to members: inout [String: FieldValue]) {
        guard let existing = members.updateValue(value, forKey: name) else { return }
        if case .array(var items) = existing {
            items.append(value)
            members[name] = .array(items)
        } else {
            members[name] = .array([existing, value])
        }
    }

    private static func value(of element: Element) -> FieldValue {
        let text = String(decoding: element.text, as: UTF8.self)
        if !element.hasChildren, element.members.isEmpty { return .string(text) }
        var members = element.members
        if !TextTrimming.trimmed(text).isEmpty { members["#text"] = .string(text) }
        return .object(members)
    }
}

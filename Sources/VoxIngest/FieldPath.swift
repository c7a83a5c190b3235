/// Where a field lives in a raw record: `comment`, `customer.name`, `tags[0]`, `@id`,
/// `author/name` (XML style), `parent.id` (the enclosing object of an exploded record).
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The path as written in the pipeline file; CSV readers look this up as a column name first.
    public let raw: String
    public let components: [Component]

    public init(_ raw: String) {
        self.raw = raw
        var components: [Component] = []
        for part in raw.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "." || $0 == "/" }) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let key = rest[..<bracket]
                if !key.isEmpty { components.append(.key(String(key))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    let inside = rest[rest.index(after: rest.startIndex)..<close]
                    if let number = Int(inside) { components.append(.index(number)) } else { components.append(.key(String(inside))) }
                    rest = rest[rest.index(after: close)...]
                }
                if !rest.isEmpty { components.append(.key(String(rest))) }
            } else {
                components.append(.key(String(rest)))
            }
        }
        self.components = components
    }

    public var description: String { raw }

    /// Follows the path through nested objects and arrays. Arrays met on the way are searched
    /// element by element for the rest of the path only when no index is given.
    public func resolve(in value: FieldValue) -> FieldValue? {
        resolve(components[...], in: value)
    }

    private func resolve(_ rest: ArraySlice<Component>, in value: FieldValue) -> FieldValue? {
        guard let first = rest.first else { return value }
        switch (first, value) {
        case (.key(let key), .object(let members)):
            guard let child = members[key] else { return nil }
            return resolve(rest.dropFirst(), in: child)
        case (.index(let index), .array(let items)):
            guard items.indices.contains(index) else { return nil }
            return resolve(rest.dropFirst(), in: items[index])
        case (.key, .array(let items)):
            // XML repeats a child element as an array; `author/name` looks in the first one that has it.
            for item in items { if let found = resolve(rest, in: item) { return found } }
            return nil
        default:
            return nil
        }
    }
}

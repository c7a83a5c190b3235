import Foundation
@testable import VoxReport

/// A validator for the subset of JSON Schema (2020-12) that `schemas/*.schema.json` use: `type`
/// (one or a list), `properties`, `required`, `additionalProperties` (true, false or a schema),
/// `items`, `enum`, `minimum`, `maximum`, `$defs` and local `$ref`s (`#/$defs/NAME`).
/// Annotations (`$schema`, `$id`, `title`, `description`) are ignored; any other keyword is an
/// error, so a schema cannot silently rely on something this validator does not check.
///
/// Problems come back as `JSON-pointer: what is wrong`, e.g. `/clusters/0/share: 1.3 is above the maximum 1`.
struct JSONSchemaValidator {
    let root: [String: Any]

    static let annotations: Set<String> = ["$schema", "$id", "title", "description"]
    static let keywords: Set<String> = ["type", "properties", "required", "additionalProperties", "items", "enum", "minimum", "maximum", "$defs", "$ref"]

    struct SchemaError: Error, CustomStringConvertible {
        var description: String
    }

    init(schema data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SchemaError(description: "the schema is not a JSON object")
        }
        self.root = root
    }

    /// Every problem with `document` (empty when it is valid).
    func validate(_ document: Data) throws -> [String] {
        let value = try JSONSerialization.jsonObject(with: document, options: [.fragmentsAllowed])
        var problems: [String] = []
        try check(value, against: root, at: "", schemaPath: "#", problems: &problems)
        return problems
    }

    private func check(_ value: Any, against schema: [String: Any], at pointer: String, schemaPath: String, problems: inout [String]) throws {
        for key in schema.keys where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
            throw SchemaError(description: "\(schemaPath): unsupported keyword `\(key)`")
        }
        let here = pointer.isEmpty ? "/" : pointer
        if let reference = schema["$ref"] as? String {
            try check(value, against: try resolve(reference, from: schemaPath), at: pointer, schemaPath: reference, problems: &problems)
        }
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            if !allowed.contains(where: { Self.matches(value, type: $0) }) {
                problems.append("\(here): expected \(allowed.joined(separator: " or ")), got \(Self.describe(value))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            problems.append("\(here): \(Self.describe(value)) is not one of \(options.map(Self.describe).joined(separator: ", "))")
        }
        if let number = Self.number(value) {
            if let minimum = schema["minimum"].flatMap(Self.number), number < minimum {
                problems.append("\(here): \(number) is below the minimum \(minimum)")
            }
            if let maximum = schema["maximum"].flatMap(Self.number), number > maximum {
                problems.append("\(here): \(number) is above the maximum \(maximum)")
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in (schema["required"] as? [String] ?? []) where object[name] == nil {
                problems.append("\(here): required property `\(name)` is missing")
            }
            for name in object.keys.sorted() {
                let child = pointer + "/" + Self.escape(name)
                if let propertySchema = properties[name] as? [String: Any] {
                    try check(object[name]!, against: propertySchema, at: child, schemaPath: schemaPath + "/properties/" + name, problems: &problems)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool, !Self.isNumber(additional) {
                        if !allowed { problems.append("\(here): property `\(name)` is not allowed by the schema") }
                    } else if let additionalSchema = additional as? [String: Any] {
                        try check(object[name]!, against: additionalSchema, at: child, schemaPath: schemaPath + "/additionalProperties", problems: &problems)
                    }
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() {
                try check(item, against: items, at: pointer + "/\(index)", schemaPath: schemaPath + "/items", problems: &problems)
            }
        }
    }

    private func resolve(_ reference: String, from schemaPath: String) throws -> [String: Any] {
        let prefix = "#/$defs/"
        guard reference.hasPrefix(prefix), let definitions = root["$defs"] as? [String: Any],
              let target = definitions[String(reference.dropFirst(prefix.count))] as? [String: Any] else {
            throw SchemaError(description: "\(schemaPath): cannot resolve $ref `\(reference)` (only #/$defs/NAME is supported)")
        }
        return target
    }

    // MARK: JSON values as JSONSerialization returns them

    static func isBoolean(_ value: Any) -> Bool { ParsedJSON.isBoolean(value) }
    static func isNumber(_ value: Any) -> Bool { ParsedJSON.isNumber(value) }

    static func number(_ value: Any) -> Double? {
        isNumber(value) ? (value as? NSNumber)?.doubleValue : nil
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBoolean(value)
        case "number": return isNumber(value)
        case "integer": return number(value).map { $0.rounded() == $0 } ?? false
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? String, let y = b as? String { return x == y }
        if isBoolean(a) || isBoolean(b) { return isBoolean(a) && isBoolean(b) && (a as? Bool) == (b as? Bool) }
        if let x = number(a), let y = number(b) { return x == y }
        return a is NSNull && b is NSNull
    }

    static func describe(_ value: Any) -> String { ParsedJSON.describe(value) }

    /// JSON-pointer escaping of one key (RFC 6901).
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

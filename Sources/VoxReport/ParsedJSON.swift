import Foundation

/// Questions about values as `JSONSerialization` returns them, asked by the trend-file decoder
/// (and the tests' schema validator) to name what they found in an error.
enum ParsedJSON {
    /// JSON `true`/`false`. (`is Bool` cannot tell: on Linux the numbers 0 and 1 pass it too.)
    static func isBoolean(_ value: Any) -> Bool {
        type(of: value) == type(of: NSNumber(value: true))
    }

    /// A JSON number (not a boolean).
    static func isNumber(_ value: Any) -> Bool {
        value is NSNumber && !isBoolean(value)
    }

    /// A value as a person would write it in JSON: `"text"`, `12`, `true`, `null`, `an array`.
    static func describe(_ value: Any) -> String {
        if isBoolean(value) { return (value as? Bool) == true ? "true" : "false" }
        switch value {
        case is NSNull: return "null"
        case let string as String: return "\"\(string)\""
        case let number as NSNumber: return number.stringValue
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "\(value)"
        }
    }
}

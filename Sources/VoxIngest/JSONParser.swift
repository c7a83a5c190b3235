/// A recursive-descent JSON parser over one record's UTF-8 bytes (a JSON Lines line, or one
/// element of a streamed array, already framed by `JSONFramer`). It keeps byte offsets and lines
/// for errors and refuses nesting deeper than a limit, so hostile input cannot overflow the stack.
///
/// Strings without escapes become `String`s straight from the bytes; only escaped strings go
/// through a scratch buffer. Invalid UTF-8 inside strings becomes U+FFFD; `nonASCII` tells the
/// reader whether it must look for it (`on_invalid_text`).
struct JSONParser {
    struct Failure: Error {
        var message: String
        /// Offset into `bytes`.
        var offset: Int
        /// Line breaks passed before the failure, plus one.
        var line: Int
        var tooDeep = false
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let maxDepth: Int
    var index: Int
    var line = 1
    /// The OR of every byte inside strings: ≥ 0x80 when any string holds non-ASCII bytes.
    private(set) var nonASCII: UInt8 = 0
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, end: Int? = nil, maxDepth: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end ?? bytes.count
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
            default: return
            }
        }
    }

    var atEnd: Bool { index >= end }
    var current: UInt8? { index < end ? bytes[index] : nil }

    func fail(_ message: String, tooDeep: Bool = false) -> Failure {
        Failure(message: message, offset: index, line: line, tooDeep: tooDeep)
    }

    mutating func parseValue(depth: Int = 0) throws(Failure) -> FieldValue {
        skipWhitespace()
        guard let byte = current else { throw fail("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < maxDepth else { throw fail("nesting deeper than max_depth (\(maxDepth) levels)", tooDeep: true) }
            index += 1
            // Records are objects of a handful of keys: one allocation instead of growing 1→2→4→8.
            var members = [String: FieldValue](minimumCapacity: 8)
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                let key = try parseString()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw fail("expected ':' after key") }
                index += 1
                members[key] = try parseValue(depth: depth + 1)
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                } else if current == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                } else {
                    throw fail("expected ',' or '}' in object")
                }
            }
        case UInt8(ascii: "["):
            guard depth < maxDepth else { throw fail("nesting deeper than max_depth (\(maxDepth) levels)", tooDeep: true) }
            index += 1
            var items: [FieldValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                } else if current == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                } else {
                    throw fail("expected ',' or ']' in array")
                }
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw fail("unexpected character '\(Self.describe(byte))'")
        }
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "\\u{\(String(byte, radix: 16))}"
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { throw fail("invalid literal, expected `\(word)`") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw fail("invalid literal, expected `\(word)`")
        }
        index += count
    }

    private mutating func parseNumber() throws(Failure) -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while let byte = current, (48...57).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
            if (48...57).contains(byte) { digits += 1 }
            index += 1
        }
        guard digits > 0 else { throw fail("invalid number") }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    static let quoteWord = CSVScanner.broadcast(UInt8(ascii: "\""))
    static let backslashWord = CSVScanner.broadcast(UInt8(ascii: "\\"))

    mutating func parseString() throws(Failure) -> String {
        index += 1 // opening quote
        let start = index
        var high: UInt8 = 0
        // Fast path: no escapes, the string is the bytes between the quotes. Plain stretches are
        // skipped eight bytes at a time (no quote, no backslash, no control byte in the word).
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            var highWord: UInt64 = 0
            while index + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if CSVScanner.contains(word, Self.quoteWord) || CSVScanner.contains(word, Self.backslashWord)
                    || (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                highWord |= word
                index += 8
            }
            if highWord & 0x8080_8080_8080_8080 != 0 { high = 0x80 }
        }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                nonASCII |= high
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in string (line breaks must be written \\n)") }
            high |= byte
            index += 1
        }
        nonASCII |= high
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard let byte = current else { throw fail("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = current else { throw fail("unterminated string") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scratch.append(0x22)
                case UInt8(ascii: "\\"): scratch.append(0x5C)
                case UInt8(ascii: "/"): scratch.append(0x2F)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), current == UInt8(ascii: "\\"), index + 1 < end,
                       bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scratch.append(contentsOf: [0xEF, 0xBF, 0xBD])
                            scalar = low
                        }
                    }
                    // A lone surrogate is not a scalar: U+FFFD stands in for it.
                    scratch.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
                default:
                    throw fail("invalid escape '\\\(Self.describe(escape))'")
                }
            case 0x00..<0x20:
                throw fail("control character in string (line breaks must be written \\n)")
            default:
                nonASCII |= byte
                scratch.append(byte)
                index += 1
            }
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= end else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw fail("invalid \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}

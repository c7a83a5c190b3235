/// Finds where one JSON value ends without parsing it: brackets are counted (not recursed
/// into), strings and their escapes are stepped over. It is resumable, so a value can be framed
/// across several reads of the window, and it keeps no bytes itself, so a value can be skipped
/// (a `records:` sibling, a record over `max_record_bytes`) in constant memory.
struct JSONFramer {
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var started = false
    private var scalar = false
    /// Line breaks inside the value so far.
    private(set) var lines = 0
    /// OR of the bytes inside strings, to know whether UTF-8 must be validated.
    private(set) var nonASCII: UInt8 = 0

    /// Advances over `p[from..<end]`, which continues the value. Returns the index just after the
    /// value when it ends in this range, else nil (feed the next bytes).
    mutating func advance(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        var i = from
        if !started, i < end {
            started = true
            switch p[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth = 1
            case UInt8(ascii: "\""): inString = true
            default: scalar = true
            }
            i += 1
        }
        if scalar {
            while i < end {
                switch p[i] {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: return i
                default: i += 1
                }
            }
            return nil
        }
        while i < end {
            let byte = p[i]
            i += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return i }
                } else {
                    nonASCII |= byte
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return i }
            case 0x0A: lines += 1
            default: break
            }
        }
        return nil
    }

    /// True when the input may end here (a number or literal at the end of the file).
    var canEndAtEndOfFile: Bool { scalar }
}
